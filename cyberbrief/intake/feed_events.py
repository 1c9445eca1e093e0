"""A calendar's events that have gone: removed from the store when the calendar drops them.

An event the calendar no longer lists (or lists as STATUS:CANCELLED) must stop appearing in
digests. On a successful poll, the upcoming events that cite only that calendar and were not
written by this poll are deleted in the poll's own journaled change, with every row that
points at them, so ``undo`` brings them all back. Events in the past are history and stay; an
event that also cites another source (an admin loaded it too, another calendar lists it) is
never deleted by a feed: it only stops citing the calendar.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Gone:
    """What a poll did with the events its calendar no longer lists."""

    removed: int = 0
    """Events deleted: they cited only the calendar."""
    uncited: int = 0
    """Events that cite other sources too and no longer cite the calendar."""

    def notes(self) -> list[str]:
        def events(n: int) -> str:
            return f"{n} event{'s' if n != 1 else ''}"

        notes = []
        if self.removed:
            notes.append(f"{events(self.removed)} removed: no longer in the calendar")
        if self.uncited:
            notes.append(
                f"{events(self.uncited)} no longer in the calendar but cited elsewhere: kept"
            )
        return notes


def remove_gone(
    change: Change,
    source_key: str,
    written: Iterable[str],
    today: dt.date,
    horizon: dt.date,
    unreadable: Sequence[str] = (),
) -> Gone:
    """Deal with the events citing ``source_key`` that have not ended before ``today``, start
    by ``horizon`` (how far the calendar was read) and are none of the ``written`` names:
    delete those that cite nothing else, and take the calendar off the others' citations (so
    that when the last calendar listing an event drops it, it goes). Events named for one the
    calendar still lists but could not be read (``unreadable`` titles, alone or with a date)
    are kept: the calendar did not drop them."""
    db = change.db
    source = db.conn.execute("SELECT id FROM sources WHERE key = ?", (source_key,)).fetchone()
    if source is None:
        return Gone()
    kept = {found[0][1] for found in (find(db, n, ("event",)) for n in written) if found}
    rows = db.conn.execute(
        "SELECT e.id, e.source_id, e.source_ids, e.name FROM events e"
        " WHERE coalesce(e.ends, e.starts) >= ? AND e.starts <= ? AND EXISTS (SELECT 1 FROM"
        " json_each(coalesce(e.source_ids, json_array(e.source_id))) WHERE value = ?)"
        " ORDER BY e.starts, e.id",
        (today.isoformat(), horizon.isoformat(), source[0]),
    ).fetchall()
    removed = uncited = 0
    for event_id, source_id, source_ids, name in rows:
        if event_id in kept or any(name == t or name.startswith(f"{t}, ") for t in unreadable):
            continue
        others = [i for i in _cited(source_id, source_ids) if i != source[0]]
        if others:
            change.update(
                "events", int(event_id), {"source_id": others[0], "source_ids": json.dumps(others)}
            )
            uncited += 1
        else:
            delete_event(change, int(event_id))
            removed += 1
    return Gone(removed, uncited)


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
