"""A feed's topics reach channels narrowed to them without showing up as text: a calendar's
events carry them as their own field (not in the description a card shows), and a news
feed's drafts carry them, so an approved story is listed as new in a digest narrowed to the
topic and not in one narrowed to another. Served over loopback HTTP, on a fake clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import sqlite_utils

from cyberbrief.digests.content import build_digest
from cyberbrief.intake.feeds import add_feed, list_feeds, poll_feed
from cyberbrief.intake.fetch import FetchPolicy
from cyberbrief.intake.review import approve, pending
from cyberbrief.knowledge.export import export_yaml
from cyberbrief.knowledge.loader import RawRecord, load_records
from tests.helpers import FakeClock
from tests.web_server import DATA, Route, WebServer, news_site, serve

OPERATOR = FetchPolicy(allow_private=True, timeout=10)
DAY = dt.date(2026, 11, 25)


@pytest.fixture
def web() -> Iterator[WebServer]:
    server = WebServer()
    for running in serve(server):
        running.routes.update(news_site(running))
        yield running


def calendar(web: WebServer, version: int) -> None:
    web.routes["/events.ics"] = Route(
        (DATA / "policy-events.ics").read_bytes(),
        content_type="text/calendar",
        last_modified=f"Sun, 0{version} Nov 2026 09:00:00 GMT",
    )


def test_calendar_topics_narrow_digests_without_touching_descriptions(
    web: WebServer, db: sqlite_utils.Database, clock: FakeClock
) -> None:
    calendar(web, 1)
    url = web.url("/events.ics")
    feed = add_feed(db, url, kind="calendar", topics=["threat intel"], actor="ana", clock=clock)
    poll_feed(db, feed, policy=OPERATOR, clock=clock)
    narrowed = build_digest(db, DAY, 14, topics=["threat intel"])
    assert len(narrowed.events) == 4
    assert build_digest(db, DAY, 14, topics=["ransomware"]).events[0].name == (
        "UN OEWG side event on ransomware"
    ), "only the event whose own text says so"
    lines = [e.line or "" for e in build_digest(db, DAY, 14).events]
    assert lines[1] == (
        "Two days of debate on the Cyber Resilience Act, NIS2 and the EU cyber diplomacy toolbox."
    )
    assert not any("Topics" in line or "threat intel" in line for line in lines)
    assert "  topics:\n  - threat intel\n" in export_yaml(db), "exported, and loaded back"

    # A description an older version made of the topics alone is cleared at the next poll.
    load_records(
        db,
        [
            RawRecord(
                "events",
                "old poll",
                {
                    "name": "UN OEWG side event on ransomware",
                    "starts": "2026-12-08",
                    "description": "Topics: threat intel.",
                    "source": "feed-1",
                },
            )
        ],
        actor="feed #1",
        origin="old poll",
        clock=clock,
    )
    calendar(web, 2)
    clock.advance(hours=1)
    poll_feed(db, list_feeds(db)[0], policy=OPERATOR, clock=clock)
    [oewg] = [e for e in build_digest(db, DAY, 14).events if "OEWG" in e.name]
    assert oewg.line == "20:00–21:30 America/New_York."


def test_an_approved_story_from_a_topic_feed_is_new_in_channels_narrowed_to_it(
    web: WebServer, db: sqlite_utils.Database, clock: FakeClock
) -> None:
    feed = add_feed(db, web.url("/feeds/cyber.rss"), topics=["diplomacy"], actor="ana", clock=clock)
    poll_feed(db, feed, policy=OPERATOR, clock=clock)
    seoul = pending(db, web.url("/world/seoul"))
    assert seoul and all(d.topics == ("diplomacy",) for d in seoul)
    approve(db, [d.id for d in seoul], actor="ana", clock=clock)
    since = "2026-11-24T00:00:00+00:00"
    everything = build_digest(db, DAY, 7, new_since=since).new
    assert len(everything) == len(seoul)
    assert build_digest(db, DAY, 7, topics=["diplomacy"], new_since=since).new == everything
    assert build_digest(db, DAY, 7, topics=["ransomware"], new_since=since).new == ()
    texts = " ".join(str(d.data) for d in seoul)
    assert "diplomacy" not in texts.lower(), "matched by the feed's topic, not by the text"
