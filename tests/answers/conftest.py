"""The answerer every question table and answer test asks: the full knowledge pack in a real
SQLite file, one per test module, on a fixed day (so "current" and "upcoming" hold still)."""

from __future__ import annotations

import datetime as dt

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.knowledge.seed import open_store

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """An answerer over the seeded pack, in its own temporary directory."""
    db = open_store(tmp_path_factory.mktemp("answers") / "k.db")
    return Answerer(db, today=lambda: TODAY)
