"""An event described by its place in a series: "the Budapest follow-up to the London
conference", "the Korean leg of the London Process", "the 2013 meeting of the London Process",
"the next conference after London", "the third conference of the London Process".

The series is what the description names after "of", "to" or "after" (an event or an
initiative on record), together with the processes that entity's own description names (the
London conference "launched the London Process"). Its members are the events whose
descriptions name the series. The one member that fits the description's place ("Budapest",
"Korean": by the event's location), year, ordinal ("third": "The third conference of ...") or
order ("next", "follow-up": the first member after the named event) is the event meant; the
question is then asked about it by name (two steps). A place, year or ordinal that no member
fits resolves to nothing, and the question is refused; the named entity's own records never
answer for another member ("who convened the Korean leg" is not Hague).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlite_utils

from cyberbrief.answers.described import Resolved, names_in
from cyberbrief.answers.query import Query
from cyberbrief.answers.series import ADJECTIVE_ENDINGS, SHORTEST
from cyberbrief.answers.two_step import TwoStepAnswers
from cyberbrief.knowledge.model import Answer, Line, Ref
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.repository import Repository
from cyberbrief.knowledge.rows import Event

MEMBER_NOUN = (
    r"leg|follow-up|follow up|followup|sequel|round|meeting|conference|summit|edition|"
    r"instalment|installment|gathering"
)
"""Nouns for one event of a series; not "session" or "event", which name a part of one ("the
opening session of the London conference", "the first event of ...")."""
DESCRIBED = re.compile(
    rf"\bthe (?P<mods>(?:[\w'’-]+ ){{0,2}}?)(?P<noun>{MEMBER_NOUN})"
    r"(?: (?:held |hosted )?(?:in|at) (?P<where>[\w'’-]+))?"
    r" (?P<link>of|to|after|from|in) (?P<rest>.+)$",
    re.IGNORECASE,
)
"""The words of a series member's description: its modifiers, noun, place and the series."""
ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth"})
NEXT_WORDS = frozenset({"next", "following", "subsequent", "later"})
FOLLOW_NOUNS = frozenset({"follow-up", "follow up", "followup", "sequel"})
YEAR = re.compile(r"^(?:19|20)\d\d$")
FUTURE = re.compile(r"\b(?:will|shall|is going to|are going to)\b", re.IGNORECASE)
SHOWN = 5


def _named(db: sqlite_utils.Database, rest: str) -> tuple[tuple[str, int], int] | None:
    """The event or initiative whose stored name ``rest`` starts with (the longest), and
    how many of ``rest``'s words it takes."""
    spoken = norm(rest).split()
    for n in range(len(spoken), 0, -1):
        gram = " ".join(spoken[:n])
        for candidate in (gram, gram.removeprefix("the ")):
            row = db.conn.execute(
                "SELECT kind, entity_id FROM names WHERE kind IN ('event', 'initiative')"
                " AND norm = ? LIMIT 1",
                (candidate,),
            ).fetchone()
            if row is not None:
                return (str(row[0]), int(row[1])), n
    return None


def _series_names(db: sqlite_utils.Database, repo: Repository, named: tuple[str, int]) -> list[str]:
    """The names a member's description may give the series by: the named entity's, and those
    of the events and initiatives its own description names."""
    kind, entity_id = named
    row = repo.entity(kind, entity_id)
    linked = [named]
    description = getattr(row, "description", None) or ""
    linked += [e for e in names_in(db, description) if e[0] in ("event", "initiative")]
    return [norm(n) for k, i in dict.fromkeys(linked) for n in repo.names(k, i)]


def _place_stems(word: str) -> list[str]:
    cut = [word[: -len(end)] for end in ADJECTIVE_ENDINGS if word.endswith(end)]
    return [word, *(stem for stem in cut if len(stem) >= SHORTEST)]


def _at_place(event: Event, word: str) -> bool:
    where = norm(f"{event.location or ''} {event.name}")
    return any(stem in where for stem in _place_stems(norm(word)))


MEMBERS = 50
"""How many events naming one series are read: a series has a few members, not thousands."""


@dataclass(frozen=True)
class SeriesAsked:
    """A member of a series as a question describes it, and what the store holds of it."""

    span: str
    """The question's words for the member ("the Korean leg of the London Process")."""
    series: tuple[str, int]
    """The event or initiative the description names ("the London Process")."""
    members: list[Event]
    """The events on record whose descriptions name the series."""
    fits: list[Event]
    """The members that fit the description: the one meant, when there is exactly one."""


def _members(db: sqlite_utils.Database, repo: Repository, series: tuple[str, int]) -> list[Event]:
    """The events whose descriptions name the series (not the series itself), each once."""
    found: dict[int, Event] = {}
    for name in _series_names(db, repo, series):
        for event in repo.events_describing(name, MEMBERS):
            if ("event", event.id) != series:
                found.setdefault(event.id, event)
    return list(found.values())


def series_member(db: sqlite_utils.Database, repo: Repository, question: str) -> SeriesAsked | None:
    """The member of a series ``question`` describes, with the members that fit its place,
    year, ordinal or order; None when the question describes no member of a series the
    store holds."""
    text = question.strip().rstrip("?!. ")
    for m in DESCRIBED.finditer(text):
        named = _named(db, m["rest"])
        if named is None:
            continue
        series, taken = named
        said = [w for w in [*norm(m["mods"]).split(), norm(m["where"] or "")] if w]
        years = [w for w in said if YEAR.match(w)]
        ordinal = next((w for w in said if w in ORDINALS), None)
        following = bool(NEXT_WORDS & set(said)) or norm(m["noun"]) in FOLLOW_NOUNS
        place = [w for w in said if w not in ORDINALS and w not in NEXT_WORDS and w not in years]
        if not (place or years or ordinal or following):
            continue  # "the meeting of the London Process": the process itself
        if place and not all(any(repo.events_in(x, 1) for x in _place_stems(w)) for w in place):
            continue  # "the opening round of ...": a word that is no event's place
        by_order = following and not (place or years or ordinal)
        if by_order and FUTURE.search(text):
            continue  # "where will the next one be held": next after a day nobody gave
        members = _members(db, repo, series)
        fits = [
            e
            for e in members
            if all(_at_place(e, w) for w in place)
            and all(str(e.starts or "").startswith(y) for y in years)
            and (ordinal is None or re.search(rf"\b{ordinal}\b", norm(e.description or "")))
        ]
        if by_order:
            after = _starts_of(repo, series) or ""
            fits = sorted(
                (e for e in fits if str(e.starts or "") > after),
                key=lambda e: str(e.starts or ""),
            )[:1]
        span = text[m.start() : m.start("rest")] + " ".join(m["rest"].split()[:taken])
        return SeriesAsked(span, series, members, fits)
    return None


def _starts_of(repo: Repository, entity: tuple[str, int]) -> str | None:
    row = repo.entity(*entity)
    starts = getattr(row, "starts", None)
    return str(starts) if starts else None


class SeriesMemberAnswers(TwoStepAnswers):
    """Step one of two for a member of a series described by its place in it."""

    def _series_member(self, text: str, query: Query) -> Answer | None:
        """The question asked about the series member it describes, by name; a refusal
        saying which members are on record when the description fits none or several;
        None when it describes no member of a series."""
        asked = series_member(self.db, self.repo, text)
        if asked is None:
            return None
        if len(asked.fits) == 1:
            return self._about_described(
                text, Resolved(asked.span, self.repo.ref("event", asked.fits[0].id))
            )
        return self._refusal(
            query,
            f"Nothing on record is {asked.span}",
            f"The store has no one event that is {asked.span}. On record in that series:",
            [self._member_line(e) for e in asked.members][:SHOWN],
            [self.repo.ref(*asked.series)],
        )

    def _member_line(self, event: Event) -> Line:
        when = " to ".join(str(d) for d in dict.fromkeys((event.starts, event.ends)) if d)
        said = ", ".join(x for x in (when, event.location or "") if x)
        return Line(
            f"{event.name} — {said}" if said else event.name,
            self.repo.citation(event.source_id),
            Ref("event", event.id, event.name),
        )
