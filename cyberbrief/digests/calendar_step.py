"""A digest's calendar file: the second step of its delivery, recorded like the post.

Once a digest with events is posted the ledger says its calendar is ``due``. Each attempt
claims the upload (``sending``, with a lease), uploads the ``.ics`` into the digest's thread
with no transaction open, and records Slack's file id (``attached``). An upload that failed or
went unanswered (a 500, a timeout, the process killed) leaves the claim for the next attempt,
which first looks in the digest's thread for the file (``conversations.replies``) and uploads
only if it is not there: one calendar per digest, whatever restarts happen.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable

import sqlite_utils

from cyberbrief.digests import ics, ledger
from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.channel import SlackError, SlackPoster
from cyberbrief.digests.content import Digest

Clock = Callable[[], dt.datetime]
Sleep = Callable[[float], None]

MAX_ATTEMPTS = 4
"""Upload attempts per try (the first plus three after 429s)."""
MAX_RETRY_AFTER = 300.0
"""Longest Retry-After honoured; longer waits leave the file to the next try."""

log = logging.getLogger(__name__)


def calendar_filename(digest: Digest) -> str:
    return f"cyberbrief-{digest.day.isoformat()}.ics"


def attach_calendar(
    db: sqlite_utils.Database,
    client: SlackPoster,
    channel: str,
    digest: Digest,
    *,
    clock: Clock,
    sleep: Sleep | None,
    pace: Callable[[], None] | None,
    holder: str,
) -> bool:
    """Attach the day's calendar file to its posted digest unless the ledger has it (or it is
    in the thread already). True when it is attached, now or before; False while it is owed
    (another try comes later)."""
    day = digest.day
    try:
        state = ledger.claim_calendar(db, channel, day, holder, clock())
        row = store.delivery(db, channel, day)
    except sqlite3.OperationalError as error:
        log.warning("calendar for %s %s: database busy (%s)", channel, day, error)
        return False
    if state == ledger.ALREADY:
        return True
    if state == ledger.BUSY or row is None:
        return False
    thread_ts = row.ts or ""
    if state == ledger.RECOVERED:
        try:
            found = _in_thread(client, channel, thread_ts, calendar_filename(digest))
        except Exception as error:  # cannot tell: the next try looks again
            log.warning("calendar for %s %s: thread unreadable (%r); later", channel, day, error)
            ledger.calendar_unsure(db, channel, day, holder, clock())
            return False
        if found is not None:
            log.info("calendar for %s %s was attached before a restart; recorded", channel, day)
            return ledger.record_calendar(db, channel, day, holder, found)
    try:
        file_id = upload_calendar(client, channel, thread_ts, digest, clock, sleep, pace)
    except Exception as error:  # refused, or no answer: it may be there, the next try looks
        log.warning("calendar file for %s's digest not attached yet: %r", channel, error)
        ledger.calendar_unsure(db, channel, day, holder, clock())
        return False
    return ledger.record_calendar(db, channel, day, holder, file_id)


def _in_thread(client: SlackPoster, channel: str, thread_ts: str, filename: str) -> str | None:
    """The id of a file named ``filename`` in the digest's thread, if one is there."""
    for file_id, name in client.thread_files(channel, thread_ts):
        if name == filename:
            return str(file_id)
    return None


def upload_calendar(
    client: SlackPoster,
    channel: str,
    thread_ts: str,
    digest: Digest,
    clock: Clock,
    sleep: Sleep | None = None,
    pace: Callable[[], None] | None = None,
    max_attempts: int = MAX_ATTEMPTS,
) -> str | None:
    """Upload the events as an ``.ics`` file in the digest's thread; Slack's file id. Paced
    like the posts (the file is a message in the channel too); a 429 waits for Retry-After
    (with ``sleep``) and tries again. Any other failure raises."""
    count = len(digest.events)
    for attempt in range(1, max_attempts + 1):
        if pace is not None:
            pace()
        try:
            file_id = client.upload_file(
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
        except SlackError as error:
            wait = error.retry_after
            retry = wait is not None and wait <= MAX_RETRY_AFTER and attempt < max_attempts
            if retry and sleep is not None and wait is not None:
                sleep(wait)
                continue
            raise
        return file_id or None
    raise SlackError("still rate limited", code="ratelimited")  # pragma: no cover
