"""Making a sentence of news copy stand on its own: dates written out, pronouns named.

An article's sentence leans on the article around it: "on Thursday" means the Thursday
before its date, "last year" the year before, "It creates ..." the thing the sentence before
named, "The agreement follows ..." the one agreement the article is about. A fact in the
store has none of that around it, so each is resolved against the article (its date, its
named subject) or the sentence is left out: a fact nobody can place is worse than none.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = "|".join(MONTHS)
DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})|(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}}),?)"
    rf"\s+(?P<year>\d{{4}})\b|\b(?P<month3>{_MONTH})\s+(?P<year3>\d{{4}})\b"
)
"""A date as news writes it: "14 April 2027", "April 14, 2027", "September 2027"."""
_WEEKDAY = re.compile(rf"\b(?P<on>on\s+)?(?P<day>{'|'.join(_WEEKDAYS)})\b")
_RELATIVE_YEAR = re.compile(r"\b(?P<which>last|this|next)\s+year\b")
_UNPLACEABLE = re.compile(
    r"\b(?:yesterday|today|tomorrow|tonight|last\s+(?:week|month)|this\s+(?:week|month)|"
    r"next\s+(?:week|month)|earlier\s+this\s+(?:week|month)|recently|days?\s+ago)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|shall|is\s+to|are\s+to|plans?\s+to|scheduled)\b")
_PRONOUN_OPENING = re.compile(r"^(?P<pronoun>It|They|This|These|That|He|She|Its|Their)\b")
_DEFINITE_OPENING = re.compile(
    r"^The\s+(?P<noun>agreement|pact|deal|treaty|accord|strategy|plan|programme|program|"
    r"initiative|fund|centre|center|alliance|summit|conference|law|act|directive|framework)\b"
)


def iso(year: int, month: int | None = None, day: int | None = None) -> str:
    """A (partial) date as the store writes it: "2027", "2027-05", "2027-04-14"."""
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


RANGE = re.compile(
    rf"\b(?P<first>\d{{1,2}})\s*(?:-|–|to|and)\s*(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})"
    r"\s+(?P<year>\d{4})\b"
)
"""Days of one month: "from 15 to 17 September 2027", "15-17 September 2027"."""


def dates_in(sentence: str) -> list[tuple[str, int, int]]:
    """Each date the sentence writes out, as precise as written: (iso, start, end); a range
    of days in one month is its first and last day."""
    out = []
    for m in RANGE.finditer(sentence):
        month = MONTHS.index(m["month"]) + 1
        try:
            first = dt.date(int(m["year"]), month, int(m["first"]))
            last = dt.date(int(m["year"]), month, int(m["day"]))
        except ValueError:
            continue
        if first < last:
            out += [
                (first.isoformat(), m.start(), m.start("day")),
                (last.isoformat(), m.start("day"), m.end()),
            ]
    for m in DATE.finditer(sentence):
        if any(start <= m.start() < end for _, start, end in out):
            continue
        if m["year3"]:
            value = iso(int(m["year3"]), MONTHS.index(m["month3"]) + 1)
        else:
            month = MONTHS.index(m["month"] or m["month2"]) + 1
            day = int(m["day"] or m["day2"])
            try:
                dt.date(int(m["year"]), month, day)
            except ValueError:
                continue
            value = iso(int(m["year"]), month, day)
        out.append((value, m.start(), m.end()))
    return out


def human(value: str) -> str:
    """ "2027-04-14" as "14 April 2027", "2027-05" as "May 2027"."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def _article_day(article_date: str | None) -> dt.date | None:
    if not article_date or len(article_date) != 10:
        return None
    try:
        return dt.date.fromisoformat(article_date)
    except ValueError:
        return None


def placed(sentence: str, article_date: str | None) -> str | None:
    """``sentence`` with relative days written as dates ("on Thursday" -> "on 11 March
    2027", "last year" -> "in 2026") from the article's date; None when it cannot be placed
    (no date, or "yesterday", "last week" ...)."""
    if _UNPLACEABLE.search(sentence):
        return None
    day = _article_day(article_date)
    future = bool(_FUTURE.search(sentence))

    def weekday(m: re.Match[str]) -> str:
        assert day is not None
        wanted = _WEEKDAYS.index(m["day"])
        shift = (wanted - day.weekday()) % 7 if future else -((day.weekday() - wanted) % 7)
        return f"on {human((day + dt.timedelta(days=shift)).isoformat())}"

    def year(m: re.Match[str]) -> str:
        assert day is not None
        offset = {"last": -1, "this": 0, "next": 1}[m["which"]]
        return f"in {day.year + offset}"

    relative = _WEEKDAY.search(sentence) or _RELATIVE_YEAR.search(sentence)
    if relative and day is None:
        return None
    if day is not None:
        sentence = _WEEKDAY.sub(weekday, sentence)
        sentence = _RELATIVE_YEAR.sub(year, sentence)
    return sentence


def named_subject(sentence: str, previous_subject: str | None, things: list[str]) -> str | None:
    """``sentence`` with an opening pronoun or "The agreement" replaced by what it stands
    for: the subject of the sentence before ("It creates" after "The Nordic Cyber Defence
    Pact was signed"), or the one drafted initiative of that kind; None when nothing says
    which; "He" and "She" are left to the quotes (a fact is about the thing, not a person)."""
    opening = _PRONOUN_OPENING.match(sentence)
    if opening:
        word = opening["pronoun"]
        if word in ("He", "She") or not previous_subject:
            return None
        if word in ("This", "These", "That"):
            return None  # "This follows ...": which of the sentence's things?
        possessive = word in ("Its", "Their")
        name = f"{previous_subject}’s" if possessive else previous_subject
        sentence = name + sentence[opening.end() :]
    else:
        definite = _DEFINITE_OPENING.match(sentence)
        if definite:
            noun = definite["noun"].lower()
            fits = [t for t in things if noun in t.lower().split() or _same_kind(noun, t)]
            if len(fits) != 1:
                return None
            sentence = f"The {fits[0]}" + sentence[definite.end() :]
    return sentence


_KINDS = {"agreement": ("pact", "accord", "treaty", "agreement", "deal", "convention")}


def _same_kind(noun: str, name: str) -> bool:
    """ "The agreement" for the "Nordic Cyber Defence Pact": an agreement by another name."""
    words = name.lower().split()
    return any(w in words for w in _KINDS.get(noun, ()))
