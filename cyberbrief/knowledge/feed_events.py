"""A calendar's events that have gone: removed from the store when the calendar drops them.

An event the calendar no longer lists (or lists as STATUS:CANCELLED) must stop appearing in
digests. On a successful poll, the upcoming events that cite only that calendar and were not
written by this poll are deleted in the poll's own journaled change, with every row that
points at them, so ``undo`` brings them all back. Events in the past are history and stay; an
event that also cites another source (an admin loaded it too) is never deleted by a feed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence

import sqlite_utils

from cyberbrief.knowledge.names import find
from cyberbrief.store.journal import Change


def sources_besides(db: sqlite_utils.Database, name: str, source_key: str) -> list[str]:
    """The other sources an existing event called ``name`` cites (their keys, or titles
    without a key), so that a calendar writing the event keeps them cited alongside it."""
    found = find(db, name, ("event",))
    if not found:
        return []
    row = db.conn.execute(
        "SELECT source_id, source_ids FROM events WHERE id = ?", (found[0][1],)
    ).fetchone()
    refs: list[str] = []
    for source_id in _cited(row[0], row[1]) if row else []:
        source = db.conn.execute(
            "SELECT key, title FROM sources WHERE id = ?", (source_id,)
        ).fetchone()
        if source and source[0] != source_key:
            refs.append(str(source[0] or source[1]))
    return refs


def _cited(source_id: int | None, source_ids: str | None) -> list[int]:
    if source_ids:
        return [int(i) for i in json.loads(source_ids)]
    return [source_id] if source_id is not None else []


def remove_gone(
    change: Change,
    source_key: str,
    written: Iterable[str],
    today: dt.date,
    horizon: dt.date,
) -> int:
    """Delete the events citing only ``source_key`` that have not ended before ``today``,
    start by ``horizon`` (how far the calendar was read) and are none of the ``written``
    names. Returns how many were deleted."""
    db = change.db
    source = db.conn.execute("SELECT id FROM sources WHERE key = ?", (source_key,)).fetchone()
    if source is None:
        return 0
    kept = {found[0][1] for found in (find(db, n, ("event",)) for n in written) if found}
    rows = db.conn.execute(
        "SELECT id, source_id, source_ids FROM events WHERE source_id = ?"
        " AND coalesce(ends, starts) >= ? AND starts <= ? ORDER BY starts, id",
        (source[0], today.isoformat(), horizon.isoformat()),
    ).fetchall()
    gone = [
        int(event_id)
        for event_id, source_id, source_ids in rows
        if event_id not in kept and _cited(source_id, source_ids) == [source[0]]
    ]
    for event_id in gone:
        delete_event(change, event_id)
    return len(gone)


def untag_descriptions(change: Change, written: Iterable[str], topics: Sequence[str]) -> None:
    """Take the "Topics: ..." that calendars used to add off the descriptions of the events
    just written (their topics are now their own field); a description the calendar gives
    replaces it anyway, this clears one that was only that."""
    if not topics:
        return
    legacy = f"Topics: {', '.join(topics)}."
    for name in written:
        found = find(change.db, name, ("event",))
        row = change.get("events", found[0][1]) if found else None
        if row and row["description"] == legacy:
            change.update("events", int(row["id"]), {"description": None})


def delete_event(change: Change, event_id: int) -> None:
    """Delete an event and what points at it, each row journaled: its names, organiser links
    and mentions go; quotes said at it stay, no longer linked to it."""
    db = change.db
    for (quote_id,) in db.conn.execute(
        "SELECT id FROM quotes WHERE event_id = ?", (event_id,)
    ).fetchall():
        change.update("quotes", int(quote_id), {"event_id": None})
    for table, where in (
        ("mentions", "kind = 'event' AND entity_id = ?"),
        ("event_organisers", "event_id = ?"),
        ("names", "kind = 'event' AND entity_id = ?"),
    ):
        for (row_id,) in db.conn.execute(
            f"SELECT id FROM {table} WHERE {where}", (event_id,)
        ).fetchall():
            change.delete(table, int(row_id))
    change.delete("events", event_id)
