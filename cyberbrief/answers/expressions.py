"""What an answer leads with when a record holds the date or figure asked for.

A date the record states relative to its source ("on Monday", "in March", "over the summer")
is worked out against the source's date (:mod:`cyberbrief.answers.relative_dates`) and says
how; an ISO date reads as people write it; a record dated itself (a fact's or quote's own
date) gives that date when its words only place it against something else ("the day before
the conference"). Nothing is made more precise than the record and its source allow.
"""

from __future__ import annotations

import re

from cyberbrief.answers.relative_dates import RELATIVE, resolve, worked_out
from cyberbrief.answers.textsearch import stems, terms
from cyberbrief.knowledge.model import Citation
from cyberbrief.knowledge.normalize import fold
from cyberbrief.knowledge.timeline import human_date

ISO_DATE = re.compile(r"\b(?:1[89]|20)\d\d-[01]\d-[0-3]\d\b")
"""A whole date as the store writes it (a quote's date in its line: "2011-11-01")."""
_ABSOLUTE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def source_name(citation: Citation | None) -> str:
    """How an answer names the source a relative date is worked out from: "BBC News report"."""
    if citation is not None and citation.publisher:
        return f"{citation.publisher} report"
    return "report"


def date_lead(expression: str, citation: Citation | None, record_date: str | None = None) -> str:
    """The date an answer leads with for a record's date ``expression``.

    ``citation``: the record's (primary) source, whose date relative words are worked out
    against; ``record_date``: the record's own date, if it has one (when a fact was true,
    when a quote was said), used when the words place it only against something else.
    """
    words = expression.strip()
    if ISO_DATE.fullmatch(words):
        return human_date(words)
    if RELATIVE.fullmatch(words) or (RELATIVE.search(words) and not _ABSOLUTE.search(words)):
        source_date = citation.date if citation is not None else None
        if resolve(words, source_date) is None and record_date:
            return f"{human_date(record_date)} (“{words}”)"
        if source_date is None and citation is not None and citation.background:
            return words
        return worked_out(words, source_date, source_name(citation))
    if record_date and not _ABSOLUTE.search(words):
        return f"{human_date(record_date)} (“{words}”)"
    return words


_UNITS = dict(
    zip(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split(),
        range(20),
        strict=True,
    )
) | dict(
    zip(
        "twenty thirty forty fifty sixty seventy eighty ninety".split(),
        range(20, 100, 10),
        strict=True,
    )
)
_SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
NUMBER_WORDS = frozenset([*_UNITS, "hundred", "thousand", "million", "billion"])
"""The words figures are written in ("two hundred", "twenty-one")."""
_NUMBER_WORDS = "|".join(
    sorted([*_UNITS, "hundred", "thousand", "million", "billion"], key=len, reverse=True)
)
FIGURE_WORDS = re.compile(
    rf"(?<![\w.-])(?:\d[\d,]*(?:\.\d+)?|(?:{_NUMBER_WORDS})\b)(?:(?:-|\s+|\s*and\s+)?"
    rf"(?:\d[\d,]*(?:\.\d+)?|{_NUMBER_WORDS}|bn|tn|m|k)\b)*",
    re.IGNORECASE,
)
"""A figure in digits, in words or both ("193", "two hundred", "twenty-one", "£650m",
"114 billion"), not a digit inside a name ("WCIT-12", "Article10")."""
APPROXIMATE = re.compile(
    r"\b(almost|nearly|about|around|roughly|approximately|some|over|under|more than|less than|"
    r"fewer than|up to|as many as|close to|at least)\s+$",
    re.IGNORECASE,
)
"""Words before a figure that make it approximate ("almost two hundred" is met by 193)."""
CLOSE = 0.1
"""How far (a share of the figure) an approximate figure may be from the record's."""


def figure_value(words: str) -> float | None:
    """The value of a figure :data:`FIGURE_WORDS` matched: "two hundred" 200, "twenty-one"
    21, "650m" 650 million, "1,500" 1500; None for words that make no figure."""
    total, current, seen = 0.0, 0.0, False
    for token in re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", words.lower()):
        if token[0].isdigit():
            current, seen = current + float(token.replace(",", "")), True
        elif token in _UNITS:
            current, seen = current + _UNITS[token], True
        elif (token in _SCALES and seen) or token in ("hundred", "thousand", "million", "billion"):
            scale = _SCALES[token]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total, current = total + max(current, 1) * scale, 0.0
            seen = True
    return total + current if seen else None


