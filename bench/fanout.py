"""Digest fan-out to many channels against a fake Slack that rate-limits and fails.

The fake enforces one message per second per channel (429 with Retry-After otherwise) and
injects random 429s and 5xx answers. Posting is real HTTP and real SQLite; the pacing and
Retry-After waits are virtual (a fake clock moves instead of sleeping), so the run reports the
real work time and the waiting time it implies, and checks that no channel got two digests
and none got none.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from slack_sdk import WebClient

from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.scheduler import POST_INTERVAL, DigestScheduler
from cyberbrief.digests.subscriptions import Subscription
from cyberbrief.knowledge.seed import open_store
from cyberbrief.slack.digest_client import WebClientPoster
from cyberbrief.slack.views.digest import message
from cyberbrief.store.connection import connect
from tests.fake_slack import FakeSlack, Reply
from tests.helpers import FakeClock


class FlakySlack:
    """``chat.postMessage`` as a busy Slack answers it: one message per second per channel
    (429 with Retry-After otherwise), and random 429s and 5xx answers; notes what it took."""

    def __init__(self, seed: int, rate_limited: float, server_errors: float) -> None:
        self.rnd = random.Random(seed)
        self.rate_limited, self.server_errors = rate_limited, server_errors
        self.lock = threading.Lock()
        self.accepted: dict[str, int] = {}
        self.last_post: dict[str, float] = {}
        self.injected = {"429": 0, "5xx": 0}

    def respond(self, body: dict[str, Any]) -> Reply:
        channel = str(body.get("channel"))
        with self.lock:
            now = time.monotonic()
            if now - self.last_post.get(channel, -10.0) < 1.0:
                return 429, {"Retry-After": "1"}, {"ok": False, "error": "ratelimited"}
            roll = self.rnd.random()
            if roll < self.rate_limited:
                self.injected["429"] += 1
                return 429, {"Retry-After": "2"}, {"ok": False, "error": "ratelimited"}
            if roll < self.rate_limited + self.server_errors:
                self.injected["5xx"] += 1
                return 503, {}, {"ok": False, "error": "service_unavailable"}
            self.last_post[channel] = now
            self.accepted[channel] = self.accepted.get(channel, 0) + 1
            return 200, {}, {"ok": True, "channel": channel, "ts": f"{now:.6f}"}


def subscribed_store(path: Path, channels: int) -> None:
    """A store with ``channels`` channels subscribed at 09:00 UTC, posting even when empty."""
    db = open_store(path)
    saved = FakeClock(dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    for i in range(channels):
        store.save(db, Subscription(f"C{i:06d}", dt.time(9, 0), always_post=True), saved)
    db.close()


def run(channels: int, rate_limited: float = 0.02, server_errors: float = 0.01) -> dict[str, Any]:
    fake = FlakySlack(channels, rate_limited, server_errors)
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as slack:
        path = Path(tmp) / "fanout.db"
        clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
        subscribed_store(path, channels)
        slack.on_reply("chat.postMessage", fake.respond)
        waited: list[float] = []

        def sleep(seconds: float) -> None:
            waited.append(seconds)
            clock.advance(seconds=seconds)

        digests = DigestScheduler(
            lambda: connect(str(path)),
            WebClientPoster(
                WebClient(token="xoxb-bench", base_url=slack.api_url, retry_handlers=[])
            ),
            clock=clock,
            render=message,
            sleep=sleep,
            post_interval=POST_INTERVAL,
            attach_calendar=False,
        )
        start = time.perf_counter()
        passes = 0
        while passes < 6:
            passes += 1
            outcomes = digests.catch_up()
            if not any(o.retry for o in outcomes):
                break
            clock.advance(minutes=5)  # the retry job's delay
        work = time.perf_counter() - start
        db = connect(str(path))
        ledger = {d.channel_id for d in store.deliveries(db)}
    return {
        "channels": channels,
        "work_s": work,
        "virtual_wait_s": sum(waited),
        "pacing_floor_s": channels * POST_INTERVAL,
        "passes": passes,
        "injected_429": fake.injected["429"],
        "injected_5xx": fake.injected["5xx"],
        "duplicates": sum(1 for n in fake.accepted.values() if n > 1),
        "lost": channels - len(ledger & set(fake.accepted)),
    }
