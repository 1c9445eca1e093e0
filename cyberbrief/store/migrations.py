"""The store's schema, as an ordered list of migrations keyed by ``PRAGMA user_version``.

Each migration runs once, in order, inside one transaction, so an old database is brought up
to date on open without losing data, and later features add tables by appending a migration.
The scripts themselves live in ``ddl_tables`` (tables) and ``ddl_search`` (full-text index
and meaning vectors).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import sqlite_utils

from cyberbrief.store.ddl_search import V5_SEARCH, V7_SEARCH_SPEAKERS, V8_VECTORS
from cyberbrief.store.ddl_tables import (
    V1_KNOWLEDGE,
    V2_DIGESTS,
    V3_PROVENANCE,
    V4_FEEDS,
    V6_SHARED,
    V9_TOPICS,
    V10_ROLE_HISTORY,
    V11_ANSWER_LOG,
    V12_CALENDAR_STEP,
)

ENTITY_TABLES: dict[str, str] = {
    "organisation": "organisations",
    "person": "people",
    "event": "events",
    "initiative": "initiatives",
}
"""Kinds that have a name (and so aliases), mapped to their table."""


MIGRATIONS: list[str] = [
    V1_KNOWLEDGE,
    V2_DIGESTS,
    V3_PROVENANCE,
    V4_FEEDS,
    V5_SEARCH,
    V6_SHARED,
    V7_SEARCH_SPEAKERS,
    V8_VECTORS,
    V9_TOPICS,
    V10_ROLE_HISTORY,
    V11_ANSWER_LOG,
    V12_CALENDAR_STEP,
]
"""Append only: migration N (1-based) brings a database to ``user_version`` N."""

SCHEMA_VERSION = len(MIGRATIONS)


def _statements(script: str) -> Iterator[str]:
    """Split a script into complete statements (triggers included) for one-by-one execution.

    ``executescript`` would commit first, which would break the one-transaction guarantee.
    """
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip() and not buffer.strip().startswith("--"):
        raise ValueError(f"incomplete SQL statement in migration: {buffer.strip()[:60]}")


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every migration the database has not seen, all in one transaction.

    Returns the number of migrations applied. A database newer than this code is refused
    rather than silently misread.
    """
    current = int(db.execute("PRAGMA user_version").fetchone()[0])
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema version {current} is newer than this cyberbrief "
            f"({SCHEMA_VERSION}); upgrade cyberbrief"
        )
    # Rebuilding a table (drop and rename, as SQLite documents for schema changes) needs
    # foreign keys off outside the transaction; each migration is checked before it commits.
    enforcing = bool(db.conn.execute("PRAGMA foreign_keys").fetchone()[0])
    if current < SCHEMA_VERSION and enforcing:
        db.conn.execute("PRAGMA foreign_keys = OFF")
    try:
        # All pending migrations are one transaction: an upgrade that fails at any step
        # leaves the file exactly as the previous release left it.
        with db.atomic():
            for version in range(current + 1, SCHEMA_VERSION + 1):
                before = len(db.conn.execute("PRAGMA foreign_key_check").fetchall())
                for statement in _statements(MIGRATIONS[version - 1]):
                    db.conn.execute(statement)
                broken = db.conn.execute("PRAGMA foreign_key_check").fetchall()
                if len(broken) > before:
                    raise RuntimeError(f"migration {version} broke foreign keys: {broken[:3]}")
                db.conn.execute(f"PRAGMA user_version = {version}")
    finally:
        if enforcing:
            db.conn.execute("PRAGMA foreign_keys = ON")
    return SCHEMA_VERSION - current
