"""Feeds polled inside the bot process: one APScheduler job per feed on its own interval,
driven by a fake clock (``tests.digest_data.DrivenScheduler``) against a loopback server;
conditional GETs on later polls, a failing feed skipped while it backs off, feeds added and
removed while running picked up by the resync."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from cyberbrief.intake.feeds import add_feed, list_feeds, remove_feed
from cyberbrief.intake.fetch import FetchPolicy
from cyberbrief.intake.polling import FeedPoller
from cyberbrief.intake.review import pending
from cyberbrief.store.connection import connect
from tests.digest_data import DrivenScheduler, driven_scheduler
from tests.helpers import FakeClock, mini_store
from tests.web_server import DATA, Route, WebServer, news_site, serve

START = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def web() -> Iterator[WebServer]:
    server = WebServer()
    for running in serve(server):
        running.routes.update(
            {
                **news_site(running, rss_etag='"r1"'),
                "/events.ics": Route(
                    (DATA / "policy-events.ics").read_bytes(), content_type="text/calendar"
                ),
                "/down.rss": Route(b"", status=503),
            }
        )
        yield running


def start(
    path: Path, web: WebServer, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> tuple[FeedPoller, DrivenScheduler]:
    """What ``start_feeds`` does in a bot process, on the fake clock, with the Slack policy."""
    driven = driven_scheduler(monkeypatch, clock)
    poller = FeedPoller(
        lambda: connect(str(path)),
        clock=clock,
        policy=FetchPolicy(trusted_hosts=frozenset({f"127.0.0.1:{web.port}"})),
        scheduler=driven,
        resync_seconds=600,
    )
    poller.start()
    driven.advance_to(clock())
    return poller, driven


def test_each_feed_is_polled_on_its_own_interval_with_conditional_gets(
    tmp_path: Path, web: WebServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock(START)
    path = tmp_path / "k.db"
    db = mini_store(path, clock)
    add_feed(db, web.url("/feeds/cyber.rss"), interval_minutes=60, actor="ana", clock=clock)
    add_feed(
        db, web.url("/events.ics"), kind="calendar", interval_minutes=30, actor="ana", clock=clock
    )
    _, driven = start(path, web, clock, monkeypatch)
    assert len(web.hits("/feeds/cyber.rss")) == 1 and len(web.hits("/events.ics")) == 1
    assert {d.batch for d in pending(db)} == {
        web.url("/world/seoul"),
        web.url("/policy/dubai-talks"),
    }
    driven.advance_to(START + dt.timedelta(hours=2))
    rss = web.hits("/feeds/cyber.rss")
    assert len(rss) == 3 and all(h.get("If-None-Match") == '"r1"' for h in rss[1:])
    assert len(web.hits("/events.ics")) == 5, "every 30 minutes"
    assert len(web.hits("/world/seoul")) == 1, "each story fetched once"
    assert all(f.last_error is None for f in list_feeds(db))


def test_a_failing_feed_is_skipped_while_it_backs_off(
    tmp_path: Path, web: WebServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock(START)
    path = tmp_path / "k.db"
    db = mini_store(path, clock)
    add_feed(db, web.url("/down.rss"), interval_minutes=60, actor="ana", clock=clock)
    _, driven = start(path, web, clock, monkeypatch)
    assert len(web.hits("/down.rss")) == 1
    driven.advance_to(START + dt.timedelta(hours=1, minutes=30))
    assert len(web.hits("/down.rss")) == 1, "the 10:00 run waits: next try 11:00"
    driven.advance_to(START + dt.timedelta(hours=2, minutes=30))
    assert len(web.hits("/down.rss")) == 2, "tried again at 11:00; the next try waits 4 h"
    [feed] = list_feeds(db)
    assert feed.failures == 2 and feed.next_poll_at == "2026-11-24T15:00:00+00:00"
    assert "HTTP 503" in (feed.last_error or "")


def test_feeds_added_or_removed_while_running_are_picked_up(
    tmp_path: Path, web: WebServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock(START)
    path = tmp_path / "k.db"
    db = mini_store(path, clock)
    poller, driven = start(path, web, clock, monkeypatch)
    add_feed(db, web.url("/events.ics"), kind="calendar", actor="ana", clock=clock)
    driven.advance_to(START + dt.timedelta(minutes=10))
    assert len(web.hits("/events.ics")) == 1, "found by the resync and polled at once"
    remove_feed(db, "1")
    driven.advance_to(START + dt.timedelta(hours=3))
    assert len(web.hits("/events.ics")) == 1
    assert not [j for j in driven.get_jobs() if j.id.startswith("feed:")]
    poller.shutdown()
