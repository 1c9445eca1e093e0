"""Backups and restores of the store with SQLite's online backup API.

A backup copies the database page by page in one step while holding a read snapshot, so it is
consistent even while the bot writes (WAL lets writers carry on meanwhile); the copy is
written beside its target and renamed into place only once checked, so a failed backup never
leaves half a file. The names index (``<database>.names-index``) is a cache rebuilt at start,
so it is left out. A restore refuses a backup that is not a cyberbrief database or was made
by a newer cyberbrief, keeps the store it replaces as ``<database>.before-restore``, and
brings an older backup's schema up to date.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cyberbrief.store.health import StoreUnavailable, explain
from cyberbrief.store.migrations import SCHEMA_VERSION


@dataclass(frozen=True)
class Copied:
    """What a backup or restore copied: the file, its schema version and its changes."""

    path: Path
    schema_version: int
    changes: int
    size: int


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)


def _describe(path: Path, conn: sqlite3.Connection) -> Copied:
    """Check ``conn`` is a sound cyberbrief database; what it holds."""
    try:
        status = conn.execute("PRAGMA quick_check").fetchone()[0]
        if status != "ok":
            raise StoreUnavailable(f"{path} is corrupt ({status}); use another backup")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        changes = int(conn.execute("SELECT count(*) FROM changes").fetchone()[0])
    except sqlite3.Error as error:
        if any(w in str(error).lower() for w in ("no such table", "not a database")):
            raise StoreUnavailable(
                f"{path} is not a cyberbrief database (made by cyberbrief backup)"
            ) from None
        raise StoreUnavailable(explain(error, path)) from error
    return Copied(path, version, changes, path.stat().st_size if path.exists() else 0)


def backup(database: Path, target: Path) -> Copied:
    """Copy ``database`` to ``target`` (replaced only when the copy is complete and sound)."""
    if not database.is_file():
        raise StoreUnavailable(f"there is no database at {database} to back up")
    if target.resolve() == database.resolve():
        raise StoreUnavailable("the backup must be another file than the database itself")
    if not target.parent.is_dir():
        raise StoreUnavailable(f"the folder {target.parent} does not exist; create it first")
    partial = target.with_name(f".{target.name}.partial")
    source = _read_only(database)
    try:
        copy = sqlite3.connect(str(partial))
        try:
            source.backup(copy)  # every page in one step: one consistent snapshot
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            copied = _describe(target, copy)
        finally:
            copy.close()
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    return Copied(target, copied.schema_version, copied.changes, target.stat().st_size)


def check_restorable(file: Path) -> Copied:
    """What ``file`` holds, or StoreUnavailable: missing, not ours, corrupt or too new."""
    if not file.is_file():
        raise StoreUnavailable(f"there is no backup at {file}")
    try:
        conn = _read_only(file)
    except sqlite3.Error as error:
        raise StoreUnavailable(explain(error, file)) from error
    try:
        found = _describe(file, conn)
    finally:
        conn.close()
    if found.schema_version > SCHEMA_VERSION:
        raise StoreUnavailable(
            f"{file} was made by a newer cyberbrief (schema version {found.schema_version}, "
            f"this one knows {SCHEMA_VERSION}); upgrade cyberbrief before restoring it"
        )
    return found


def restore(file: Path, database: Path) -> Path | None:
    """Replace ``database`` with the backup ``file``; the store it replaced is kept as
    ``<database>.before-restore`` (returned; None when there was none). The caller migrates
    the restored store (an older backup) by opening it."""
    check_restorable(file)
    kept = None
    if database.exists():
        kept = database.with_name(f"{database.name}.before-restore")
        backup(database, kept)
    source = _read_only(file)
    try:
        live = sqlite3.connect(str(database), timeout=10)
        try:
            source.backup(live)  # under SQLite's write lock: readers see old or new, whole
        finally:
            live.close()
    finally:
        source.close()
    index = database.with_name(f"{database.name}.names-index")
    index.unlink(missing_ok=True)  # a cache of the replaced store: rebuilt at the next start
    return kept
