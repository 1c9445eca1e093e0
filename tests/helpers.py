"""Small shared helpers: stores from the test pack, a fake clock, the command line in-process."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from cyberbrief.knowledge.seed import open_store

TEST_PACK = Path(__file__).parent / "data"
PROJECT = Path(__file__).resolve().parents[1]
"""Where ``bot.py`` is: processes of the bot start here, as a user runs them."""


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


def mini_store(path: Path, clock: FakeClock | None = None) -> sqlite_utils.Database:
    """A store seeded from tests/data/mini_pack.yaml."""
    clock = clock or FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
    return open_store(path, pack_dir=TEST_PACK, clock=clock)


@dataclass
class Ran:
    """What a command-line run left: its exit code and what it printed."""

    returncode: int
    stdout: str
    stderr: str


def mini_store_env(tmp_path: Path) -> dict[str, str]:
    """An environment for ``bot.py`` over a fresh mini store in ``tmp_path`` (no Slack
    variables from the caller's environment)."""
    db = tmp_path / "k.db"
    mini_store(db).close()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    return {**clean, "CYBERBRIEF_DB": str(db)}


def run_cli(args: Sequence[str], env: Mapping[str, str], stdin: str = "") -> Ran:
    """``bot.py ARGS`` in this process (click's CliRunner streams: stdin is not a terminal),
    through the same ``main`` the script calls, with exactly ``env`` as its environment."""
    from click.testing import CliRunner

    from cyberbrief.cli import main

    with CliRunner().isolation(input=stdin) as (out, err, _):
        code = main(list(args), dict(env))
        sys.stdout.flush()
        sys.stderr.flush()
        return Ran(code, out.getvalue().decode(), err.getvalue().decode())


def run_process(
    args: Sequence[str], env: Mapping[str, str], stdin: str = "", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """``python bot.py ARGS`` in its own process, as installed, with exactly ``env`` as its
    environment and ``stdin`` as its input (none: it reads end of file at once)."""
    return subprocess.run(
        [sys.executable, "bot.py", *args],
        cwd=PROJECT,
        env=dict(env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def cli_env(db: Path, **extra: str) -> dict[str, str]:
    """The environment a user runs ``bot.py`` with: no Slack tokens, this store."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CYBERBRIEF_"))}
    env["CYBERBRIEF_DB"] = str(db)
    env.update(extra)
    return env


def stored(path: Path) -> list[str]:
    """Everything the database at ``path`` holds, as SQL: what "nothing changed" means to a user.

    Comparing the file's bytes instead is flaky in WAL mode: whether a closed connection's
    log was folded into the main file yet depends on which other connections are still open.
    """
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
