"""An open question in a new user's own words that names nothing ("what are the odds my computer
is sending junk email without me knowing"), answered with the one clause of its best candidates
that says it in other words ("There is a one in 20 risk that any given computer is sending spam
without the owner's knowledge"), when every other path has refused it.

Measured over the pool of earlier question sets (issue 18, session 16): the clause closest in
meaning to what such a question asks is often the answer, but as often a clause about the same
topic that answers nothing; the word-by-word alignment (:mod:`cyberbrief.answers.alignment`)
rarely holds every word (WordLlama's word vectors put "junk" far from "spam"). What tells them
apart is checked, never a closeness: one clause clearly ahead of every clause saying something
else (:func:`~cyberbrief.answers.clause_evidence.clear_best`), saying at least half of what is
asked (rare words weigh more, in its words or close ones: the share the why and what
briefings already ask, see :func:`~cyberbrief.answers.evidence._says_asked`), one word of it as
written, the kind asked for ("what kind of person": a person; "how many countries": a figure
and countries), and a question with nothing the store could hold under another name, year or
place: no name, capitalised word, figure, "where" or "who is".
The answer says it is in other words and cites the record: the user reads it and judges.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cyberbrief.answers.alignment import content_terms
from cyberbrief.answers.candidates import Candidate
from cyberbrief.answers.claim_clauses import (
    IN_OTHER_WORDS,
    capitalised,
    with_its_sentence,
)
from cyberbrief.answers.claim_parts import claim_of
from cyberbrief.answers.claim_sense import clauses_of
from cyberbrief.answers.clause_evidence import clear_best, closest_clauses, said_share
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.place_names import places_held
from cyberbrief.answers.textsearch import Weights, stems, terms
from cyberbrief.answers.verify import Expect, asked_terms, expected
from cyberbrief.knowledge.model import Answer, Section, Status

COMPARED = 8
"""How many of the question's candidates (ranked by words and meaning, the searches already
run) are compared clause by clause: the same few the evidence gate verifies one by one."""
SAID = 0.5
"""Share of what is asked (weighted by rarity) the clause must say: more than half of it, as
a why or what briefing's record must (:func:`~cyberbrief.answers.evidence._says_asked`). At a
third, "who gave the conference's first speech" is answered with who read out a speech."""
KINDS = (Expect.ANY, Expect.FIGURE, Expect.NAME)
"""What is asked of the question: a why, a what-to-do, a date or someone's words have paths of
their own, which check that kind."""
ASKED_NOUN = re.compile(
    r"\b(?:(?:kinds?|sorts?|types?|share|proportion|percentage|fraction|number) of|how many)"
    r" (?:the |a |an )?(?P<noun>[a-z][\w-]*)"
)
""""what kind of person", "what share of servers", "how many countries": the noun the answer
must be of, which the clause must say (as written or a synonym): "5% of PCs" is no share of
servers."""
OWN_PATH = re.compile(r"^\s*(?:where\b|who(?:'s| is| was| are| were)\b)", re.IGNORECASE)
"""Questions whose kind this path cannot check: a place ("where's the convention signed"), or
who someone is or who holds an office ("who was the british foreign minister"), which the cards
and the roles answer by name."""
DIGIT = re.compile(r"\d")
NAME_AFTER_START = re.compile(r"(?<=\S )[A-Z][\w-]+")


def open_in_other_words(
    question: str,
    candidates: Sequence[Candidate],
    meaning: Meaning,
    weights: Weights,
) -> Answer | None:
    """The answer to an open ``question`` naming nothing from the clause of ``candidates``
    (best first) that says it in other words, or None (see the module's docstring)."""
    expect = expected(question)
    if expect not in KINDS or OWN_PATH.match(question) or claim_of(question) is not None:
        return None
    if not _plain(question):
        return None
    asked = content_terms(asked_terms(question, []))
    if len(asked) < 2:
        return None
    predicate = " ".join(t.word for t in asked)
    kept = list(candidates[:COMPARED])
    records = [clauses_of(c.text) for c in kept]
    best = clear_best(closest_clauses(meaning, predicate, records, []))
    if best is None:
        return None
    candidate = kept[best.index]
    if not any(t.alternatives & stems(best.clause) for t in asked):
        return None  # one word of what is asked as written or a synonym, as every record's
    if said_share(asked, best.clause, meaning, weights) < SAID:
        return None
    if not places_held(predicate, candidate.text) or not _holds_kind(question, expect, best.clause):
        return None
    lead = with_its_sentence(candidate.text, best.clause).rstrip(".")
    if not candidate.stated and candidate.about and not lead.startswith(candidate.about[0].label):
        lead = f"{candidate.about[0].label}: {lead}"  # a description says whom in its card
    mark = " [1]" if candidate.line.cited else ""
    about = list(candidate.about)
    return Answer(
        Status.FOUND,
        question,
        f"{IN_OTHER_WORDS}{lead}{mark}",
        sections=[Section("On record", [candidate.line])],
        related=about[:5],
        about=about,
    )


def _plain(question: str) -> bool:
    """Whether ``question`` has nothing the store might hold under another name, year or
    place: no capitalised word after its first, no figure (names are checked before)."""
    first, _, rest = question.strip().partition(" ")
    return not capitalised(rest, []) and not DIGIT.search(question) and bool(first)


def _holds_kind(question: str, expect: Expect, clause: str) -> bool:
    """Whether ``clause`` holds the kind of answer asked: a figure for "how many", a name for
    "who/which", the noun of "what kind of"."""
    kind = ASKED_NOUN.search(question.lower())
    if kind is not None and not any(t.alternatives & stems(clause) for t in terms(kind["noun"])):
        return False
    if expect is Expect.FIGURE:
        return DIGIT.search(clause) is not None
    if expect is Expect.NAME:
        return NAME_AFTER_START.search(clause) is not None
    return True
