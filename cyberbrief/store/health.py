"""Is the store usable? Checks and one-line explanations of SQLite faults, for every entry point.

The CLI prints these lines (exit 2), Slack replies with them, ``/healthz`` returns them with a
503. The checks open their own short-lived read-only connection, so they never create, migrate
or change the file they look at (a future-version database stays exactly as it was).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from cyberbrief.store.migrations import SCHEMA_VERSION

log = logging.getLogger(__name__)

_alerted: set[str] = set()
"""Paths whose disappearance has been logged (once per outage, not once per write)."""
_alert_lock = threading.Lock()


class StoreUnavailable(Exception):
    """The store cannot be used as it is; the message says why and what to do, in one line."""


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2)


def schema_version(path: Path) -> int | None:
    """The file's ``user_version`` without changing anything; None when there is no file yet."""
    if not path.exists():
        return None
    try:
        conn = _read_only(path)
        try:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreUnavailable(explain(exc, path)) from exc


def check_openable(path: Path | str) -> None:
    """Refuse, before anything is written, a file that is not a database or is from a newer
    cyberbrief (opening it would otherwise switch its journal mode and so change it)."""
    if str(path) == ":memory:":
        return
    version = schema_version(Path(path))
    if version is not None and version > SCHEMA_VERSION:
        raise StoreUnavailable(
            f"the database {path} was written by a newer cyberbrief (schema version {version}, "
            f"this one knows {SCHEMA_VERSION}); upgrade cyberbrief or point CYBERBRIEF_DB "
            "at another file"
        )


def check_present(path: Path | str) -> None:
    """Refuse when the database file or its folder has gone since the bot started (deleted,
    unmounted): writing on would go into a deleted file, and reopening would start empty.
    The first refusal of an outage is logged as an error; writes resume when it is back."""
    if str(path) in (":memory:", ""):
        return
    where = Path(path)
    if not where.parent.is_dir():
        reason = (
            f"the database folder {where.parent} is gone; restore it (or the backup) and "
            "restart cyberbrief"
        )
    elif not where.is_file():
        reason = (
            f"the database file {where} is gone; restore it from a backup and restart cyberbrief"
        )
    else:
        with _alert_lock:
            _alerted.discard(str(where))
        return
    with _alert_lock:
        first = str(where) not in _alerted
        _alerted.add(str(where))
    if first:
        log.error("ALERT: %s; changes are refused until it is back", reason)
    raise StoreUnavailable(reason)


def check_connection(conn: sqlite3.Connection) -> None:
    """:func:`check_present` for the file an open connection writes to (call before a write:
    on Linux an open connection keeps writing into a deleted file without an error)."""
    row = conn.execute("PRAGMA database_list").fetchone()
    check_present(str(row[2]) if row and row[2] else "")


def problem(path: Path | str) -> str | None:
    """Why the store at ``path`` cannot serve (None when it can): gone, unreadable, corrupt,
    unmigrated or from a newer version. Cheap enough for every ``GET /healthz``."""
    try:
        check_present(path)
        if str(path) == ":memory:":
            return None
        conn = _read_only(Path(path))
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version != SCHEMA_VERSION:
                return f"the database {path} is at schema version {version}, not {SCHEMA_VERSION}"
            conn.execute("SELECT 1 FROM changes LIMIT 1").fetchall()
        finally:
            conn.close()
    except StoreUnavailable as exc:
        return str(exc)
    except sqlite3.Error as exc:
        return explain(exc, Path(path))
    return None


_EXPLANATIONS = (
    ("locked", "{db} is busy (locked by another process); try again shortly"),
    ("busy", "{db} is busy (locked by another process); try again shortly"),
    (
        "readonly",
        "{db} is read-only; give cyberbrief write access to the file and its folder",
    ),
    ("read-only", "{db} is read-only; give cyberbrief write access to it"),
    ("disk is full", "the disk holding {db} is full; free some space and try again"),
    (
        "not a database",
        "{db} is not a cyberbrief database or is corrupt; restore it from a backup",
    ),
    ("malformed", "{db} is corrupt; restore it from a backup"),
    ("no such table", "{db} is not set up (no tables); restart cyberbrief"),
    (
        "unable to open",
        "{db} cannot be opened; check that its folder exists and is writable",
    ),
    ("disk i/o", "reading or writing {db} failed (disk I/O error); check the disk"),
)


def explain(exc: BaseException, path: Path | str | None = None) -> str:
    """A one-line reason for a SQLite error, naming the file and what to do."""
    if isinstance(exc, StoreUnavailable):
        return str(exc)
    text = str(exc).lower()
    db = f"the database {path}" if path is not None else "the database"
    for needle, message in _EXPLANATIONS:
        if needle in text:
            return message.format(db=db)
    return f"{db} failed ({str(exc).splitlines()[0] if str(exc) else 'error'})"