def figures_in(text: str) -> list[tuple[float, bool]]:
    """Every figure in ``text`` with whether it is approximate ("almost two hundred"); years
    written alone (1800-2099) are dates, not figures."""
    found = []
    for m in FIGURE_WORDS.finditer(text):
        words = m.group().strip()
        if re.fullmatch(r"(1[89]|20)\d\d", words):
            continue
        value = figure_value(words)
        if value is not None:
            found.append((value, bool(APPROXIMATE.search(text[: m.start()]))))
    return found


def meets(wanted: float, approximate: bool, held: list[float]) -> bool:
    """Whether a figure the record holds is the one asked (within :data:`CLOSE` when the
    question gives it only approximately)."""
    if approximate:
        return any(abs(h - wanted) <= CLOSE * wanted for h in held)
    return wanted in held


NUMBER = re.compile(
    r"(?<![\w.,])(?!(?:19|20)\d\d(?!\d|[.,]\d))\d|\b(one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozen|half|twice|once)\b",
    re.IGNORECASE,
)
"""A figure in a record: a digit or a number word, but not a year on its own ("in 2012") nor
a digit inside a name ("Article10")."""

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
DATE = re.compile(
    rf"\b(?:1[89]|20)\d\d-[01]\d-[0-3]\d\b|{RELATIVE.pattern}|\b(1[89]\d\d|20\d\d)s?\b|"
    rf"\b(in|on|since|by|until|from|early|late|mid-?) ({_MONTHS})\b(?!,? \d)|"
    rf"\b({_MONTHS}) (\d{{1,2}}, )?(1[89]\d\d|20\d\d)\b|\b\d{{1,2}} ({_MONTHS})\b|"
    r"\b(the )?(day|week|month|year) (before|after)\b|\b(last|next|this) (year|month|week)\b|"
    r"\bover the (summer|winter|spring|autumn)\b|\bon (monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)\b|\blater (in the day|this year)\b",
    re.IGNORECASE,
)
"""A date or time in a record's text: a whole date, a time relative to its source ("on
Monday", "in June this year": :mod:`cyberbrief.answers.relative_dates`), a year, a month, a
day, or a time relative to an event."""
FIGURE = re.compile(
    r"[£$€]\s?\d[\d,.]*\s?((?:bn|m|k|tn|billion|million|thousand|trillion)\b)?|"
    r"\b\d[\d,.]*\s?(%|per ?cent|(?:bn|m|billion|million|thousand|trillion)\b)?(?:-year-old)?|"
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|sixty|a hundred|hundreds|thousands|millions|billions) (in \d+|in \w+)?\w*",
    re.IGNORECASE,
)
"""A figure in a record: an amount, a percentage, a count (also written in words)."""
MONEY = re.compile(
    r"[£$€]\s?\d|\b\d[\d,.]*\s?(bn|m|tn)?\s?(pounds|dollars|euros|usd|gbp|eur)\b|"
    r"\b\d[\d,.]*\s?(bn|m)\b",
    re.IGNORECASE,
)
"""An amount of money in a record: a currency sign or word, or a sum in millions (£650m)."""
_MONEY_QUESTION = re.compile(
    r"^(how much|what (amount|sum))\b.*\b(money|cost|costs|spend|spends|spent|pay|pays|paid|"
    r"fund|funds|funding|funded|budget|worth|price|give|gives|gave|given|donate\w*|invest\w*|"
    r"raise|raised|earn\w*|lose|lost)\b|^(what('?s| is| was| are| were) )?the ((annual|yearly|"
    r"total|estimated|overall|global|worldwide) )?(cost|price|budget|funding) of\b",
    re.IGNORECASE,
)


def asks_money(question: str) -> bool:
    """Whether ``question`` asks how much money: only an amount of money answers it, never
    another figure (a count of nations does not say what a conference cost)."""
    return bool(_MONEY_QUESTION.match(re.sub(r"\s+", " ", fold(question).strip().lower())))


_COUNT = re.compile(r"^(?:for |over |in |within )?how many (?P<noun>[\w-]+)")
SPANS = frozenset("years days months weeks hours minutes times".split())
"""Nouns of "how many" that ask for a length of time, never a count of listed things."""


