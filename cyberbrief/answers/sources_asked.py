"""A question that names the source it asks about: "according to the BBC, how many nations
attended", "how much does cybercrime cost, according to the BBC report on the conference",
"in the EWI commentary, what do all sides need".

The source phrase is no part of what is asked: left in, its words stop every record from
saying everything asked, and "according to the BBC," in front of a question hides its question
word. So it is taken off and the rest is answered; the answer then stands only when the record
it leads with comes from that source. A source the store does not hold ("according to the
Guardian") is said to be missing, with what the sources on record say shown instead: the store
never puts one outlet's words in another's mouth. A person or organisation that is not a
publisher ("according to Ross Anderson") is a speaker, which the question keeps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlite_utils

from cyberbrief.answers.matcher import CONFIDENT, NameIndex
from cyberbrief.answers.roles import role_nouns
from cyberbrief.knowledge.model import Answer, Citation, Line, Section, Status
from cyberbrief.knowledge.normalize import fold

_NOUNS = r"(?:report|reports|commentary|article|story|piece|analysis|coverage|survey)"
_FRONTED = re.compile(
    r"^(?P<p>(?:according to|in|at|on|during|from|for|by|after|before|since|as of|under|"
    r"among|within)\s+[^,?]+?)\s*,\s*(?P<q>(?:who|whom|whose|what|which|where|when|why|how|is|"
    r"are|was|were|did|does|do|has|have|had|can|could|will|would|should)\b.+?)\s*(?P<end>[?.!]?)$",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    rf"^(?P<q>.+?)\s*,?\s+(?:according to\s+(?P<x>[^,?]+?)|in\s+(?P<y>the\s+[^,?]+?\s+{_NOUNS}"
    rf"(?:\s+(?:on|about|of)\s+[^,?]+?)?))\s*[?.!]?$",
    re.IGNORECASE,
)
_TAIL = re.compile(rf"(?:'s?|’s?)?(?:\s+{_NOUNS})?(?:\s+(?:on|about|of)\s+.+)?$", re.IGNORECASE)
_DESCRIBING = re.compile(r"\b(?:that|who|which|whose|where)\b")
GENERIC = frozenset(
    "estimates experts officials analysts reports research studies figures data sources "
    "critics observers report article survey commentary story records record it them".split()
)
"""Words that name no particular source ("according to experts"): the record itself is what
they refer to, so the phrase is only taken off."""


@dataclass(frozen=True)
class SourceAsked:
    """A question with the source it names taken off."""

    question: str
    phrase: str
    """The source as the question names it ("the BBC")."""
    publishers: frozenset[str]
    """The publishers and titles on record it names, folded; empty when none is on record."""
    generic: bool = False
    """ "according to experts": no particular source, so nothing to check the answer against."""


def _core(phrase: str) -> str:
    """ "the BBC report on the London conference" -> "bbc"."""
    words = fold(phrase).lower().strip()
    words = re.sub(r"^the\s+", "", words)
    return _TAIL.sub("", words).strip()


def _entity_names(db: sqlite_utils.Database, names: NameIndex, core: str) -> set[str]:
    """Every name of the entries ``core`` confidently names ("EWI": "eastwest institute")."""
    found: set[str] = set()
    for match in names.search(core, limit=3):
        if match.score >= CONFIDENT:
            rows = db.query(
                "select text from names where kind = ? and entity_id = ?",
                [match.kind, match.entity_id],
            )
            found |= {fold(r["text"]).lower() for r in rows}
    return found


def _names_a_person(names: NameIndex, core: str) -> bool:
    """``core`` confidently names a person: a speaker, never a publication, even when a
    source's title quotes the name ("... according to John Lyons")."""
    return any(m.score >= CONFIDENT and m.kind == "person" for m in names.search(core, limit=1))


def _named_sources(db: sqlite_utils.Database, core: str, aliases: set[str]) -> frozenset[str]:
    """The publishers and titles of stored sources that ``core`` names: by a whole-word part
    of the publisher or title, or by another name of the publisher's own entry."""
    found: set[str] = set()
    rows = db.query("select distinct publisher, title from sources where kind != 'background'")
    for row in rows:
        for value in (row["publisher"], row["title"]):
            folded = fold(value or "").lower()
            if folded and (re.search(rf"\b{re.escape(core)}\b", folded) or folded in aliases):
                found.add(folded)
    return frozenset(found)


def unfronted(question: str) -> str:
    """A phrase put in front of the question moved behind it, where the question's analysis
    reads constraints: "In 2011, who was head of GCHQ?" -> "who was head of GCHQ in 2011?";
    "According to the BBC, how many ..." -> "how many ... according to the BBC"."""
    match = _FRONTED.match(question.strip())
    if match is None:
        return question
    return f"{match.group('q')} {match.group('p')}{match.group('end')}"


def source_asked(question: str, db: sqlite_utils.Database, names: NameIndex) -> SourceAsked | None:
    """The question without the source it names, or None when it names none (or names a
    speaker, which stays part of the question)."""
    match = _TRAILING.match(question.strip())
    if match is None:
        return None
    phrase = (match.group("x") or match.group("y") or "").strip()
    rest = match.group("q").strip()
    core = _core(phrase)
    if not core or len(rest.split()) < 2:
        return None
    if core in GENERIC:
        return SourceAsked(rest, phrase, frozenset(), generic=True)
    if role_nouns(phrase) or _names_a_person(names, core):
        return None  # a speaker ("according to the head of GCHQ", "... to John Lyons")
    aliases = _entity_names(db, names, core)
    publishers = _named_sources(db, core, aliases)
    if not publishers and aliases:
        return None  # a speaker ("according to Ross Anderson"), not a publication
    if not publishers and (len(core.split()) > 3 or _DESCRIBING.search(core)):
        return None  # a description ("the think tank that leads ..."), resolved as one
    return SourceAsked(rest, phrase, publishers)


def _from(citation: Citation, publishers: frozenset[str]) -> bool:
    return any(fold(v or "").lower() in publishers for v in (citation.publisher, citation.title))


def held_to_source(answer: Answer, asked: SourceAsked, original: str) -> Answer:
    """``answer`` when the record it leads with comes from the source asked about; else the
    refusal saying so, with what the sources on record say shown instead."""
    answer.query = original
    if asked.generic or answer.status is not Status.FOUND:
        return answer
    lines = [line for section in answer.sections for line in section.lines]
    leading = lines[0].cited if lines else tuple(answer.citations[:1])
    if asked.publishers and any(_from(c, asked.publishers) for c in leading):
        return answer
    if asked.publishers:
        title = f"Nothing from {asked.phrase} on record answers that"
        summary = "Another source on record does; what it says is below."
    else:
        title = f"No report by {asked.phrase} is on record"
        summary = "The answer below is from the sources on record, not from it."
    shown: list[Line] = [Line(f"{answer.title}", leading[0] if leading else None), *lines[:3]]
    return Answer(
        Status.NOT_FOUND,
        original,
        title,
        summary=summary,
        sections=[Section("What is on record", shown)],
        about=answer.entities(),
        kind=answer.kind,
    )
