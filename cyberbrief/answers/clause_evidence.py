"""Clause-level evidence for a claim in a new user's own words: what the claim says of what it
names (its predicate: "too busy to reply quickly") compared in meaning with each clause of the
records about them ("so responses are frequently delayed"), names left out of both.

A whole record's closeness to a whole question is mostly the closeness of the names they share
(every record about CERT-EU is close to "is the EU's computer emergency team too busy"), so it
cannot tell the record that says the claim from the others about the same entity. Comparing
what is said of the entity, clause by clause, can; and only a clause that is the clear best,
well ahead of every clause saying something else, is taken (:func:`clear_best`): a margin
relative to the runner-up for the same question, not a fixed closeness, since WordLlama's
cosines for short texts differ from one question to the next.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cyberbrief.answers.alignment import align
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.textsearch import STOPWORDS, Term, Weights, keys, stems, words
from cyberbrief.answers.thesaurus import STORE_WORDS

AHEAD = 0.15
"""How far ahead of the next clause saying something else the best clause must be, as a share
of the next one's closeness (0.5 against 0.4 is ahead; 0.45 against 0.4 is not). Measured on
every yes/no question of our tables and both development sets (73): from 0.1 to 0.2 the same
two are answered in other words and none wrongly; at 0.25 one of them is refused."""
SAME_STATEMENT = 0.5
"""Share of two clauses' content stems they have in common when they state the same thing
(one fact, and the description that repeats it): not rivals for the margin."""
CONTENT_WORDS = 2
"""A clause with fewer content words than this beyond the names (a bare name, "the EU's
executive") says nothing that could answer a claim."""


@dataclass(frozen=True)
class ClauseMatch:
    """The clause of one record closest in meaning to a claim's predicate."""

    index: int
    """Which record (its place in the list given)."""
    clause: str
    closeness: float


def without_names(text: str, names: Sequence[str]) -> str:
    """``text`` without the names it uses (longest first), the words of those names said
    apart ("the EU's computer emergency team" for the Computer Emergency Response Team) and
    stopwords: what it says of them."""
    out = text
    for name in sorted({n for n in names if n.strip()}, key=len, reverse=True):
        out = re.sub(rf"(?<!\w){re.escape(name)}(?:['’]s)?(?!\w)", " ", out, flags=re.IGNORECASE)
    named = stems(" ".join(names))
    return " ".join(w for w in words(out) if w not in STOPWORDS and not stems(w) & named)


def closest_clauses(
    meaning: Meaning,
    predicate: str,
    records: Sequence[Sequence[str]],
    names: Sequence[str],
) -> list[ClauseMatch]:
    """Each record's clause (``records``: each record's clauses) closest in meaning to
    ``predicate``, names left out of both; best first. Records with no clause saying
    anything beyond the names are left out; without a model every closeness is 0, and
    :func:`clear_best` takes none."""
    said = [
        (index, clause, what)
        for index, clauses in enumerate(records)
        for clause in clauses
        if len((what := without_names(clause, names)).split()) >= CONTENT_WORDS
    ]
    close = meaning.similarity(predicate, [what for _, _, what in said])  # one embedding call
    best: dict[int, ClauseMatch] = {}
    for (index, clause, _), closeness in zip(said, close, strict=True):
        if index not in best or closeness > best[index].closeness:
            best[index] = ClauseMatch(index, clause, closeness)
    found = list(best.values())
    return sorted(found, key=lambda m: -m.closeness)


def same_statement(a: str, b: str) -> bool:
    """Whether two clauses state the same thing (most of their content stems shared)."""
    first, second = stems(a), stems(b)
    if not first or not second:
        return False
    return len(first & second) / min(len(first), len(second)) >= SAME_STATEMENT


def clear_best(matches: Sequence[ClauseMatch]) -> ClauseMatch | None:
    """The best clause when it is well ahead (:data:`AHEAD`) of the best clause stating
    something else, or None (no rival to be ahead of, or two clauses that say different
    things about equally well: two readings of the claim, and the bot does not pick one)."""
    if not matches or matches[0].closeness <= 0:
        return None
    best = matches[0]
    rivals = [m for m in matches[1:] if not same_statement(best.clause, m.clause)]
    if not rivals or best.closeness < rivals[0].closeness * (1 + AHEAD):
        return None  # with no rival, nothing shows it is the best
    return best


def said_share(asked: list[Term], clause: str, meaning: Meaning | None, weights: Weights) -> float:
    """How much of ``asked`` ``clause`` says, in its words or words close in meaning
    (:func:`~cyberbrief.answers.alignment.align`), rare words weighing more."""
    asked = [_in_store_words(t) for t in asked]
    unaligned = set(align(asked, clause, meaning, {}).unaligned)
    total = sum(weights.idf(t) for t in asked)
    said = sum(weights.idf(t) for t in asked if t.word not in unaligned)
    return said / total if total else 0.0


def _in_store_words(term: Term) -> Term:
    """``term`` also met by the store's words for it (:data:`STORE_WORDS`)."""
    store = STORE_WORDS.get(term.word, ())
    if not store:
        return term
    extra = frozenset().union(*(keys(w) for w in store))
    return replace(term, alternatives=term.alternatives | extra)
