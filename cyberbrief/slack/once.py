"""Slack's retried deliveries do the work once.

Slack re-sends a request it got no timely answer for (``X-Slack-Retry-Num``; in Socket Mode a
``retry_attempt``), and a user double-clicking a button sends the same interaction twice. A
request that changes something (a subscribe, an admin load or form, an undo, a review decision,
a shortcut, an answer posted to a mention or DM) is recorded by its Slack id (``event_id``, or
the interaction's ``trigger_id``) in ``handled_requests``, in one short transaction, before its
listener runs; a repeat is acknowledged and skipped, whichever process it reaches.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltResponse

from cyberbrief.slack.services import Services

KEEP = dt.timedelta(days=1)
"""How long a handled request is remembered (Slack retries within minutes)."""
CHANGING_WORDS = frozenset({"subscribe", "unsubscribe", "admin"})
"""``/cyber`` sub-commands that change something (questions and previews do not)."""

log = logging.getLogger(__name__)


def request_key(body: dict[str, Any]) -> str | None:
    """The id a retry of this request repeats, if the request changes something."""
    kind = body.get("type")
    if kind == "event_callback":
        return f"event:{body['event_id']}" if body.get("event_id") else None
    if kind in ("view_submission", "block_actions", "message_action", "shortcut"):
        trigger = body.get("trigger_id")
        return f"{kind}:{trigger}" if trigger else None
    if body.get("command"):
        word = str(body.get("text") or "").strip().partition(" ")[0].lower()
        trigger = body.get("trigger_id")
        return f"command:{trigger}" if trigger and word in CHANGING_WORDS else None
    return None


def first_time(services: Services, key: str) -> bool:
    """Record ``key``; False if it was recorded before (the request is a repeat)."""
    now = services.clock().astimezone(dt.UTC)
    with services.write() as db:
        db.conn.execute("DELETE FROM handled_requests WHERE at < ?", ((now - KEEP).isoformat(),))
        cursor = db.conn.execute(
            "INSERT OR IGNORE INTO handled_requests (key, at) VALUES (?, ?)",
            (key, now.isoformat(timespec="seconds")),
        )
    return cursor.rowcount > 0


def once(services: Services) -> Callable[..., BoltResponse | None]:
    """A global middleware that lets each changing request's work happen once."""

    def only_once(body: dict[str, Any], next: Callable[[], None]) -> BoltResponse | None:
        key = request_key(body)
        if key is not None and not first_time(services, key):
            log.info("request %s was handled already (a Slack retry); acknowledged only", key)
            return BoltResponse(status=200, body="")
        next()
        return None

    return only_once
