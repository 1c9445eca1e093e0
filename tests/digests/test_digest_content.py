"""What a digest holds and how it reads: the window, topics, escaping, .ics, and the CLI."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import sqlite_utils

from cyberbrief.digests import ics, render
from cyberbrief.digests.content import build_digest, clean_topics, one_line
from cyberbrief.knowledge.draft_rows import short
from cyberbrief.slack.views.digest import message
from tests.digest_data import DAY, WINDOW_EVENTS, digest_store
from tests.helpers import FakeClock, Ran, cli_env, run_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    return digest_store(tmp_path_factory.mktemp("digest") / "k.db")


def names(db: sqlite_utils.Database, *topics: str, day: dt.date = DAY, days: int = 14) -> list[str]:
    return [e.name for e in build_digest(db, day, days, topics).events]


def test_window_holds_events_running_in_it_soonest_first(db: sqlite_utils.Database) -> None:
    digest = build_digest(db, DAY, 14)
    assert [e.name for e in digest.events] == WINDOW_EVENTS
    assert digest.last_day == dt.date(2026, 4, 6)
    # An event that started before the window but still runs is in; one after it is not.
    assert "Later Summit" not in names(db)
    assert names(db, days=1) == ["Long Running Exercise"]
    assert names(db, day=dt.date(2026, 3, 26), days=1) == ["Cyber Resilience Forum"]
    steps = [(m.initiative, m.date.isoformat(), m.text) for m in digest.milestones]
    assert steps == [
        ("EU Cybersecurity Strategy", "2026-03-31", "Progress report due"),
        ("Budapest Convention Review", "2026-04-01", "Starts"),
    ]


def test_every_item_has_date_place_line_and_source(db: sqlite_utils.Database) -> None:
    forum = build_digest(db, DAY, 14).events[1]
    assert forum.name == "Cyber Resilience Forum"
    assert (forum.starts, forum.ends) == (dt.date(2026, 3, 26), dt.date(2026, 3, 27))
    assert forum.location == "Brussels, Belgium"
    assert forum.line == "Annual forum on the Cyber Resilience Act."
    assert forum.organisers == ("ENISA",)
    assert forum.citation is not None and forum.citation.publisher == "Test Desk"
    assert forum.when() == "26–27 Mar 2026"


@pytest.mark.parametrize(
    ("topics", "events", "milestones"),
    [
        # EU bodies count through their acronym, their description and organiser links ...
        (("EU",), ["Cyber Resilience Forum", "CERT-EU Annual Conference"], ["Progress report due"]),
        # ... but the Council of Europe is not the EU.
        (("European Union",), ["Cyber Resilience Forum", "CERT-EU Annual Conference"], None),
        (("ITU",), ["Global Cybersecurity Dialogue"], []),
        (("cybercrime",), ["Octopus Conference on Cybercrime"], ["Starts"]),
        (("cyber crime",), ["Octopus Conference on Cybercrime"], ["Starts"]),
        (
            ("ITU", "cybercrime"),
            ["Global Cybersecurity Dialogue", "Octopus Conference on Cybercrime"],
            None,
        ),
        (("Geneva",), ["Global Cybersecurity Dialogue"], []),
        (("blockchain",), [], []),
    ],
)
def test_topics_narrow_the_digest(
    db: sqlite_utils.Database,
    topics: tuple[str, ...],
    events: list[str],
    milestones: list[str] | None,
) -> None:
    digest = build_digest(db, DAY, 14, topics)
    assert [e.name for e in digest.events] == events
    if milestones is not None:
        assert [m.text for m in digest.milestones] == milestones


def test_empty_window(db: sqlite_utils.Database) -> None:
    digest = build_digest(db, dt.date(2027, 1, 1), 14)
    assert digest.empty
    text, blocks = message(digest)
    assert "nothing on record" in text
    assert "Nothing on record for the next 14 days" in json.dumps(blocks)
    with pytest.raises(ValueError):
        build_digest(db, DAY, 0)


def test_message_escapes_stored_text_and_fits_slack(db: sqlite_utils.Database) -> None:
    text, blocks = message(build_digest(db, DAY, 14))
    dumped = json.dumps(blocks)
    assert "<!channel>" not in dumped and "<!channel>" not in text
    assert "&lt;!channel&gt;" in dumped
    assert "<https://evil.example|click me>" not in dumped
    assert "Hackers &amp; Policy" in dumped
    assert "<https://example.org/crf|Cyber Resilience Forum>" in dumped
    assert "<https://example.org/calendar?year=2026&amp;month=3|" in dumped
    assert blocks[0]["type"] == "header"
    assert len(blocks) <= 50
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
    assert text.startswith("Cyber policy digest for Tuesday 24 March 2026: 6 events and 2")


def test_long_digests_are_cut_with_a_count(tmp_path: Path) -> None:
    from cyberbrief.knowledge.loader import load_records, parse_text
    from tests.helpers import FakeClock

    db = digest_store(tmp_path / "k.db")
    many = "events:\n" + "".join(
        f"  - {{name: Meeting {i:02d}, starts: 2026-03-25, location: Room {i}}}\n"
        for i in range(30)
    )
    clock = FakeClock(dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    load_records(db, parse_text("many.yaml", many.encode()), actor="t", origin="t", clock=clock)
    digest = build_digest(db, DAY, 14)
    assert len(digest.events) == 36
    _, blocks = message(digest)
    assert "…and 16 more" in json.dumps(blocks, ensure_ascii=False)
    assert "… and 16 more" in render.plain_text(digest)


def test_one_line_and_topics_helpers() -> None:
    assert one_line("First sentence. Second.") == "First sentence."
    assert one_line(None) is None
    assert clean_topics(["EU", " eu ", "", "Cyber  crime", "ITU"]) == ("EU", "Cyber crime", "ITU")


def test_long_lines_are_cut_at_a_word() -> None:
    """A digest's event line (and a "new in the briefing" line) longer than it may be ends
    with a whole word and an ellipsis, never inside a word ("negoti…")."""
    words = "The delegations negotiated cybersecurity confidence building measures " * 6
    cut = one_line(words)
    assert cut is not None and cut.endswith("…") and len(cut) <= 200
    kept = cut.removesuffix("…")
    assert words.startswith(kept + " "), cut
    said = "Capacity building is not charity but an investment in shared security " * 3
    quote = short(said)
    assert quote.endswith("…") and said.startswith(quote.removesuffix("…") + " "), quote
    assert one_line("x" * 300) == "x" * 199 + "…", "one long word is still cut to the limit"


# .ics


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_ics_is_valid_rfc5545(db: sqlite_utils.Database) -> None:
    digest = build_digest(db, DAY, 14)
    stamp = dt.datetime(2026, 3, 24, 8, 0, tzinfo=dt.UTC)
    text = ics.calendar(digest.events, stamp)
    raw = text.encode("utf-8")
    # CRLF everywhere, no bare LF, every physical line at most 75 octets.
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert text.endswith("\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == len(WINDOW_EVENTS) == lines.count("END:VEVENT")
    forum = digest.events[1]
    assert f"UID:event-{forum.id}@cyberbrief" in lines
    assert "DTSTART;VALUE=DATE:20260326" in lines
    assert "DTEND;VALUE=DATE:20260328" in lines  # exclusive end
    assert "DTSTAMP:20260324T080000Z" in lines
    assert "LOCATION:Brussels\\, Belgium" in lines
    assert "URL:https://example.org/crf" in lines
    dialogue = next(line for line in lines if line.startswith("DESCRIPTION:Ministers"))
    assert "building\\; commas\\, semicolons\\; and a backslash \\\\ too." in dialogue
    assert "\\nOrganised by ITU\\nSource: Test Desk\\, “Cyber policy calendar”" in dialogue
    # One-day event: DTEND is the next day.
    cert = digest.events[3]
    block = text.split(f"UID:event-{cert.id}@cyberbrief")[1].split("END:VEVENT")[0]
    assert "DTSTART;VALUE=DATE:20260402" in block and "DTEND;VALUE=DATE:20260403" in block
    # UIDs are stable: the same event tomorrow has the same UID.
    later = ics.calendar(build_digest(db, DAY + dt.timedelta(days=1), 14).events, stamp)
    assert f"UID:event-{forum.id}@cyberbrief" in unfold(later)


def test_ics_folding_never_splits_a_character() -> None:
    line = "SUMMARY:" + "é" * 100 + "🛡" * 10
    folded = ics.fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert folded.replace("\r\n ", "") == line
    assert ics.fold("short") == "short"
    assert ics.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


# bot.py digest


def bot(db: Path, *args: str) -> Ran:
    return run_cli(args, cli_env(db))


def test_digest_cli_prints_the_digest(tmp_path: Path) -> None:
    from cyberbrief.digests import subscriptions
    from cyberbrief.digests.subscriptions import Subscription
    from tests.helpers import FakeClock, mini_store

    path = tmp_path / "k.db"
    mini = mini_store(path)
    clock = FakeClock(dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    subscriptions.save(
        mini, Subscription("C1", timezone="Europe/Brussels", topics=("ITU",), window_days=30), clock
    )
    mini.conn.close()

    shown = bot(path, "digest", "--date", "2030-04-25", "--days", "14")
    assert shown.returncode == 0, shown.stderr
    assert "Cyber policy digest for Thursday 25 April 2030" in shown.stdout
    assert re.search(r"1 May 2030: Future Cyber Summit, Geneva \[1\]", shown.stdout)
    assert "Background (public record)" in shown.stdout

    empty = bot(path, "digest", "--date", "2030-05-02", "--days", "7")
    assert empty.returncode == 0
    assert "Nothing on record for the next 7 days (2–8 May 2030)." in empty.stdout

    # A channel brings its topics and window; --days overrides the window.
    channel = bot(path, "digest", "--date", "2030-04-25", "--channel", "C1")
    assert "the next 30 days" in channel.stdout and "on ITU" in channel.stdout
    assert "Future Cyber Summit" not in channel.stdout
    assert "C1 would get no post on such a day" in channel.stdout
    both = bot(path, "digest", "--date", "2030-04-25", "--channel", "C1", "--days", "7")
    assert both.returncode == 0, both.stderr
    assert "the next 7 days (25 Apr – 1 May 2030) on ITU" in both.stdout
    topic = bot(path, "digest", "--date", "2030-04-25", "--days", "10", "--topic", "Geneva")
    assert "Future Cyber Summit" in topic.stdout

    unknown = bot(path, "digest", "--channel", "CNOPE", "--date", "2030-04-25")
    assert unknown.returncode == 0 and "not subscribed" in unknown.stderr

    for bad in (["--date", "25/04/2030"], ["--days", "0"], ["--days", "500"]):
        result = bot(path, "digest", *bad)
        assert result.returncode == 2 and "error:" in result.stderr.lower()
        assert "Traceback" not in result.stderr


TIMED_CALENDAR = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:call@test\r
DTSTAMP:20260301T000000Z\r
DTSTART:20260325T150000Z\r
DTEND:20260325T160000Z\r
SUMMARY:Cyber norms working group call\r
DESCRIPTION:Monthly call of the working group.\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:brussels@test\r
DTSTAMP:20260301T000000Z\r
DTSTART;TZID=Europe/Brussels:20260326T093000\r
DTEND;TZID=Europe/Brussels:20260326T110000\r
SUMMARY:Brussels cyber diplomacy briefing\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_timed_calendar_events_keep_their_times_in_the_digest_ics(tmp_path: Path) -> None:
    """A calendar's 15:00-16:00 UTC call, polled into the store as a calendar poll records it,
    is a 15:00-16:00 UTC event in the digest's .ics (read back with the icalendar library),
    not an all-day one; a time in Brussels is converted to UTC; whole days stay whole days."""
    import icalendar

    from cyberbrief.intake.icalfeed import events_between
    from cyberbrief.knowledge.loader import RawRecord, load_records

    db = digest_store(tmp_path / "timed.db")
    source = {"key": "feed-1", "title": "Working group calendar", "url": "https://x.org/c.ics"}
    records = [RawRecord("sources", "calendar", source)] + [
        RawRecord("events", e.name, e.record("feed-1")) for e in events_between(TIMED_CALENDAR, DAY)
    ]
    load_records(db, records, actor="t", origin="t", clock=FakeClock(dt.datetime(2026, 3, 24)))
    digest = build_digest(db, DAY, 14)
    text = ics.calendar(digest.events, dt.datetime(2026, 3, 24, 8, tzinfo=dt.UTC))
    events = {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}
    call = events["Cyber norms working group call"]
    assert call.decoded("DTSTART") == dt.datetime(2026, 3, 25, 15, 0, tzinfo=dt.UTC)
    assert call.decoded("DTEND") == dt.datetime(2026, 3, 25, 16, 0, tzinfo=dt.UTC)
    briefing = events["Brussels cyber diplomacy briefing"]
    assert briefing.decoded("DTSTART") == dt.datetime(2026, 3, 26, 8, 30, tzinfo=dt.UTC)
    assert briefing.decoded("DTEND") == dt.datetime(2026, 3, 26, 10, 0, tzinfo=dt.UTC)
    whole_days = [e for name, e in events.items() if name in WINDOW_EVENTS]
    assert whole_days and all(type(e.decoded("DTSTART")) is dt.date for e in whole_days)
