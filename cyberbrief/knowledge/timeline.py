"""What was true when: dates as people read them, "as of" notes and event tenses.

Every role, office and figure in the store is true as of its source's date, not today. These
helpers turn a record's sources and today's date (injected, never read from the wall clock)
into the words an answer needs: "Foreign Secretary, as of 1 Nov 2011 (BBC News)", "was held",
"is planned for". An article written before an event it mentions only tells us the event was
planned; it takes a later source (or the editors' background) to say it took place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cyberbrief.knowledge.model import Citation

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def human_date(value: str) -> str:
    """``2011-11-01`` as "1 Nov 2011", ``2012-04`` as "Apr 2012", ``2012`` as is."""
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return value
    if len(numbers) == 3 and 1 <= numbers[1] <= 12:
        return f"{numbers[2]} {_MONTHS[numbers[1] - 1]} {numbers[0]}"
    if len(numbers) == 2 and 1 <= numbers[1] <= 12:
        return f"{_MONTHS[numbers[1] - 1]} {numbers[0]}"
    return value


def date_range(starts: str, ends: str | None) -> str:
    """A start and optional end date as one short phrase: "1–2 Nov 2011"."""
    if not ends or ends == starts:
        return human_date(starts)
    first, last = starts.split("-"), ends.split("-")
    if len(first) == len(last) == 3 and first[0] == last[0]:
        if first[1] == last[1]:
            return f"{int(first[2])}–{human_date(ends)}"
        return f"{human_date(starts).rsplit(' ', 1)[0]} – {human_date(ends)}"
    return f"{human_date(starts)} – {human_date(ends)}"


def dated_source(citations: Sequence[Citation]) -> Citation | None:
    """The source a record's "as of" comes from: its first dated article, else any dated one."""
    dated = [c for c in citations if c.date]
    articles = [c for c in dated if not c.background]
    chosen = articles or dated
    return chosen[0] if chosen else None


def as_of(citations: Sequence[Citation], *, named: bool = True) -> str | None:
    """ "as of 1 Nov 2011 (BBC News)" (``named``: with the source), or None if none is dated."""
    source = dated_source(citations)
    if source is None or source.date is None:
        return None
    note = f"as of {human_date(source.date)}"
    return f"{note} ({source.short()})" if named else note


def with_as_of(text: str, citations: Sequence[Citation]) -> str:
    """A role or figure followed by when it was true: "Foreign Secretary, as of 1 Nov 2011 (…)"."""
    note = as_of(citations)
    return f"{text}, {note}" if note else text


def role_lead(name: str, citations: Sequence[Citation]) -> str:
    """The first line of an answer to "who is the <role>": what is on record, and from when."""
    source = dated_source(citations)
    if source is None or source.date is None:
        return f"{name} (date not on record). Nothing more recent is on record."
    return (
        f"As of {human_date(source.date)}: {name} ({source.short()}). "
        "Nothing more recent is on record."
    )


def _not_before(later: str, earlier: str) -> bool:
    """Whether date ``later`` is on or after ``earlier``, comparing only the precision both have."""
    a, b = later.split("-"), earlier.split("-")
    n = min(len(a), len(b))
    return a[:n] >= b[:n]


def _before(value: str, today: dt.date) -> bool:
    """Whether a (possibly partial) date is wholly before ``today``."""
    parts = value.split("-")
    mine = [int(p) for p in parts]
    return mine < [today.year, today.month, today.day][: len(mine)]


def _after(value: str, today: dt.date) -> bool:
    parts = value.split("-")
    mine = [int(p) for p in parts]
    return mine > [today.year, today.month, today.day][: len(mine)]


def event_when(starts: str, ends: str | None, citations: Sequence[Citation], today: dt.date) -> str:
    """When an event is, in the tense that is true today and as far as the sources know.

    "Was held 1–2 Nov 2011"; "Is planned for 3 Dec 2027"; "Under way: …"; and for an event
    that only sources written before it mention, "Was planned for 2013 (as of 2012, …)": that
    it happened is not on record.
    """
    when = date_range(starts, ends)
    try:
        past = _before(ends or starts, today)
        future = _after(starts, today)
    except ValueError:
        return when
    if future:
        return f"Is planned for {when}"
    if not past and len(starts.split("-")) < 3:
        return f"In {when}"  # "2026" while it is 2026: too coarse to say which side of today
    reported = any(c.background or (c.date and _not_before(c.date, starts)) for c in citations)
    if not past:
        return f"Under way: {when}" if reported or not citations else f"Planned for {when}"
    if reported or not citations:
        return f"Was held {'in ' if len(starts.split('-')) < 3 else ''}{when}"
    note = as_of(citations)
    planned = f"Was planned for {when}" + (f" ({note})" if note else "")
    return planned + "; that it took place is not on record"
