"""Questions for "how many years between A and B", "how many years (how long) after A was B".

Answered only with a number of years worked out from two dated records: each of A and B is
asked as its own when-question (so each date is verified as any date is), and the answer is
the difference of the two years, saying how ("8 years: 1994 to 2002"). When either has no
date on record, the question is refused saying which; never a figure of something else.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cyberbrief.answers.leads import first_line, states_asked
from cyberbrief.knowledge.model import Answer, Line, Section, Status
from cyberbrief.knowledge.normalize import fold

BETWEEN = re.compile(
    r"^(?:how many years|how long) (?:(?:have |had )?(?:passed|elapsed|went by|were there|"
    r"are there|was there|is there|was it) )?"
    r"(?:between|from) (?P<a>.+?) (?:and|to|until|till) (?P<b>.+)$"
)
AFTER = re.compile(
    r"^(?:how many years|how long) (?P<rel>after|before|later than|earlier than) (?P<a>.+?) "
    r"(?P<verb>was|were|did|is|are|had|has|does) (?P<b>.+)$"
)
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")

Ask = Callable[[str], Answer]


def _clean(question: str) -> str:
    text = fold(question).lower().replace("’", "'")
    return re.sub(r"\s+", " ", text).strip(" ?!.")


def _dated(ask: Ask, question: str) -> tuple[int, Answer] | None:
    """The year a when-question is answered with, when it is answered with a date."""
    answer = ask(question)
    if answer.status is not Status.FOUND or not states_asked(question, answer):
        return None
    year = YEAR.search(first_line(answer))
    return (int(year.group()), answer) if year else None


def _shown(answer: Answer) -> Line:
    cited = answer.all_citations()
    text = first_line(answer)
    if answer.lead and answer.title not in text:
        text = f"{answer.title} — {text}"  # a card's "When: ...": whose date it is
    return Line(text, cited[0] if cited else None)


def years_between(question: str, ask: Ask) -> Answer | None:
    """The answer to a how-many-years-between question, or None for any other question."""
    text = _clean(question)
    between, after = BETWEEN.match(text), AFTER.match(text)
    if between:
        a, b, later = between["a"], f"when was {between['b']}", None
    elif after:
        a = after["a"]
        verb = "did" if after["verb"] in ("did", "does") else "was"
        b, later = f"when {verb} {after['b']}", after["rel"] in ("after", "later than")
    else:
        return None
    first, second = _dated(ask, f"when was {a}"), _dated(ask, b)
    if first is None or second is None:
        missing = " and ".join(
            part for part, got in ((a, first), (b.split(" ", 2)[2], second)) if got is None
        )
        known = [_shown(got[1]) for got in (first, second) if got is not None]
        return Answer(
            Status.NOT_FOUND,
            question,
            f"Nothing on record dates {missing}",
            summary="A number of years is worked out only from two dates on record"
            + ("; the one that is, is below." if known else "."),
            sections=[Section("What is on record", known)] if known else [],
        )
    (ya, one), (yb, two) = first, second
    years = abs(yb - ya)
    reversed_ = later is not None and (yb - ya) * (1 if later else -1) < 0
    said = f"{years} year{'' if years == 1 else 's'}: {min(ya, yb)} to {max(ya, yb)} "
    said += f"({max(ya, yb)} − {min(ya, yb)})"
    if not years and text.startswith("how long"):
        said = f"Less than a year: both in {ya}"  # never "0 years" for a day's wait
    return Answer(
        Status.FOUND,
        question,
        said,
        summary="Note: the records put them the other way round." if reversed_ else None,
        sections=[Section("On record", [_shown(one), _shown(two)])],
        about=list(dict.fromkeys([*one.entities(), *two.entities()])),
    )
