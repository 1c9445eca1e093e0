"""Digest subscriptions and the delivery ledger: all their SQL, and their time arithmetic
(post times and zones as typed are read in ``zones``).

The ``subscriptions`` table is the single source of truth for what is scheduled; the
``deliveries`` ledger is what makes "exactly one digest per channel per local day" hold across
restarts and processes. Nothing here knows about Slack: channels are plain ID strings.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import sqlite_utils

from cyberbrief.digests.zones import zone
from cyberbrief.store.connection import transaction

Clock = Callable[[], dt.datetime]

DEFAULT_POST_TIME = dt.time(9, 0)
DEFAULT_WINDOW_DAYS = 14
MAX_WINDOW_DAYS = 90
MAX_TOPICS = 10
CONSOLE_CHANNEL = "CCONSOLE"
"""The local console's channel: its subscription is kept for the console only (a digest is
never posted to it, and Slack never lists it)."""


@dataclass(frozen=True)
class Subscription:
    """One channel's digest settings, as stored."""

    channel_id: str
    post_time: dt.time = DEFAULT_POST_TIME
    timezone: str = "UTC"
    topics: tuple[str, ...] = ()
    window_days: int = DEFAULT_WINDOW_DAYS
    always_post: bool = False
    team_id: str | None = None
    created_by: str | None = None
    paused_reason: str | None = None
    paused_at: str | None = None
    created_at: str = ""
    updated_at: str = ""

    @property
    def zone(self) -> ZoneInfo:
        return zone(self.timezone)

    @property
    def paused(self) -> bool:
        return self.paused_reason is not None

    @property
    def scheduled_since(self) -> dt.datetime | None:
        """Since when the channel has had this schedule (``updated_at``: set on subscribing,
        on a new time or zone and on resuming; not on topic or window changes). A day whose
        post time came before it was never promised to the channel."""
        try:
            saved = dt.datetime.fromisoformat(self.updated_at)
        except ValueError:
            return None
        return saved if saved.tzinfo is not None else saved.replace(tzinfo=dt.UTC)

    @property
    def post_time_text(self) -> str:
        return self.post_time.strftime("%H:%M")

    def local_date(self, now: dt.datetime) -> dt.date:
        """The channel's calendar day at the instant ``now``."""
        return now.astimezone(self.zone).date()

    def post_at(self, day: dt.date) -> dt.datetime:
        """The instant of ``day``'s digest.

        A post time that does not exist that day (skipped by a spring-forward change) means the
        instant it would have been with the old offset, one hour later on the new clock; one
        that occurs twice (autumn) means the first. This is what APScheduler's CronTrigger does.
        """
        return dt.datetime.combine(day, self.post_time, tzinfo=self.zone).astimezone(dt.UTC)

    def due_day(self, now: dt.datetime, grace: dt.timedelta) -> dt.date | None:
        """The local day whose digest is due at ``now``: its post time passed at most ``grace``
        ago. None when no digest is due (too early, or too late to still be useful)."""
        now = now.astimezone(dt.UTC)
        today = self.local_date(now)
        for day in (today, today - dt.timedelta(days=1)):
            at = self.post_at(day)
            if at <= now:
                return day if now - at <= grace else None
        return None

    def next_post(self, now: dt.datetime) -> dt.datetime:
        """The next instant strictly after ``now`` at which a digest is scheduled, in the
        subscription's zone."""
        now = now.astimezone(dt.UTC)
        day = self.local_date(now)
        for offset in range(3):
            at = self.post_at(day + dt.timedelta(days=offset))
            if at > now:
                return at.astimezone(self.zone)
        raise AssertionError("a post time is always within two days")  # pragma: no cover


