"""Reading a record's clause for the sense it gives a yes/no claim: as the claim says it,
the opposite (a negation the claim lacks, a cancellation, "stopping short of"), or only as
expected or planned. Used by :mod:`cyberbrief.answers.yesno`."""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum

from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.textsearch import Term, stems, terms, words
from cyberbrief.answers.verify import unsaid

PASSIVE = re.compile(
    r"\b(?:was|were|been|is|are|being)\s+(?:\w+\s+)?\w+(?:ed|en|wn|t)\s+by\s+"
    r"(?P<agent>(?:\S+\s*){1,8})",
    re.IGNORECASE,
)
"""A clause in the passive, and who it says did it ("was delivered by US vice president Joe
Biden")."""
NEGATION = re.compile(
    r"\b(not|no|never|nor|neither|without|cancel\w*|call\w* off|fail\w*|refus\w*|declin\w*|"
    r"reject\w*|oppos\w*|den(?:y|ies|ied)|short of|rather than|instead of|unlikely|lacks?|"
    r"lacking|(?:warn\w*|caution\w*|argu\w*|vot\w*|spoke|speak\w*)(?: out)? against)\b|n't\b",
    re.IGNORECASE,
)
"""Words that give a clause the opposite sense: "failed to meet", "cancelled", "stopping short
of the full treaty", "warned against"."""
AFFIRMING = re.compile(r"\b(?:no|little) (?:question|doubt)\b|\bnot only\b", re.IGNORECASE)
"""Idioms with a negation's word that affirm ("there is no question that our systems are
under attack", "not only A but also B"): no opposite sense."""


def negates(text: str) -> bool:
    """Whether ``text`` has a word of :data:`NEGATION` outside an affirming idiom."""
    return bool(NEGATION.search(AFFIRMING.sub(" ", text)))


WARNED_AGAINST = re.compile(r"\b(warn\w*|caution\w*)(?: out)? against\b", re.IGNORECASE)
AGAINST = re.compile(r"\bagainst\b", re.IGNORECASE)
"""A claim of opposing something ("warn against", "argue against"): its sense is the
record's negation of what it opposes, wherever that stands before it in the clause."""
WARNING = re.compile(r"\b(warn\w*|caution\w*|risks?|dangers?|threats?)\b", re.IGNORECASE)
"""To warn against something is said by a record that warns of it ("warned that overreaching
government policy posed its own risks") as well as by one that says it must not be done."""
HEDGE = re.compile(
    r"\b((?:expected|due|plann?(?:ed|ing|s)?|aim(?:s|ed)?|seek(?:s)?|sought|hop(?:e|es|ed)|"
    r"intend(?:s|ed|ing)?|"
    r"willing|was|were|is|are) to|may|might|could|would|will|likely|proposed?)\b",
    re.IGNORECASE,
)
"""Words that say something was expected, planned or possible, not that it happened."""
CLAUSE_BREAK = re.compile(
    r";|:|(?<!\b[A-Z])\.\s|,?\s\b(?=but\b|however\b|whereas\b|while\b|although\b)|"
    r",\s(?=(?:so|and)\b)"
)
"""Where one clause of a record ends and another (possibly of the opposite sense) begins."""
LEADING = re.compile(r"^(and|so|but|however|while|whereas|although),?\s+", re.IGNORECASE)
"""A conjunction that opens a clause: not shown at the start of the answer's lead."""
BUT = re.compile(r"^\s*(but|however)\b", re.IGNORECASE)
SUBORDINATE = frozenset("when after because before since until once".split())
"""Words that open a clause of time or cause inside a sentence: a negation or hedge before one
is the main clause's ("cancelled the trip after her mother fell ill" does not deny the
illness)."""
CUE_BEFORE = 5
CUE_AFTER = 2
"""How many words before and after those saying the claim a negation or hedge may stand
and still be about it ("were expected to support", "failed to meet", "support, not")."""


class Sense(Enum):
    """How a record says what a claim says."""

    STATES = "states"
    CONTRADICTS = "contradicts"
    EXPECTED = "expected"


def clauses_of(text: str) -> list[str]:
    return [c for c in CLAUSE_BREAK.split(text) if c and c.strip()]


def _scope(clause: str, asked: list[Term], placing: list[Term] | None = None) -> str:
    """The words of ``clause`` that say the claim, with a few before them ("were expected
    to support", "must not use"): a cue elsewhere in the clause is about something else.
    ``placing``: the claim's other words, which say where in the clause it is when a word
    of ``asked`` is said twice.
    The whole clause when a word of the claim is said only in other words (its place in
    the clause is not known)."""
    tokens = list(re.finditer(r"[\w'’-]+", clause))
    spots = _tightest(tokens, [*asked, *(placing or [])])
    if not spots or unsaid(clause, asked):
        return clause
    begin = max(0, min(spots) - CUE_BEFORE)
    opening = [i for i in range(begin, min(spots)) if tokens[i].group().lower() in SUBORDINATE]
    if opening:  # "cancelled when her mother fell ill": the cue is the main clause's
        begin = opening[-1]
    first = tokens[begin]
    last = tokens[min(len(tokens) - 1, max(spots) + CUE_AFTER)]
    return clause[first.start() : last.end()]


