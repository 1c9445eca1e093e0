"""The environment, read and checked once when ``bot.py`` starts: a bad value stops any command
with one line naming the variable (exit 2, nothing opened); good values reach the code that
uses them; the README's table lists exactly the variables cyberbrief reads."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from cyberbrief.settings import DEFAULT_API_URL, DEFAULT_DB, Settings, SettingsError
from tests.helpers import Ran, cli_env, run_cli

README = Path(__file__).resolve().parents[1] / "README.md"


def ask(env: dict[str, str]) -> Ran:
    return run_cli(["ask", "who is ICSPA"], env)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "CYBERBRIEF_HTTP_THREADS",
            "lots",
            "CYBERBRIEF_HTTP_THREADS must be a whole number from 1 to 512, not 'lots'",
        ),
        (
            "CYBERBRIEF_HTTP_TIMEOUT",
            "0",
            "CYBERBRIEF_HTTP_TIMEOUT must be a whole number from 1 to 3600, not '0'",
        ),
        ("PORT", "70000", "PORT must be a whole number from 0 to 65535, not '70000'"),
        (
            "CYBERBRIEF_DIGEST_GRACE_MINUTES",
            "soon",
            "CYBERBRIEF_DIGEST_GRACE_MINUTES must be a whole number of minutes, not 'soon'",
        ),
        (
            "CYBERBRIEF_DIGEST_GRACE_MINUTES",
            "1440",
            "CYBERBRIEF_DIGEST_GRACE_MINUTES must be between 0 and 1439 minutes, not 1440",
        ),
        (
            "CYBERBRIEF_ADMINS",
            "U0ADMIN, @alice",
            "CYBERBRIEF_ADMINS must be comma-separated Slack user IDs (such as U0123ABCD), "
            "not '@alice'",
        ),
        (
            "CYBERBRIEF_TRUST_WORKSPACE_ADMINS",
            "yes",
            "CYBERBRIEF_TRUST_WORKSPACE_ADMINS must be 1 (on) or 0 (off), not 'yes'",
        ),
        (
            "CYBERBRIEF_LOG_LEVEL",
            "chatty",
            "CYBERBRIEF_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, "
            "not 'chatty'",
        ),
        (
            "CYBERBRIEF_FETCH_TRUSTED_HOSTS",
            "intranet, https://feeds.intranet/rss",
            "CYBERBRIEF_FETCH_TRUSTED_HOSTS entries must be host or host:port "
            "(such as intranet.example:8080), not 'https://feeds.intranet/rss'",
        ),
        (
            "CYBERBRIEF_FETCH_TRUSTED_HOSTS",
            "intranet:http",
            "CYBERBRIEF_FETCH_TRUSTED_HOSTS entries must be host or host:port "
            "(such as intranet.example:8080), not 'intranet:http'",
        ),
        (
            "SLACK_API_URL",
            "slack.com/api",
            "SLACK_API_URL must be an http(s) URL such as https://slack.com/api/, "
            "not 'slack.com/api'",
        ),
    ],
)
def test_a_bad_value_stops_any_command_with_one_line_naming_it(
    tmp_path: Path, name: str, value: str, message: str
) -> None:
    db = tmp_path / "k.db"
    ran = ask(cli_env(db, **{name: value}))
    assert ran.returncode == 2
    assert ran.stderr == f"error: {message}\n"
    assert ran.stdout == ""
    assert not db.exists(), "nothing was opened or created"


def test_a_folder_as_the_database_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    ran = ask(cli_env(tmp_path))
    assert ran.returncode == 2
    assert ran.stderr == (
        f"error: CYBERBRIEF_DB is a folder ({tmp_path}); name a database file, "
        f"such as {tmp_path / 'k.db'}\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_database_inside_a_file_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a folder")
    ran = ask(cli_env(notes / "data" / "k.db"))
    assert ran.returncode == 2
    assert ran.stderr == (
        f"error: CYBERBRIEF_DB is inside {notes}, which is a file, not a folder\n"
    )
    assert notes.read_text() == "not a folder"


def test_a_token_of_the_wrong_type_is_named_without_showing_the_secret(tmp_path: Path) -> None:
    secret = "xapp-1-A0SECRETSECRET"
    ran = run_cli(["digest"], cli_env(tmp_path / "k.db", SLACK_BOT_TOKEN=secret))
    assert ran.returncode == 2
    assert ran.stderr == (
        "error: SLACK_BOT_TOKEN must be the Bot User OAuth Token (xoxb-...), "
        "not one starting 'xapp-'\n"
    )
    assert "SECRET" not in ran.stderr


def test_every_bad_variable_is_named_each_on_its_own_line(tmp_path: Path) -> None:
    ran = ask(cli_env(tmp_path / "k.db", CYBERBRIEF_HTTP_BACKLOG="-1", SLACK_APP_TOKEN="xoxb-1"))
    assert ran.returncode == 2
    lines = ran.stderr.splitlines()
    assert [line.split()[1] for line in lines] == ["SLACK_APP_TOKEN", "CYBERBRIEF_HTTP_BACKLOG"]
    assert all(line.startswith("error: ") for line in lines)
    assert "Traceback" not in ran.stderr


def test_serve_names_a_bad_setting_before_the_missing_tokens(tmp_path: Path) -> None:
    """``serve`` without tokens says what they are; a bad value is still reported first."""
    env = cli_env(tmp_path / "k.db", CYBERBRIEF_HTTP_MAX_BODY="12")
    ran = run_cli(["serve", "--port", "0"], env)
    assert ran.returncode == 2
    assert ran.stderr.startswith("error: CYBERBRIEF_HTTP_MAX_BODY must be a whole number")
    del env["CYBERBRIEF_HTTP_MAX_BODY"]
    ran = run_cli(["serve", "--port", "0"], env)
    assert ran.returncode == 2
    assert ran.stderr.startswith("cyberbrief serve needs SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN")


def test_an_empty_variable_means_its_default(db_path: Path) -> None:
    env = cli_env(db_path, CYBERBRIEF_HTTP_THREADS="", CYBERBRIEF_LOG_LEVEL=" ", PORT="")
    ran = ask(env)
    assert ran.returncode == 0, ran.stderr
    assert "ICSPA" in ran.stdout
    assert db_path.exists(), "the store is made in the HOME given, not the real one"


def test_the_database_path_may_start_with_a_tilde(db_path: Path) -> None:
    env = cli_env(db_path, HOME=str(db_path.parent))
    env["CYBERBRIEF_DB"] = "~/" + db_path.name
    ran = ask(env)
    assert ran.returncode == 0, ran.stderr
    assert "ICSPA" in ran.stdout


def test_without_a_user_name_a_change_is_recorded_as_the_command_line(
    cli: Callable[..., Ran], tmp_path: Path
) -> None:
    events = tmp_path / "events.csv"
    events.write_text("name,starts,location\nOslo Cyber Forum,2027-06-01,Oslo\n")
    assert cli("load", str(events), USER="").returncode == 0
    assert "  command line  load " in cli("history", "--limit", "1").stdout


def test_values_are_parsed_into_what_the_code_uses() -> None:
    settings = Settings.from_environ(
        {
            "CYBERBRIEF_DIGEST_GRACE_MINUTES": "45",
            "CYBERBRIEF_ADMINS": " U0ADMIN ,W0GRID,,",
            "CYBERBRIEF_TRUST_WORKSPACE_ADMINS": "1",
            "CYBERBRIEF_FETCH_TRUSTED_HOSTS": "Intranet.Example:8080, feeds",
            "CYBERBRIEF_LOG_LEVEL": "info",
            "SLACK_API_URL": "http://127.0.0.1:9/api",
            "CYBERBRIEF_HTTP_MAX_BODY": "2048",
        }
    )
    assert settings.digest_grace == dt.timedelta(minutes=45)
    assert settings.admins == {"U0ADMIN", "W0GRID"}
    assert settings.trust_workspace_admins is True
    assert settings.log_level == "INFO"
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"  # Slack's methods join onto it
    assert settings.http_max_body == 2048
    policy = settings.fetch_policy(operator=False)
    assert policy.trusts("intranet.example", 8080) and policy.trusts("feeds", 443)
    assert not policy.trusts("intranet.example", 80) and not policy.allow_private
    assert settings.fetch_policy(operator=True).allow_private


def test_the_defaults_are_the_documented_ones() -> None:
    settings = Settings.from_environ({})
    assert settings.db_path == DEFAULT_DB == Path(__file__).resolve().parents[1] / "cyberbrief.db"
    assert settings.slack_api_url == DEFAULT_API_URL
    assert settings.digest_grace == dt.timedelta(minutes=180)
    assert (settings.port, settings.http_threads, settings.http_max_body) == (3000, 16, 1 << 20)
    assert settings.unset("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN") == [
        "SLACK_BOT_TOKEN",
        "SLACK_APP_TOKEN",
    ]
    with pytest.raises(SettingsError, match=r"^CYBERBRIEF_HTTP_CONNECTIONS "):
        Settings.from_environ({"CYBERBRIEF_HTTP_CONNECTIONS": "0"})


def readme_table() -> dict[str, str]:
    """The README's Configuration table: each variable and its documented default."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^\| `([A-Z_]+)` \| ([^|]+) \|", section, flags=re.MULTILINE))


def test_the_readme_table_lists_every_variable_and_no_other() -> None:
    documented = readme_table()
    assert set(documented) == set(Settings.variables())
    assert all(Settings.variables().values()), "every setting has a description"


def test_the_readme_gives_each_number_its_real_default() -> None:
    documented = readme_table()
    defaults = Settings.from_environ({})
    for name, field in Settings.model_fields.items():
        value = getattr(defaults, name)
        if isinstance(value, int) and not isinstance(value, bool):
            assert documented[str(field.alias)].strip() == f"`{value}`", field.alias
    assert documented["CYBERBRIEF_DIGEST_GRACE_MINUTES"].strip() == "`180`"


def test_nothing_but_the_command_line_entry_reads_the_environment() -> None:
    """Settings are read once in ``cli.main``; a new variable belongs in ``Settings``."""
    package = Path(__file__).resolve().parents[1] / "cyberbrief"
    readers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if re.search(r"os\.environ|getenv\(", path.read_text(encoding="utf-8"))
    )
    assert readers == ["cli.py", "cli_context.py"]
