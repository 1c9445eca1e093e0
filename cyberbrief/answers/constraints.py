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
from collections.abc import Callable

from cyberbrief.answers.expressions import (
    APPROXIMATE,
    FIGURE_WORDS,
    figure_value,
    figures_in,
    meets,
)
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.textsearch import STOPWORDS, Weights, terms, words
from cyberbrief.answers.verify import Expect, expected, unsaid
from cyberbrief.knowledge.model import Answer, Line, Ref, Section, Status

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


DATED_NOUN = re.compile(
    r"(?<![\d.,£$€-])(?P<year>1[89]\d\d|20\d\d)(?:['’]s)?(?P<noun>(?: [A-Za-z][\w'’-]*){1,3})"
)
"""A year written before what it dates: "the 2012 survey", "the 2011 Symantec survey"."""


def _leading(answer: Answer) -> str:
    """What an answer says first: its summary, lead and first record."""
    lines = [line.text for section in answer.sections for line in section.lines][:1]
    return " ".join([answer.summary or "", answer.lead or "", *lines])


def dated_otherwise(question: str, answer: Answer) -> set[str]:
    """The years ``question`` dates a thing with that the answer dates otherwise: "Symantec's
    2012 survey" is not "the 2011 Symantec survey" (the year of the source that reports it
    does not make it one of 2012), nor "the 2012 London conference" an event held in 2011
    (an event's card: its own dates)."""
    said = [(m["year"], words(m["noun"])) for m in DATED_NOUN.finditer(_leading(answer))]
    held_on = {y for key, value in answer.fields if key == "When" for y in years(value)}
    contradicted = set()
    for m in DATED_NOUN.finditer(question):
        nouns = [w for w in words(m["noun"]) if w not in STOPWORDS]
        held = {year for year, following in said if nouns and nouns[0] in following}
        if held and m["year"] not in held:
            contradicted.add(m["year"])
    if answer.subject is not None and answer.subject.kind == "event" and held_on:
        contradicted |= years(question) - held_on  # the event's own card, of another year
    return contradicted


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
        missing = sorted(dated_otherwise(question, answer))
    if not missing:
        return answer
    known: list[Line] = []
    if answer.summary:
        first = answer.citations[0] if answer.citations else None
        known.append(Line(f"{answer.title}: {answer.summary}", first, answer.subject))
    known += [line for section in answer.sections for line in section.lines]
    span = ", ".join(sorted(on_record - set(missing))) or "no year"
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


_COUNTING = re.compile(
    r"\b(which|what|the|these|those|both|all|its|their|his|her|how many|how much|each|every|"
    r"per)\s+$",
    re.I,
)
"""Words before a figure that make it count the answer ("which two countries"), its unit
("how many billion pounds") or what it is shared out over ("in every 100 PCs")."""


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


NOT_AS_ASKED = "Not as asked."
"""How a yes/no answer starts that gives what a record says instead of the claim ("does the
ITU have 300 member states": Not as asked, 193)."""


def hold_to_figures(question: str, answer: Answer) -> Answer:
    """``answer`` when it holds every figure the question sets (:func:`question_figures`),
    else a refusal saying what figures the closest records hold."""
    if answer.status is not Status.FOUND or answer.title.startswith(NOT_AS_ASKED):
        return answer  # (a yes/no answer saying the record's other figure instead is one)
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


def refused(answer: Answer, title: str, summary: str, about: list[Ref] | None = None) -> Answer:
    """The refusal for a found answer that breaks a constraint of the question, or does not
    answer what was asked: what the closest records say is shown as what is on record;
    ``about``: what the refusal is about (by default the entities the answer names)."""
    known = [line for section in answer.sections for line in section.lines]
    return Answer(
        Status.NOT_FOUND,
        answer.query,
        title,
        summary=summary,
        sections=[Section("What is on record", known[:KNOWN_LINES])] if known else [],
        choices=answer.related[:3] if answer.related else [],
        kind=answer.kind,
        about=answer.entities() if about is None else about,
    )


SUPERLATIVES: dict[str, frozenset[str]] = {
    word: group
    for group in (
        frozenset({"largest", "biggest", "greatest"}),
        frozenset({"smallest"}),
        frozenset({"highest"}),
        frozenset({"lowest"}),
        frozenset({"oldest"}),
        frozenset({"youngest"}),
        frozenset({"newest"}),
        frozenset({"strongest"}),
        frozenset({"weakest"}),
        frozenset({"longest"}),
        frozenset({"shortest"}),
        frozenset({"fastest"}),
        frozenset({"best"}),
        frozenset({"worst"}),
        frozenset({"richest"}),
        frozenset({"poorest"}),
        frozenset({"costliest"}),
        frozenset({"deadliest"}),
    )
    for word in group
}
"""Superlatives a question may rank by, each with the words that rank the same way: a
ranking is a claim only a record can make ("the largest player"); the bot never ranks the
records it holds by a measure none of them states."""
ORDINALS: dict[str, frozenset[str]] = {
    word: group
    for group in (
        frozenset({"first", "opening", "founding", "inaugural", "earliest"}),
        frozenset({"last", "final", "latest", "closing"}),
        frozenset({"most"}),
        frozenset({"least", "fewest"}),
    )
    for word in group
}
"""Words that rank as a superlative does when they come after "the" or a possessive ("the
last conference of the London Process", "the conference's first speech", "the most common
kind"): a record must say it (or a word of the same rank: "opening" for "first")."""
RANKED = re.compile(
    r"\b(?:the|its|their|his|her|[a-z]+['’]s) (?P<word>first|last|final|latest|most|least|fewest)"
    r"\b(?! (?:year|month|week|day|night|time|summer|autumn|winter|spring)s?\b)",
    re.IGNORECASE,
)
"""An ordinal or "most" that ranks what follows it, not "last year", "did it last", "do most
attacks" (most as "the greater part": the records' "vast majority" may say it)."""


