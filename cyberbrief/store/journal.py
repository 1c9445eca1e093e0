"""Recorded changes: every write to knowledge goes through a ``Change``, so it can be undone.

A change stores, for each row it touched, the row before and after as JSON. Undo writes the
before images back, but only when every row is still as the change left it; otherwise a later
change depends on it and must be undone first. Undo is itself a recorded change.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from cyberbrief.store.connection import transaction

Clock = Callable[[], dt.datetime]


class UndoRefused(Exception):
    """The change cannot be undone as asked; the message says why."""


class Change:
    """The rows one change writes, journalled as it writes them."""

    def __init__(self, db: sqlite_utils.Database, change_id: int) -> None:
        self.db = db
        self.id = change_id
        self.rows_written = 0

    def _journal(self, table: str, row_id: int, before: Any, after: Any) -> None:
        self.db.conn.execute(
            "INSERT INTO change_rows (change_id, tbl, row_id, before, after)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                self.id,
                table,
                row_id,
                None if before is None else json.dumps(before, ensure_ascii=False),
                None if after is None else json.dumps(after, ensure_ascii=False),
            ),
        )
        self.rows_written += 1

    def get(self, table: str, row_id: int) -> dict[str, Any] | None:
        cursor = self.db.conn.execute(f"SELECT * FROM [{table}] WHERE id = ?", (row_id,))
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([c[0] for c in cursor.description], row, strict=True))

    def insert(self, table: str, values: dict[str, Any]) -> int:
        """Insert a row and return its id."""
        columns = ", ".join(f"[{c}]" for c in values)
        marks = ", ".join("?" for _ in values)
        cursor = self.db.conn.execute(
            f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", tuple(values.values())
        )
        row_id = int(cursor.lastrowid or 0)
        self._journal(table, row_id, None, self.get(table, row_id))
        return row_id

    def update(self, table: str, row_id: int, values: dict[str, Any]) -> bool:
        """Set columns of one row; returns whether anything actually changed."""
        before = self.get(table, row_id)
        if before is None:
            raise KeyError(f"{table} {row_id} does not exist")
        changed = {k: v for k, v in values.items() if before.get(k) != v}
        if not changed:
            return False
        sets = ", ".join(f"[{c}] = ?" for c in changed)
        self.db.conn.execute(
            f"UPDATE [{table}] SET {sets} WHERE id = ?", (*changed.values(), row_id)
        )
        self._journal(table, row_id, before, self.get(table, row_id))
        return True

    def delete(self, table: str, row_id: int) -> None:
        before = self.get(table, row_id)
        if before is None:
            return
        self.db.conn.execute(f"DELETE FROM [{table}] WHERE id = ?", (row_id,))
        self._journal(table, row_id, before, None)


@contextmanager
def recorded_change(
    db: sqlite_utils.Database, *, actor: str, origin: str, clock: Clock
) -> Iterator[Change]:
    """Open a transaction and a change record; the caller sets the summary via ``finish``.

    Everything written inside lands together or not at all. A change that wrote no rows is
    not kept in the history.
    """
    with transaction(db):
        cursor = db.conn.execute(
            "INSERT INTO changes (at, actor, origin, summary) VALUES (?, ?, ?, '')",
            (clock().astimezone(dt.UTC).isoformat(timespec="seconds"), actor, origin),
        )
        change = Change(db, int(cursor.lastrowid or 0))
        yield change
        if change.rows_written == 0:
            db.conn.execute("DELETE FROM changes WHERE id = ?", (change.id,))


def set_summary(change: Change, summary: str) -> None:
    change.db.conn.execute("UPDATE changes SET summary = ? WHERE id = ?", (summary, change.id))


@dataclass(frozen=True)
class ChangeInfo:
    """One line of history."""

    id: int
    at: str
    actor: str
    origin: str
    summary: str
    rows: int
    undone_by: int | None
    undoes: int | None


def history(db: sqlite_utils.Database, limit: int = 20) -> list[ChangeInfo]:
    """The latest changes, newest first."""
    rows = db.conn.execute(
        """
        SELECT c.id, c.at, c.actor, c.origin, c.summary,
               (SELECT count(*) FROM change_rows r WHERE r.change_id = c.id),
               c.undone_by, c.undoes
        FROM changes c ORDER BY c.id DESC LIMIT ?
        """,
        (limit,),
    ).fetchall()
    return [ChangeInfo(*row) for row in rows]


def get_change(db: sqlite_utils.Database, change_id: int) -> ChangeInfo | None:
    row = db.conn.execute(
        """
        SELECT c.id, c.at, c.actor, c.origin, c.summary,
               (SELECT count(*) FROM change_rows r WHERE r.change_id = c.id),
               c.undone_by, c.undoes
        FROM changes c WHERE c.id = ?
        """,
        (change_id,),
    ).fetchone()
    return ChangeInfo(*row) if row else None


def describe_change(db: sqlite_utils.Database, change_id: int, limit: int = 15) -> str | None:
    """What a change did, row by row, for confirmation before undoing it."""
    info = get_change(db, change_id)
    if info is None:
        return None
    lines = [f"#{info.id} {info.at} by {info.actor} ({info.origin}): {info.summary}"]
    rows = db.conn.execute(
        "SELECT tbl, row_id, before, after FROM change_rows WHERE change_id = ? AND tbl != 'names'"
        " ORDER BY id",
        (change_id,),
    ).fetchall()
    for table, row_id, before, after in rows[:limit]:
        data = json.loads(after or before)
        label = data.get("name") or data.get("title") or data.get("text") or f"row {row_id}"
        verb = "added" if before is None else "deleted" if after is None else "changed"
        lines.append(f"  {verb} {table} {str(label)[:70]}")
    if len(rows) > limit:
        lines.append(f"  … and {len(rows) - limit} more rows")
    return "\n".join(lines)


def latest_undoable(db: sqlite_utils.Database) -> int | None:
    row = db.conn.execute(
        "SELECT max(id) FROM changes WHERE undone_by IS NULL AND undoes IS NULL"
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def undo(
    db: sqlite_utils.Database,
    change_id: int | None,
    *,
    actor: str,
    clock: Clock,
    origin: str = "undo",
) -> ChangeInfo:
    """Revert one change exactly, as a new recorded change; refuses if later work depends on it."""
    if change_id is None:
        change_id = latest_undoable(db)
        if change_id is None:
            raise UndoRefused("there is no change to undo")
    target = db.conn.execute(
        "SELECT id, summary, undone_by, undoes FROM changes WHERE id = ?", (change_id,)
    ).fetchone()
    if target is None:
        raise UndoRefused(f"there is no change #{change_id}")
    if target[2] is not None:
        raise UndoRefused(f"change #{change_id} was already undone by change #{target[2]}")
    journal = db.conn.execute(
        "SELECT tbl, row_id, before, after FROM change_rows WHERE change_id = ? ORDER BY id DESC",
        (change_id,),
    ).fetchall()
    with recorded_change(db, actor=actor, origin=origin, clock=clock) as change:
        for table, row_id, before_json, after_json in journal:
            current = change.get(table, row_id)
            after = None if after_json is None else json.loads(after_json)
            if current != after:
                raise UndoRefused(
                    f"change #{change_id} cannot be undone: {table} row {row_id} was changed "
                    "after it; undo the later changes first"
                )
            before = None if before_json is None else json.loads(before_json)
            if before is None:
                change.delete(table, row_id)
            elif current is None:
                change.insert(table, before)
            else:
                change.update(table, row_id, before)
        set_summary(change, f"undo #{change_id}: {target[1]}")
        db.conn.execute("UPDATE changes SET undoes = ? WHERE id = ?", (change_id, change.id))
        db.conn.execute("UPDATE changes SET undone_by = ? WHERE id = ?", (change.id, change_id))
        new_id = change.id
    info = get_change(db, new_id)
    assert info is not None
    return info
