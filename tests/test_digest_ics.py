"""The digest's "add to calendar" file as Slack receives it, checked against RFC 5545.

The file is taken from the fake Slack's upload (what a user downloads), not from
``jobs.ics`` directly, and read by a strict little parser: content lines, folding, nesting,
required properties, value types and TEXT escaping, with stored text full of the characters
iCalendar treats specially.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from slack_sdk import WebClient

from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.scheduler import DigestScheduler
from cyberbrief.digests.subscriptions import Subscription
from cyberbrief.knowledge.loader import load_records, parse_text
from cyberbrief.slack.views.digest import message
from cyberbrief.store.connection import connect
from tests.digest_data import WINDOW_EVENTS, digest_store
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock

NAME = re.compile(r"^[A-Za-z0-9-]+$")
PARAM = re.compile(r'^([A-Za-z0-9-]+)=("[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x1f\x7f]*)$')
DATE = re.compile(r"^\d{8}$")
UTC_DATE_TIME = re.compile(r"^\d{8}T\d{6}Z$")
TEXT_PROPERTIES = {"SUMMARY", "LOCATION", "DESCRIPTION", "X-WR-CALNAME"}

ODD = """
events:
  - name: "Ünïcode Säkerhetsdagarna, Göteborg; «Cyber» \\\\ forum — 🛡️ edition with a name long
      enough to need folding more than once on the way to seventy-five octets"
    starts: 2026-03-28
    ends: 2026-03-29
    location: "Göteborg, Sweden; Hall B"
    description: "Line one.\\nLine two, with a comma; and a semicolon."
"""


@dataclass
class Component:
    name: str
    properties: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def values(self, name: str) -> list[str]:
        return [value for prop, _, value in self.properties if prop == name]

    def one(self, name: str) -> tuple[dict[str, str], str]:
        found = [(params, value) for prop, params, value in self.properties if prop == name]
        assert len(found) == 1, f"{self.name} needs exactly one {name}, has {len(found)}"
        return found[0]


def content_lines(raw: bytes) -> list[str]:
    """RFC 5545 §3.1: CRLF-terminated lines of at most 75 octets, unfolded."""
    assert raw.endswith(b"\r\n"), "the last line ends with CRLF"
    physical = raw[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in physical), "bare CR or LF"
    assert all(len(line) <= 75 for line in physical), "a line longer than 75 octets"
    text = raw.decode("utf-8")  # folding never splits a UTF-8 sequence
    return re.sub(r"\r\n[ \t]", "", text)[:-2].split("\r\n")


def split_line(line: str) -> tuple[str, dict[str, str], str]:
    """``NAME;PARAM=VALUE:value`` (a colon inside a quoted parameter value is not the split)."""
    match = re.match(r'^((?:[^":]|"[^"]*")*):(.*)$', line)
    assert match, f"not a content line: {line!r}"
    head, value = match.groups()
    name, *params = head.split(";")
    assert NAME.match(name), f"bad property name in {line!r}"
    parsed: dict[str, str] = {}
    for param in params:
        found = PARAM.match(param)
        assert found, f"bad parameter {param!r} in {line!r}"
        parsed[found.group(1).upper()] = found.group(2)
    return name.upper(), parsed, value


def parse(raw: bytes) -> Component:
    stack: list[Component] = []
    root: Component | None = None
    for line in content_lines(raw):
        name, params, value = split_line(line)
        if name == "BEGIN":
            component = Component(value)
            if stack:
                stack[-1].children.append(component)
            else:
                assert root is None, "one VCALENDAR per file"
                root = component
            stack.append(component)
        elif name == "END":
            assert stack and stack[-1].name == value, f"END:{value} does not close its BEGIN"
            stack.pop()
        else:
            assert stack, f"{name} outside any component"
            stack[-1].properties.append((name, params, value))
    assert root is not None and not stack, "unclosed component"
    return root


def unescape_text(value: str) -> str:
    """RFC 5545 §3.3.11: only ``\\\\``, ``\\;``, ``\\,`` and ``\\n`` escapes; no bare , or ;."""
    out, i = [], 0
    while i < len(value):
        char = value[i]
        if char == "\\":
            following = value[i + 1 : i + 2]
            assert following in ("\\", ";", ",", "n", "N"), f"bad escape in {value!r}"
            out.append("\n" if following in "nN" else following)
            i += 2
            continue
        assert char not in ",;", f"unescaped {char!r} in TEXT {value!r}"
        out.append(char)
        i += 1
    return "".join(out)


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
            WebClient(token="xoxb-test", base_url=slack.api_url, retry_handlers=[]),
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
    calendar = parse(raw)
    assert calendar.name == "VCALENDAR"
    assert calendar.one("VERSION")[1] == "2.0"
    assert calendar.one("PRODID")[1]
    events = [c for c in calendar.children if c.name == "VEVENT"]
    assert len(events) == len(calendar.children) == len(WINDOW_EVENTS) + 1
    uids = [e.one("UID")[1] for e in events]
    assert len(set(uids)) == len(uids), "UIDs are unique"
    for event in events:
        assert UTC_DATE_TIME.match(event.one("DTSTAMP")[1])
        params, start = event.one("DTSTART")
        end_params, end = event.one("DTEND")
        assert params == end_params == {"VALUE": "DATE"}
        assert DATE.match(start) and DATE.match(end)
        first = dt.datetime.strptime(start, "%Y%m%d").date()
        after = dt.datetime.strptime(end, "%Y%m%d").date()
        assert after > first, "DTEND is exclusive, after DTSTART"
        for name in TEXT_PROPERTIES:
            for value in event.values(name):
                unescape_text(value)
        for url in event.values("URL"):
            assert re.match(r"^https?://\S+$", url)
    names = [unescape_text(e.one("SUMMARY")[1]) for e in events]
    assert [n for n in names if n in WINDOW_EVENTS] == WINDOW_EVENTS, "in the digest's order"


def test_special_characters_survive_the_round_trip(
    uploaded: tuple[bytes, list[dict[str, object]]],
) -> None:
    raw, _ = uploaded
    events = {
        unescape_text(e.one("SUMMARY")[1]): e for e in parse(raw).children if e.name == "VEVENT"
    }
    odd_name = next(name for name in events if name.startswith("Ünïcode"))
    assert odd_name.startswith("Ünïcode Säkerhetsdagarna, Göteborg; «Cyber» \\ forum — 🛡️")
    odd = events[odd_name]
    assert unescape_text(odd.one("LOCATION")[1]) == "Göteborg, Sweden; Hall B"
    assert unescape_text(odd.one("DESCRIPTION")[1]).startswith("Line one.")
    assert odd.one("DTSTART")[1] == "20260328" and odd.one("DTEND")[1] == "20260330"
    dialogue = unescape_text(events["Global Cybersecurity Dialogue"].one("DESCRIPTION")[1])
    assert dialogue.startswith("Ministers discuss capacity building; commas, semicolons;")
    assert "\nOrganised by ITU\n" in dialogue
