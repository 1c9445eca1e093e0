"""The digest's "add to calendar" file as Slack receives it, checked against RFC 5545.

The file is taken from the fake Slack's upload (what a user downloads), not from
``digests.ics`` directly, and read by an independent reader, the icalendar library (nesting,
required properties, value types, TEXT escaping), after the bytes are checked for CRLF line
ends and the 75-octet line limit; stored text is full of the characters iCalendar treats
specially.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from slack_sdk import WebClient

from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.scheduler import DigestScheduler
from cyberbrief.digests.subscriptions import Subscription
from cyberbrief.knowledge.loader import load_records, parse_text
from cyberbrief.slack.digest_client import WebClientPoster
from cyberbrief.slack.views.digest import message
from cyberbrief.store.connection import connect
from tests.digest_data import WINDOW_EVENTS, digest_store
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock

UTC_DATE_TIME = re.compile(r"^\d{8}T\d{6}Z$")

ODD = """
events:
  - name: "Ünïcode Säkerhetsdagarna, Göteborg; «Cyber» \\\\ forum — 🛡️ edition with a name long
      enough to need folding more than once on the way to seventy-five octets"
    starts: 2026-03-28
    ends: 2026-03-29
    location: "Göteborg, Sweden; Hall B"
    description: "Line one.\\nLine two, with a comma; and a semicolon."
"""


def content_lines(raw: bytes) -> None:
    """RFC 5545 §3.1: CRLF-terminated lines of at most 75 octets (icalendar reads longer ones
    without complaint, so this is checked on the bytes)."""
    assert raw.endswith(b"\r\n"), "the last line ends with CRLF"
    physical = raw[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in physical), "bare CR or LF"
    assert all(len(line) <= 75 for line in physical), "a line longer than 75 octets"
    raw.decode("utf-8")  # folding never splits a UTF-8 sequence


def read(raw: bytes) -> icalendar.Calendar:
    """The file as the icalendar library reads it, refusing anything it had to skip."""
    content_lines(raw)
    calendar = icalendar.Calendar.from_ical(raw)
    assert isinstance(calendar, icalendar.Calendar)
    for component in calendar.walk():
        assert not component.errors, f"{component.name}: {component.errors}"
    return calendar


def events_of(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return [c for c in calendar.walk("VEVENT") if isinstance(c, icalendar.Event)]


@pytest.fixture
def uploaded(tmp_path: Path) -> Iterator[tuple[bytes, list[dict[str, object]]]]:
    """The .ics the delivery uploaded with C1's digest for 24 March 2026, and the request
    that announced it (``files.getUploadURLExternal``)."""
    path = tmp_path / "k.db"
    db = digest_store(path)
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    load_records(db, parse_text("odd.yaml", ODD.encode()), actor="t", origin="t", clock=clock)
    store.save(db, Subscription("C1"), FakeClock(dt.datetime(2026, 3, 1, tzinfo=dt.UTC)))
    db.close()
    with FakeSlack() as slack:
        digests = DigestScheduler(
            lambda: connect(str(path)),
            WebClientPoster(
                WebClient(token="xoxb-test", base_url=slack.api_url, retry_handlers=[])
            ),
            clock=clock,
            render=message,
            sleep=lambda s: clock.advance(seconds=s),
            post_interval=0,
            scheduler=BackgroundScheduler(timezone=dt.UTC),
        )
        assert digests.run("C1").status == "posted"
        [upload] = slack.calls_to("upload")
        yield upload.body["raw"], [c.body for c in slack.calls_to("files.getUploadURLExternal")]


def test_the_attachment_is_valid_icalendar(
    uploaded: tuple[bytes, list[dict[str, object]]],
) -> None:
    raw, [announced] = uploaded
    assert str(announced["filename"]).endswith(".ics")
    assert int(str(announced["length"])) == len(raw)
    calendar = read(raw)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    events = events_of(calendar)
    assert len(events) == len(calendar.subcomponents) == len(WINDOW_EVENTS) + 1
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids), "UIDs are unique"
    for event in events:
        assert UTC_DATE_TIME.match(event["DTSTAMP"].to_ical().decode())
        assert event["DTSTART"].params.get("VALUE") == event["DTEND"].params.get("VALUE") == "DATE"
        first, after = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(first) is dt.date and type(after) is dt.date, "all-day DATE values"
        assert after > first, "DTEND is exclusive, after DTSTART"
        if "URL" in event:
            assert re.match(r"^https?://\S+$", str(event["URL"]))
    names = [str(e["SUMMARY"]) for e in events]
    assert [n for n in names if n in WINDOW_EVENTS] == WINDOW_EVENTS, "in the digest's order"


def test_special_characters_survive_the_round_trip(
    uploaded: tuple[bytes, list[dict[str, object]]],
) -> None:
    raw, _ = uploaded
    events = {str(e["SUMMARY"]): e for e in events_of(read(raw))}
    odd_name = next(name for name in events if name.startswith("Ünïcode"))
    assert odd_name.startswith("Ünïcode Säkerhetsdagarna, Göteborg; «Cyber» \\ forum — 🛡️")
    odd = events[odd_name]
    assert str(odd["LOCATION"]) == "Göteborg, Sweden; Hall B"
    assert str(odd["DESCRIPTION"]).startswith("Line one.")
    assert odd.decoded("DTSTART") == dt.date(2026, 3, 28)
    assert odd.decoded("DTEND") == dt.date(2026, 3, 30)
    dialogue = str(events["Global Cybersecurity Dialogue"]["DESCRIPTION"])
    assert dialogue.startswith("Ministers discuss capacity building; commas, semicolons;")
    assert "\nOrganised by ITU\n" in dialogue