@dataclass(frozen=True)
class Delivery:
    """One ledger row: the digest for ``channel_id`` on ``local_date`` was decided."""

    channel_id: str
    local_date: dt.date
    status: str
    """``posted`` (``ts`` is Slack's message timestamp), ``empty`` (nothing to post), or
    ``sending`` (claimed by ``claimed_by`` until ``lease_until``: being posted, or its poster
    died and the next attempt recovers it; see ``digests.ledger``)."""
    ts: str | None
    posted_at: str
    claimed_by: str | None = None
    lease_until: str | None = None
    calendar: str | None = None
    """The calendar file's step: None (no calendar), ``due``, ``sending`` (claimed by
    ``calendar_claimed_by`` until ``calendar_lease_until``) or ``attached``."""
    calendar_file: str | None = None
    calendar_claimed_by: str | None = None
    calendar_lease_until: str | None = None

    @property
    def decided(self) -> bool:
        """Posted or recorded as empty: nothing more to post for that day."""
        return self.status in ("posted", "empty")

    @property
    def calendar_owed(self) -> bool:
        """Posted, but its calendar file is not attached yet."""
        return self.status == "posted" and self.calendar in ("due", "sending")


def _iso(clock: Clock) -> str:
    return clock().astimezone(dt.UTC).isoformat(timespec="seconds")


