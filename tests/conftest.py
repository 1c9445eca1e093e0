"""Fixtures shared by the test files: a store, a clock, a fake Slack, the command line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlite_utils

from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock, Ran, cli_env, mini_store, run_cli

NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> FakeClock:
    """A clock at 09:00 UTC on 24 November 2026 that tests move by hand."""
    return FakeClock(NOW)


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    """Slack's Web API on 127.0.0.1, recording every call."""
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A store file seeded from the test pack (closed: open it as the code under test does)."""
    path = tmp_path / "k.db"
    mini_store(path).close()
    return path


@pytest.fixture
def db(tmp_path: Path, clock: FakeClock) -> sqlite_utils.Database:
    """An open store seeded from the test pack, on the test clock."""
    return mini_store(tmp_path / "k.db", clock)


@pytest.fixture
def cli(db_path: Path) -> Callable[..., Ran]:
    """``cli("ask", "who is ICSPA", stdin="")``: bot.py in-process on the ``db_path`` store."""

    def run(*args: str, stdin: str = "", **env: str) -> Ran:
        return run_cli(args, cli_env(db_path, **env), stdin)

    return run
