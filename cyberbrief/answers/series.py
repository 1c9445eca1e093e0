"""Another member of a series: a question about an event the store does not hold, asked in
the words of one it does ("who opened the Korean leg of the London Process" when the store
holds the London Process and, apart, the Seoul conference).

A question that names an event or initiative and also a place it is not at (a capitalised word
beyond its names: "Hungarian", "Seoul", "Paris") asks about something that happened there,
not about the entity itself: the entity's own card, however many of the question's words it
says ("continued in Hungary in 2012"), does not answer it. The refusal says which events on
record are at that place, so the user sees what the store does hold.
"""

from __future__ import annotations

import re

import sqlite_utils

from cyberbrief.answers.described import names_in
from cyberbrief.answers.leads import beyond_question, first_line
from cyberbrief.answers.textsearch import words
from cyberbrief.answers.verify import Expect, expected
from cyberbrief.knowledge.model import Answer, Status
from cyberbrief.knowledge.repository import Repository
from cyberbrief.knowledge.rows import Event

_CAPITALISED = re.compile(r"(?<!^)(?<![.?!] )\b[A-Z][a-z][\w'’-]*")
"""A word written with a capital, not at the start of a sentence: a name or its adjective."""
ADJECTIVE_ENDINGS = ("ian", "an", "ese", "ish", "i")
"""The endings of a place's adjective ("Hungarian", "Korean", "Chinese"): the place is found
by the rest of the word ("Hungar", "Kore")."""
SHORTEST = 4
"""A place's stem shorter than this finds too many places."""
SHOWN = 3


def _stems(word: str) -> list[str]:
    cut = [word[: -len(end)] for end in ADJECTIVE_ENDINGS if word.endswith(end)]
    return [word, *(stem for stem in cut if len(stem) >= SHORTEST)]


def places_beyond(question: str, asked: list[str]) -> list[str]:
    """The capitalised words of ``question`` among ``asked`` (its words beyond the named
    entity's names): the places, people and things it adds to the entity."""
    capitalised = {w for m in _CAPITALISED.finditer(question) for w in words(m.group())}
    return [w for w in asked if w in capitalised]


def elsewhere(
    repo: Repository, question: str, asked: list[str], own: list[str], location: str = ""
) -> list[Event]:
    """The events on record at a place the question adds to an entity (``own``: the
    entity's names; ``location``: its own place), each once; none when it adds no place or
    only the entity's own."""
    mine = {w for text in [*own, location] for w in words(text)}
    found: dict[int, Event] = {}
    for word in places_beyond(question, asked):
        if any(stem in w for stem in _stems(word) for w in mine):
            continue  # "London" of the London Process is its own place
        for stem in _stems(word):
            for event in repo.events_in(stem, SHOWN):
                found.setdefault(event.id, event)
    return list(found.values())[:SHOWN]


def of_another_event(db: sqlite_utils.Database, question: str, answer: Answer) -> bool:
    """Whether a found date, figure or name leads with a record of another event than the
    one the question names: "how many nations attended the Seoul conference" is never
    answered with the 60 of the London one, however many of its words the record says."""
    if answer.status is not Status.FOUND or expected(question) is Expect.ANY:
        return False
    asked = {e for e in names_in(db, question) if e[0] == "event"}
    subject = answer.subject
    if not asked or (subject is not None and (subject.kind, subject.id) in asked):
        return False  # nothing asked of an event, or the event's own card
    lines = [line for section in answer.sections for line in section.lines][:1]
    leading = [beyond_question(first_line(answer), question), *(x.text for x in lines)]
    said = {e for text in leading for e in names_in(db, text) if e[0] == "event"}
    if not said and expected(question) is Expect.FIGURE:
        # A figure of a record naming no event: a record of the one asked ("how many
        # nations attended the Asia-Pacific security forum" is not APEC's 21 members).
        return not {(r.kind, r.id) for r in answer.about} & asked
    return bool(said) and not said & asked
