"""Calendars written to hurt (issue 21), from real .ics files in tests/data/calendars: rules
that never end, the same event twice on one day, a SUMMARY given twice, a Latin-1 calendar
declared as such, and one broken event among good ones."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from cyberbrief.intake.feeds import add_feed, poll_feed
from cyberbrief.intake.fetch import FetchPolicy
from cyberbrief.intake.icalfeed import read_calendar
from tests.helpers import PROJECT, FakeClock
from tests.web_server import Route, WebServer, serve

CALENDARS = Path(__file__).resolve().parents[1] / "data" / "calendars"
FIRST = dt.date(2026, 12, 6)
OPERATOR = FetchPolicy(allow_private=True, timeout=10)


@pytest.fixture
def web() -> Iterator[WebServer]:
    yield from serve(WebServer())


READ_IN_A_PROCESS = """
import datetime as dt, json, sys, time, tracemalloc
from pathlib import Path
from cyberbrief.intake.icalfeed import read_calendar
content = Path(sys.argv[1]).read_bytes()
read_calendar(content, dt.date(2026, 12, 6))  # imports and caches out of the measure
tracemalloc.start()
read = read_calendar(content, dt.date(2026, 12, 6))
print(json.dumps({
    "names": [e.name for e in read.events],
    "skipped": read.skipped,
    "peak_mb": tracemalloc.get_traced_memory()[1] / 1024 / 1024,
}))
"""


def test_rules_that_never_end_are_skipped_and_reported_not_expanded() -> None:
    """FREQ=SECONDLY from a week ago and FREQ=MINUTELY since 2020, both without an end,
    beside a summit: read in a process of its own (the old code grew by 15 MB/s without
    stopping), the summit is kept and each endless rule is named as skipped."""
    ran = subprocess.run(
        [sys.executable, "-c", READ_IN_A_PROCESS, str(CALENDARS / "secondly.ics")],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ran.returncode == 0, ran.stderr
    read = json.loads(ran.stdout)
    assert read["names"] == ["Cyber Norms Summit"]
    assert len(read["skipped"]) == 2
    assert "“Every second” repeats every second" in read["skipped"][0]
    assert "“Every minute since 2020” repeats every minute" in read["skipped"][1]
    assert read["peak_mb"] < 20, read


def test_occurrences_on_the_same_day_keep_their_times() -> None:
    read = read_calendar((CALENDARS / "same-day.ics").read_bytes(), FIRST)
    assert [(e.name, e.starts.isoformat()) for e in read.events] == [
        ("Press briefing, 7 December 2026, 09:00", "2026-12-07"),
        ("Press briefing, 7 December 2026, 15:00", "2026-12-07"),
        ("Press briefing, 8 December 2026", "2026-12-08"),
    ]
    assert read.events[1].description == "15:00–16:00 UTC."


def test_a_summary_given_twice_keeps_the_first_and_broken_events_are_skipped() -> None:
    read = read_calendar((CALENDARS / "two-summaries.ics").read_bytes(), FIRST)
    assert [e.name for e in read.events] == ["Cyber Norms Summit", "First title"]
    assert read.events[1].description == "09:00 UTC. One"
    assert len(read.skipped) == 2
    assert "“Broken date”" in read.skipped[0] and "2026-13-45" in read.skipped[0]
    assert "“Broken rule”" in read.skipped[1] and "FOO" in read.skipped[1]


def test_a_calendar_poll_honours_the_charset_and_reports_skipped_events(
    web: WebServer, db: sqlite_utils.Database, clock: FakeClock
) -> None:
    clock.now = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)
    web.routes["/cafe.ics"] = Route(
        (CALENDARS / "latin1.ics").read_bytes(), content_type="text/calendar; charset=iso-8859-1"
    )
    web.routes["/mixed.ics"] = Route(
        (CALENDARS / "two-summaries.ics").read_bytes(), content_type="text/calendar"
    )
    cafe = add_feed(db, web.url("/cafe.ics"), kind="calendar", actor="ana", clock=clock)
    assert poll_feed(db, cafe, policy=OPERATOR, clock=clock).error is None
    row = db.conn.execute("SELECT name, location FROM events WHERE name LIKE 'Caf%'").fetchone()
    assert tuple(row) == ("Café Europe", "Bruxelles, Salle Décembre")

    mixed = add_feed(db, web.url("/mixed.ics"), kind="calendar", actor="ana", clock=clock)
    result = poll_feed(db, mixed, policy=OPERATOR, clock=clock)
    assert result.error is None, "one bad event does not reject the calendar"
    assert "2 events skipped" in result.line() and "“Broken date”" in result.line()
    names = {r[0] for r in db.conn.execute("SELECT name FROM events")}
    assert {"First title", "Cyber Norms Summit"} <= names
    assert not any("vText" in n for n in names)


def test_an_event_that_turns_unreadable_is_kept_not_removed(
    web: WebServer, db: sqlite_utils.Database, clock: FakeClock
) -> None:
    """The calendar still lists the summit, with a broken date this time: skipped and said so,
    and its record stays (only events the calendar dropped are removed)."""
    clock.now = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)
    good = (CALENDARS / "two-summaries.ics").read_bytes()
    web.routes["/cal.ics"] = Route(good, content_type="text/calendar")
    feed = add_feed(db, web.url("/cal.ics"), kind="calendar", actor="ana", clock=clock)
    assert poll_feed(db, feed, policy=OPERATOR, clock=clock).error is None
    broken = good.replace(b"DTSTART:20261210T090000Z", b"DTSTART:2026-12-10 nine")
    web.routes["/cal.ics"] = Route(broken, content_type="text/calendar")
    result = poll_feed(db, feed, policy=OPERATOR, clock=clock)
    assert "“Cyber Norms Summit” cannot be read" in result.line()
    assert "removed" not in result.line()
    names = {r[0] for r in db.conn.execute("SELECT name FROM events")}
    assert {"Cyber Norms Summit", "First title"} <= names


def test_a_sub_daily_rule_that_ends_is_read_in_full() -> None:
    """Sessions every hour from 9 to 16 for three days (UNTIL): a rule with an end is not
    an endless one; 18 sessions, each its own record with its time."""
    read = read_calendar((CALENDARS / "hourly-until.ics").read_bytes(), FIRST)
    assert read.skipped == []
    assert len(read.events) == 18
    assert read.events[0].name == "Conference session, 8 December 2026, 09:00"
    assert read.events[-1].name == "Conference session, 10 December 2026, 16:00"
