"""Driving digests in tests: subscriptions saved long ago, the bot's scheduler on a fake clock
with its sleeps recorded (never slept), Slack's posts noted with the fake time they came at,
and a store whose digest is due right now (for a real ``bot.py serve``)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

import sqlite_utils
from apscheduler.schedulers.background import BackgroundScheduler
from slack_sdk import WebClient

from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.scheduler import DigestScheduler
from cyberbrief.digests.subscriptions import Subscription
from cyberbrief.knowledge.loader import load_records, parse_text
from cyberbrief.slack.digest_client import WebClientPoster
from cyberbrief.slack.views.digest import message
from cyberbrief.store.connection import connect
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock, mini_store

UTC = dt.UTC
LONG_AGO = dt.datetime(2026, 3, 1, tzinfo=UTC)
"""When the tests' subscriptions were made, unless a test says otherwise."""


def at(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=UTC)


class Posts:
    """Answers ``chat.postMessage`` like Slack and notes when (on the fake clock) each came."""

    def __init__(self, slack: FakeSlack, clock: FakeClock, delay: float = 0.0) -> None:
        self.clock = clock
        self.delay = delay
        self.seen: list[tuple[str, dt.datetime]] = []
        self._lock = threading.Lock()
        slack.on("chat.postMessage", self.answer)

    def answer(self, body: dict[str, object]) -> dict[str, object]:
        if self.delay:
            threading.Event().wait(self.delay)  # hold the request, as a slow Slack would
        with self._lock:
            self.seen.append((str(body.get("channel")), self.clock()))
            serial = len(self.seen)
        return {"ok": True, "channel": body.get("channel"), "ts": f"1774000000.{serial:06d}"}

    def times(self, channel: str) -> list[dt.datetime]:
        return [when for c, when in self.seen if c == channel]


class Sleeps:
    """An injected sleep: notes the wait and moves the fake clock instead of blocking."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.clock.advance(seconds=seconds)


def subscribe(
    path: Path,
    channel: str,
    hhmm: str,
    zone: str = "UTC",
    *,
    saved: dt.datetime = LONG_AGO,
    **options: object,
) -> None:
    """Channel ``channel`` subscribed at ``hhmm`` in ``zone`` (on ``saved``), in the store file."""
    db = connect(str(path))
    hour, minute = (int(x) for x in hhmm.split(":"))
    sub = Subscription(channel, dt.time(hour, minute), zone, **options)  # type: ignore[arg-type]
    store.save(db, sub, FakeClock(saved))
    db.close()


def poster(slack: FakeSlack) -> WebClientPoster:
    """What a bot process posts digests with, pointed at the fake Slack, without retries."""
    return WebClientPoster(WebClient(token="xoxb-test", base_url=slack.api_url, retry_handlers=[]))


def scheduler(
    path: Path,
    slack: FakeSlack,
    clock: FakeClock,
    connect_db: Callable[[], sqlite_utils.Database] | None = None,
    **kwargs: object,
) -> DigestScheduler:
    """A bot process's scheduler on the store file ``path`` (or ``connect_db``), posting to the
    fake Slack with its sleeps recorded; not started: tests call what its jobs would call, or
    start it on a ``DrivenScheduler`` given as ``scheduler=``."""
    options: dict[str, object] = {"scheduler": BackgroundScheduler(timezone=dt.UTC), **kwargs}
    return DigestScheduler(
        connect_db or (lambda: connect(str(path))),
        poster(slack),
        clock=clock,
        render=message,
        sleep=Sleeps(clock),
        post_interval=0,
        **options,  # type: ignore[arg-type]
    )


def posts_to(slack: FakeSlack, channel: str) -> list[dict[str, object]]:
    return [c.body for c in slack.calls_to("chat.postMessage") if c.body.get("channel") == channel]


def due_a_minute_ago(db_path: Path) -> str:
    """A store with an event tomorrow and channel C0DIGEST subscribed (an hour ago) "at
    HH:MM UTC" for the minute just gone: due now, inside the grace window. Returns HH:MM."""
    now = dt.datetime.now(dt.UTC)
    clock = FakeClock(now - dt.timedelta(hours=1))
    db = mini_store(db_path, clock)
    tomorrow = (now + dt.timedelta(days=1)).date().isoformat()
    event = f"events:\n  - {{name: Tomorrow Cyber Forum, starts: {tomorrow}, location: Geneva}}\n"
    load_records(
        db, parse_text("e.yaml", event.encode()), actor="test", origin="e.yaml", clock=clock
    )
    at = (now - dt.timedelta(minutes=1)).time().replace(second=0, microsecond=0)
    store.save(db, Subscription("C0DIGEST", post_time=at, timezone="UTC"), clock)
    db.close()
    return at.strftime("%H:%M")
