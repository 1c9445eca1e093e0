"""Dates asked in other units than the record's: "what day of the week", "which decade",
"how many years ago".

Each is asked as the plain date question it comes down to ("on what day did ...", "in which
year was ...", so the date is found and verified as every date is), and the date that
answers it is then said in the unit asked: its day of the week (only from a date precise to
the day: a year says no weekday), its decade, or how many years before today it was. A date
the answer does not give in a form that says the unit asked is a refusal, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

import sqlite_utils

from cyberbrief.answers.described import names_in
from cyberbrief.knowledge.model import Answer, Status
from cyberbrief.knowledge.normalize import fold

_AUX = r"(?:is|was|are|were|did|does|do|had|has|have|will)"
WEEKDAY = re.compile(rf"^(?:on |in )?(?:what|which) day of the week (?P<rest>{_AUX} .+)$")
"""'what day of the week did the conference open': asked as 'on what day did ...'."""
DECADE = re.compile(rf"^(?:in |during )?(?:what|which) decade (?P<rest>{_AUX} .+?)(?P<trail> in)?$")
"""'which decade was McKinnon arrested in': asked as 'in which year was he arrested'."""
YEARS_AGO = re.compile(rf"^how (?:many years|long) ago (?P<rest>{_AUX} (?:(?!\bwhen\b).)+)$")
"""'how many years ago did APEC create ...': asked as 'in which year did ...'; not 'how
long ago ... when X happened', which counts from another date than today."""

_DAY = re.compile(
    r"\b(?P<day>\d{1,2}) (?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* "
    r"(?P<year>\d{4})\b|\b(?P<iso>\d{4}-\d\d-\d\d)\b"
)
_WEEKDAY_SAID = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


@dataclass(frozen=True)
class Restated:
    """A date question in another unit, as the plain date question asked in its place."""

    question: str
    unit: str
    """ "weekday", "decade" or "years ago": what the found date is said as."""


def _clean(question: str) -> str:
    text = fold(question).lower().replace("’", "'")
    return re.sub(r"\s+", " ", text).strip(" ?!.")


def restated(question: str) -> Restated | None:
    """The plain date question ``question`` comes down to, or None for any other question."""
    text = _clean(question)
    if m := WEEKDAY.match(text):
        return Restated(f"on what day {m['rest']}", "weekday")
    if m := DECADE.match(text):
        return Restated(f"in which year {m['rest']}", "decade")
    if m := YEARS_AGO.match(text):
        return Restated(f"in which year {m['rest']}", "years ago")
    return None


def _first_line(answer: Answer) -> str:
    return answer.lead or answer.title


def _with_first_line(answer: Answer, line: str) -> Answer:
    if answer.lead:
        return replace(answer, lead=line)
    return replace(answer, title=line)


def _weekday(line: str) -> str | None:
    """``line`` with the day of the week before its first date precise to the day, or as it
    is when it says a weekday already ("Monday 31 Oct 2011"); None when it gives no day."""
    m = _DAY.search(line)
    if m is None:
        return None
    if _WEEKDAY_SAID.search(line[: m.end()]):
        return line
    day = (
        dt.date.fromisoformat(m["iso"])
        if m["iso"]
        else dt.datetime.strptime(f"{m['day']} {m['month']} {m['year']}", "%d %b %Y").date()
    )
    return f"{line[: m.start()]}{day:%A} {line[m.start() :]}"


def _year_said(line: str) -> re.Match[str] | None:
    """The year of the date the line leads with: its first ("2002: ...", "When: 2013-10-17
    to 2013-10-18.")."""
    return _YEAR.search(line)


def _said_beside(line: str, year: re.Match[str], said: str) -> str:
    """``line`` with ``said`` right after the year it leads with ("2002 (the 2000s): ..."),
    or before the whole line when the year is part of a longer date ("2013-10-17")."""
    if line[year.end() : year.end() + 1] == "-" or year.start() > 0:
        return f"{said[0].upper()}{said[1:]}: {line}"
    return f"{line[: year.end()]} ({said}){line[year.end() :]}"


def said_in_unit(asked: Restated, answer: Answer, today: dt.date) -> Answer:
    """A found answer to the plain date question, its first line saying the date in the
    unit asked; a refusal that shows the date on record when it cannot be said in it."""
    if answer.status is not Status.FOUND:
        return answer
    line = _first_line(answer)
    if asked.unit == "weekday":
        said = _weekday(line)
        if said is None:
            return _unsaid(answer, "No day of the week on record", line)
        return _with_first_line(answer, said)
    year = _year_said(line)
    if year is None:
        return _unsaid(answer, f"No year on record to give the {asked.unit} by", line)
    value = int(year.group())
    if asked.unit == "decade":
        return _with_first_line(answer, _said_beside(line, year, f"the {value - value % 10}s"))
    ago = today.year - value
    if ago < 0:
        return _unsaid(answer, "The date on record is still to come", line)
    count = "less than a year" if ago == 0 else f"{ago} year{'' if ago == 1 else 's'}"
    return _with_first_line(answer, _said_beside(line, year, f"{count} ago as of {today.year}"))


