"""Posting one channel's digest for one local day, exactly once.

The claim and the record are one SQLite write transaction: ``BEGIN IMMEDIATE``, check the
ledger, call ``chat.postMessage`` once, insert the ledger row with Slack's ``ts``, ``COMMIT``.
A second process (or thread) blocks on the write lock, then sees the row and posts nothing.
The lock is held for a single HTTP attempt only: on a 429 the transaction is rolled back, the
``Retry-After`` wait happens outside it, and the next attempt claims afresh.

One gap no local transaction can close: if the process dies after Slack accepted the post but
before ``COMMIT``, the post is not recorded and a restart within the grace window posts again.
The window is one HTTP response long.

The WebClient given here must have no rate-limit retry handler (``retry_handlers=[]``), since
this module decides when to retry; a handler retrying inside the lock would hold it for the
whole ``Retry-After``, and a connection-error retry could post twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlite_utils
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.digests import ics
from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.content import Digest, build_digest
from cyberbrief.digests.subscriptions import Subscription
from cyberbrief.store.connection import write_lock

Clock = Callable[[], dt.datetime]
Sleep = Callable[[float], None]
Render = Callable[[Digest], tuple[str, list[dict[str, Any]]]]
"""A digest as a message's ``text`` and ``blocks``: the Slack package's, passed in."""

MAX_ATTEMPTS = 4
"""chat.postMessage attempts per delivery (the first plus three after 429s)."""
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

    @property
    def retry(self) -> bool:
        """Whether another attempt later the same day could still deliver."""
        return self.status in ("failed", "busy")


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


def retry_after(error: SlackApiError) -> float | None:
    """The seconds Slack asked us to wait, if the error is a rate limit (HTTP 429)."""
    response = error.response
    if response.status_code != 429 and response.get("error") != "ratelimited":
        return None
    headers = {str(k).lower(): v for k, v in (response.headers or {}).items()}
    value = headers.get("retry-after")
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        seconds = float(value) if value is not None else 1.0
    except ValueError:
        seconds = 1.0
    return max(seconds, 0.0)


def _last_post(db: sqlite_utils.Database, channel: str) -> str | None:
    """When the channel's last digest went out: "New in the briefing" starts there."""
    posted = [d.posted_at for d in store.deliveries(db, channel) if d.status == "posted"]
    return max(posted) if posted else None


def deliver(
    db: sqlite_utils.Database,
    client: WebClient,
    sub: Subscription,
    day: dt.date,
    *,
    clock: Clock,
    sleep: Sleep,
    render: Render,
    pacer: Pacer | None = None,
    attach_calendar: bool = True,
    max_attempts: int = MAX_ATTEMPTS,
) -> Outcome:
    """Post ``sub``'s digest for local ``day`` unless the ledger already has that day."""
    channel = sub.channel_id
    if store.delivery(db, channel, day) is not None:
        return Outcome(channel, day, "already")
    since = _last_post(db, channel) or (
        sub.scheduled_since.astimezone(dt.UTC).isoformat(timespec="seconds")
        if sub.scheduled_since
        else None
    )
    digest = build_digest(db, day, sub.window_days, sub.topics, new_since=since)
    if digest.empty and not sub.always_post:
        return _record_empty(db, channel, day, clock)
    text, blocks = render(digest)

    for attempt in range(1, max_attempts + 1):
        if pacer is not None:
            pacer.wait()
        try:
            with write_lock(db):
                if store.delivery(db, channel, day) is not None:
                    return Outcome(channel, day, "already")
                current = store.get(db, channel)
                if current is None or current.paused:
                    return Outcome(channel, day, "gone")
                response = client.chat_postMessage(
                    channel=channel,
                    text=text,
                    blocks=blocks,
                    unfurl_links=False,
                    unfurl_media=False,
                )
                ts = str(response.get("ts") or "") or None
                store.record_delivery(db, channel, day, status="posted", ts=ts, clock=clock)
        except SlackApiError as error:
            wait = retry_after(error)
            code = str(error.response.get("error") or "")
            if wait is not None:
                if attempt == max_attempts or wait > MAX_RETRY_AFTER:
                    log.warning("digest for %s %s: still rate limited; later", channel, day)
                    return Outcome(channel, day, "failed", detail="ratelimited", retry_after=wait)
                log.info("digest for %s: rate limited, waiting %ss", channel, wait)
                sleep(wait)
                continue
            if code in PAUSE_REASONS:
                store.pause(db, channel, PAUSE_REASONS[code], clock)
                log.warning("digest for %s paused: %s", channel, code)
                return Outcome(channel, day, "paused", detail=code)
            log.warning("digest for %s %s failed: %s", channel, day, code or error)
            return Outcome(channel, day, "failed", detail=code or str(error))
        except sqlite3.OperationalError as error:
            log.warning("digest for %s %s: database busy (%s)", channel, day, error)
            return Outcome(channel, day, "busy", detail=str(error))
        except Exception as error:  # connection reset, timeout: nothing recorded, retry later
            log.warning("digest for %s %s failed: %r", channel, day, error)
            return Outcome(channel, day, "failed", detail=repr(error))
        if attach_calendar and digest.events and ts:
            upload_calendar(client, channel, ts, digest, clock, sleep=sleep, pacer=pacer)
        return Outcome(channel, day, "posted", ts=ts)
    return Outcome(channel, day, "failed", detail="no attempts")  # pragma: no cover


