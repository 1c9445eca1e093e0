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
from cyberbrief.store.wording import noun, row_label

Clock = Callable[[], dt.datetime]


class UndoRefused(Exception):
    """The change cannot be undone as asked; the message says why."""


JOURNAL_BATCH = 500
"""Journal rows kept in memory before they are written (in the change's transaction)."""


class Change:
    """The rows one change writes, journalled as it writes them.

    Updates and deletes use sqlite-utils' table methods, which join the open transaction as
    savepoints (``db.atomic()``), so nothing commits before the change ends; journal rows are
    written in order, in batches, with ``insert_all``; :meth:`flush` writes the rest.
    """

    def __init__(self, db: sqlite_utils.Database, change_id: int) -> None:
        self.db = db
        self.id = change_id
        self.rows_written = 0
        self._journal_rows: list[dict[str, Any]] = []

    def _journal(self, table: str, row_id: int, before: Any, after: Any) -> None:
        self._journal_rows.append(
            {
                "change_id": self.id,
                "tbl": table,
                "row_id": row_id,
                "before": None if before is None else json.dumps(before, ensure_ascii=False),
                "after": None if after is None else json.dumps(after, ensure_ascii=False),
            }
        )
        self.rows_written += 1
        if len(self._journal_rows) >= JOURNAL_BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the journal rows still held, before the change's transaction ends."""
        if self._journal_rows:
            self.db.table("change_rows").insert_all(self._journal_rows, batch_size=100)
            self._journal_rows = []

    def get(self, table: str, row_id: int) -> dict[str, Any] | None:
        found = list(self.db.query(f"SELECT * FROM [{table}] WHERE id = ?", (row_id,)))
        return found[0] if found else None

    def insert(self, table: str, values: dict[str, Any]) -> int:
        """Insert a row and return its id.

        One plain INSERT: sqlite-utils' ``table.insert`` would also look the table up and wrap
        the row in a savepoint, which made a bulk load 2.5-3 times slower (one row at a
        time, since each new id is needed at once)."""
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
        self.db.table(table).update(row_id, changed)
        self._journal(table, row_id, before, self.get(table, row_id))
        return True

    def delete(self, table: str, row_id: int) -> None:
        before = self.get(table, row_id)
        if before is None:
            return
        self.db.table(table).delete(row_id)
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
        changes = db.table("changes").insert(
            {
                "at": clock().astimezone(dt.UTC).isoformat(timespec="seconds"),
                "actor": actor,
                "origin": origin,
                "summary": "",
            }
        )
        change = Change(db, int(changes.last_rowid or 0))
        yield change
        change.flush()
        if change.rows_written == 0:
            changes.delete(change.id)


def set_summary(change: Change, summary: str) -> None:
    change.db.table("changes").update(change.id, {"summary": summary})


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


_CHANGE_INFO = """
    SELECT c.id, c.at, c.actor, c.origin, c.summary,
           (SELECT count(*) FROM change_rows r WHERE r.change_id = c.id) AS rows,
           c.undone_by, c.undoes
    FROM changes c
"""


def history(db: sqlite_utils.Database, limit: int = 20) -> list[ChangeInfo]:
    """The latest changes, newest first."""
    rows = db.query(_CHANGE_INFO + " ORDER BY c.id DESC LIMIT ?", (limit,))
    return [ChangeInfo(**row) for row in rows]


def get_change(db: sqlite_utils.Database, change_id: int) -> ChangeInfo | None:
    rows = list(db.query(_CHANGE_INFO + " WHERE c.id = ?", (change_id,)))
    return ChangeInfo(**rows[0]) if rows else None


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
        label = row_label(table, row_id, data)
        verb = "added" if before is None else "deleted" if after is None else "changed"
        lines.append(f"  {verb} {noun(table)} {label[:70]}")
    if len(rows) > limit:
        lines.append(f"  … and {len(rows) - limit} more rows")
    return "\n".join(lines)


def _as_left(current: dict[str, Any] | None, after: dict[str, Any] | None) -> bool:
    """Whether a row is as a change left it. A column a later migration added (absent from
    the journal's image) counts only once it holds something."""
    if current is None or after is None:
        return current == after
    return all(current.get(k) == v for k, v in after.items()) and all(
        current[k] is None for k in current.keys() - after.keys()
    )


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
            if not _as_left(current, after):
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
        db.table("changes").update(change.id, {"undoes": change_id})
        db.table("changes").update(change_id, {"undone_by": change.id})
        new_id = change.id
    info = get_change(db, new_id)
    assert info is not None
    return info