def _from_row(row: dict[str, Any]) -> Subscription:
    hour, _, minute = str(row["post_time"]).partition(":")
    try:
        topics = tuple(str(t) for t in json.loads(row["topics"] or "[]"))
    except ValueError:
        topics = ()
    return Subscription(
        channel_id=row["channel_id"],
        team_id=row["team_id"],
        created_by=row["created_by"],
        post_time=dt.time(int(hour), int(minute or 0)),
        timezone=row["timezone"],
        topics=topics,
        window_days=int(row["window_days"]),
        always_post=bool(row["always_post"]),
        paused_reason=row["paused_reason"],
        paused_at=row["paused_at"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _rows(db: sqlite_utils.Database, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
    """Every row ``sql`` returns, as dicts (sqlite-utils' ``db.query``, read at once)."""
    return list(db.query(sql, tuple(params)))


def get(db: sqlite_utils.Database, channel_id: str) -> Subscription | None:
    rows = _rows(db, "SELECT * FROM subscriptions WHERE channel_id = ?", (channel_id,))
    return _from_row(rows[0]) if rows else None


def all_subscriptions(
    db: sqlite_utils.Database, *, active_only: bool = False
) -> list[Subscription]:
    """Every real channel's subscription (the console's is never posted or listed)."""
    where = " AND paused_reason IS NULL" if active_only else ""
    sql = f"SELECT * FROM subscriptions WHERE channel_id != ?{where} ORDER BY channel_id"
    return [_from_row(r) for r in _rows(db, sql, (CONSOLE_CHANNEL,))]


def save(db: sqlite_utils.Database, sub: Subscription, clock: Clock) -> Subscription:
    """Create or replace the channel's subscription; saving also lifts any pause.

    ``updated_at`` moves only when the schedule does (new post time or zone, or a resume):
    it decides whether a day's digest was promised (:attr:`Subscription.scheduled_since`), so
    narrowing the topics after a failed 09:00 post does not cancel that day's retry.
    """
    if not 1 <= sub.window_days <= MAX_WINDOW_DAYS:
        raise ValueError(f"window_days must be 1 to {MAX_WINDOW_DAYS}")
    zone(sub.timezone)  # refuse to store a zone that cannot be scheduled
    now = _iso(clock)
    with transaction(db):
        db.conn.execute(
            """
            INSERT INTO subscriptions (channel_id, team_id, created_by, post_time, timezone,
                topics, window_days, always_post, paused_reason, paused_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)
            ON CONFLICT (channel_id) DO UPDATE SET
                team_id = coalesce(excluded.team_id, team_id),
                post_time = excluded.post_time,
                timezone = excluded.timezone,
                topics = excluded.topics,
                window_days = excluded.window_days,
                always_post = excluded.always_post,
                paused_reason = NULL,
                paused_at = NULL,
                updated_at = CASE
                    WHEN post_time IS NOT excluded.post_time
                        OR timezone IS NOT excluded.timezone
                        OR paused_reason IS NOT NULL
                    THEN excluded.updated_at ELSE updated_at END
            """,
            (
                sub.channel_id,
                sub.team_id,
                sub.created_by,
                sub.post_time_text,
                sub.timezone,
                json.dumps(list(sub.topics)),
                sub.window_days,
                int(sub.always_post),
                now,
                now,
            ),
        )
    saved = get(db, sub.channel_id)
    assert saved is not None
    return saved


def delete(db: sqlite_utils.Database, channel_id: str) -> bool:
    """Remove the channel's subscription; its ledger stays, so a re-subscribe the same day
    does not post that day's digest twice."""
    with transaction(db):
        cursor = db.conn.execute("DELETE FROM subscriptions WHERE channel_id = ?", (channel_id,))
    return cursor.rowcount > 0


def pause(db: sqlite_utils.Database, channel_id: str, reason: str, clock: Clock) -> None:
    """Stop posting to a channel Slack refuses, keeping why (shown by ``subscriptions``)."""
    now = _iso(clock)
    with transaction(db):
        db.conn.execute(
            "UPDATE subscriptions SET paused_reason = ?, paused_at = ?, updated_at = ?"
            " WHERE channel_id = ?",
            (reason, now, now, channel_id),
        )


def delivery(db: sqlite_utils.Database, channel_id: str, day: dt.date) -> Delivery | None:
    rows = _rows(
        db,
        "SELECT * FROM deliveries WHERE channel_id = ? AND local_date = ?",
        (channel_id, day.isoformat()),
    )
    return _delivery(rows[0]) if rows else None


def last_delivery(db: sqlite_utils.Database, channel_id: str) -> Delivery | None:
    rows = _rows(
        db,
        "SELECT * FROM deliveries WHERE channel_id = ? ORDER BY local_date DESC LIMIT 1",
        (channel_id,),
    )
    return _delivery(rows[0]) if rows else None


def deliveries(db: sqlite_utils.Database, channel_id: str | None = None) -> list[Delivery]:
    if channel_id is None:
        rows = _rows(db, "SELECT * FROM deliveries ORDER BY local_date, channel_id")
    else:
        rows = _rows(
            db,
            "SELECT * FROM deliveries WHERE channel_id = ? ORDER BY local_date",
            (channel_id,),
        )
    return [_delivery(r) for r in rows]


def _delivery(row: dict[str, Any]) -> Delivery:
    return Delivery(
        channel_id=row["channel_id"],
        local_date=dt.date.fromisoformat(row["local_date"]),
        status=row["status"],
        ts=row["ts"],
        posted_at=row["posted_at"],
        claimed_by=row.get("claimed_by"),
        lease_until=row.get("lease_until"),
        calendar=row.get("calendar"),
        calendar_file=row.get("calendar_file"),
        calendar_claimed_by=row.get("calendar_claimed_by"),
        calendar_lease_until=row.get("calendar_lease_until"),
    )


def record_delivery(
    db: sqlite_utils.Database,
    channel_id: str,
    day: dt.date,
    *,
    status: str,
    ts: str | None,
    clock: Clock,
) -> None:
    """Write the ledger row. Call it inside the write lock that checked :func:`delivery`, so the
    check and the record are one transaction (the UNIQUE constraint is the last line)."""
    db.conn.execute(
        "INSERT INTO deliveries (channel_id, local_date, status, ts, posted_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (channel_id, day.isoformat(), status, ts, _iso(clock)),
    )


def next_post(db: sqlite_utils.Database, sub: Subscription, now: dt.datetime) -> dt.datetime:
    """When the channel's next digest is scheduled, skipping a day already delivered."""
    at = sub.next_post(now)
    while delivery(db, sub.channel_id, sub.local_date(at)) is not None:
        at = sub.next_post(at)
    return at
