"""Posting one channel's digest for one local day, exactly once, with no lock held meanwhile.

Three steps, never a transaction open across the network:

1. *claim* the channel-day in one short transaction (``digests.ledger``: status ``sending``,
   a lease that expires, or at once if the claiming process is gone);
2. post with ``chat.postMessage``, the message carrying Slack message metadata
   (``event_type`` ``cyberbrief_digest``, payload ``{channel, day}``);
3. *record* Slack's ``ts`` in a second short transaction.

A process that dies between Slack accepting the post and step 3 leaves a ``sending`` claim.
The next attempt recovers it: before posting again it reads the channel's recent history
(``conversations.history`` with ``include_all_metadata``) and, finding the message by its
metadata, records that ``ts`` instead of posting a second digest.

The :class:`~cyberbrief.digests.channel.SlackPoster` given here must not retry on its own,
since this module decides when to retry; a connection-error retry inside it could post twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from cyberbrief.digests import ledger
from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.calendar_step import attach_calendar as attach
from cyberbrief.digests.channel import SlackError, SlackPoster
from cyberbrief.digests.content import Digest, build_digest
from cyberbrief.digests.subscriptions import Subscription
from cyberbrief.store.leases import new_holder

Clock = Callable[[], dt.datetime]
Sleep = Callable[[float], None]
Render = Callable[[Digest], tuple[str, list[dict[str, Any]]]]
"""A digest as a message's ``text`` and ``blocks``: the Slack package's, passed in."""

MAX_ATTEMPTS = 4
"""chat.postMessage attempts per delivery (the first plus three after 429s)."""
METADATA_EVENT = "cyberbrief_digest"
"""The Slack message metadata ``event_type`` every digest carries."""
HISTORY_PAGES = 5
"""Pages of ``conversations.history`` (200 messages each) searched for a recovered digest."""
MAX_RETRY_AFTER = 300.0
"""Longest Retry-After honoured; longer waits give up until the next attempt."""

PAUSE_REASONS: dict[str, str] = {
    "channel_not_found": (
        "Slack says the channel does not exist or I am not in it (channel_not_found); "
        "invite me with /invite @cyberbrief, then /cyber subscribe again"
    ),
    "not_in_channel": (
        "I am not in the channel (not_in_channel); invite me with /invite @cyberbrief, "
        "then /cyber subscribe again"
    ),
    "is_archived": "the channel is archived (is_archived); unarchive it, then /cyber subscribe",
}
"""Slack errors that will not go away by retrying: the subscription pauses with the reason."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What happened to one channel's digest for one day."""

    channel_id: str
    day: dt.date | None
    status: str
    """``posted``, ``empty`` (nothing to post, recorded), ``already`` (the ledger had it),
    ``paused`` (Slack refused the channel), ``failed`` (try again later), ``busy`` (the
    database stayed locked), ``not_due``, or ``gone`` (unsubscribed or paused meanwhile)."""
    ts: str | None = None
    detail: str = ""
    retry_after: float | None = None
    """Seconds Slack asked us to wait when it last rate-limited this post, if it did: a retry
    comes no sooner."""
    calendar_owed: bool = False
    """Posted, but its calendar file is not attached yet: a retry attaches it."""

    @property
    def retry(self) -> bool:
        """Whether another attempt later the same day could still deliver."""
        return self.status in ("failed", "busy") or self.calendar_owed


class Pacer:
    """Spaces consecutive Slack writes (digest posts and calendar files) ``interval`` apart.

    chat.postMessage allows about one message per second per channel (short bursts allowed),
    plus a workspace-wide limit Slack does not publish (several hundred a minute in practice).
    Each channel gets one digest a day and its calendar file in the thread one interval later,
    so the workspace limit is the one fan-out can hit. The scheduler spaces writes 0.2 s apart
    (300 a minute): 1,000 channels take under 4 minutes without calendars, under 7 with them,
    and any 429 still gets its Retry-After.
    """

    def __init__(self, interval: float, clock: Clock, sleep: Sleep) -> None:
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._last: dt.datetime | None = None
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            if self._last is not None and self.interval > 0:
                remaining = self.interval - (self.clock() - self._last).total_seconds()
                if remaining > 0:
                    self.sleep(remaining)
            self._last = self.clock()


def _last_post(db: sqlite_utils.Database, channel: str) -> str | None:
    """When the channel's last digest went out: "New in the briefing" starts there."""
    posted = [d.posted_at for d in store.deliveries(db, channel) if d.status == "posted"]
    return max(posted) if posted else None


