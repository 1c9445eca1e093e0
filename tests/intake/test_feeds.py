"""Feeds and the review queue in the knowledge layer: RSS/Atom items drafted for review once,
an .ics calendar's events (recurring, time zones) written with their source and shown in
digests, conditional GETs answered 304, failing feeds backing off with their reason, and
approvals that answer questions and can be undone."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator

import pytest
import sqlite_utils

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.digests.content import build_digest
from cyberbrief.intake.feeds import FeedError, add_feed, list_feeds, poll_feed, remove_feed
from cyberbrief.intake.fetch import Fetched, FetchPolicy, fetch
from cyberbrief.intake.newsfeed import parse_news
from cyberbrief.intake.review import approve, approved_since, edit, pending, reject
from cyberbrief.knowledge.loader import LoadFailed
from cyberbrief.store.journal import undo
from tests.helpers import PROJECT, FakeClock
from tests.web_server import DATA, Route, WebServer, serve

OPERATOR = FetchPolicy(allow_private=True, timeout=10)


@pytest.fixture
def web() -> Iterator[WebServer]:
    server = WebServer()
    yield from serve(server)


def publish(web: WebServer) -> None:
    """The news site and its feeds, with validators so the second poll is a 304."""
    base = f"http://127.0.0.1:{web.port}".encode()
    for path, name, kind in (
        ("/feeds/cyber.rss", "news.rss", "application/rss+xml; charset=utf-8"),
        ("/feeds/policy.atom", "news.atom", "application/atom+xml"),
    ):
        body = (DATA / name).read_bytes().replace(b"{base}", base)
        web.routes[path] = Route(body, content_type=kind, etag=f'"{name}-1"')
    web.routes["/world/seoul"] = Route((DATA / "seoul-conference.html").read_bytes())
    web.routes["/policy/dubai-talks"] = Route((DATA / "dubai-talks.html").read_bytes())
    web.routes["/events.ics"] = Route(
        (DATA / "policy-events.ics").read_bytes(),
        content_type="text/calendar; charset=utf-8",
        last_modified="Sun, 01 Nov 2026 09:00:00 GMT",
    )


def test_news_items_are_drafted_for_review_once(
    web: WebServer, db: sqlite_utils.Database, clock: FakeClock
) -> None:
    publish(web)
    feed = add_feed(db, web.url("/feeds/cyber.rss"), topics=["UN"], actor="ana", clock=clock)
    result = poll_feed(db, feed, policy=OPERATOR, clock=clock)
    assert (result.error, result.drafted) == (None, 2)
    queued = pending(db)
    batches = {d.batch for d in queued}
    assert batches == {web.url("/world/seoul"), web.url("/policy/dubai-talks")}
    speakers = {d.data["speaker"] for d in queued if d.kind == "quotes"}
    assert {"Park Geun-hye", "Terry Kramer", "Hamadoun Touré"} <= speakers
    assert (
        Answerer(db, today=lambda: dt.date(2026, 11, 24))
        .answer("who said capacity building is not charity")
        .status.name
        != "OK"
    ), "nothing pending is visible to answers"

    clock.advance(hours=1)
    again = poll_feed(db, list_feeds(db)[0], policy=OPERATOR, clock=clock)
    assert again.not_modified and again.drafted == 0
    assert web.hits("/feeds/cyber.rss")[1]["If-None-Match"] == '"news.rss-1"'
    assert len(web.hits("/world/seoul")) == 1, "a story is fetched once"
    shown = list_feeds(db)[0]
    assert shown.title == "Example Wire: Cyber policy" and shown.topics == ("UN",)
    assert shown.status().startswith("ok, last polled 2026-11-24T10:00")


def test_an_atom_story_already_seen_elsewhere_is_queued_once(
    web: WebServer, db: sqlite_utils.Database, clock: FakeClock
) -> None:
    publish(web)
    rss = add_feed(db, web.url("/feeds/cyber.rss"), actor="ana", clock=clock)
    atom = add_feed(db, web.url("/feeds/policy.atom"), actor="ana", clock=clock)
    poll_feed(db, rss, policy=OPERATOR, clock=clock)
    before = len(pending(db))
    result = poll_feed(db, atom, policy=OPERATOR, clock=clock)
    assert result.drafted == 1, "the podcast's mailto: link is skipped"
    assert len(pending(db)) == before, "the same records pending for the same article"


def test_a_calendar_becomes_events_in_the_digest_with_their_source(
    web: WebServer, db: sqlite_utils.Database, clock: FakeClock
) -> None:
    publish(web)
    feed = add_feed(
        db, web.url("/events.ics"), kind="calendar", topics=["ransomware"], actor="ana", clock=clock
    )
    result = poll_feed(db, feed, policy=OPERATOR, clock=clock)
    assert result.error is None and result.events is not None
    narrowed = build_digest(db, dt.date(2026, 11, 25), 14, topics=["ransomware"])
    assert len(narrowed.events) == 4, "a channel narrowed to the feed's topic gets its events"
    digest = build_digest(db, dt.date(2026, 11, 25), 14)
    names = [e.name for e in digest.events]
    assert names == [
        "Weekly threat briefing, 26 November 2026",
        "EU Cyber Forum 2026",
        "Weekly threat briefing, 3 December 2026",
        "UN OEWG side event on ransomware",
    ]
    forum = digest.events[1]
    assert (forum.starts, forum.ends) == (dt.date(2026, 12, 1), dt.date(2026, 12, 2))
    assert forum.citation is not None and forum.citation.title == "Cyber Policy Events"
    oewg = digest.events[3]
    assert oewg.starts == dt.date(2026, 12, 8), "the local date in New York, not UTC's 9th"
    assert "20:00–21:30 America/New_York" in (oewg.line or "")
    later = build_digest(db, dt.date(2026, 12, 20), 14)
    assert [e.name for e in later.events] == ["Weekly threat briefing, 31 December 2026"], (
        "24 December is an EXDATE"
    )
    clock.advance(hours=2)
    assert poll_feed(db, list_feeds(db)[0], policy=OPERATOR, clock=clock).not_modified
    since = web.hits("/events.ics")[1]["If-Modified-Since"]
    assert since == "Sun, 01 Nov 2026 09:00:00 GMT"


def test_a_failing_feed_backs_off_and_says_why(
    web: WebServer, db: sqlite_utils.Database, clock: FakeClock
) -> None:
    web.routes["/feed"] = Route(b"<html><body>Moved</body></html>")
    feed = add_feed(db, web.url("/feed"), actor="ana", clock=clock)
    first = poll_feed(db, feed, policy=OPERATOR, clock=clock)
    assert first.error == "is text/html, not application/rss+xml or application/atom+xml" + (
        " or application/rdf+xml or application/xml or text/xml or text/calendar"
    ), "a feed never polled may turn out to be either kind"
    failing = list_feeds(db)[0]
    assert failing.failures == 1 and failing.next_poll_at == "2026-11-24T11:00:00+00:00"
    poll_feed(db, failing, policy=OPERATOR, clock=clock)
    failing = list_feeds(db)[0]
    assert failing.failures == 2 and failing.next_poll_at == "2026-11-24T13:00:00+00:00"
    assert "failing (2 in a row): is text/html" in failing.status()
    web.routes["/feed"] = Route(
        (DATA / "news.atom").read_bytes(), content_type="application/atom+xml"
    )
    web.routes["/policy/dubai-talks"] = Route(b"", status=500)
    recovered = poll_feed(db, failing, policy=OPERATOR, clock=clock)
    assert recovered.error is None and list_feeds(db)[0].failures == 0


def test_the_slack_policy_keeps_feed_stories_off_private_addresses(
    web: WebServer, db: sqlite_utils.Database, clock: FakeClock
) -> None:
    publish(web)
    web.routes["/world/seoul"] = Route(status=302, location=f"http://localhost:{web.port}/x")
    policy = FetchPolicy(trusted_hosts=frozenset({f"127.0.0.1:{web.port}"}))
    feed = add_feed(db, web.url("/feeds/cyber.rss"), actor="ana", clock=clock)
    result = poll_feed(db, feed, policy=policy, clock=clock)
    assert result.drafted == 1, "the Dubai story; Seoul's redirect was refused"
    outcome = db.conn.execute("SELECT outcome FROM feed_items WHERE link LIKE '%seoul'").fetchone()
    assert "localhost resolves to a loopback address" in outcome[0]


def test_one_bad_story_never_stops_a_feed(
    web: WebServer, db: sqlite_utils.Database, clock: FakeClock
) -> None:
    """A story linking to a port out of range, and one whose drafting fails unexpectedly, are
    recorded as failed; the stories after them are drafted and the poll is recorded."""
    publish(web)
    base = f"http://127.0.0.1:{web.port}"
    rss = (DATA / "news.rss").read_text().replace("{base}", base)
    bad = (
        "<item><title>Bad port</title><link>http://127.0.0.1:99999/x</link>"
        '<guid isPermaLink="false">bad-port</guid></item>'
    )
    web.routes["/feeds/cyber.rss"] = Route(
        rss.replace("<item>", bad + "<item>", 1).encode(), content_type="application/rss+xml"
    )
    feed = add_feed(db, web.url("/feeds/cyber.rss"), actor="ana", clock=clock)
    result = poll_feed(db, feed, policy=OPERATOR, clock=clock)
    assert (result.error, result.drafted) == (None, 2)
    outcomes = dict(db.conn.execute("SELECT key, outcome FROM feed_items").fetchall())
    assert "port that is not a number from 1 to 65535" in outcomes["bad-port"]
    assert list_feeds(db)[0].status().startswith("ok, last polled")

    def broken(url: str, *args: object, **kwargs: object) -> Fetched:
        if url.endswith("/world/seoul"):
            raise ValueError("a drafting bug")
        return fetch(url, *args, **kwargs)  # type: ignore[arg-type]

    web.routes["/feeds/copy.rss"] = Route(rss.encode(), content_type="application/rss+xml")
    other = add_feed(db, web.url("/feeds/copy.rss"), actor="ana", clock=clock)
    result = poll_feed(db, other, policy=OPERATOR, clock=clock, fetcher=broken)
    assert result.error is None
    assert list_feeds(db)[1].status().startswith("ok, last polled")
    outcomes = dict(
        db.conn.execute(
            "SELECT link, outcome FROM feed_items WHERE feed_id = ?", (other.id,)
        ).fetchall()
    )
    assert outcomes[f"{base}/world/seoul"].startswith("failed: ")
    assert "drafts" in outcomes[f"{base}/policy/dubai-talks"], "the story after it was drafted"


def test_feed_commands_refuse_bad_input(db: sqlite_utils.Database, clock: FakeClock) -> None:
    add_feed(db, "https://news.example/feed", actor="ana", clock=clock)
    for url, kind, message in (
        ("ftp://news.example/feed", "news", r"not an http\(s\) address"),
        ("https://news.example/feed", "news", "already followed"),
        ("https://news.example/cal", "agenda", "not one of: news, calendar"),
        ("https://news.example:99999/feed", "news", "port that is not a number from 1 to 65535"),
        ("https://[::1/feed", "news", "not a valid address"),
    ):
        with pytest.raises(FeedError, match=message):
            add_feed(db, url, kind=kind, actor="ana", clock=clock)
    assert remove_feed(db, "#1").url == "https://news.example/feed"
    with pytest.raises(FeedError, match="no feed '#1'"):
        remove_feed(db, "#1")


def test_approving_writes_answers_and_undo_removes_it(
    web: WebServer, db: sqlite_utils.Database, clock: FakeClock
) -> None:
    publish(web)
    poll_feed(
        db,
        add_feed(db, web.url("/feeds/cyber.rss"), actor="ana", clock=clock),
        policy=OPERATOR,
        clock=clock,
    )
    seoul = pending(db, web.url("/world/seoul"))
    quote = next(d for d in seoul if "not charity" in d.data.get("text", ""))
    answerer = Answerer(db, today=lambda: dt.date(2026, 11, 24))
    report = approve(db, [d.id for d in seoul], actor="ana", clock=clock)
    assert report.change_id is not None and "quotes" in report.summary()
    answer = render(answerer.answer("who said capacity building is not charity"))
    assert "Yun Byung-se" in answer and "Seoul hosts third global cyberspace conference" in answer
    assert [d.id for d in approved_since(db, "2026-11-24T00:00:00")] == [d.id for d in seoul]
    news = build_digest(db, dt.date(2026, 11, 25), 7, new_since="2026-11-24T00:00:00+00:00")
    assert any(line.startswith("quote: Yun Byung-se: “Capacity") for line in news.new)
    assert "person: Jozias van Aartsen, Mayor of The Hague (Example Wire)" in news.new
    assert not news.empty, "something new is worth a post"
    with pytest.raises(LoadFailed, match=f"draft #{quote.id}: was already approved"):
        reject(db, [quote.id], actor="ana", clock=clock)

    undo(db, report.change_id, actor="ana", clock=clock)
    assert "Yun Byung-se" not in render(
        answerer.answer("who said capacity building is not charity")
    )
    assert approved_since(db, "2026-11-24T00:00:00") == []
    assert build_digest(db, dt.date(2026, 11, 25), 7, new_since="2026-11-24T00:00:00").new == ()


def test_drafts_are_edited_with_the_load_schema_and_rejected(
    web: WebServer, db: sqlite_utils.Database, clock: FakeClock
) -> None:
    publish(web)
    poll_feed(
        db,
        add_feed(db, web.url("/feeds/cyber.rss"), actor="ana", clock=clock),
        policy=OPERATOR,
        clock=clock,
    )
    person = next(d for d in pending(db) if d.kind == "people")
    with pytest.raises(LoadFailed, match="name"):
        edit(db, person.id, {"role": "no name"})
    edited = edit(db, person.id, {**person.data, "role": "Mayor of The Hague (2008-2016)"})
    assert edited.data["role"] == "Mayor of The Hague (2008-2016)"
    others = [d.id for d in pending(db) if d.id != person.id]
    assert reject(db, others, actor="ana", clock=clock) == len(others)
    assert [d.id for d in pending(db)] == [person.id]
    with pytest.raises(LoadFailed, match="#99999: does not exist"):
        approve(db, [99999], actor="ana", clock=clock)


def test_a_feed_element_with_100000_attributes_is_refused_at_once() -> None:
    """1 MB of attributes on one element (feedparser takes minutes, quadratic in them) is
    refused before parsing, in a process of its own; a long story in CDATA still reads."""
    script = (
        "import sys, time\n"
        "from cyberbrief.intake.newsfeed import FeedInvalid, parse_news\n"
        "attrs = ' '.join(f'a{i}=\"x\"' for i in range(100_000))\n"
        'body = (\'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>\'\n'
        "        f'<item {attrs}><link>https://news.example/a</link></item></channel></rss>')\n"
        "try:\n"
        "    parse_news(body.encode(), 'https://news.example/feed')\n"
        "except FeedInvalid as exc:\n"
        "    print(exc)\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, timeout=30
    )
    assert ran.returncode == 0, ran.stderr
    assert "has an element whose tag runs past 8 KB (thousands of attributes?)" in ran.stdout
    story = "plain words " * 2000
    long = (
        (DATA / "news.rss")
        .read_bytes()
        .replace(b"<description>Talks", f"<description><![CDATA[{story}]]>Talks".encode())
    )
    assert len(parse_news(long, "https://news.example/feed").items) == 2
