"""Noun phrases that may describe one entity, found in a question by its words alone (no
grammar): a phrase starts at "the" or at a possessive and ends before a small word like "at"
or "about", at the end of the question, at a possessive ("Britain's top spy agency|'s boss":
the owner is resolved first), or, when it is the subject of a question ("what did X say"),
before its verb; every length up to :data:`PHRASE_WORDS` is tried, longest first. Which
entity a phrase describes is :mod:`.described_phrase`'s to decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlite_utils

from cyberbrief.answers import roles
from cyberbrief.answers.described import KIND_NOUNS, MIN_WORDS, PEOPLE_ONLY, PERSON_NOUNS
from cyberbrief.answers.textsearch import STOPWORDS, terms
from cyberbrief.knowledge.normalize import norm

PHRASE_START = re.compile(r"\b(?:the|(?P<owner>[\w-]+)['’]s)\s", re.IGNORECASE)
"""Where a noun phrase that may describe one entity starts: "the" ("the London cyber
meeting") or a possessive ("Britain's signals intelligence agency"); "an international
conference" is any conference, no one entity."""
PHRASE_WORDS = 4
"""A described entity's noun phrase is at most this many words after its start, one more
with an "of" in it (its noun and what it is of: "professor of security engineering")."""
AUXILIARIES = frozenset("did does do has have had will would can could should".split())
"""Words after which a question's subject comes, then its verb ("what did <the alliance's
chief> say"): a phrase there may end before any word but a noun of what an entity is. (After
"is" or "was" a noun phrase comes, with no verb to end it: "what is the EU's cyber budget".)"""
PASSIVE = re.compile(r"^(?:is|are|was|were)$", re.IGNORECASE)
"""After these, a subject may end before a participle that ends the question ("when was
the man facing extradition arrested")."""
IN_CHARGE = roles.HEAD_WORDS | {"boss", "minister", "secretary"}
"""Nouns for whoever holds the top office of a ministry, agency or company, which countries
and organisations name differently (a defence minister is the Defence Secretary in Britain
and the US; a chief is a head): one fits another when the rest of the phrase (the field,
the country) is said."""
NOT_INSIDE = frozenset(
    "a an the that which who whom whose where when at in on to for from with by about "
    "is are was were be".split()
)
"""Words never inside a short noun phrase ("the secretary of state" has "of"): they start
another phrase or a clause (relative clauses are :mod:`.described`'s)."""
ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


@dataclass(frozen=True)
class Phrase:
    """One candidate noun phrase of a question."""

    span: str
    """The question's words, as written ("America's defence chief")."""
    head: str
    """Its words with an "of" turned round ("secretary of state": "state secretary")."""
    names: tuple[tuple[str, ...], ...]
    """Names it holds (the owner, runs of capitalised words), each as its words."""
    owner: str = ""
    """The name of a possessive it starts with ("germany" of "Germany's defence minister")."""
    extended: bool = False
    """One word longer than :data:`PHRASE_WORDS`, for an "of": that last word must be said of
    its entity ("professor of security engineering"), else it is the question's ("did the US
    secretary of state call off")."""


def _of_the(db: sqlite_utils.Database, span_words: list[str], i: int) -> bool:
    """Whether word ``i`` is the "the" of an "of the" before a stored name that ends the
    phrase ("the head of the ICSPA"): an office at the organisation it names."""
    return (
        0 < i < len(span_words) - 1
        and span_words[i - 1].lower() == "of"
        and span_words[i].lower() == "the"
        and _ends_in_name(db, span_words[i + 1 :])
    )


def _office_of_subject(before: list[str]) -> bool:
    """Whether the words before a phrase are a question's subject up to an "of" ("what did
    | the head of | <the British intelligence agency> write"): the phrase then ends the
    subject, before the question's verb, as one right after the auxiliary does."""
    lowered = [w.lower() for w in before]
    if len(lowered) < 4 or lowered[-1] != "of":
        return False
    at = max((i for i, w in enumerate(lowered) if w in AUXILIARIES), default=-1)
    between = lowered[at + 1 : -1]
    return (
        at >= 0
        and 2 <= len(between) <= 3
        and between[0] == "the"
        and (_noun_of_what_it_is(between[-1]))
    )


def _names(owner: str, span_words: list[str], first: bool) -> tuple[tuple[str, ...], ...]:
    """The possessive's owner and the runs of capitalised words ("Pacific Rim"); the
    question's first word is capitalised for no reason."""
    runs: list[list[str]] = [[owner]] if owner and (owner[0].isupper() or owner.isupper()) else []
    current: list[str] = []
    for i, word in enumerate(span_words):
        bare = _POSSESSIVE.sub("", word)
        if bare[:1].isupper() and not (first and i == 0):
            current.append(bare)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return tuple(tuple(w.lower() for w in run) for run in runs)


def _noun_of_what_it_is(word: str) -> bool:
    """A noun that says what an entity is (a role, a person, a kind of entity)."""
    return (
        word in PERSON_NOUNS
        or word in PEOPLE_ONLY
        or word in IN_CHARGE
        or bool(roles.role_nouns(word))
        or any(word in nouns for nouns in KIND_NOUNS.values())
    )


def _verb(word: str) -> bool:
    """Whether a question's subject may end before ``word`` (its verb, as far as can be told
    without a grammar): not before a noun of what an entity is ("America's defence | chief")."""
    return not _noun_of_what_it_is(word)


def _participle(word: str) -> bool:
    """A regular past participle ("launched", "supposed"), as far as its ending tells."""
    return len(word) > 4 and word.lower().endswith("ed")


def _ends_in_name(db: sqlite_utils.Database, span_words: list[str]) -> bool:
    """Whether the phrase ends in a stored name ("the London Conference", "the Shangri-La
    Dialogue"): the name matcher's. A name that only qualifies the noun ("the Cambridge
    security expert") leaves the phrase a description."""
    head = " ".join(span_words).partition(" of ")[0]  # "the founder of Wikipedia" is a founder
    split = norm(head).split()
    ends = [" ".join(split[-n:]) for n in range(1, len(split) + 1)]
    marks = ", ".join("?" for _ in ends)
    row = db.conn.execute(
        f"SELECT 1 FROM names WHERE norm IN ({marks}) AND type != 'surname' LIMIT 1", ends
    ).fetchone()
    return row is not None


def phrases(db: sqlite_utils.Database, question: str) -> list[Phrase]:
    """The question's candidate noun phrases, longest first from each start."""
    text = question.strip().rstrip("?!. ")
    found: list[Phrase] = []
    for start in PHRASE_START.finditer(text):
        before = text[: start.start()].split()
        subject = bool(before) and (before[-1].lower() in AUXILIARIES or _office_of_subject(before))
        passive = bool(before) and bool(PASSIVE.match(before[-1]))
        after = text[start.end() :].split()
        owner = start["owner"] or ""
        for n in range(min(PHRASE_WORDS + 1, len(after)), 0, -1):
            span_words = after[:n]
            if n > PHRASE_WORDS and (
                "of" not in (w.lower() for w in span_words)
                or any(_POSSESSIVE.search(w) for w in span_words[:-1])
            ):
                continue  # (one word more for an "of" only, never past a possessive)
            following = after[n].lower() if n < len(after) else ""
            owning = bool(_POSSESSIVE.search(span_words[-1]))
            if owning and "of" in (w.lower() for w in span_words):
                continue  # "the head of Britain's spy agency": of the agency, not of Britain
            if owning:  # "Britain's spy agency|'s boss": the owner is resolved first
                span_words = [*span_words[:-1], _POSSESSIVE.sub("", span_words[-1])]
            last = span_words[-1].lower()
            if last in STOPWORDS or following == "of":
                continue
            if _participle(last) and following in STOPWORDS and not _noun_of_what_it_is(last):
                continue  # "the alliance launched | with ...": a participle starts a clause
            ends = not following or following in STOPWORDS or owning
            # "when was <the man facing extradition> arrested", "what is <the EU agency>
            # supposed to protect": a participle ending the question or before a small word.
            beyond = after[n + 1].lower() if n + 1 < len(after) else ""
            participle = passive and _participle(following) and (not beyond or beyond in STOPWORDS)
            if not ends and not ((subject or participle) and _verb(following)):
                continue  # a noun phrase ends before a word like "at", or at the end
            if any(
                w.lower() in NOT_INSIDE and not _of_the(db, span_words, i)
                for i, w in enumerate(span_words)
            ):
                continue  # "the ICSPA a for-profit", "the agency that facilitates": no noun phrase
            words_ = " ".join([owner, *(_POSSESSIVE.sub("", w) for w in span_words)]).strip()
            head, _, of = words_.partition(" of ")
            head = f"{of} {head}".strip()
            if (
                len(terms(words_)) < MIN_WORDS
                or _ends_in_name(db, span_words)
                or any(c.isdigit() for c in words_)
            ):
                continue  # a stored name is the name matcher's; a year, a constraint's
            span = text[start.start() : start.end()] + " ".join(span_words)
            names = _names(owner, span_words, not before and not owner)
            named_owner = owner.lower() if names and names[0] == (owner.lower(),) else ""
            found.append(Phrase(span, head, names, named_owner, n > PHRASE_WORDS))
    return found
