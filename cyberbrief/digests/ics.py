"""iCalendar (RFC 5545) files for a digest's events, so a click adds them to a calendar.

Events in the store are whole days, so most become all-day ``VEVENT`` s
(``DTSTART;VALUE=DATE`` with an exclusive ``DTEND``); an event a calendar gave times
("15:00–16:00 UTC", kept first in its description) keeps them, in UTC. ``UID`` is stable
per event, so importing the file again (for example from tomorrow's digest) updates the
calendar entry rather than duplicating it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from cyberbrief.digests.content import DigestEvent

PRODID = "-//cyberbrief//daily digest//EN"
UID_DOMAIN = "cyberbrief"
MAX_OCTETS = 75
"""Longest content line, in octets, before folding (RFC 5545 §3.1)."""


def escape_text(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newlines escaped (RFC 5545 §3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into CRLF-joined pieces of at most 75 octets, never inside a
    UTF-8 character; continuation lines start with one space (which counts)."""
    pieces: list[str] = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def _instant(moment: dt.datetime) -> str:
    """A DATE-TIME: in UTC (``Z``) when the zone is known, else floating local time."""
    if moment.tzinfo is None:
        return moment.strftime("%Y%m%dT%H%M%S")
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _span(event: DigestEvent) -> list[str]:
    """DTSTART and DTEND: the times of a timed event, else whole days (exclusive end)."""
    if event.starts_at is not None:
        span = [f"DTSTART:{_instant(event.starts_at)}"]
        if event.ends_at is not None:
            span.append(f"DTEND:{_instant(event.ends_at)}")
        return span
    return [
        f"DTSTART;VALUE=DATE:{_date(event.starts)}",
        f"DTEND;VALUE=DATE:{_date(event.last_day + dt.timedelta(days=1))}",
    ]


def event_uid(event: DigestEvent) -> str:
    return f"event-{event.id}@{UID_DOMAIN}"


def calendar(events: Iterable[DigestEvent], stamp: dt.datetime, name: str = "cyberbrief") -> str:
    """A VCALENDAR with one VEVENT per event; ``stamp`` is when it was made (UTC)."""
    dtstamp = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        description = [event.line or ""]
        if event.organisers:
            description.append("Organised by " + ", ".join(event.organisers))
        if event.citation is not None:
            description.append("Source: " + event.citation.text())
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event_uid(event)}",
            f"DTSTAMP:{dtstamp}",
            *_span(event),
            f"SUMMARY:{escape_text(event.name)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{escape_text(event.location)}")
        text = "\n".join(d for d in description if d)
        if text:
            lines.append(f"DESCRIPTION:{escape_text(text)}")
        url = event.url or (event.citation.url if event.citation else None)
        if url and url.startswith(("http://", "https://")) and not any(c.isspace() for c in url):
            lines.append(f"URL:{url}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