def metadata(channel: str, day: dt.date) -> dict[str, object]:
    """What each digest carries, so a recovered claim can find it in the channel's history."""
    return {
        "event_type": METADATA_EVENT,
        "event_payload": {"channel": channel, "day": day.isoformat()},
    }


def find_posted(client: SlackPoster, channel: str, day: dt.date, since: dt.datetime) -> str | None:
    """The ``ts`` of our digest for ``day`` in the channel's history since ``since``, if any."""
    wanted = metadata(channel, day)
    cursor: str | None = None
    oldest = f"{(since - dt.timedelta(minutes=5)).timestamp():.6f}"
    for _ in range(HISTORY_PAGES):
        page = client.history(channel, oldest, cursor)
        for message in page.messages:
            meta = message.get("metadata") or {}
            if (
                meta.get("event_type") == wanted["event_type"]
                and meta.get("event_payload") == wanted["event_payload"]
            ):
                return str(message.get("ts") or "") or None
        cursor = page.next_cursor or None
        if not cursor:
            return None
    return None


def deliver(
    db: sqlite_utils.Database,
    client: SlackPoster,
    sub: Subscription,
    day: dt.date,
    *,
    clock: Clock,
    sleep: Sleep,
    render: Render,
    pacer: Pacer | None = None,
    attach_calendar: bool = True,
    max_attempts: int = MAX_ATTEMPTS,
    holder: str | None = None,
    subscribed_only: bool = True,
) -> Outcome:
    """Post ``sub``'s digest for local ``day`` unless the ledger already has that day.
    ``subscribed_only=False`` (a workflow step) posts in a channel without a subscription.

    ``db`` is a connection of the caller's with no transaction open: each step below opens
    and closes its own short one.
    """
    channel = sub.channel_id
    holder = holder or new_holder()
    try:
        found = store.delivery(db, channel, day)
        if found is not None and found.decided and not (attach_calendar and found.calendar_owed):
            return Outcome(channel, day, "already", ts=found.ts)
        since = _last_post(db, channel) or (
            sub.scheduled_since.astimezone(dt.UTC).isoformat(timespec="seconds")
            if sub.scheduled_since
            else None
        )
        digest = build_digest(db, day, sub.window_days, sub.topics, new_since=since)
        if found is not None and found.decided:  # posted; its calendar file is owed
            return _with_calendar(
                db,
                client,
                Outcome(channel, day, "already", ts=found.ts),
                digest,
                clock,
                sleep,
                pacer,
                holder,
            )
        if digest.empty and not sub.always_post and found is None:
            if ledger.record_empty(db, channel, day, clock()):
                return Outcome(channel, day, "empty")
            return Outcome(channel, day, "already")
    except sqlite3.OperationalError as error:
        return Outcome(channel, day, "busy", detail=str(error))
    text, blocks = render(digest)
    for attempt in range(1, max_attempts + 1):
        if pacer is not None:
            pacer.wait()
        calendar_due = attach_calendar and bool(digest.events)
        outcome = _attempt(
            db, client, channel, day, text, blocks, holder, clock, calendar_due, subscribed_only
        )
        if outcome.status == "rate_limited":
            wait = outcome.retry_after or 1.0
            if attempt == max_attempts or wait > MAX_RETRY_AFTER:
                log.warning("digest for %s %s: still rate limited; later", channel, day)
                return Outcome(channel, day, "failed", detail="ratelimited", retry_after=wait)
            log.info("digest for %s: rate limited, waiting %ss", channel, wait)
            sleep(wait)
            continue
        if outcome.status in ("posted", "already") and calendar_due and outcome.ts:
            return _with_calendar(db, client, outcome, digest, clock, sleep, pacer, holder)
        return outcome
    return Outcome(channel, day, "failed", detail="no attempts")  # pragma: no cover