def ranked(question: str) -> list[tuple[str, frozenset[str]]]:
    """The rankings ``question`` asks by, each with the words that rank the same way."""
    said = re.findall(r"[a-z]+", question.lower())
    found = [(w, SUPERLATIVES[w]) for w in dict.fromkeys(said) if w in SUPERLATIVES]
    if expected(question) is not Expect.REASON:  # "why might the countries with the most
        # cyber power regret ...": the ranking describes what is asked about, not the reason
        found += [
            (m["word"].lower(), ORDINALS[m["word"].lower()]) for m in RANKED.finditer(question)
        ]
    return list(dict(found).items())


def hold_to_superlatives(question: str, answer: Answer) -> Answer:
    """``answer`` when it states every superlative the question ranks by ("the largest
    attack", "the last conference": :func:`ranked`), else a refusal: a record about an
    attack is not the largest one unless it says so."""
    if answer.status is not Status.FOUND:
        return answer
    asked = ranked(question)
    if not asked:
        return answer
    said = set(re.findall(r"[a-z]+", " ".join(_stated(answer)).lower()))
    missing = [w for w, group in asked if not group & said]
    if not missing:
        return answer
    return refused(
        answer,
        f"Nothing on record says which is the {missing[0]}",
        f"No record found says what is the {missing[0]}; the closest records below do not rank it.",
    )


def hold_to_names(question: str, answer: Answer, unknown: list[str]) -> Answer:
    """``answer`` when the question names nothing the store has never seen (``unknown``:
    its names no record holds, nor any stored name as a typo: "the forum in Jakarta"), or
    when the answer states them; else a refusal: a record of the forum in Singapore says
    nothing about one in Jakarta, however close the rest of the question is."""
    if answer.status is not Status.FOUND or not unknown:
        return answer
    said = " ".join(_stated(answer)).lower()
    missing = [w for w in unknown if w.lower() not in said]
    if not missing:
        return answer
    shown = ", ".join(missing)
    return refused(
        answer,
        f"Nothing on record about {shown}",
        f"The store has no record of {shown}: the closest records below are about something else.",
    )


UNSEEN_SHORTEST = 4
"""A capitalised word shorter than this ("Jon", "Ms") is too short to tell a name the store
has never seen from a typo of one it has."""


def unseen_names(
    question: str, weights: Weights, is_stored_name: Callable[[str], bool]
) -> list[str]:
    """The names ``question`` writes (capitalised inside it) that no record of the store
    holds (:meth:`Weights.document_frequency`, the index's own counts) and that are no typo
    of a stored name: what the question is about that the store has never heard of. A
    question in title case ("What Did Liam Fox Say") marks no names by its capitals."""
    named = [t for t in terms(question) if t.name]
    lower = [w for w in question.split()[1:] if w[:1].islower() and w.lower() not in STOPWORDS]
    if not named or not lower:
        return []
    unseen = [
        t.word
        for t in named
        if len(t.word) >= UNSEEN_SHORTEST
        and not any(weights.document_frequency(t.alternatives).values())
        and not is_stored_name(t.word)
    ]
    written = {w.lower(): w for w in re.findall(r"[\w'’-]+", question)}
    return [written.get(w, w) for w in unseen]


THING_ASKED = re.compile(
    r"^\s*(?:what|which) (?P<noun>[a-z][\w-]*) (?:was|were|is|are|has|have|had|will|would)"
    r" (?:been )?(?P<verb>[a-z][\w-]*(?:ed|en|wn|ne|ung|ought|aught|id|old|ade))\b",
    re.IGNORECASE,
)
"""A question for a thing by what was done to it ("what treaty was signed at ...", "which
report was published after ..."): the answer is a thing of that kind that a record says the
verb of."""


def hold_to_thing_done(
    question: str, answer: Answer, named: list[Ref], meaning: Meaning | None
) -> Answer:
    """``answer`` unless it is the card of a thing the question itself names (``named``)
    that does not say the question's verb: "what treaty was signed at the London
    conference" is not answered by the conference's card, which signs nothing."""
    m = THING_ASKED.match(question)
    subject = answer.subject
    if answer.status is not Status.FOUND or m is None or subject is None:
        return answer
    if m["noun"].lower() in STOPWORDS or (subject.kind, subject.id) not in {
        (r.kind, r.id) for r in named
    }:
        return answer
    if not unsaid(" ".join(_stated(answer)), terms(m["verb"]), meaning):
        return answer
    return refused(
        answer,
        f"Nothing on record says what {m['noun'].lower()} was {m['verb'].lower()}",
        f"The record of {subject.label} does not say that any {m['noun'].lower()} was "
        f"{m['verb'].lower()}.",
    )
