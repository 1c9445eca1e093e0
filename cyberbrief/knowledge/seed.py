"""Opening the knowledge store: one SQLite file, migrated and seeded on first use.

Every entry point (Slack, console, CLI, tests) opens the store through :func:`open_store`, so
a fresh machine gets a working database with the bundled pack without any set-up step.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlite_utils

from cyberbrief.knowledge.loader import iter_pack_files, load_records, read_files
from cyberbrief.store.connection import connect, write_lock
from cyberbrief.store.health import check_openable
from cyberbrief.store.journal import Clock
from cyberbrief.store.migrations import migrate

PROJECT_DIR = Path(__file__).resolve().parents[2]
"""The checkout: ``bot.py`` lives here (the default database is in ``cyberbrief.settings``)."""
PACK_DIR = Path(__file__).resolve().parent / "pack"
PACK_ACTOR = "cyberbrief"
PACK_ORIGIN = "bundled knowledge pack"


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def open_store(
    path: Path | str, *, seed: bool = True, pack_dir: Path = PACK_DIR, clock: Clock = _utc_now
) -> sqlite_utils.Database:
    """Open (creating if need be) the store, migrate it, and load the pack into an empty one.

    Seeding happens once per database: a store that has ever had a change is left as it is,
    even if an admin has since undone everything.
    """
    check_openable(path)
    db = connect(path)
    migrate(db)
    if seed and not _has_history(db):
        with write_lock(db):
            if not _has_history(db):
                load_records(
                    db,
                    read_files(iter_pack_files(pack_dir)),
                    actor=PACK_ACTOR,
                    origin=PACK_ORIGIN,
                    clock=clock,
                )
    return db


def _has_history(db: sqlite_utils.Database) -> bool:
    return db.conn.execute("SELECT 1 FROM changes LIMIT 1").fetchone() is not None
