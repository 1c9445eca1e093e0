"""The local console and `bot.py ask`, as a user runs them: stdin in, stdout out.

The command line runs in-process (click's runner, stdin not a terminal); two tests run it as
installed, in its own process: `bot.py ask` and `make run`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cyberbrief.knowledge.loader import load_records, parse_text
from tests.helpers import PROJECT, FakeClock, Ran, mini_store, run_cli, run_process

SOURCE = "BBC News, “London hosts cyberspace security conference”, 2011-11-01"
SOURCE_URL = "https://www.bbc.co.uk/news/uk-politics-15533786"

EXTRA = b"""
facts:
  - text: "R&D spending <2%> is 5 * 3 * 2 times what <!channel> expects"
    about: [ICSPA]
    source: bbc
quotes:
""" + b"\n".join(
    f"  - {{text: 'Extra line {i} from Hague', speaker: William Hague, source: bbc}}".encode()
    for i in range(8)
)


def _env(db: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CYBERBRIEF_"))}
    # Nothing here may reach Slack: a closed local port instead of slack.com.
    return {**clean, "CYBERBRIEF_DB": str(db), "SLACK_API_URL": "http://127.0.0.1:9/api/"}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    db = Path(tmp_path_factory.mktemp("console")) / "k.db"
    mini_store(db).close()
    return _env(db)


@pytest.fixture(scope="module")
def rich_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The mini pack plus a fact full of mrkdwn syntax and more Hague quotes than a card shows."""
    db = Path(tmp_path_factory.mktemp("console-rich")) / "k.db"
    clock = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
    store = mini_store(db, clock)
    load_records(store, parse_text("extra.yaml", EXTRA), actor="t", origin="t", clock=clock)
    store.close()
    return _env(db)


def run(args: list[str], env: dict[str, str], stdin: str = "") -> Ran:
    """``bot.py ARGS`` in-process."""
    return run_cli(args, env, stdin)


def replies(stdout: str) -> list[str]:
    """The console's output split into the banner and one reply per command."""
    return [part.strip() for part in stdout.split("\n\n") if part.strip()]


# -- the console ---------------------------------------------------------------------------


def test_without_tokens_the_bot_is_a_local_console(env: dict[str, str]) -> None:
    done = run([], env, "/cyber who is ICSPA\n/cyber quote Hague\n/weather London\n")
    assert done.returncode == 0, done.stderr
    banner, icspa, hague, weather = replies(done.stdout)
    assert "local console" in banner
    assert "SLACK_BOT_TOKEN and SLACK_APP_TOKEN are not set" in banner, "says why"
    assert icspa.splitlines()[0] == "International Cyber Security Protection Alliance (ICSPA)"
    assert "law enforcement cyber crime units" in icspa
    assert f"Sources\n  [1] {SOURCE} ({SOURCE_URL})" in icspa, "cites its source, link as text"
    assert "generations to come" in hague and SOURCE in hague, "quote Hague answered"
    assert "Only /cyber is handled here, not /weather" in weather
    assert "Traceback" not in done.stderr and not done.stderr.strip(), done.stderr


def test_the_card_is_plain_text_without_slack_markup(rich_env: dict[str, str]) -> None:
    done = run([], rich_env, "/cyber who is ICSPA\n/cyber help\n")
    _, icspa, help_text = replies(done.stdout)
    assert "R&D spending <2%> is 5 * 3 * 2 times what <!channel> expects" in icspa, (
        "stored text shown exactly as typed"
    )
    assert "*Kind*" not in icspa and "Kind: Organisation" in icspa, "no bold markers"
    assert "&amp;" not in icspa and "&lt;" not in icspa and f"<{SOURCE_URL}|" not in icspa
    assert "/cyber quote Hague" in help_text and "`" not in help_text, "no code markers"
    assert "subscribe" in help_text, "help shows the whole grammar, not the first few lines"


def test_a_long_card_says_how_to_see_every_line(rich_env: dict[str, str]) -> None:
    done = run([], rich_env, "quote Hague\n")
    _, card = replies(done.stdout)
    assert "more" in card and "Extra line 7" not in card
    (hint,) = re.findall(r"\.venv/bin/cyberbrief ask (.+?) prints them all", card)
    full = run(["ask", *shlex.split(hint)], rich_env)
    assert full.returncode == 0
    assert all(f"Extra line {i} from Hague" in full.stdout for i in range(8))


