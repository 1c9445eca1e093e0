"""Feeds, links and the review queue from the command line, as an operator runs them against
a loopback web server: follow a news feed and a calendar, poll, review, approve, ask, undo,
and see next week's event in the digest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import Ran, cli_env, run_cli
from tests.web_server import Route, WebServer, news_site, serve

ROOT = Path(__file__).resolve().parents[2]


def bot(db: Path, *args: str) -> Ran:
    return run_cli(args, cli_env(db, USER="ana", SLACK_BOT_TOKEN="xoxb-never-sent"))


def next_week_calendar() -> bytes:
    """One event a week from today (the digest's default day), in the Brussels zone."""
    day = dt.date.today() + dt.timedelta(days=7)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Example Policy Institute//Events//EN",
        "X-WR-CALNAME:Cyber Policy Events",
        "BEGIN:VEVENT",
        "UID:roundtable@policy.example",
        "DTSTAMP:20261101T090000Z",
        f"DTSTART;TZID=Europe/Brussels:{day:%Y%m%d}T100000",
        f"DTEND;TZID=Europe/Brussels:{day:%Y%m%d}T120000",
        "SUMMARY:Roundtable on the Cybercrime Convention",
        "LOCATION:Brussels",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines).encode() + b"\r\n"


@pytest.fixture
def web() -> Iterator[WebServer]:
    server = WebServer()
    for server_ in serve(server):
        server_.routes.update(
            {
                **news_site(server_, rss_etag='"1"'),
                "/events.ics": Route(next_week_calendar(), content_type="text/calendar"),
                "/broken.rss": Route(b"", status=503),
            }
        )
        yield server_


@pytest.fixture
def db(db_path: Path) -> Path:
    """The store file these tests run ``bot.py`` on (``db_path``, from the test pack)."""
    return db_path


def test_a_newcomer_follows_a_feed_and_a_calendar(web: WebServer, db: Path) -> None:
    added = bot(db, "feed", "add", web.url("/feeds/cyber.rss"), "--topic", "UN", "--topic", "Asia")
    assert added.returncode == 0, added.stderr
    assert "(news, every 60 min)" in added.stdout, "polled at once, as from Slack"
    assert "Example Wire: Cyber policy: 2 new item(s) drafted for review" in added.stdout
    calendar = bot(db, "feed", "add", web.url("/events.ics"))
    assert calendar.returncode == 0, calendar.stderr
    assert "(calendar, every 60 min)" in calendar.stdout, "the kind is what the first fetch is"
    assert "Cyber Policy Events: added 1 source, 1 event" in calendar.stdout
    broken = bot(db, "feed", "add", web.url("/broken.rss"))
    assert broken.returncode == 0 and "broken.rss: failed: answered HTTP 503" in broken.stdout
    assert "polled again later" in broken.stdout

    polled = bot(db, "feed", "poll")
    assert polled.returncode == 1, "one feed failed"
    assert "Example Wire: Cyber policy: not modified" in polled.stdout
    assert "broken.rss: failed: answered HTTP 503" in polled.stdout
    listed = bot(db, "feed", "list").stdout
    assert "#2 calendar Cyber Policy Events" in listed
    assert "topics: Asia, UN" in listed
    assert "failing (2 in a row): answered HTTP 503 Service Unavailable; next try" in listed
    for _, headers in web.requests:
        assert "xoxb" not in " ".join(headers.values()), "the bot token is never sent"

    queue = bot(db, "drafts", "list").stdout
    assert "“Seoul hosts third global cyberspace conference” (Example Wire, 2013-10-17)" in queue
    yun = next(line for line in queue.splitlines() if "not charity" in line)
    assert "Yun Byung-se" in yun
    assert bot(db, "ask", "who said capacity building is not charity").returncode == 1

    draft_id = yun.split()[0].lstrip("#")
    approved = bot(db, "drafts", "approve", draft_id)
    assert approved.returncode == 0, approved.stderr
    assert "added 1 source, 1 person, 1 quote" in approved.stdout, "the speaker comes along"
    answer = bot(db, "ask", "who said capacity building is not charity")
    assert answer.returncode == 0 and "Yun Byung-se" in answer.stdout
    assert "Seoul hosts third global cyberspace conference" in answer.stdout
    fresh = bot(db, "digest", "--days", "14").stdout
    assert "New in the briefing:" in fresh
    assert "quote: Yun Byung-se: “Capacity building is not charity." in fresh
    assert "not charity" not in bot(db, "drafts", "list").stdout
    again = bot(db, "drafts", "approve", draft_id)
    assert again.returncode == 1 and "was already approved" in again.stderr

    assert bot(db, "undo", "--yes").returncode == 0
    assert bot(db, "ask", "who said capacity building is not charity").returncode == 1

    digest = bot(db, "digest", "--days", "14")
    assert "Roundtable on the Cybercrime Convention" in digest.stdout
    assert "Cyber Policy Events" in digest.stdout, "shown with its source"
    cancelled = next_week_calendar().replace(b"LOCATION:", b"STATUS:CANCELLED\r\nLOCATION:")
    web.routes["/events.ics"] = Route(cancelled, content_type="text/calendar")
    polled = bot(db, "feed", "poll", "2")
    assert "; 1 event removed: no longer in the calendar (change #" in polled.stdout
    assert "Roundtable" not in bot(db, "digest", "--days", "14").stdout
    assert bot(db, "undo", "--yes").returncode == 0
    assert "Roundtable on the Cybercrime" in bot(db, "digest", "--days", "14").stdout, "undone"

    second = bot(db, "feed", "poll", "1")
    assert "Example Wire: Cyber policy: not modified" in second.stdout
    assert bot(db, "drafts", "reject", "--all").returncode == 0
    assert "No drafts waiting for review." in bot(db, "drafts", "list").stdout
    assert bot(db, "feed", "remove", web.url("/broken.rss")).returncode == 0
    assert "broken.rss" not in bot(db, "feed", "list").stdout


def test_a_link_is_loaded_directly_or_queued_for_review(web: WebServer, db: Path) -> None:
    queued = bot(db, "load", web.url("/policy/dubai-talks"), "--review")
    assert queued.returncode == 0, queued.stderr
    assert "Drafts from “Dubai telecoms treaty talks end in split” (Policy Desk, 2012-12-14" in (
        queued.stdout
    )
    assert "queued for review" in queued.stdout
    assert bot(db, "ask", "who said the door is not closed").returncode == 1

    done = bot(db, "load", web.url("/world/seoul"), "--yes")
    assert done.returncode == 0, done.stderr
    answer = bot(db, "ask", "who said we are proud to bring this conversation")
    assert "Jozias van Aartsen" in answer.stdout

    refused = bot(db, "load", web.url("/nowhere"), "--yes")
    assert refused.returncode == 1 and "was not fetched: answered HTTP 404" in refused.stderr
    assert "Traceback" not in refused.stderr
    calendar = bot(db, "load", web.url("/events.ics"), "--yes")
    assert calendar.returncode == 1 and "Traceback" not in calendar.stderr
    assert "is an event calendar, not an article: follow it with `feed add URL`" in (
        calendar.stderr
    )
    feed = bot(db, "load", web.url("/feeds/cyber.rss"), "--yes")
    assert "is a news feed (RSS/Atom), not an article: follow it with `feed add URL`" in (
        feed.stderr
    )
    bad_port = bot(db, "load", "http://127.0.0.1:99999/x", "--yes")
    assert bad_port.returncode == 1 and "Traceback" not in bad_port.stderr
    assert "port that is not a number from 1 to 65535" in bad_port.stderr
