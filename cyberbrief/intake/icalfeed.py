"""Event records from an iCalendar feed (a conference calendar), recurring events expanded.

Each occurrence in the look-ahead window becomes one event record citing the calendar. Dates
are the local dates where the event happens (its own time zone), with the time and zone kept
in the description; an occurrence of a recurring event is named with its date so that each
one is its own record. icalendar parses, recurring-ical-events expands RRULE/RDATE/EXDATE
and moved occurrences (RECURRENCE-ID).

Calendars are read defensively: each event (with its moved occurrences) is expanded on its
own, so one that cannot be read is skipped and reported while the others are kept; a rule
that would need more than :data:`MAX_STEPS` steps to reach the window's end, or put more than
:data:`MAX_IN_WINDOW` occurrences in it (FREQ=SECONDLY without an end, say), is skipped before
any occurrence is built; text given twice (SUMMARY) keeps the first; occurrences of one event
on the same day are named with their times, so each stays its own record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

LOOK_AHEAD_DAYS = 180
MAX_OCCURRENCES = 200
"""A calendar with a daily meeting for years is not a conference calendar: keep the first."""
MAX_STEPS = 200_000
"""Steps a rule may take from its start to the window's end (a daily rule since 1500 fits)."""
MAX_IN_WINDOW = 1_000
"""Occurrences one event may have in the window before it is skipped (an hourly rule)."""
FREQ_SECONDS = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86400,
    "WEEKLY": 7 * 86400,
    "MONTHLY": 28 * 86400,
    "YEARLY": 365 * 86400,
}
FREQ_WORDS = {
    "SECONDLY": "second",
    "MINUTELY": "minute",
    "HOURLY": "hour",
    "DAILY": "day",
    "WEEKLY": "week",
    "MONTHLY": "month",
    "YEARLY": "year",
}


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
    time: str = ""
    """The local start time ("09:00"), empty for an all-day event."""

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


@dataclass
class CalendarRead:
    """The occurrences in the window, earliest first, and the events skipped, with why."""

    events: list[CalendarEvent] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    skipped_titles: list[str] = field(default_factory=list)
    """The SUMMARY of each skipped event: its records stay, the calendar still lists it."""


def calendar_name(content: bytes | str) -> str | None:
    """The calendar's own name (X-WR-CALNAME or NAME), if it has one."""
    calendar = _parse(content)
    name = _text(calendar, "X-WR-CALNAME") or _text(calendar, "NAME")
    return name or None


def has_events(content: bytes | str) -> bool:
    """Whether the calendar lists any event at all, past or future: one that lists none is
    more likely a server's glitch than every event cancelled."""
    return any(True for _ in _parse(content).walk("VEVENT"))


def _parse(content: bytes | str) -> Any:
    import icalendar

    try:
        return icalendar.Calendar.from_ical(content)
    except (ValueError, IndexError, KeyError) as exc:
        raise CalendarInvalid(f"is not a valid iCalendar file ({exc})") from None


def _text(component: Any, key: str) -> str:
    """A text property, the first when it is given twice (icalendar gives a list then)."""
    value = component.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value).strip() if value is not None else ""


def events_between(
    content: bytes | str, first: dt.date, days: int = LOOK_AHEAD_DAYS
) -> list[CalendarEvent]:
    """Occurrences that start or run in ``days`` days from ``first``, earliest first."""
    return read_calendar(content, first, days).events


def read_calendar(
    content: bytes | str, first: dt.date, days: int = LOOK_AHEAD_DAYS
) -> CalendarRead:
    """Occurrences that start or run in ``days`` days from ``first`` (at most
    :data:`MAX_OCCURRENCES`, earliest first), each event expanded on its own within budgets;
    an event that cannot be read is skipped and named in ``skipped``."""
    import icalendar

    calendar = _parse(content)
    last = first + dt.timedelta(days=days)
    zones = list(calendar.walk("VTIMEZONE"))
    groups: dict[str, list[Any]] = {}
    for index, component in enumerate(calendar.walk("VEVENT")):
        uid = _text(component, "UID") or _text(component, "SUMMARY") or f"#{index}"
        groups.setdefault(uid, []).append(component)
    read = CalendarRead()
    for uid, components in groups.items():
        title = next((_text(c, "SUMMARY") for c in components if _text(c, "SUMMARY")), uid)
        try:
            for component in components:
                _within_budget(component, last, days)
            single = icalendar.Calendar()
            for part in (*zones, *components):
                single.add_component(part)
            recurring = len(components) > 1 or any(
                c.get("RRULE") or c.get("RDATE") for c in components
            )
            occurrences = _expand(single, first, last, uid, recurring)
        except Exception as exc:  # a broken property, rule or zone: this event only
            read.skipped.append(f"“{title[:80]}” {_reason(exc)}; skipped")
            read.skipped_titles.append(title)
            continue
        read.events.extend(occurrences)
    read.events.sort(key=lambda e: (e.starts, e.time, e.name))
    read.events = read.events[:MAX_OCCURRENCES]
    return read


