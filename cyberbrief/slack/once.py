"""Slack's retried deliveries do the work once.

Slack re-sends a request it got no timely answer for (``X-Slack-Retry-Num``; in Socket Mode a
``retry_attempt``), and a user double-clicking a button sends the same interaction twice. A
request that changes something (a subscribe, an admin load or form, an undo, a review decision,
a shortcut, an answer posted to a mention or DM) is recorded by its Slack id (``event_id``, or
the interaction's ``trigger_id``) before its listener runs, in this process and in
``handled_requests`` for the others; a repeat is acknowledged and skipped.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltResponse

from cyberbrief.slack.services import Services
from cyberbrief.store.connection import write_lock

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


class Handled:
    """The requests this process has handled (bounded), backed by ``handled_requests`` for
    the other processes. Recording happens before the ack, so it never waits on another
    unit's write: when the file is locked for longer than ``WAIT``, this process's memory
    decides alone (a retry then reaching another process would be done there again)."""

    WAIT = 0.2
    """Seconds the record may wait for SQLite's write lock."""

    def __init__(self, services: Services, size: int = 10_000) -> None:
        self.services = services
        self.size = size
        self._seen: dict[str, None] = {}
        self._guard = threading.Lock()
        """Guards ``_seen`` (a dict update), never the store."""

    def first_time(self, key: str) -> bool:
        """Record ``key``; False if it was handled before (the request is a repeat)."""
        with self._guard:
            if key in self._seen:
                return False
            self._seen[key] = None
            if len(self._seen) > self.size:
                del self._seen[next(iter(self._seen))]
        now = self.services.clock().astimezone(dt.UTC)
        try:
            db = self.services.store.connect(timeout=self.WAIT)
            try:
                with write_lock(db):
                    db.conn.execute(
                        "DELETE FROM handled_requests WHERE at < ?", ((now - KEEP).isoformat(),)
                    )
                    cursor = db.conn.execute(
                        "INSERT OR IGNORE INTO handled_requests (key, at) VALUES (?, ?)",
                        (key, now.isoformat(timespec="seconds")),
                    )
            finally:
                db.close()
        except sqlite3.OperationalError as error:
            log.info("request %s recorded in this process only (%s)", key, error)
            return True
        return cursor.rowcount > 0


def once(services: Services) -> Callable[..., BoltResponse | None]:
    """A global middleware that lets each changing request's work happen once."""

    handled = Handled(services)

    def only_once(body: dict[str, Any], next: Callable[[], None]) -> BoltResponse | None:
        key = request_key(body)
        if key is not None and not handled.first_time(key):
            log.info("request %s was handled already (a Slack retry); acknowledged only", key)
            return BoltResponse(status=200, body="")
        next()
        return None

    return only_once
