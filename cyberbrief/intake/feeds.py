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

import sqlite_utils

from cyberbrief.intake.feed_calendar import write_calendar
from cyberbrief.intake.feed_rows import Feed, FeedError, find_feed, list_feeds
from cyberbrief.intake.fetch import (
    CALENDAR_TYPES,
    FEED_TYPES,
    Fetched,
    FetchPolicy,
    FetchRefused,
    check_url,
    fetch,
)
from cyberbrief.intake.icalfeed import CalendarInvalid
from cyberbrief.intake.newsfeed import FeedInvalid, parse_news
from cyberbrief.knowledge.loader import LoadFailed, LoadReport
from cyberbrief.store.connection import transaction
from cyberbrief.store.journal import Clock

KINDS = ("news", "calendar")
DEFAULT_INTERVAL = 60
MAX_BACKOFF = dt.timedelta(hours=24)
ITEMS_PER_POLL = 10
"""New stories drafted per poll at most; the rest wait for the next poll."""

Fetcher = Callable[..., Fetched]
log = logging.getLogger(__name__)

__all__ = [
    "Feed",
    "FeedError",
    "PollResult",
    "add_feed",
    "due_feeds",
    "find_feed",
    "list_feeds",
    "poll_feed",
    "remove_feed",
]


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
            result.events = write_calendar(db, feed, fetched, clock)
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
