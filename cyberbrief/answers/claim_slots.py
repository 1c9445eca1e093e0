"""A claim's word put where a record has another: "was McKinnon arrested at the request of
Interpol" against "arrested ... at the request of the FBI". The record says all the rest of
the claim, and in the place of the one word it does not say, after the same two words, it
names something else: the record says otherwise, which is no claim "in other words". And a
figure the record gives in place of the claim's is quoted in its own clause, not the card."""

from __future__ import annotations

import re
from collections.abc import Callable

import sqlite_utils

from cyberbrief.answers.claim_sense import clauses_of
from cyberbrief.answers.described import names_in
from cyberbrief.answers.place_names import PLACES, places_named
from cyberbrief.answers.textsearch import STOPWORDS, Term, stems, terms, words
from cyberbrief.answers.verify import unsaid
from cyberbrief.knowledge.repository import Repository

FIGURE = re.compile(r"(?<![\w.])\d[\d,.]*\d|(?<![\w.])\d(?![\w])")

ARTICLES = frozenset({"the", "a", "an"})
PREPOSITIONS = frozenset({"of", "in", "at", "by", "to", "from", "for", "with", "on"})
"""The slot is what a preposition takes ("at the request of X", "arrested in X"): the words
before a verb or a noun are no slot ("60 nations send", "cyber security treaty")."""
ANCHOR = 2
"""Words before the slot, articles skipped, that the record must say in the same order."""


def _content(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in ARTICLES]


def replaced_in_slot(
    claim: str, clause: str, missing: set[str], described_as: Callable[[str, str], bool]
) -> str | None:
    """What ``clause`` names where ``claim`` has a word of ``missing`` (the words of the claim
    the clause does not say), after the same two words ("request of"); None when the clause
    has no such slot, fills it with a word of the claim, or with a name the store describes
    by the claim's word (``described_as(name, word)``: the FBI is American)."""
    asked = _content(words(claim))
    said = _content(words(clause))
    for i, word in enumerate(asked):
        anchor = asked[max(0, i - ANCHOR) : i]
        if word not in missing or len(anchor) < ANCHOR or anchor[-1] not in PREPOSITIONS:
            continue
        if all(a in STOPWORDS for a in anchor):
            continue
        for j in range(len(said) - ANCHOR):
            if said[j : j + ANCHOR] != anchor:
                continue
            other = said[j + ANCHOR]
            if other not in STOPWORDS and other not in asked and not described_as(other, word):
                return other
    return None


def described_as(db: sqlite_utils.Database, repo: Repository, name: str, word: str) -> bool:
    """Whether the entity ``name`` names is said by its names or description to be ``word``
    ("fbi": a US agency, so "american"), by the word, its forms or its country."""
    for kind, entity_id in names_in(db, name):
        row = repo.entity(kind, entity_id)
        text = " ".join([*repo.names(kind, entity_id), getattr(row, "description", "")])
        if any(t.alternatives & stems(text) for t in terms(word)):
            return True
        place = word if word in PLACES else word.removesuffix("s")  # "the americans"
        if place in PLACES and places_named(place, text):
            return True
    return False


def figure_clause(text: str, rest: list[Term]) -> str:
    """The clause of ``text`` that gives its other figure, saying most of the claim's other
    words ("The ITU comprises 193 UN member states" of a whole card), else all of it."""
    with_figures = [c for c in clauses_of(text) if FIGURE.search(c)]
    if not with_figures:
        return text
    return min(with_figures, key=lambda c: len(unsaid(c, rest))).strip()
