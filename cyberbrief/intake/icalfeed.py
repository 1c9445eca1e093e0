"""Event records from an iCalendar feed (a conference calendar), recurring events expanded.

Each occurrence in the look-ahead window becomes one event record citing the calendar. Dates
are the local dates where the event happens (its own time zone), with the time and zone kept
in the description; an occurrence of a recurring event is named with its date so that each
one is its own record. icalendar parses, recurring-ical-events expands RRULE/RDATE/EXDATE
and moved occurrences (RECURRENCE-ID).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

LOOK_AHEAD_DAYS = 180
MAX_OCCURRENCES = 200
"""A calendar with a daily meeting for years is not a conference calendar: keep the first."""


class CalendarInvalid(Exception):
    """The feed is not a readable iCalendar file; the message says why."""


@dataclass(frozen=True)
class CalendarEvent:
    """One occurrence, ready to become an ``events`` record."""

    uid: str
    name: str
    starts: dt.date
    ends: dt.date | None
    location: str | None
    description: str | None
    url: str | None
    recurring: bool

    def record(self, source: str) -> dict[str, Any]:
        """The event in the knowledge file format, citing ``source`` (a source key)."""
        data: dict[str, Any] = {"name": self.name, "starts": self.starts.isoformat()}
        if self.ends and self.ends != self.starts:
            data["ends"] = self.ends.isoformat()
        for key in ("location", "description", "url"):
            value = getattr(self, key)
            if value:
                data[key] = value
        data["source"] = source
        return data


def calendar_name(content: bytes) -> str | None:
    """The calendar's own name (X-WR-CALNAME or NAME), if it has one."""
    calendar = _parse(content)
    name = calendar.get("X-WR-CALNAME") or calendar.get("NAME")
    return str(name).strip() or None if name else None


def has_events(content: bytes) -> bool:
    """Whether the calendar lists any event at all, past or future: one that lists none is
    more likely a server's glitch than every event cancelled."""
    return any(True for _ in _parse(content).walk("VEVENT"))


def _parse(content: bytes) -> Any:
    import icalendar

    try:
        return icalendar.Calendar.from_ical(content)
    except (ValueError, IndexError, KeyError) as exc:
        raise CalendarInvalid(f"is not a valid iCalendar file ({exc})") from None


def events_between(
    content: bytes, first: dt.date, days: int = LOOK_AHEAD_DAYS
) -> list[CalendarEvent]:
    """Occurrences that start or run in ``days`` days from ``first``, earliest first."""
    import recurring_ical_events

    calendar = _parse(content)
    last = first + dt.timedelta(days=days)
    try:
        found = recurring_ical_events.of(calendar).between(first, last)
    except Exception as exc:  # the library raises its own types for bad rules and dates
        raise CalendarInvalid(f"has an event that cannot be expanded ({exc})") from None
    recurring: set[str] = set()
    seen: set[str] = set()
    for component in calendar.walk("VEVENT"):
        uid = str(component.get("UID") or component.get("SUMMARY") or "")
        if component.get("RRULE") or component.get("RDATE") or uid in seen:
            recurring.add(uid)
        seen.add(uid)
    occurrences = (_occurrence(component, recurring) for component in found)
    events = [e for e in occurrences if e is not None]
    events.sort(key=lambda e: (e.starts, e.name))
    return events[:MAX_OCCURRENCES]


def _local(value: Any) -> tuple[dt.date, str, str]:
    """A DTSTART/DTEND as the date where the event happens, its time and its zone."""
    if isinstance(value, dt.datetime):
        zone = value.tzinfo
        label = getattr(zone, "key", None) or (str(zone) if zone else "")
        return value.date(), f"{value:%H:%M}", label
    return value, "", ""


def _occurrence(component: Any, recurring_uids: set[str]) -> CalendarEvent | None:
    summary = str(component.get("SUMMARY") or "").strip()
    start_prop = component.get("DTSTART")
    if not summary or start_prop is None or str(component.get("STATUS", "")).upper() == "CANCELLED":
        return None
    starts, start_time, zone = _local(start_prop.dt)
    ends: dt.date | None = None
    end_time = ""
    end_prop = component.get("DTEND")
    if end_prop is not None:
        ends, end_time, _ = _local(end_prop.dt)
        if not isinstance(end_prop.dt, dt.datetime):
            ends = ends - dt.timedelta(days=1)  # an all-day DTEND is exclusive
        ends = max(ends, starts)
    uid = str(component.get("UID") or summary)
    recurring = uid in recurring_uids
    name = f"{summary}, {starts.day} {starts:%B %Y}" if recurring else summary
    times = f"{start_time}–{end_time}" if start_time and end_time else start_time
    times = f"{times} {zone}" if times and zone else times
    text = str(component.get("DESCRIPTION") or "").strip()
    description = " ".join(p for p in (times and f"{times}.", text) if p) or None
    url = component.get("URL")
    location = str(component.get("LOCATION") or "").strip() or None
    return CalendarEvent(
        uid=uid,
        name=name[:200],
        starts=starts,
        ends=ends,
        location=location,
        description=description[:1000] if description else None,
        url=str(url) if url else None,
        recurring=recurring,
    )