def test_nonsense_is_honest_and_an_empty_command_gets_help(env: dict[str, str]) -> None:
    done = run([], env, "/cyber who is Batman\n/cyber\nquit\n/cyber who is ICSPA\n")
    assert done.returncode == 0
    _, batman, help_text = replies(done.stdout)
    assert batman.startswith("No answer found for “batman”")
    assert "[Share in channel]" not in batman, "nothing to share"
    assert "/cyber who is ICSPA" in help_text, "an empty command shows help"
    assert "Protection Alliance" not in done.stdout, "quit stops reading"


def test_with_only_one_token_the_console_names_the_missing_one(
    env: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    done = run([], {**env, "SLACK_BOT_TOKEN": "xoxb-test"}, "who is ICSPA\n")
    assert done.returncode == 0
    banner = replies(done.stdout)[0]
    assert "SLACK_APP_TOKEN is not set" in banner and "SLACK_BOT_TOKEN" not in banner
    assert "International Cyber Security Protection Alliance" in done.stdout
    assert not done.stderr.strip()
    assert not caplog.records, "no warnings about tokens being ignored"


def test_make_run_starts_the_console_as_installed(env: dict[str, str]) -> None:
    stamp = PROJECT / ".venv" / ".installed"
    if shutil.which("make") is None or not stamp.exists():
        pytest.skip("make run needs make and an installed .venv (make install)")
    if stamp.stat().st_mtime < (PROJECT / "pyproject.toml").stat().st_mtime:
        pytest.skip("make run would reinstall first: run make install")
    done = subprocess.run(
        ["make", "--no-print-directory", "run"],
        cwd=PROJECT,
        env=env,
        input="/cyber who is ICSPA\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "local console" in done.stdout
    assert "International Cyber Security Protection Alliance (ICSPA)" in done.stdout


# -- bot.py ask ----------------------------------------------------------------------------


def test_ask_answers_with_its_source_and_exit_0(env: dict[str, str]) -> None:
    done = run_process(["ask", "who", "is", "the", "ICSPA?"], env)
    assert done.returncode == 0
    assert done.stdout.startswith("International Cyber Security Protection Alliance (ICSPA)")
    assert SOURCE in done.stdout, "the answer cites its source"


def test_ask_with_several_matches_lists_them_and_exits_0(env: dict[str, str]) -> None:
    done = run(["ask", "London"], env)
    assert done.returncode == 0
    assert "London Conference on Cyberspace" in done.stdout and "London Agenda" in done.stdout


def test_ask_with_no_match_exits_1_and_still_suggests(env: dict[str, str]) -> None:
    done = run(["ask", "who is Hagueman"], env)
    assert done.returncode == 1
    assert "No answer found" in done.stdout
    assert "Did you mean" in done.stdout and "William Hague" in done.stdout
    done = run(["ask", "who is Darth Vader"], env)
    assert done.returncode == 1
    assert "No answer found" in done.stdout and "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [["ask"], ["ask", "   "]])
def test_ask_without_a_question_is_a_usage_error(env: dict[str, str], args: list[str]) -> None:
    done = run(args, env)
    assert done.returncode == 2
    assert "usage" in done.stderr.lower() and "ask" in done.stderr
    assert not done.stdout and "Traceback" not in done.stderr


def test_a_fresh_machine_gets_the_bundled_pack(tmp_path: Path, env: dict[str, str]) -> None:
    fresh = {**env, "CYBERBRIEF_DB": str(tmp_path / "cyberbrief.db")}
    done = run(["ask", "who is ICSPA"], fresh)
    assert done.returncode == 0, done.stderr
    assert "International Cyber Security Protection Alliance" in done.stdout


# Interrupts the process itself while `cyberbrief.cli` is importing click: Ctrl+C pressed
# during start-up, at a moment the test chooses rather than one a timer guesses.
INTERRUPT_WHILE_IMPORTING = """
import builtins, os, runpy, signal, sys
real_import = builtins.__import__
def interrupting(name, *args, **kwargs):
    if name == "click":
        builtins.__import__ = real_import
        os.kill(os.getpid(), signal.SIGINT)
    return real_import(name, *args, **kwargs)
builtins.__import__ = interrupting
sys.argv = [sys.argv[1]]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@pytest.mark.parametrize("entry", ["bot.py", "cyberbrief/__main__.py"])
def test_ctrl_c_while_starting_exits_quietly(env: dict[str, str], entry: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPT_WHILE_IMPORTING, entry],
        cwd=PROJECT,
        env=env,
        input="",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr


def test_a_list_of_events_reads_as_a_table_in_the_console(env: dict[str, str]) -> None:
    done = run([], env, "/cyber events\n")
    _, events = replies(done.stdout)
    assert "Group | Name | When, where, what | Sources" in events
    assert "Upcoming | Future Cyber Summit | is planned for 1 May 2030, Geneva | [1]" in events
