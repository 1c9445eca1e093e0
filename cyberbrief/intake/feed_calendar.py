"""A calendar feed's upcoming events written as event records, at once, in one journaled
change citing the calendar (they are facts about the future); events the calendar no longer
lists are removed, and a same-named event of another date is kept apart.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import sqlite_utils

from cyberbrief.intake.feed_events import remove_gone, sources_besides, untag_descriptions
from cyberbrief.intake.feed_rows import Feed
from cyberbrief.intake.fetch import Fetched
from cyberbrief.intake.icalfeed import (
    LOOK_AHEAD_DAYS,
    MAX_OCCURRENCES,
    calendar_name,
    has_events,
    read_calendar,
)
from cyberbrief.knowledge.loader import LoadReport, RawRecord, load_records
from cyberbrief.knowledge.names import find
from cyberbrief.store.connection import transaction
from cyberbrief.store.journal import Change, Clock


def write_calendar(
    db: sqlite_utils.Database, feed: Feed, fetched: Fetched, clock: Clock
) -> LoadReport:
    """The calendar's upcoming events as records citing it, in one journaled change."""
    text = fetched.text()  # the declared charset honoured (a Latin-1 calendar stays "Café")
    name = calendar_name(text) or feed.title or urlsplit(feed.url).hostname or feed.url
    if name != feed.title:
        with transaction(db):
            db.conn.execute("UPDATE feeds SET title = ? WHERE id = ?", (name, feed.id))
    source = {"key": f"feed-{feed.id}", "title": name, "url": feed.url}
    publisher = urlsplit(feed.url).hostname
    if publisher:
        source["publisher"] = publisher
    records = [RawRecord("sources", f"{feed.url}: calendar", source)]
    first = clock().date() - dt.timedelta(days=1)
    read = read_calendar(text, first)
    events = read.events
    for event in events:
        data = event.record(source["key"])
        if feed.topics:  # for channels narrowed to a topic
            data["topics"] = list(feed.topics)
        if _taken(db, data["name"], data["starts"], feed.id):
            data["name"] = f"{data['name']} ({event.starts.isoformat()})"
        others = sources_besides(db, data["name"], source["key"])
        if others:  # an admin's event: its own citation stays first
            data["source"], data["sources"] = others[0], [*others[1:], source["key"]]
        records.append(RawRecord("events", f"{feed.url}: {event.name}", data))
    # How far the calendar was read: a calendar cut at MAX_OCCURRENCES says nothing beyond.
    horizon = (
        events[-1].starts
        if len(events) >= MAX_OCCURRENCES
        else first + dt.timedelta(days=LOOK_AHEAD_DAYS)
    )
    written = [r.data["name"] for r in records[1:]]

    emptied = not events and not has_events(text)

    def remove(change: Change, report: LoadReport) -> None:
        if read.skipped:
            count = len(read.skipped)
            report.notes.append(
                f"{count} event{'s' if count != 1 else ''} skipped: " + "; ".join(read.skipped)
            )
        untag_descriptions(change, written, feed.topics)
        if emptied:
            report.notes.append(
                "the calendar lists no events at all: nothing removed"
                " (remove the feed to drop its events)"
            )
            return
        gone = remove_gone(
            change, source["key"], written, clock().date(), horizon, read.skipped_titles
        )
        report.notes.extend(gone.notes())

    return load_records(
        db,
        records,
        actor=f"feed #{feed.id}",
        origin=f"calendar {feed.url}",
        clock=clock,
        finish=remove,
    )


def _taken(db: sqlite_utils.Database, name: str, starts: str, feed_id: int) -> bool:
    """Another event already has this name (the 2011 London Conference, say): a calendar's
    event of the same name on another date must not overwrite it."""
    for entity_id in (i for _, i in find(db, name, ("event",))):
        row = db.conn.execute(
            "SELECT e.starts, s.key FROM events e LEFT JOIN sources s ON s.id = e.source_id"
            " WHERE e.id = ?",
            (entity_id,),
        ).fetchone()
        if row and row[0] != starts and row[1] != f"feed-{feed_id}":
            return True
    return False