OFTEN = "often"
"""What :func:`counted_noun` says a "how often" question counts: a rate, never a figure."""
FREQUENCY = re.compile(
    r"\b(?:all the time|(?:(?:fairly|very|quite|so|too) )?(?:often|frequently|frequent|routinely|"
    r"regularly|usually|rarely|seldom|occasionally|constantly|continually|always|never|"
    r"sometimes)|on an? (?:regular|daily|weekly|monthly|yearly|annual|\w+ly) basis|"
    r"(?:daily|weekly|monthly|annually|yearly|every (?:day|week|month|year|\w+ (?:days|weeks|"
    r"months|years)))|(?:once|twice|\S+ times) (?:a|an|each|per|every) (?:day|week|month|year|"
    r"decade|hour|minute|second))\b",
    re.IGNORECASE,
)
"""How often something happens, as a record says it: "all the time", "fairly routinely",
"on a regular basis", "frequently", "1,000 times each month", "every two years"."""


def counted_noun(question: str) -> str:
    """What ``question`` asks how many of ("companies", "years"), or "" when it asks no
    count: the figure next to that noun answers it ("four years", not "£650m"), and, for
    things (not a span of time), so does a count of the ones a record lists. "often" for
    "how often": only a rate answers it (:data:`FREQUENCY`), never a count."""
    text = re.sub(r"\s+", " ", fold(question).strip().lower())
    if re.match(r"^(for )?how long\b", text):
        return "long"
    if re.match(r"^how (often|frequently)\b", text):
        return OFTEN
    m = _COUNT.match(text)
    return m["noun"] if m else ""


def of_noun(text: str, figure: re.Match[str], noun: str) -> bool:
    """Whether the figure counts ``noun`` ("four years" for "how many years"; for "how
    long", any length of time)."""
    after = stems(" ".join(re.findall(r"[\w'’-]+", text[figure.end() : figure.end() + 40])[:3]))
    after |= stems(figure.group())
    wanted = stems(" ".join(SPANS)) if noun == "long" else stems(noun)
    return bool(wanted & after)


def counts(text: str, noun: str) -> bool:
    """Whether ``text`` holds a figure of ``noun`` or a synonym of it ("60 nations" counts
    countries)."""
    wanted = {a for t in terms(noun) for a in t.alternatives} or stems(noun)
    for m in FIGURE.finditer(text):
        if NUMBER.search(m.group()) and not in_name(text, m) and not one_of(text, m):
            after = re.findall(r"[\w'’-]+", text[m.end() : m.end() + 40])[:3]
            if wanted & (stems(" ".join(after)) | stems(m.group())):
                return True
    return False


def one_of(text: str, figure: re.Match[str]) -> bool:
    """ "one of the organisations", "on one side": "one" as a determiner, not a figure
    ("one in 20" stays one)."""
    return bool(re.fullmatch(r"(?i)one\s*[a-z]*", figure.group().strip()))


def in_name(text: str, figure: re.Match[str]) -> bool:
    """Whether a figure's digit belongs to a name ("Radio 4", "Windows 7"): right after a
    capitalised word that does not begin the sentence."""
    before = text[: figure.start()]
    m = re.search(r"[A-Z][\w'’-]*\s+$", before)
    if m is None or not figure.group()[:1].isdigit():
        return False
    prefix = before[: m.start()].rstrip()
    return bool(prefix) and not prefix.endswith((".", "!", "?", ";", ":", "("))


def holds_figure(text: str) -> bool:
    """Whether ``text`` holds a figure that is not part of a name (see :func:`in_name`)."""
    return any(
        NUMBER.search(m.group()) and not in_name(text, m) and not one_of(text, m)
        for m in FIGURE.finditer(text)
    )


WRITTEN_FROM = 10
"""Figures in words from this value up are searched as digits ("sixty nations" finds "60
nations"); smaller ones ("which two countries") usually count the answer and stay words."""


def with_digits(question: str) -> str:
    """``question`` with its figures in words written in digits, as records write them:
    "representatives of sixty nations" -> "representatives of 60 nations", "almost two
    hundred" -> "almost 200"; small figures and years are left as they are."""

    def digits(m: re.Match[str]) -> str:
        words = m.group()
        value = figure_value(words)
        if value is None or not re.search(r"[a-z]", words, re.IGNORECASE):
            return words
        if value < WRITTEN_FROM or value != int(value):
            return words
        trailing = words[len(words.rstrip()) :]
        return f"{int(value)}{trailing}"

    return FIGURE_WORDS.sub(digits, question)
