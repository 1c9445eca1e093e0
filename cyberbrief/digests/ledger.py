"""Claiming a channel's digest for a day, and recording it, each in one short transaction.

The ledger row goes ``sending`` (claimed, with a lease) before the post and ``posted`` (with
Slack's ``ts``) after it; no transaction is open while Slack is called. A digest with events
then owes its calendar file, a step of its own with the same claim, lease and recovery
(``calendar``: ``due``, ``sending``, ``attached``). A claim whose lease
ran out, or whose holder process is gone, is *recovered* by the next attempt: the post may or
may not have reached Slack, so the caller looks for it in the channel's history before
posting again (``digests.delivery``).
"""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from cyberbrief.digests import subscriptions as store
from cyberbrief.store.connection import transaction
from cyberbrief.store.leases import expired, iso

CLAIM_LEASE = dt.timedelta(minutes=2)
"""How long a claim holds the channel-day: well over one post (8 s timeout) and its pacing,
and under the scheduler's 5-minute retry, so a retry after a crash finds the claim expired."""

CLAIMED = "claimed"
RECOVERED = "recovered"
ALREADY = "already"
BUSY = "busy"
GONE = "gone"


def claim(
    db: sqlite_utils.Database,
    channel: str,
    day: dt.date,
    holder: str,
    now: dt.datetime,
    lease: dt.timedelta = CLAIM_LEASE,
    *,
    subscribed_only: bool = True,
) -> str:
    """Claim the channel-day for ``holder``: ``claimed`` (a fresh claim), ``recovered`` (an
    expired claim taken over), ``already`` (decided), ``busy`` (another live claim), or
    ``gone`` (unsubscribed or paused; not checked without ``subscribed_only``: a workflow
    step posting the day's digest where it was asked)."""
    with transaction(db):
        row = store.delivery(db, channel, day)
        if row is not None and row.decided:
            return ALREADY
        mine = row is not None and row.claimed_by == holder
        if row is not None and not mine and not expired(row.claimed_by, row.lease_until, now):
            return BUSY
        current = store.get(db, channel)
        if subscribed_only and (current is None or current.paused):
            return GONE
        if row is None:
            db.conn.execute(
                "INSERT INTO deliveries (channel_id, local_date, status, posted_at,"
                " claimed_by, lease_until) VALUES (?, ?, 'sending', ?, ?, ?)",
                (channel, day.isoformat(), iso(now), holder, iso(now + lease)),
            )
            return CLAIMED
        db.conn.execute(
            "UPDATE deliveries SET claimed_by = ?, lease_until = ? WHERE id = ?"
            " AND status = 'sending'",
            (holder, iso(now + lease), _row_id(db, channel, day)),
        )
        return RECOVERED


def _row_id(db: sqlite_utils.Database, channel: str, day: dt.date) -> int:
    row = db.conn.execute(
        "SELECT id FROM deliveries WHERE channel_id = ? AND local_date = ?",
        (channel, day.isoformat()),
    ).fetchone()
    return int(row[0])


def record_posted(
    db: sqlite_utils.Database,
    channel: str,
    day: dt.date,
    holder: str,
    ts: str | None,
    now: dt.datetime,
    *,
    calendar_due: bool = False,
) -> bool:
    """Mark our claim posted with Slack's ``ts`` (and its calendar file ``due`` when it has
    one); False if the claim was no longer ours (it expired and another attempt took it over:
    that attempt finds this post in the history)."""
    with transaction(db):
        cursor = db.conn.execute(
            "UPDATE deliveries SET status = 'posted', ts = ?, posted_at = ?, lease_until = NULL,"
            " calendar = ? WHERE channel_id = ? AND local_date = ? AND status = 'sending'"
            " AND claimed_by = ?",
            (ts, iso(now), "due" if calendar_due else None, channel, day.isoformat(), holder),
        )
    return cursor.rowcount > 0


def claim_calendar(
    db: sqlite_utils.Database,
    channel: str,
    day: dt.date,
    holder: str,
    now: dt.datetime,
    lease: dt.timedelta = CLAIM_LEASE,
) -> str:
    """Claim the day's calendar upload, as :func:`claim` does the post: ``claimed`` (due),
    ``recovered`` (an upload whose holder died or never heard back: look in the thread
    first), ``busy`` (another live claim) or ``already`` (attached, or none owed)."""
    with transaction(db):
        row = store.delivery(db, channel, day)
        if row is None or not row.calendar_owed:
            return ALREADY
        if row.calendar == "sending":
            mine = row.calendar_claimed_by == holder
            live = not expired(row.calendar_claimed_by, row.calendar_lease_until, now)
            if live and not mine:
                return BUSY
        db.conn.execute(
            "UPDATE deliveries SET calendar = 'sending', calendar_claimed_by = ?,"
            " calendar_lease_until = ? WHERE channel_id = ? AND local_date = ?",
            (holder, iso(now + lease), channel, day.isoformat()),
        )
        return CLAIMED if row.calendar == "due" else RECOVERED


def record_calendar(
    db: sqlite_utils.Database, channel: str, day: dt.date, holder: str, file_id: str | None
) -> bool:
    """Mark our calendar claim attached (with Slack's file id); False if no longer ours."""
    with transaction(db):
        cursor = db.conn.execute(
            "UPDATE deliveries SET calendar = 'attached', calendar_file = ?,"
            " calendar_lease_until = NULL WHERE channel_id = ? AND local_date = ?"
            " AND calendar = 'sending' AND calendar_claimed_by = ?",
            (file_id, channel, day.isoformat(), holder),
        )
    return cursor.rowcount > 0


def calendar_unsure(
    db: sqlite_utils.Database, channel: str, day: dt.date, holder: str, now: dt.datetime
) -> None:
    """Our upload failed or went unanswered: end the claim's lease now, so the next attempt
    recovers it (looks in the thread, then uploads only if the file is not there)."""
    with transaction(db):
        db.conn.execute(
            "UPDATE deliveries SET calendar_lease_until = ? WHERE channel_id = ?"
            " AND local_date = ? AND calendar = 'sending' AND calendar_claimed_by = ?",
            (iso(now), channel, day.isoformat(), holder),
        )


def record_empty(db: sqlite_utils.Database, channel: str, day: dt.date, now: dt.datetime) -> bool:
    """Decide the day as "nothing to post" unless it is decided or claimed already."""
    with transaction(db):
        if store.delivery(db, channel, day) is not None:
            return False
        db.conn.execute(
            "INSERT INTO deliveries (channel_id, local_date, status, posted_at)"
            " VALUES (?, ?, 'empty', ?)",
            (channel, day.isoformat(), iso(now)),
        )
    return True


def release(db: sqlite_utils.Database, channel: str, day: dt.date, holder: str) -> None:
    """Drop our claim when Slack certainly did not take the post (refused, rate limited)."""
    with transaction(db):
        db.conn.execute(
            "DELETE FROM deliveries WHERE channel_id = ? AND local_date = ?"
            " AND status = 'sending' AND claimed_by = ?",
            (channel, day.isoformat(), holder),
        )