def _unsaid(answer: Answer, title: str, line: str) -> Answer:
    """A refusal that shows the date the record does give."""
    on_record = [*answer.sections[:1]] if answer.sections else []
    return Answer(
        Status.NOT_FOUND,
        answer.query,
        title,
        summary=f"What is on record: {line}",
        sections=on_record,
        about=answer.about,
    )


PASSIVE_WHEN = re.compile(
    r"^(?:when|(?:in |on |during )?(?:what|which) (?:year|date|day|month|decade)) (?:was|were) "
    r"(?P<s>.+?) (?:(?:first|originally|officially) )?(?P<v>\w+(?:ed|en)|set up|made|built|begun)$"
)
"""A when-question in the passive ("when was APEC founded"): its subject is what was done
to, never the doer."""
_BY = re.compile(r"\b\w+(?:ed|en)\b(?: up)? by (?:the )?(?P<by>[^,;:()]+)", re.IGNORECASE)


def names_asked(db: sqlite_utils.Database, question: str) -> list[str]:
    """Every stored name of what a passive when-question names (none for another question):
    "APEC" for "when was the Asia-Pacific Economic Cooperation founded"."""
    if PASSIVE_WHEN.match(_clean(question)) is None:
        return []
    named = names_in(db, question)
    rows = [
        row[0]
        for kind, entity_id in named
        for row in db.conn.execute(
            "SELECT norm FROM names WHERE kind = ? AND entity_id = ?", (kind, entity_id)
        )
    ]
    return list(dict.fromkeys(rows))


def done_by_asked(question: str, line: str, names: list[str]) -> bool:
    """Whether ``line`` dates something done BY what a passive when-question asks was done
    TO: "when was APEC founded" is not answered by "Created by APEC in 2002" (the
    programme APEC created). ``names`` are what the question's subject is called (as asked,
    and the stored names it matched)."""
    m = PASSIVE_WHEN.match(_clean(question))
    if m is None:
        return False
    called = {_clean(n).removeprefix("the ") for n in [m["s"], *names] if n.strip()}
    for by in _BY.finditer(line):
        doer = _clean(by["by"])
        if any(doer == n or doer.startswith(f"{n} ") for n in called if n):
            return True
    return False


def _content(text: str) -> set[str]:
    """The words of ``text`` that say what it is about (no short function words)."""
    return {w for w in text.split() if len(w) > 3 and w not in _NOT_NOUNS}


_NOT_NOUNS = frozenset("was were is are be been being had has have it they he she".split())
_REDUCED = re.compile(
    r"\b(?P<noun>[A-Za-z][\w'’-]*) (?P<pp>\w+(?:ed|en)|set|made|built|begun)"
    r"(?: (?:forth|out|up|down|off))? (?:in|on|during) (?:[\w-]+ )?(?P<year>(?:1[89]|20)\d\d)\b"
)
"""A date of a thing a participle describes ("the Bogor goals set forth in 1994")."""
_CLAUSES = re.compile(r"[.;]\s+|,?\s+but\s+|,\s+and\s+|\s+and\s+(?=(?:it|they|has|have)\b)")


def dated_of_other(question: str, line: str, names: list[str]) -> bool:
    """Whether the date a passive when-question ("when was APEC set up") is answered with
    dates something else in its record's clause: what the subject did ("In 2002 it created
    the Shanghai programme", "APEC created ...") or another thing a participle describes
    ("the Bogor goals set forth in 1994"). A description's own head ("Gary McKinnon: A man
    arrested in 2002") is its entity."""
    m = PASSIVE_WHEN.match(_clean(question))
    if m is None:
        return False
    lead, _, said = line.partition(": ")
    year = _YEAR.search(lead) or _YEAR.search(said)
    if year is None or not said:
        return False
    said = said.split(" (", 1)[0] if said.endswith(")") else said  # not a note on a step
    clause = next((c for c in _CLAUSES.split(said) if year.group() in c), "")
    subject = _clean(m["s"]).removeprefix("the ")
    # Names of the subject itself, not of things its description names ("the man Lyons
    # cited": Lyons is no name of the man).
    own = [n for n in [subject, *names] if n and f"{subject} ".startswith(f"{_clean(n)} ")]
    called = {w for n in own for w in _clean(n).split()}
    doers = "|".join(["it", "they", *(re.escape(n) for n in own)])
    did = re.search(
        rf"\b(?:{doers})\s+(?:\w+ly\s+)?(?:\w+ed|set up|made|built|began)\b"
        r"(?P<what>(?: \S+){0,6})",
        clause,
        re.I,
    )
    if did and not set(_clean(did["what"]).split()) & _content(subject):
        return True  # what the subject itself did then, to something else
    for reduced in _REDUCED.finditer(clause):
        noun = reduced["noun"].lower()
        head = len(clause[: reduced.start()].split()) <= 3 and clause is said.split(".")[0]
        if noun not in _NOT_NOUNS and noun not in called and not head:
            return True
    return False
