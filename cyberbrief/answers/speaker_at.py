"""The person a question describes as the speaker at an event: "what position did the
speaker at the launch of the ICSPA hold", "which organisation does the speaker at National
Security 2012 run".

The event is the one whose stored name (or alias) follows "at"; its speaker is the one
person or organisation quoted there. When several are quoted there, the store cannot tell
which one is meant: the description is then resolved to the event, not found, so the
question is refused saying so, never answered about one speaker picked by chance.
"""

from __future__ import annotations

import re

import sqlite_utils

from cyberbrief.answers.described import Resolved
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.repository import Repository

SPEAKER_AT = re.compile(
    r"\b(?P<head>the (?:(?:main|keynote|only|sole|guest) )?(?:speaker|person who spoke|man who "
    r"spoke|woman who spoke|one who spoke)) (?:at|to) (?P<rest>.+)$",
    re.IGNORECASE,
)
"""A person described as the speaker at an event, the event's words after "at"."""


def _event_named(db: sqlite_utils.Database, rest: str) -> tuple[int, int] | None:
    """The event whose name (or alias) ``rest`` starts with, the longest such name, and how
    many characters of ``rest`` it takes."""
    said = norm(rest)
    spoken = said.split()
    grams = [" ".join(spoken[:n]) for n in range(len(spoken), 0, -1)]
    grams += [g.removeprefix("the ") for g in grams if g.startswith("the ")]
    if not grams:
        return None
    marks = ", ".join("?" for _ in grams)
    rows = db.conn.execute(
        f"SELECT entity_id, norm FROM names WHERE kind = 'event' AND norm IN ({marks})", grams
    ).fetchall()
    if not rows:
        return None
    entity_id, name = max(rows, key=lambda r: len(str(r[1])))
    words = len(str(name).split()) + (1 if not said.startswith(str(name)) else 0)
    taken = re.match(rf"^(\S+\s*){{{words}}}", rest.strip())
    return int(entity_id), len(taken.group().rstrip()) if taken else len(rest)


def speaker_at(db: sqlite_utils.Database, repo: Repository, question: str) -> Resolved | None:
    """The speaker at the event ``question`` names, resolved; None when it describes no
    speaker at a stored event."""
    text = question.strip().rstrip("?!. ")
    m = SPEAKER_AT.search(text)
    if m is None:
        return None
    event = _event_named(db, m["rest"])
    if event is None:
        return None
    event_id, length = event
    span = text[m.start() : m.start("rest") + length]
    speakers = list(dict.fromkeys((q.speaker_kind, q.speaker_id) for q in repo.quotes_at(event_id)))
    if len(speakers) != 1:
        return Resolved(span, repo.ref("event", event_id), found=False)
    return Resolved(span, repo.ref(*speakers[0]))