def _attempt(
    db: sqlite_utils.Database,
    client: SlackPoster,
    channel: str,
    day: dt.date,
    text: str,
    blocks: list[dict[str, object]],
    holder: str,
    clock: Clock,
    calendar_due: bool,
    subscribed_only: bool = True,
) -> Outcome:
    """Claim, (recover or) post, record: one try, each database step its own transaction."""
    try:
        state = ledger.claim(db, channel, day, holder, clock(), subscribed_only=subscribed_only)
        if state == ledger.RECOVERED:
            recovered = _recover(db, client, channel, day, holder, clock, calendar_due)
            if recovered is not None:
                return recovered
            state = ledger.CLAIMED  # not in Slack: ours to post
    except sqlite3.OperationalError as error:
        log.warning("digest for %s %s: database busy (%s)", channel, day, error)
        return Outcome(channel, day, "busy", detail=str(error))
    if state == ledger.BUSY:
        return Outcome(channel, day, "busy", detail="another process is posting it")
    if state != ledger.CLAIMED:
        return Outcome(channel, day, state)
    try:
        posted = client.post_message(channel, text, blocks, metadata(channel, day))
    except SlackError as error:  # Slack answered: no message was posted
        ledger.release(db, channel, day, holder)
        return _refused(db, channel, day, error, clock)
    except Exception as error:  # timeout, reset: it may have posted; the claim stays
        log.warning("digest for %s %s: no answer from Slack (%r); will check", channel, day, error)
        return Outcome(channel, day, "failed", detail=repr(error))
    ts = posted or None
    return _record(db, channel, day, holder, ts, clock, calendar_due)


def _record(
    db: sqlite_utils.Database,
    channel: str,
    day: dt.date,
    holder: str,
    ts: str | None,
    clock: Clock,
    calendar_due: bool,
) -> Outcome:
    try:
        if not ledger.record_posted(
            db, channel, day, holder, ts, clock(), calendar_due=calendar_due and ts is not None
        ):
            log.warning("digest for %s %s: claim taken over while posting", channel, day)
    except sqlite3.OperationalError as error:  # the claim stays; recovery finds the post
        log.warning("digest for %s %s posted, not recorded yet (%s)", channel, day, error)
    return Outcome(channel, day, "posted", ts=ts)


def _recover(
    db: sqlite_utils.Database,
    client: SlackPoster,
    channel: str,
    day: dt.date,
    holder: str,
    clock: Clock,
    calendar_due: bool,
) -> Outcome | None:
    """A claim whose poster died or timed out: find its message and record it; None when
    Slack has no such message (the claim is still ours, so the caller posts)."""
    row = store.delivery(db, channel, day)
    since = dt.datetime.fromisoformat(row.posted_at) if row is not None else clock()
    try:
        ts = find_posted(client, channel, day, since)
    except SlackError as error:
        code = error.code
        if code not in ("missing_scope", "not_allowed_token_type"):
            log.warning("digest for %s %s: history unreadable (%s); later", channel, day, code)
            return Outcome(channel, day, "failed", detail=f"history: {code}")
        log.warning("digest for %s %s: no history scope; posting again", channel, day)
        ts = None
    except Exception as error:
        return Outcome(channel, day, "failed", detail=f"history: {error!r}")
    if ts is None:
        return None
    log.info("digest for %s %s was posted before a restart (ts %s); recorded", channel, day, ts)
    _record(db, channel, day, holder, ts, clock, calendar_due)
    return Outcome(channel, day, "already", ts=ts, detail="found in the channel's history")


def _refused(
    db: sqlite_utils.Database, channel: str, day: dt.date, error: SlackError, clock: Clock
) -> Outcome:
    """Slack said no: wait (429), pause the channel, or fail until the next try."""
    wait = error.retry_after
    code = error.code
    if wait is not None:
        return Outcome(channel, day, "rate_limited", detail=code, retry_after=wait)
    if code in PAUSE_REASONS:
        store.pause(db, channel, PAUSE_REASONS[code], clock)
        log.warning("digest for %s paused: %s", channel, code)
        return Outcome(channel, day, "paused", detail=code)
    log.warning("digest for %s %s failed: %s", channel, day, code or error)
    return Outcome(channel, day, "failed", detail=code or str(error))


def _with_calendar(
    db: sqlite_utils.Database,
    client: SlackPoster,
    outcome: Outcome,
    digest: Digest,
    clock: Clock,
    sleep: Sleep,
    pacer: Pacer | None,
    holder: str,
) -> Outcome:
    """``outcome`` (the digest is in Slack) once its calendar step has run: still owed when
    the file could not be attached, so the scheduler tries again."""
    attached = attach(
        db,
        client,
        outcome.channel_id,
        digest,
        clock=clock,
        sleep=sleep,
        pace=pacer.wait if pacer is not None else None,
        holder=holder,
    )
    if attached:
        return outcome
    return dataclasses.replace(outcome, calendar_owed=True, detail="calendar file owed")