def _record_empty(db: sqlite_utils.Database, channel: str, day: dt.date, clock: Clock) -> Outcome:
    """Decide the day as "nothing to post", once, so a restart does not reconsider it."""
    try:
        with write_lock(db):
            if store.delivery(db, channel, day) is not None:
                return Outcome(channel, day, "already")
            store.record_delivery(db, channel, day, status="empty", ts=None, clock=clock)
    except sqlite3.OperationalError as error:
        return Outcome(channel, day, "busy", detail=str(error))
    return Outcome(channel, day, "empty")


def calendar_filename(digest: Digest) -> str:
    return f"cyberbrief-{digest.day.isoformat()}.ics"


def upload_calendar(
    client: WebClient,
    channel: str,
    thread_ts: str,
    digest: Digest,
    clock: Clock,
    *,
    sleep: Sleep | None = None,
    pacer: Pacer | None = None,
    max_attempts: int = MAX_ATTEMPTS,
) -> str | None:
    """Attach the events as an ``.ics`` file in the digest's thread; best effort, since the
    digest itself is already posted and recorded. Paced like the posts (the file is a message
    in the channel too), and a 429 waits for ``Retry-After`` (with ``sleep``) and tries again,
    so a fan-out does not lose calendars to rate limits. Returns the file ID, None on failure."""
    count = len(digest.events)
    for attempt in range(1, max_attempts + 1):
        if pacer is not None:
            pacer.wait()
        try:
            response = client.files_upload_v2(
                channel=channel,
                thread_ts=thread_ts,
                filename=calendar_filename(digest),
                title=f"cyberbrief events from {digest.day.isoformat()}",
                content=ics.calendar(digest.events, clock()),
                initial_comment=(
                    f"Add {'this event' if count == 1 else f'these {count} events'} to your "
                    "calendar: open the .ics file."
                ),
            )
        except SlackApiError as error:
            wait = retry_after(error)
            retry = wait is not None and wait <= MAX_RETRY_AFTER and attempt < max_attempts
            if retry and sleep is not None and wait is not None:
                sleep(wait)
                continue
            log.warning("calendar file for %s's digest not uploaded: %s", channel, error)
            return None
        except Exception as error:
            log.warning("calendar file for %s's digest not uploaded: %r", channel, error)
            return None
        file = response.get("file") or {}
        return str(file.get("id")) if isinstance(file, dict) and file.get("id") else None
    return None  # pragma: no cover
