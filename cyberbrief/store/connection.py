"""SQLite connections and write transactions shared by every writer of the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from cyberbrief.store.health import check_connection


def connect(path: Path | str) -> sqlite_utils.Database:
    """A connection tuned for one writer and many readers across processes."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=10, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    db.conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        db.conn.execute("PRAGMA journal_mode = WAL")
        db.conn.execute("PRAGMA synchronous = NORMAL")
    return db


@contextmanager
def write_lock(db: sqlite_utils.Database) -> Iterator[None]:
    """Take SQLite's write lock up front, so check-then-write sections cannot race.

    Writes nested inside (``db.atomic()``) become savepoints of this transaction.
    """
    check_connection(db.conn)  # the file may have been deleted under us
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """A write transaction: the outermost takes the write lock, nested ones are savepoints."""
    if db.conn.in_transaction:
        with db.atomic():
            yield
    else:
        with write_lock(db):
            yield