class _OverBudget(Exception):
    """A rule that would take too long or make too many occurrences; says which."""


def _reason(exc: Exception) -> str:
    if isinstance(exc, _OverBudget):
        return str(exc)
    return f"cannot be read ({str(exc)[:200] or type(exc).__name__})"


def _within_budget(component: Any, last: dt.date, days: int) -> None:
    """Refuse a rule that needs more than MAX_STEPS steps from its start to ``last``, or has
    more than MAX_IN_WINDOW occurrences in a window: estimated from the rule, nothing built."""
    rules = component.get("RRULE")
    if rules is None:
        return
    start = component.get("DTSTART")
    if start is None:
        return
    begin = start.dt
    begin_date = begin.date() if isinstance(begin, dt.datetime) else begin
    for rule in rules if isinstance(rules, list) else [rules]:
        freq = str((rule.get("FREQ") or [""])[0]).upper()
        if freq not in FREQ_SECONDS:
            continue
        interval = max(int((rule.get("INTERVAL") or [1])[0]), 1)
        period = FREQ_SECONDS[freq] * interval
        per_step = 1
        for key, finer_than in (("BYSECOND", 1), ("BYMINUTE", 60), ("BYHOUR", 3600)):
            if FREQ_SECONDS[freq] > finer_than and rule.get(key):
                per_step *= len(rule.get(key))
        if FREQ_SECONDS[freq] >= FREQ_SECONDS["WEEKLY"] and rule.get("BYDAY"):
            per_step *= len(rule.get("BYDAY"))
        end = last
        if rule.get("UNTIL"):
            until = rule.get("UNTIL")[0]
            end = min(end, until.date() if isinstance(until, dt.datetime) else until)
        span_days = max((end - begin_date).days + 1, 0)
        steps = span_days * 86400 // period + 1
        count = rule.get("COUNT")
        if count:
            steps = min(steps, int(count[0]))
        in_window = min(steps, min(span_days, days) * 86400 // period + 1) * per_step
        if steps > MAX_STEPS or in_window > MAX_IN_WINDOW:
            every = FREQ_WORDS[freq] if interval == 1 else f"{interval} {FREQ_WORDS[freq]}s"
            raise _OverBudget(
                f"repeats every {every} (FREQ={freq}) from {begin_date.isoformat()}: too many "
                "occurrences for an event calendar"
            )


def _expand(
    calendar: Any, first: dt.date, last: dt.date, uid: str, recurring: bool
) -> list[CalendarEvent]:
    """One event's occurrences in the window (its first MAX_OCCURRENCES), same-day ones
    named with their times."""
    import recurring_ical_events

    found = recurring_ical_events.of(calendar).between(first, last)
    events = [e for e in (_occurrence(c, uid, recurring) for c in found) if e is not None]
    events.sort(key=lambda e: (e.starts, e.time))
    events = events[:MAX_OCCURRENCES]
    days: dict[dt.date, int] = {}
    for event in events:
        days[event.starts] = days.get(event.starts, 0) + 1
    return [
        replace(e, name=f"{e.name}, {e.time}"[:200]) if days[e.starts] > 1 and e.time else e
        for e in events
    ]


def _local(value: Any) -> tuple[dt.date, str, str]:
    """A DTSTART/DTEND as the date where the event happens, its time and its zone."""
    if isinstance(value, dt.datetime):
        zone = value.tzinfo
        label = getattr(zone, "key", None) or (str(zone) if zone else "")
        return value.date(), f"{value:%H:%M}", label
    return value, "", ""


def _occurrence(component: Any, uid: str, recurring: bool) -> CalendarEvent | None:
    summary = _text(component, "SUMMARY")
    start_prop = component.get("DTSTART")
    if not summary or start_prop is None or _text(component, "STATUS").upper() == "CANCELLED":
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
    name = f"{summary}, {starts.day} {starts:%B %Y}" if recurring else summary
    same = end_time == start_time and ends == starts  # no DTEND: the library gives DTSTART
    times = f"{start_time}–{end_time}" if start_time and end_time and not same else start_time
    times = f"{times} {zone}" if times and zone else times
    text = _text(component, "DESCRIPTION")
    description = " ".join(p for p in (times and f"{times}.", text) if p) or None
    url = _text(component, "URL")
    location = _text(component, "LOCATION") or None
    return CalendarEvent(
        uid=uid,
        name=name[:200],
        starts=starts,
        ends=ends,
        location=location,
        description=description[:1000] if description else None,
        url=url or None,
        recurring=recurring,
        time=start_time,
    )
