"""The feeds an admin follows, read back: their address, kind, topics and how polling went.

Following, polling and removing them is :mod:`cyberbrief.intake.feeds`; the rows live here so
the calendar writer (:mod:`cyberbrief.intake.feed_calendar`) can name a feed without a circle.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils


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
