"""Start-up checks: `serve` checks the bot token with Slack (auth.test) and that the signing
secret is set before it listens; a missing CYBERBRIEF_DB folder stops every command with exit 2
(a new store is made only in an existing folder), and the first start says it made one."""

from __future__ import annotations

import os
from pathlib import Path

from tests.fake_slack import FakeSlack
from tests.helpers import cli_env, run_cli, run_process
from tests.slack_requests import SECRET


def serve_env(db: Path, slack: FakeSlack, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CYBERBRIEF_"))}
    return {
        **env,
        "CYBERBRIEF_DB": str(db),
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_BOT_TOKEN": "xoxb-revoked",
        "SLACK_API_URL": slack.api_url,
        **extra,
    }


def test_serve_with_a_refused_bot_token_stops_before_listening(
    tmp_path: Path, slack: FakeSlack
) -> None:
    slack.on("auth.test", lambda body: {"ok": False, "error": "token_revoked"})
    db = tmp_path / "new.db"
    done = run_process(["serve", "--host", "127.0.0.1", "--port", "0"], serve_env(db, slack))
    assert done.returncode == 2, done.stderr
    assert "listening on" not in done.stdout, "it never listened"
    assert done.stderr.strip().splitlines()[-1] == (
        "error: SLACK_BOT_TOKEN was refused by Slack (token_revoked): set it to the Bot User "
        "OAuth Token (xoxb-...) on your app's Install App page (reinstall the app if it was "
        "revoked)"
    )
    assert "Traceback" not in done.stderr
    assert [c.method for c in slack.calls] == ["auth.test"], "checked with Slack, once"
    assert not db.exists(), "checked before the store was opened (or created)"


def test_serve_without_the_signing_secret_stops_before_asking_slack(
    db_path: Path, slack: FakeSlack
) -> None:
    env = serve_env(db_path, slack)
    del env["SLACK_SIGNING_SECRET"]
    done = run_cli(["serve", "--port", "0"], env)
    assert done.returncode == 2
    assert done.stderr.startswith("cyberbrief serve needs SLACK_SIGNING_SECRET")
    assert slack.calls == []


def test_a_missing_database_folder_stops_with_exit_2_and_makes_nothing(tmp_path: Path) -> None:
    typo = tmp_path / "nope" / "deeper" / "cb.db"
    for args in (["ask", "who is ICSPA"], [], ["history"]):
        done = run_cli(args, cli_env(typo), "who is ICSPA\n")
        assert done.returncode == 2
        assert done.stderr == (
            f"error: CYBERBRIEF_DB is in a folder that does not exist ({typo.parent}); check "
            f"the path, or create the folder first (mkdir -p {typo.parent})\n"
        )
        assert done.stdout == ""
    assert list(tmp_path.iterdir()) == [], "no folder and no store were made"


def test_the_first_start_says_it_created_a_store_with_the_starter_pack(tmp_path: Path) -> None:
    db = tmp_path / "cb.db"
    first = run_cli(["ask", "who is ICSPA"], cli_env(db))
    assert first.returncode == 0, first.stderr
    assert first.stderr == f"cyberbrief: created a new store at {db} with the starter pack\n"
    again = run_cli(["ask", "who is ICSPA"], cli_env(db))
    assert again.returncode == 0 and again.stderr == "", "said once, at the first start"


def test_the_console_says_so_too(tmp_path: Path) -> None:
    db = tmp_path / "cb.db"
    done = run_cli([], cli_env(db), "who is ICSPA\n")
    assert done.returncode == 0
    assert f"created a new store at {db} with the starter pack" in done.stderr
