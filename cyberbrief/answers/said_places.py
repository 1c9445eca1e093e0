"""Where words were said: "what did Hague say in Seoul" asks for what he said there. The
answer's leading record must name that place (the quote's event, the report's "in London");
words said elsewhere are no answer, however well they fit the rest ("global co-ordinated
response" was said in London). Only a word known as a place is held: a country or continent,
or a word of a stored event's location ("seoul", "singapore"); "at the launch" names an event,
which the other checks hold."""

from __future__ import annotations

import re

import sqlite_utils

from cyberbrief.answers.constraints import refused
from cyberbrief.answers.leads import first_line
from cyberbrief.answers.place_names import PLACES, place_forms
from cyberbrief.answers.textsearch import words
from cyberbrief.knowledge.model import Answer, Status

SAID_IN = re.compile(
    r"\b(?:say|said|says|tell|told|speak|spoke|talk|talked|announce|announced|warn|warned)\b"
    r"(?:\s+[\w'’-]+){0,3}?\s+(?:in|at|from)\s+(?:the\s+)?(?P<place>[a-z][\w-]*)",
    re.IGNORECASE,
)


def _is_place(db: sqlite_utils.Database, word: str) -> bool:
    """A country or continent, or a word of where a stored event was held."""
    if word in PLACES:
        return True
    rows = db.execute(
        "SELECT location FROM events WHERE location LIKE ? LIMIT 5", [f"%{word}%"]
    ).fetchall()
    return any(word in words(location or "") for (location,) in rows)


def _placed(place: str, text: str) -> bool:
    """Whether ``text`` names the place as where something was, after "in", "at", "from", "of"
    or "to" (a few words of a name may come between: "at London Conference on Cyberspace",
    "the first event of the London Conference"), not as what the words were about ("announced
    that London would host")."""
    forms = sorted(place_forms(place) if place in PLACES else {place})
    alternatives = "|".join(re.escape(f) for f in forms)
    pattern = rf"\b(?:in|at|from|of|to)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{alternatives})\b"
    return re.search(pattern, text.lower()) is not None


def place_said(question: str, db: sqlite_utils.Database) -> str | None:
    """The place a question asks someone's words from ("say in seoul"), when it is one."""
    match = SAID_IN.search(question)
    if match is None:
        return None
    place = match["place"].lower()
    return place if _is_place(db, place) else None


def hold_to_place_said(question: str, answer: Answer, db: sqlite_utils.Database) -> Answer:
    """``answer`` when its leading record names the place the words were asked from, else a
    refusal showing what is on record (said elsewhere)."""
    if answer.status is not Status.FOUND:
        return answer
    place = place_said(question, db)
    if place is None:
        return answer
    leading = [first_line(answer)]
    leading += [section.lines[0].text for section in answer.sections[:1] if section.lines]
    if _placed(place, " ".join(leading)):
        return answer
    return refused(
        answer,
        f"Nothing on record says what was said in {place.title()}",
        f"The records that come closest were said elsewhere, not in {place.title()}.",
    )
