"""An event asked for by its place or its organiser instead of its name: "when was the
cyberspace conference hosted in South Korea", "in what year did the ITU hold a conference".

The event is resolved from its own fields (the location it was held in, the organisations
that organised it), never from a record that only mentions the place: the one event there
of the kind named ("conference", "summit", ...) whose name or description says every other
word of the phrase ("cyberspace"). The question is then asked again with its name, so its
date is found and verified as any event's is. Two events that fit, or none, leave the
question as it was: a guess between events is a wrong date.
"""

from __future__ import annotations

import re

import sqlite_utils

from cyberbrief.answers.asked_back import asked_back
from cyberbrief.answers.described import names_in
from cyberbrief.answers.textsearch import STOPWORDS, stems, words
from cyberbrief.knowledge.model import Answer
from cyberbrief.knowledge.normalize import fold
from cyberbrief.knowledge.repository import Repository
from cyberbrief.knowledge.rows import Event

EVENT_NOUNS = r"(?:conference|summit|forum|meeting|dialogue|talks|event|congress|convention)"
_DATE_ASKED = (
    r"(?P<ask>(?:by )?when|(?:in |on |during )?(?:what|which) (?:year|date|day|month|season|"
    r"decade|day of the week)|how long|(?:for |over )?how many days)"
)
_ENDS = r"(?: (?P<verb>open|close|start|begin|end|finish|take place|happen|run|last))?$"
AT_PLACE = re.compile(
    rf"^{_DATE_ASKED} (?:is|was|were|did|does|will) the (?P<noun>(?:[\w-]+ ){{0,3}}?"
    rf"{EVENT_NOUNS})(?: (?:that was |which was )?(?:held|hosted|staged|organised|organized|"
    rf"convened))? in (?:the )?(?P<place>[\w' -]+?){_ENDS}"
)
"""'when was the cyberspace conference hosted in South Korea'."""
BY_ORGANISER = re.compile(
    rf"^{_DATE_ASKED} (?:did|does|will) (?P<org>.+?) (?:hold|host|organi[sz]e|convene|stage|"
    rf"run) (?:a|an|its|the) (?P<noun>(?:[\w-]+ ){{0,3}}?{EVENT_NOUNS})$"
)
ORGANISED_BY = re.compile(
    rf"^{_DATE_ASKED} (?:is|was|were) the (?P<noun>(?:[\w-]+ ){{0,3}}?{EVENT_NOUNS}) "
    rf"(?:organi[sz]ed|hosted|held|convened|staged) by (?P<org>.+?){_ENDS}"
)
"""'in what year did the ITU hold a conference', 'when was the summit organised by X'."""
MAX_EVENTS = 5
"""Events at one place looked at: more than one that fits is already too many."""


def _clean(question: str) -> str:
    text = fold(question).lower().replace("’", "'")
    return re.sub(r"\s+", " ", text).strip(" ?!.")


def _fits(repo: Repository, event: Event, noun: str) -> bool:
    """Whether the event's name, aliases or description say every word of ``noun``."""
    said = stems(" ".join([event.name, *repo.aliases("event", event.id), event.description or ""]))
    wanted = [w for w in words(noun) if w not in STOPWORDS]
    return bool(wanted) and all(stems(w) & said for w in wanted)


def _asked_again(ask: str, event: Event, verb: str | None) -> str:
    tail = f" {verb}" if verb else ""
    aux = "did" if verb else "was"
    return f"{ask} {aux} the {event.name}{tail}"


def event_named(
    db: sqlite_utils.Database, repo: Repository, question: str
) -> str | list[Event] | None:
    """``question`` asked with the name of the one event its place or organiser says; the
    events that fit when several do (whose date is asked is then not told); None for
    another question or when no stored event fits."""
    text = _clean(question)
    if m := AT_PLACE.match(text):
        place = m["place"].strip()
        found = [e for e in repo.events_in(place, MAX_EVENTS) if _fits(repo, e, m["noun"])]
        if len(found) > 1:
            return found
        return _asked_again(m["ask"], found[0], m["verb"]) if found else None
    m = BY_ORGANISER.match(text) or ORGANISED_BY.match(text)
    if m:
        org, noun = m["org"], m["noun"]
        organisers = [i for kind, i in names_in(db, org) if kind == "organisation"]
        if len(organisers) != 1:
            return None
        held = repo.events_organised_by(organisers[0])[:MAX_EVENTS]
        found = [e for e in held if _fits(repo, e, noun)]
        if len(found) > 1:
            return found
        verb = m.groupdict().get("verb")
        return _asked_again(m["ask"], found[0], verb) if found else None
    return None


FOUNDED = re.compile(
    rf"^{_DATE_ASKED} (?:(?:is|was|were) (?P<what>.+?) (?:first |originally |officially )?"
    r"(?:founded|formed|set up|established|created|launched|started|inaugurated)|"
    r"did (?P<what2>.+?) (?:launch|start|begin|get started|come into being))$"
)
"""'in what year was the ICSPA formed', 'when did the ICSPA launch'."""
BEGINNINGS = ("launch", "founding", "foundation", "creation", "inauguration")
"""An event named as the beginning of something ('Launch of the ICSPA') dates its start."""


def founding_named(db: sqlite_utils.Database, question: str) -> str | None:
    """``question`` asked of the event stored as the beginning of what it names ("when was
    the launch of the International Cyber Security Protection Alliance"), or None: another
    question, or nothing stored as its launch or founding."""
    text = _clean(question)
    m = FOUNDED.match(text)
    if m is None:
        return None
    named = [(k, i) for k, i in names_in(db, m["what"] or m["what2"]) if k != "event"]
    if len(named) != 1:
        return None
    kind, entity_id = named[0]
    own = [
        str(row[0])
        for row in db.conn.execute(
            "SELECT norm FROM names WHERE kind = ? AND entity_id = ?", (kind, entity_id)
        )
    ]
    wanted = [f"{b} of {t}{n}" for b in BEGINNINGS for n in own for t in ("", "the ")]
    marks = ", ".join("?" for _ in wanted)
    events = {
        int(row[0])
        for row in db.conn.execute(
            f"SELECT entity_id FROM names WHERE kind = 'event' AND norm IN ({marks})", wanted
        )
    }
    if len(events) != 1:
        return None
    (event_id,) = events
    row = db.conn.execute("SELECT name FROM events WHERE id = ?", (event_id,)).fetchone()
    return f"{m['ask']} was the {row[0]}" if row else None


def several_events(question: str, events: list[Event], repo: Repository) -> Answer:
    """The question asked back, for a date of one event described by what several stored
    events share: each of them, to ask again by name."""
    shown = [f"{e.name} ({e.starts}{f' to {e.ends}' if e.ends else ''})" for e in events]
    return asked_back(question, "event", [repo.ref("event", e.id) for e in events], shown)
