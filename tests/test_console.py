"""The local console and `bot.py ask`, run as a user runs them: a process, stdin, stdout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import mini_store

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    db = Path(tmp_path_factory.mktemp("console")) / "k.db"
    mini_store(db).close()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    return {**clean, "CYBERBRIEF_DB": str(db), "SLACK_API_URL": "http://127.0.0.1:9/api/"}


def run(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "bot.py", *args],
        cwd=PROJECT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_tokens_the_bot_is_a_local_console(env: dict[str, str]) -> None:
    done = run([], env, "/cyber who is ICSPA\n/cyber quote Hague\n/weather London\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "console" in out.lower() and "SLACK_BOT_TOKEN" in out, "says why it is a console"
    assert "International Cyber Security Protection Alliance (ICSPA)" in out
    assert "generations to come" in out, "quote Hague answered"
    assert "Only /cyber is handled here" in out
    assert "*" not in out.split("ICSPA", 1)[1].splitlines()[0], "no mrkdwn markup in text"
    assert "Traceback" not in done.stderr


def test_console_buttons_become_text_and_nonsense_is_honest(env: dict[str, str]) -> None:
    done = run([], env, "/cyber who is Batman\n/cyber\n")
    assert "No answer found" in done.stdout
    assert "/cyber who is ICSPA" in done.stdout, "an empty command shows help"


def test_ask_answers_with_its_source_and_exit_0(env: dict[str, str]) -> None:
    done = run(["ask", "who", "is", "the", "ICSPA?"], env)
    assert done.returncode == 0
    assert "International Cyber Security Protection Alliance" in done.stdout
    assert "BBC News" in done.stdout, "the answer cites its source"


def test_ask_with_no_match_exits_1_and_still_suggests(env: dict[str, str]) -> None:
    done = run(["ask", "who is Darth Vader"], env)
    assert done.returncode == 1
    assert "No answer found" in done.stdout
    done = run(["ask", "internatonal telecom"], env)
    assert done.returncode in (0, 1)
    assert "International Telecommunication Union" in done.stdout


def test_ask_without_a_question_is_a_usage_error(env: dict[str, str]) -> None:
    done = run(["ask"], env)
    assert done.returncode == 2
    assert "usage" in done.stderr.lower()
    assert "Traceback" not in done.stderr


def test_a_fresh_machine_gets_the_bundled_pack(tmp_path: Path, env: dict[str, str]) -> None:
    fresh = {**env, "CYBERBRIEF_DB": str(tmp_path / "new" / "cyberbrief.db")}
    done = run(["ask", "who is ICSPA"], fresh)
    assert done.returncode == 0, done.stderr
    assert "International Cyber Security Protection Alliance" in done.stdout
