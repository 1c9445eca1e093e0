"""Small shared helpers for tests that build stores from the test pack."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlite_utils

from cyberbrief.knowledge.seed import open_store

TEST_PACK = Path(__file__).parent / "data"


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
