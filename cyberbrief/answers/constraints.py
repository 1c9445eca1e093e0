"""Constraints a question sets that an answer must not contradict.

A figure in the question ("which organisation has five hundred member states", "which group
is made up of twenty-one nations") is one too: the answer must hold it, in digits or words
(within a tenth when the question says "almost", "over", "about"), so 193 never answers five
hundred. A figure that counts what is asked for ("which two countries", "the two camps") is
not a constraint but part of the question.

A year in the question ("the 2025 London summit", "how many members did the ITU have in
2022") is a constraint: an answer holds it only when the year is on record in what the answer
says or in the dates of its sources. A record of 2011 does not answer a question about 2019,
however close the two are in words or meaning; the bot refuses and says what is on record.
"""

from __future__ import annotations

import re

from cyberbrief.answers.expressions import (
    APPROXIMATE,
    FIGURE_WORDS,
    figure_value,
    figures_in,
    meets,
)
from cyberbrief.knowledge.model import Answer, Line, Section, Status

YEAR = re.compile(r"(?<![\d.,£$€-])(1[89]\d\d|20\d\d)(?![\d%])")
"""A year: four digits from 1800 to 2099 standing alone (not part of an amount or a range)."""
KNOWN_LINES = 3


def years(text: str) -> set[str]:
    """The years written in ``text``."""
    return set(YEAR.findall(text))


def _stated(answer: Answer) -> list[str]:
    """What the answer states (its title is left out: it may echo the question)."""
    texts = [answer.summary or "", answer.lead or ""]
    texts += [value for _, value in answer.fields]
    texts += [r.label for r in answer.related]
    if answer.subject is not None:
        texts.append(answer.subject.label)
    lines = [line for section in answer.sections for line in section.lines]
    texts += [line.text for line in lines]
    return texts


def answer_years(answer: Answer) -> set[str]:
    """Every year the answer states or dates its sources with (its title is left out: it
    may echo the question)."""
    texts = _stated(answer)
    lines = [line for section in answer.sections for line in section.lines]
    citations = [*answer.citations, *(c for line in lines for c in line.cited)]
    texts += [c.date or "" for c in citations]
    found: set[str] = set()
    for text in texts:
        found |= years(text)
    return found


def hold_to_years(question: str, answer: Answer) -> Answer:
    """``answer`` when it holds every year the question asks about, else a refusal that says
    which years the record is of and what it says."""
    if answer.status is not Status.FOUND:
        return answer
    asked = years(question)
    if not asked:
        return answer
    on_record = answer_years(answer)
    missing = sorted(asked - on_record)
    if not missing:
        return answer
    known: list[Line] = []
    if answer.summary:
        first = answer.citations[0] if answer.citations else None
        known.append(Line(f"{answer.title}: {answer.summary}", first, answer.subject))
    known += [line for section in answer.sections for line in section.lines]
    span = ", ".join(sorted(on_record)) or "no year"
    return Answer(
        Status.NOT_FOUND,
        answer.query,
        f"Nothing on record for {', '.join(missing)}",
        summary=(
            f"The records that come closest are of {span}, not {', '.join(missing)}: "
            "they do not answer a question about that year."
        ),
        sections=[Section("What is on record", known[:KNOWN_LINES])] if known else [],
        choices=answer.related[:3] if answer.related else [],
        kind=answer.kind,
        about=answer.entities(),
    )


_COUNTING = re.compile(r"\b(which|what|the|these|those|both|all|its|their|his|her)\s+$", re.I)
"""Words before a figure that make it count the answer ("which two countries")."""


def question_figures(question: str) -> list[tuple[str, float, bool]]:
    """The figures ``question`` sets as constraints: each one's words, value and whether it
    is approximate; not "one" alone ("which one", "one of"), nor a count of the answer."""
    found = []
    for m in FIGURE_WORDS.finditer(question):
        words = m.group().strip()
        if re.fullmatch(r"(1[89]|20)\d\d", words) or words.lower() in ("one", "zero"):
            continue
        value = figure_value(words)
        if value is not None and not _COUNTING.search(question[: m.start()]):
            found.append((words, value, bool(APPROXIMATE.search(question[: m.start()]))))
    return found


def hold_to_figures(question: str, answer: Answer) -> Answer:
    """``answer`` when it holds every figure the question sets (:func:`question_figures`),
    else a refusal saying what figures the closest records hold."""
    if answer.status is not Status.FOUND:
        return answer
    asked = question_figures(question)
    if not asked:
        return answer
    held = [v for text in _stated(answer) for v, _ in figures_in(text)]
    missing = [words for words, value, close in asked if not meets(value, close, held)]
    if not missing:
        return answer
    known = [line for section in answer.sections for line in section.lines]
    return Answer(
        Status.NOT_FOUND,
        answer.query,
        f"Nothing on record says {', '.join(missing)}",
        summary=(
            f"The records that come closest do not hold {', '.join(missing)}: they do not "
            "answer a question about that figure."
        ),
        sections=[Section("What is on record", known[:KNOWN_LINES])] if known else [],
        choices=answer.related[:3] if answer.related else [],
        kind=answer.kind,
        about=answer.entities(),
    )
