"""Dates a record states relative to its source: "on Monday", "last week", "in March", "over
the summer", "earlier this year", worked out against the date of the article that says them.

An article dated 1 Nov 2011 (a Tuesday) that says "on Monday" means Monday 31 Oct 2011; one
dated only "2011" that says "in June this year" means June 2011, but its "in March" could be
March 2011 or March 2010 (written in February?), so no year is given for it. Nothing is
worked out to a finer grain than the source's date allows, and an undated source gives none:
the answer then repeats the record's words instead of inventing a date. Pure functions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_MONTH_RE = "|".join(m.lower() for m in MONTH_NAMES)
_SHORT = [m[:3] for m in MONTH_NAMES]
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_WEEKDAY_RE = "|".join(d.lower() for d in WEEKDAYS)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}

RELATIVE = re.compile(
    rf"\b(?:(?:on|last|next|this) )?(?P<weekday>{_WEEKDAY_RE})(?: (?:night|morning|afternoon|"
    r"evening))?\b|"
    rf"\b(?P<rel>last|next|this|earlier this|later this) (?P<unit>week|month|year)\b|"
    rf"\bin (?P<month>{_MONTH_RE})(?: (?P<month_rel>this|last|next) year)?\b(?!,? \d)|"
    r"\b(?:over|during|in|this|last) the (?P<season>spring|summer|autumn|fall)\b|"
    r"\b(?:this|last) (?P<season2>spring|summer|autumn|fall)\b|"
    r"\b(?P<day>yesterday|tomorrow|later in the day|earlier in the day|this morning)\b",
    re.IGNORECASE,
)
"""A date relative to when the record was written. Not "today": an essay's "the world today"
is no date."""


@dataclass(frozen=True)
class SourceDate:
    """A source's date, as precise as it is known: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> SourceDate | None:
        """``2011``, ``2011-11`` or ``2011-11-01``; None for no date or one unreadable."""
        if not value:
            return None
        m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
        if m is None:
            return None
        year, month, day = (int(g) if g else None for g in m.groups())
        if year is None or (month is not None and not 1 <= month <= 12):
            return None
        if day is not None and month is not None:
            try:
                dt.date(year, month, day)
            except ValueError:
                return None
        return cls(year, month, day)

    def as_date(self) -> dt.date | None:
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


def day_text(day: dt.date, weekday: bool = False) -> str:
    """ "31 Oct 2011", or with ``weekday`` "Monday 31 Oct 2011"."""
    text = f"{day.day} {_SHORT[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def _month_text(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1]} {year}"


def _weekday(word: str, phrase: str, day: dt.date) -> str:
    """The weekday ``word`` nearest before ``day`` ("on Monday" in a Tuesday's paper), after
    it for "next Monday"; "last Monday" is never the source's own day."""
    target = WEEKDAYS.index(word.capitalize())
    lowered = phrase.lower()
    if lowered.startswith("next "):
        ahead = (target - day.weekday()) % 7 or 7
        return day_text(day + dt.timedelta(days=ahead), weekday=True)
    back = (day.weekday() - target) % 7
    if lowered.startswith("last ") and back == 0:
        back = 7
    return day_text(day - dt.timedelta(days=back), weekday=True)


def _unit(rel: str, unit: str, source: SourceDate) -> str | None:
    step = {"last": -1, "next": 1}.get(rel.lower(), 0)
    if unit == "year":
        return str(source.year + step)
    if unit == "month":
        if source.month is None:
            return None
        index = source.year * 12 + source.month - 1 + step
        return _month_text(index // 12, index % 12 + 1)
    day = source.as_date()
    if day is None:
        return None
    monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=step)
    return f"the week of {day_text(monday)}"


def _month(name: str, rel: str | None, source: SourceDate) -> str:
    """ "in March": the last March up to the source's month; with a source dated only by its
    year, the month alone (which year it fell in is not known), unless the record says
    "this year" or "last year"."""
    month = MONTH_NAMES.index(name.capitalize()) + 1
    if rel:
        return _month_text(source.year + {"last": -1, "next": 1}.get(rel.lower(), 0), month)
    if source.month is None:
        return MONTH_NAMES[month - 1]
    year = source.year if month <= source.month else source.year - 1
    return _month_text(year, month)


def _season(name: str, phrase: str, source: SourceDate) -> str | None:
    first, _ = _SEASONS[name.lower()]
    season = "autumn" if name.lower() == "fall" else name.lower()
    if source.month is None:
        return None
    year = source.year if source.month >= first else source.year - 1
    if phrase.lower().startswith("last ") and source.month >= first:
        year -= 1
    return f"{season} {year}"


def _day(word: str, source: SourceDate) -> str | None:
    day = source.as_date()
    if day is None:
        return None
    shift = {"yesterday": -1, "tomorrow": 1}.get(word.lower(), 0)
    return day_text(day + dt.timedelta(days=shift))


def resolve(phrase: str, source_date: str | None) -> str | None:
    """The date a relative ``phrase`` (one :data:`RELATIVE` matches) names in a record of a
    source dated ``source_date``: "Monday 31 Oct 2011", "the week of 24 Oct 2011", "October
    2011", "summer 2011", "2011"; None when the source's date is missing or too coarse."""
    m = RELATIVE.search(phrase)
    source = SourceDate.parse(source_date)
    if m is None or source is None:
        return None
    if m["weekday"]:
        day = source.as_date()
        return _weekday(m["weekday"], m.group(), day) if day else None
    if m["unit"]:
        return _unit(m["rel"].split()[-1], m["unit"].lower(), source)
    if m["month"]:
        return _month(m["month"], m["month_rel"], source)
    if m["season"] or m["season2"]:
        return _season(m["season"] or m["season2"], m.group(), source)
    return _day(m["day"], source)


def source_date_text(source_date: str) -> str:
    """A source's date as people read it: "1 Nov 2011", "Nov 2011", "2011"."""
    source = SourceDate.parse(source_date)
    if source is None:
        return source_date
    day = source.as_date()
    if day is not None:
        return day_text(day)
    if source.month is not None:
        return f"{_SHORT[source.month - 1]} {source.year}"
    return str(source.year)


def worked_out(phrase: str, source_date: str | None, source_name: str) -> str:
    """What an answer leads with for a relative ``phrase``: the date and how it was worked
    out ("Monday 31 Oct 2011 (the BBC News report of 1 Nov 2011 says 'on Monday')"), or the
    record's own words when its source gives no date to work from."""
    words = phrase.strip()
    resolved = resolve(words, source_date)
    if source_date is None:
        return f"“{words}” (its source is not dated, so the date cannot be worked out)"
    said = f"the {source_name} of {source_date_text(source_date)} says “{words}”"
    if resolved is None or resolved.lower() == words.lower():
        return f"“{words}” ({said}; it does not say more precisely)"
    return f"{resolved} ({said})"
