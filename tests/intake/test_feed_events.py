"""A calendar's events that go away: an event dropped from the calendar or cancelled stops
appearing in digests on the next successful poll (deleted in the poll's journaled change, with
its names, organiser links and mentions; quotes at it stay), undo brings it all back, past
events stay as history, an event an admin also cites from elsewhere stays, and a failed poll
deletes nothing. Served over loopback HTTP, on a fake clock."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator

import pytest
import sqlite_utils

from cyberbrief.digests.content import build_digest
from cyberbrief.intake.feeds import Feed, add_feed, list_feeds, poll_feed
from cyberbrief.intake.fetch import FetchPolicy
from cyberbrief.knowledge.loader import RawRecord, load_records
from cyberbrief.knowledge.names import find
from cyberbrief.knowledge.vectors import undo
from tests.helpers import FakeClock
from tests.web_server import DATA, Route, WebServer, serve

OPERATOR = FetchPolicy(allow_private=True, timeout=10)
CALENDAR = (DATA / "policy-events.ics").read_text(encoding="utf-8")


@pytest.fixture
def web() -> Iterator[WebServer]:
    server = WebServer()
    yield from serve(server)


def publish(web: WebServer, text: str, version: int) -> None:
    """The calendar as served now; each version has its own Last-Modified."""
    web.routes["/events.ics"] = Route(
        text.encode(),
        content_type="text/calendar; charset=utf-8",
        last_modified=f"Sun, 0{version} Nov 2026 09:00:00 GMT",
    )


def without(text: str, uid: str) -> str:
    """The calendar with one VEVENT taken out."""
    pattern = rf"BEGIN:VEVENT\r?\nUID:{re.escape(uid)}\r?\n.*?END:VEVENT\r?\n"
    changed = re.sub(pattern, "", text, flags=re.DOTALL)
    assert changed != text
    return changed


def cancelled(text: str, uid: str) -> str:
    changed = text.replace(f"UID:{uid}\n", f"UID:{uid}\nSTATUS:CANCELLED\n")
    assert changed != text
    return changed


def admin_loads(db: sqlite_utils.Database, clock: FakeClock, *records: RawRecord) -> None:
    load_records(db, list(records), actor="ana", origin="test", clock=clock)


def names_in_digest(db: sqlite_utils.Database, day: dt.date) -> list[str]:
    return [e.name for e in build_digest(db, day, 40).events]


def poll(db: sqlite_utils.Database, clock: FakeClock, index: int = 0) -> tuple[Feed, str]:
    result = poll_feed(db, list_feeds(db)[index], policy=OPERATOR, clock=clock)
    return result.feed, result.line()


def citations(db: sqlite_utils.Database, name: str) -> list[str]:
    """The keys of the sources an event cites, in order."""
    [(source_ids,)] = db.conn.execute("SELECT source_ids FROM events WHERE name = ?", (name,))
    return [
        db.conn.execute("SELECT key FROM sources WHERE id = ?", (i,)).fetchone()[0]
        for i in json.loads(source_ids)
    ]


def test_events_gone_from_the_calendar_stop_appearing_and_undo_brings_them_back(
    web: WebServer, db: sqlite_utils.Database, clock: FakeClock
) -> None:
    publish(web, CALENDAR, 1)
    admin_loads(
        db,
        clock,
        RawRecord(
            "events",
            "admin",
            {"name": "UN OEWG side event on ransomware", "starts": "2026-12-08", "source": "bbc"},
        ),
    )
    add_feed(db, web.url("/events.ics"), kind="calendar", actor="ana", clock=clock)
    assert "error" not in poll(db, clock)[1]
    admin_loads(  # knowledge that points at the forum, which only the calendar lists
        db,
        clock,
        RawRecord(
            "events",
            "admin",
            {
                "name": "EU Cyber Forum 2026",
                "starts": "2026-12-01",
                "aliases": ["EUCF"],
                "organisers": ["Foreign Office"],
                "source": "feed-1",
            },
        ),
        RawRecord(
            "quotes",
            "admin",
            {"text": "See you in Brussels.", "speaker": "William Hague", "event": "EUCF"},
        ),
        RawRecord(
            "facts",
            "admin",
            {"text": "The forum debates NIS2.", "about": ["EUCF"], "source": "bbc"},
        ),
    )
    [oewg] = [e for e in build_digest(db, dt.date(2026, 11, 25), 20).events if "OEWG" in e.name]
    assert oewg.citation is not None and oewg.citation.title.startswith("London hosts"), (
        "the admin's own citation stays first"
    )
    before = names_in_digest(db, dt.date(2026, 11, 28))

    clock.advance(days=4)  # 28 November: the 26 November briefing is past
    changed = without(
        without(CALENDAR, "eu-cyber-forum-2026@policy.example"), "threat-briefing@policy.example"
    )
    publish(web, cancelled(changed, "un-oewg-evening@policy.example"), 2)
    _, line = poll(db, clock)
    assert line.startswith("Cyber Policy Events: added nothing;")
    assert (
        "; 5 events removed: no longer in the calendar;"
        " 1 event no longer in the calendar but cited elsewhere: kept (change #"
    ) in line
    assert citations(db, "UN OEWG side event on ransomware") == ["bbc"], "no longer the calendar"
    assert names_in_digest(db, dt.date(2026, 11, 28)) == ["UN OEWG side event on ransomware"], (
        "the forum and the four briefings left; the OEWG event cites BBC News too"
    )
    assert (
        names_in_digest(db, dt.date(2026, 11, 26))[0] == "Weekly threat briefing, 26 November 2026"
    )
    assert find(db, "EUCF", ("event",)) == []
    quote = db.conn.execute("SELECT event_id FROM quotes WHERE text LIKE 'See you%'").fetchone()
    assert quote == (None,), "the quote stays, no longer at the event"
    fact = db.conn.execute("SELECT id FROM facts WHERE text LIKE 'The forum%'").fetchone()
    assert fact is not None
    dangling = db.conn.execute(
        "SELECT count(*) FROM mentions m WHERE m.kind = 'event'"
        " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.entity_id)"
    ).fetchone()
    assert dangling == (0,), "no mention of a deleted event is left"

    change_id = int(line.rsplit("#", 1)[1].rstrip(")"))
    undo(db, change_id, actor="ana", clock=clock)
    assert names_in_digest(db, dt.date(2026, 11, 28)) == before
    assert citations(db, "UN OEWG side event on ransomware") == ["bbc", "feed-1"]
    [(forum_id,)] = db.conn.execute("SELECT id FROM events WHERE name = 'EU Cyber Forum 2026'")
    assert find(db, "EUCF", ("event",)) == [("event", forum_id)]
    at = db.conn.execute("SELECT event_id FROM quotes WHERE text LIKE 'See you%'").fetchone()
    assert at == (forum_id,)
    organisers = db.conn.execute(
        "SELECT count(*) FROM event_organisers WHERE event_id = ?", (forum_id,)
    ).fetchone()
    assert organisers == (1,)
    mention = db.conn.execute(
        "SELECT record_id FROM mentions WHERE kind = 'event' AND entity_id = ?", (forum_id,)
    ).fetchone()
    assert mention == fact


def test_a_failed_poll_deletes_nothing(
    web: WebServer, db: sqlite_utils.Database, clock: FakeClock
) -> None:
    publish(web, CALENDAR, 1)
    add_feed(db, web.url("/events.ics"), kind="calendar", actor="ana", clock=clock)
    poll(db, clock)
    shown = names_in_digest(db, dt.date(2026, 11, 25))
    assert len(shown) == 7
    for route in (
        Route(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", content_type="text/calendar"),
        Route(b"", status=503),
        Route(b"<html>Moved</html>", last_modified="Sun, 03 Nov 2026 09:00:00 GMT"),
    ):
        web.routes["/events.ics"] = route
        clock.advance(hours=1)
        feed, line = poll(db, clock)
        assert "failed" in line and feed.failures >= 1
        assert names_in_digest(db, dt.date(2026, 11, 25)) == shown
    clock.advance(days=3)  # 27 November
    publish(web, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", 4)
    feed, line = poll(db, clock)
    assert feed.failures == 0 and "lists no events at all: nothing removed" in line, (
        "a calendar that suddenly lists nothing is more likely a glitch: nothing goes"
    )
    assert len(names_in_digest(db, dt.date(2026, 11, 26))) == 7
    only_past = CALENDAR
    for uid in ("eu-cyber-forum-2026", "threat-briefing", "un-oewg-evening", "cancelled"):
        only_past = without(only_past, f"{uid}@policy.example")
    publish(web, only_past, 5)
    feed, line = poll(db, clock)
    assert feed.failures == 0 and "6 events removed" in line, (
        "the calendar lists only a past event now: every upcoming event goes"
    )
    assert names_in_digest(db, dt.date(2026, 11, 26)) == [
        "Weekly threat briefing, 26 November 2026"
    ]


def test_an_event_two_calendars_list_goes_when_the_last_one_drops_it(
    web: WebServer, db: sqlite_utils.Database, clock: FakeClock
) -> None:
    forum = "EU Cyber Forum 2026"
    publish(web, CALENDAR, 1)
    web.routes["/partner.ics"] = web.routes["/events.ics"]
    add_feed(db, web.url("/events.ics"), kind="calendar", actor="ana", clock=clock)
    add_feed(db, web.url("/partner.ics"), kind="calendar", actor="ana", clock=clock)
    poll(db, clock, 0)
    poll(db, clock, 1)
    assert citations(db, forum) == ["feed-1", "feed-2"]
    publish(web, without(CALENDAR, "eu-cyber-forum-2026@policy.example"), 2)
    clock.advance(hours=1)
    _, line = poll(db, clock, 0)
    assert "1 event no longer in the calendar but cited elsewhere: kept" in line
    assert citations(db, forum) == ["feed-2"]
    assert forum in names_in_digest(db, dt.date(2026, 11, 25))
    web.routes["/partner.ics"] = web.routes["/events.ics"]
    _, line = poll(db, clock, 1)
    assert "1 event removed: no longer in the calendar (change #" in line
    assert forum not in names_in_digest(db, dt.date(2026, 11, 25))