COORDINATED = re.compile(r"\b(?:and|or)\s+to\s+\w+", re.IGNORECASE)
"""An infinitive joined to an earlier one ("planned to work with Europol *and to seek*
funding"): the earlier one's hedge governs it, however far back it stands."""


def _hedged_infinitive(clause: str, scope: str) -> bool:
    """Whether the claim's words in ``clause`` are a coordinated infinitive of a hedge
    ("it planned to work with Europol and to seek funding from ... Canada": planned, not
    done)."""
    at = clause.find(scope)
    before = clause[: at + len(scope)] if at >= 0 else clause
    joined = [m for m in COORDINATED.finditer(before) if at < 0 or m.start() >= at - 1]
    return bool(joined) and bool(HEDGE.search(before[: joined[0].start()]))


def _tightest(tokens: list[re.Match[str]], asked: list[Term]) -> list[int]:
    """Where ``tokens`` say the claim's words: the shortest run of them holding every word
    of ``asked`` they say, so that a word said twice ("continued in Hungary in 2012 and was
    to continue in Korea") does not stretch the claim over another's cue."""
    hits = [
        (i, k)
        for i, m in enumerate(tokens)
        for k, t in enumerate(asked)
        if t.alternatives & stems(m.group())
    ]
    wanted = {k for _, k in hits}
    best: tuple[int, int] | None = None
    for a, (first, _) in enumerate(hits):
        seen: set[int] = set()
        for last, k in hits[a:]:
            seen.add(k)
            if seen == wanted:
                if best is None or last - first < best[1] - best[0]:
                    best = (first, last)
                break
    return [] if best is None else [best[0], best[1]]


def names_all(clause: str, names: list[list[str]]) -> bool:
    """Every entity is named in ``clause``, by a whole name ("US" is not in "Russia")."""
    said = f" {' '.join(words(clause))} "
    return all(any(f" {' '.join(words(n))} " in said for n in each if words(n)) for each in names)


def sense(
    text: str,
    claim: str,
    asked: list[Term],
    names: list[list[str]],
    meaning: Meaning | None = None,
    agents: list[list[str]] | None = None,
    of_subject: Callable[[str], bool] | None = None,
) -> tuple[Sense, str] | None:
    """How ``text`` says the claim, read in the clause that says most of it and names every
    entity in ``names`` (each entity's names): with the claim's sense, the opposite sense (a
    negation the claim lacks, or the claim's negation missing), or only as expected ("due to
    attend ... but cancelled" is the opposite: the "but" clause after an expected one says
    what happened instead). None when no clause names them all: the record says it of
    someone else ("her speech was delivered by Joe Biden" does not say Biden attended), or
    in the passive, by someone other than ``agents`` (the names of every entity the claim
    names: "her speech was delivered by Joe Biden" is not Clinton delivering it), or not
    of the claim's subject (``of_subject``, a clause's check:
    :func:`cyberbrief.answers.claim_subject.stated_of`)."""
    parts = clauses_of(text)
    naming = [
        i
        for i, c in enumerate(parts)
        if names_all(c, names) and (of_subject is None or of_subject(c))
    ]
    if not naming:
        return None
    best = min(naming, key=lambda i: len(unsaid(parts[i], asked, meaning)))
    if unsaid(parts[best], asked, meaning) or len(unsaid(parts[best], asked)) == len(asked):
        return None  # no one clause naming them says the claim (one in its own words at least)
    clause = LEADING.sub("", parts[best].strip())
    agent = PASSIVE.search(clause)
    if agent and agents and not any(names_all(agent["agent"], [each]) for each in agents):
        return None  # "her speech was delivered by Joe Biden": done by someone else
    # The claim's other words that are no name of what it names ("Korea", a word of the
    # Seoul conference's name, in "did the London Process continue in Korea") place it.
    named = stems(" ".join(n for each in agents or [] for n in each))
    said = {t.word for t in asked}
    placing = [t for t in terms(claim) if t.word not in said and not t.alternatives & named]
    scope = _scope(clause, asked, placing)
    negated = negates(scope)
    if not negated and AGAINST.search(claim):
        # "warn against censorship": its object may stand far from the clause's negation
        # ("governments must not use cyber security as an excuse for censorship")
        negated = negates(clause[: clause.find(scope) + len(scope)])
    expected = bool(HEDGE.search(scope) or _hedged_infinitive(clause, scope))
    expected = expected and not HEDGE.search(claim)
    after = parts[best + 1] if best + 1 < len(parts) else ""
    if expected and BUT.match(after) and negates(after):
        return Sense.CONTRADICTS, f"{clause} {after.strip()}"
    warned = bool(WARNED_AGAINST.search(claim) and WARNING.search(text))
    if negated != negates(claim) and not warned:
        return Sense.CONTRADICTS, clause
    if expected:
        return Sense.EXPECTED, clause
    return Sense.STATES, clause
