"""News feeds and event calendars an admin follows, and polling them.

A poll is one conditional GET (ETag, Last-Modified). A news feed's new items are fetched and
drafted into the review queue, each item once. A calendar's upcoming events are written as
event records at once, in one journaled change citing the calendar: they are facts about the
future, shown in digests with their source. A feed that fails waits longer each time (up to a
day) and keeps the reason for ``feed list``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import sqlite_utils

from cyberbrief.intake.feed_events import remove_gone, sources_besides, untag_descriptions
from cyberbrief.intake.fetch import (
    CALENDAR_TYPES,
    FEED_TYPES,
    Fetched,
    FetchPolicy,
    FetchRefused,
    check_url,
    fetch,
)
from cyberbrief.intake.icalfeed import (
    LOOK_AHEAD_DAYS,
    MAX_OCCURRENCES,
    CalendarInvalid,
    calendar_name,
    has_events,
    read_calendar,
)
from cyberbrief.intake.newsfeed import FeedInvalid, parse_news
from cyberbrief.knowledge.loader import LoadFailed, LoadReport, RawRecord, load_records
from cyberbrief.knowledge.names import find
from cyberbrief.store.connection import transaction
from cyberbrief.store.journal import Change, Clock

KINDS = ("news", "calendar")
DEFAULT_INTERVAL = 60
MAX_BACKOFF = dt.timedelta(hours=24)
ITEMS_PER_POLL = 10
"""New stories drafted per poll at most; the rest wait for the next poll."""

Fetcher = Callable[..., Fetched]
log = logging.getLogger(__name__)


class FeedError(Exception):
    """A feed command that cannot be done; the message says why."""


@dataclass(frozen=True)
class Feed:
    id: int
    url: str
    kind: str
    topics: tuple[str, ...]
    title: str | None
    interval_minutes: int
    etag: str | None
    last_modified: str | None
    last_polled_at: str | None
    last_ok_at: str | None
    next_poll_at: str | None
    failures: int
    last_error: str | None

    def status(self) -> str:
        """How the feed is doing, in words ("ok, polled ...", "failing 3 times: ...")."""
        if self.last_error:
            return (
                f"failing ({self.failures} in a row): {self.last_error}; "
                f"next try {self.next_poll_at}"
            )
        if self.last_ok_at:
            return f"ok, last polled {self.last_polled_at}"
        return "not polled yet"


@dataclass
class PollResult:
    feed: Feed
    not_modified: bool = False
    drafted: int = 0
    """News items drafted into the review queue."""
    events: LoadReport | None = None
    error: str | None = None

    def line(self) -> str:
        name = self.feed.title or self.feed.url
        if self.error:
            return f"{name}: failed: {self.error}"
        if self.not_modified:
            return f"{name}: not modified"
        if self.events is not None:
            return f"{name}: {self.events.summary()}"
        return f"{name}: {self.drafted} new item(s) drafted for review"


_FEED_COLUMNS = (
    "id, url, kind, topics, title, interval_minutes, etag, last_modified, last_polled_at,"
    " last_ok_at, next_poll_at, failures, last_error"
)


def _feed(row: dict[str, Any]) -> Feed:
    return Feed(**{**row, "topics": tuple(json.loads(row["topics"] or "[]"))})


def list_feeds(db: sqlite_utils.Database) -> list[Feed]:
    return [_feed(r) for r in db.query(f"SELECT {_FEED_COLUMNS} FROM feeds ORDER BY id")]


def find_feed(db: sqlite_utils.Database, ref: str) -> Feed:
    """A feed by its number ("3" or "#3") or URL."""
    key = ref.strip().lstrip("#")
    for feed in list_feeds(db):
        if (key.isdigit() and feed.id == int(key)) or feed.url == ref.strip():
            return feed
    raise FeedError(f"there is no feed {ref!r} (see `feed list`)")


def add_feed(
    db: sqlite_utils.Database,
    url: str,
    *,
    kind: str = "news",
    topics: Sequence[str] = (),
    interval_minutes: int = DEFAULT_INTERVAL,
    actor: str,
    clock: Clock,
) -> Feed:
    """Follow ``url``; it is first polled at once (``next_poll_at`` now)."""
    url = url.strip()
    try:
        check_url(url)
    except FetchRefused as exc:
        raise FeedError(str(exc)) from None
    if kind not in KINDS:
        raise FeedError(f"kind {kind!r} is not one of: {', '.join(KINDS)}")
    if not 5 <= interval_minutes <= 7 * 24 * 60:
        raise FeedError("the interval is between 5 minutes and 7 days")
    if db.table("feeds").count_where("url = ?", (url,)):
        raise FeedError(f"{url} is already followed (see `feed list`)")
    clean = sorted({t.strip() for t in topics if t.strip()})
    now = clock().isoformat(timespec="seconds")
    with transaction(db):
        feeds = db.table("feeds").insert(
            {
                "url": url,
                "kind": kind,
                "topics": json.dumps(clean),
                "interval_minutes": interval_minutes,
                "added_by": actor,
                "added_at": now,
                "next_poll_at": now,
            }
        )
    return find_feed(db, str(feeds.last_rowid))


def remove_feed(db: sqlite_utils.Database, ref: str) -> Feed:
    """Stop following a feed; what it already added stays (undo it from history)."""
    feed = find_feed(db, ref)
    with transaction(db):
        db.table("feed_items").delete_where("feed_id = ?", (feed.id,))
        db.table("feeds").delete_where("id = ?", (feed.id,))
    return feed


def due_feeds(db: sqlite_utils.Database, now: dt.datetime) -> list[Feed]:
    stamp = now.isoformat(timespec="seconds")
    return [f for f in list_feeds(db) if not f.next_poll_at or f.next_poll_at <= stamp]


def poll_feed(
    db: sqlite_utils.Database,
    feed: Feed,
    *,
    policy: FetchPolicy,
    clock: Clock,
    fetcher: Fetcher = fetch,
) -> PollResult:
    """Poll one feed now and record how it went (errors are kept, not raised)."""
    result = PollResult(feed)
    fetched: Fetched | None = None
    own, other = (
        (CALENDAR_TYPES, FEED_TYPES) if feed.kind == "calendar" else (FEED_TYPES, CALENDAR_TYPES)
    )
    first_poll = feed.last_ok_at is None
    accept = own + other if first_poll else own  # the first fetch says what the feed is
    try:
        fetched = fetcher(
            feed.url, policy, accept=accept, etag=feed.etag, last_modified=feed.last_modified
        )
        if first_poll and not fetched.not_modified:
            feed = _with_detected_kind(db, feed, fetched)
            result.feed = feed
        if fetched.not_modified:
            result.not_modified = True
        elif feed.kind == "calendar":
            result.events = _calendar(db, feed, fetched, clock)
        else:
            result.drafted = _news(db, feed, fetched, policy, clock, fetcher)
    except (FetchRefused, FeedInvalid, CalendarInvalid) as exc:
        result.error = str(exc).removeprefix(feed.url + " ")
    except LoadFailed as exc:
        result.error = "; ".join(str(p) for p in exc.problems)[:500]
    _record_poll(db, feed, result, clock(), fetched)
    result.feed = find_feed(db, str(feed.id))  # with the title the feed gave itself
    return result


def detect_kind(fetched: Fetched) -> str:
    """ "calendar" for an iCalendar answer (by type, or by its first line), else "news"."""
    if fetched.content_type in CALENDAR_TYPES:
        return "calendar"
    if fetched.content.lstrip()[:15].upper() == b"BEGIN:VCALENDAR":
        return "calendar"
    return "news"


def _with_detected_kind(db: sqlite_utils.Database, feed: Feed, fetched: Fetched) -> Feed:
    """The feed as its first fetch shows it to be: an admin who followed a calendar without
    saying so (or the other way round) gets what the URL serves."""
    kind = detect_kind(fetched)
    if kind == feed.kind:
        return feed
    with transaction(db):
        db.conn.execute("UPDATE feeds SET kind = ? WHERE id = ?", (kind, feed.id))
    log.info("feed #%s is a %s feed, by its first fetch", feed.id, kind)
    return find_feed(db, str(feed.id))


def _record_poll(
    db: sqlite_utils.Database,
    feed: Feed,
    result: PollResult,
    now: dt.datetime,
    fetched: Fetched | None,
) -> None:
    stamp = now.isoformat(timespec="seconds")
    interval = dt.timedelta(minutes=feed.interval_minutes)
    with transaction(db):
        if result.error:
            failures = feed.failures + 1
            wait = min(interval * 2 ** min(failures, 10), MAX_BACKOFF)
            db.conn.execute(
                "UPDATE feeds SET last_polled_at = ?, failures = ?, last_error = ?,"
                " next_poll_at = ? WHERE id = ?",
                (
                    stamp,
                    failures,
                    result.error,
                    (now + wait).isoformat(timespec="seconds"),
                    feed.id,
                ),
            )
            return
        db.conn.execute(
            "UPDATE feeds SET last_polled_at = ?, last_ok_at = ?, failures = 0,"
            " last_error = NULL, next_poll_at = ?, etag = coalesce(?, etag),"
            " last_modified = coalesce(?, last_modified) WHERE id = ?",
            (
                stamp,
                stamp,
                (now + interval).isoformat(timespec="seconds"),
                fetched.etag if fetched else None,
                fetched.last_modified if fetched else None,
                feed.id,
            ),
        )


def _calendar(db: sqlite_utils.Database, feed: Feed, fetched: Fetched, clock: Clock) -> LoadReport:
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


def _news(
    db: sqlite_utils.Database,
    feed: Feed,
    fetched: Fetched,
    policy: FetchPolicy,
    clock: Clock,
    fetcher: Fetcher,
) -> int:
    """Draft each item not seen before into the review queue; a story that cannot be
    fetched is remembered with the reason and not retried."""
    from cyberbrief.intake.links import draft_from_url
    from cyberbrief.intake.review import queue_draft

    parsed = parse_news(fetched.content, feed.url)
    if parsed.title and parsed.title != feed.title:
        with transaction(db):
            db.conn.execute("UPDATE feeds SET title = ? WHERE id = ?", (parsed.title, feed.id))
    drafted = 0
    seen = {r["key"] for r in db.table("feed_items").rows_where("feed_id = ?", (feed.id,))}
    for item in [i for i in parsed.items if i.key not in seen][:ITEMS_PER_POLL]:
        try:
            draft = draft_from_url(db, item.link, policy, date=item.published, fetcher=fetcher)
            queued = queue_draft(
                db, draft, origin=f"feed #{feed.id}", clock=clock, topics=feed.topics
            )
            outcome = f"{queued} drafts"
            drafted += 1
        except LoadFailed as exc:
            outcome = "; ".join(str(p) for p in exc.problems)[:300]
        except sqlite3.Error:
            raise  # the store is in trouble: the poll fails and the story is tried again
        except Exception as exc:  # one bad story never stops the feed's later ones
            log.exception("feed #%s: story %s could not be drafted", feed.id, item.link)
            outcome = f"failed: {type(exc).__name__}: {exc}"[:300]
        with transaction(db):
            db.table("feed_items").insert(
                {
                    "feed_id": feed.id,
                    "key": item.key,
                    "link": item.link,
                    "seen_at": clock().isoformat(timespec="seconds"),
                    "outcome": outcome,
                },
                ignore=True,
            )
    return drafted
