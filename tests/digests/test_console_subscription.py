"""A subscription made in the local console is kept apart from real channels: the running
bot never posts it, and Slack never lists it (not even to an admin)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.subscriptions import CONSOLE_CHANNEL
from cyberbrief.store.connection import connect
from tests.digest_data import driven_scheduler
from tests.digest_jobs import Posts, at, scheduler, subscribe
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock


def test_the_bot_never_posts_the_consoles_digest(
    db_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(db_path, CONSOLE_CHANNEL, "07:30", always_post=True)
    subscribe(db_path, "C1", "07:30", always_post=True)
    clock = FakeClock(at(2026, 3, 27, 12, 0))
    posts = Posts(slack, clock)
    driven = driven_scheduler(monkeypatch, clock)
    digests = scheduler(db_path, slack, clock, scheduler=driven, resync_seconds=3600)
    digests.start()
    try:
        driven.advance_to(at(2026, 3, 29, 12, 0))
    finally:
        digests.shutdown()
    assert posts.times("C1") == [at(2026, 3, 28, 7, 30), at(2026, 3, 29, 7, 30)]
    assert posts.times(CONSOLE_CHANNEL) == [], "the console's subscription is never posted"


def test_every_listing_leaves_the_console_out(db_path: Path) -> None:
    subscribe(db_path, CONSOLE_CHANNEL, "07:30")
    subscribe(db_path, "C1", "08:00")
    db = connect(str(db_path))
    try:
        assert [s.channel_id for s in store.all_subscriptions(db)] == ["C1"]
        assert store.get(db, CONSOLE_CHANNEL) is not None, "the console still sees its own"
    finally:
        db.close()
