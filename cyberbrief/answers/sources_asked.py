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

from cyberbrief.answers.matcher import CONFIDENT, Match, NameIndex
from cyberbrief.answers.roles import role_nouns
from cyberbrief.knowledge.model import Answer, Citation, Line, Section, Status
from cyberbrief.knowledge.normalize import fold

_NOUNS = r"(?:report|reports|commentary|article|story|piece|analysis|coverage|survey)"
_TRAILING = re.compile(
    rf"^(?P<q>.+?)\s*,?\s+(?:according to\s+(?P<x>[^,?]+?)|in\s+(?P<y>the\s+[^,?]+?\s+{_NOUNS}"
    rf"(?:\s+(?:on|about|of)\s+[^,?]+?)?))\s*[?.!]?$",
    re.IGNORECASE,
)
_TAIL = re.compile(
    rf"(?:'s?|’s?)?(?:\s+(?:19|20)\d\d)?(?:\s+{_NOUNS})?(?:\s+(?:on|about|of)\s+.+)?$",
    re.IGNORECASE,
)
_DOC = rf"(?:{_NOUNS}|study|studies|poll|book|paper)"
_DOCUMENT = re.compile(rf"\b{_DOC}\b", re.IGNORECASE)
"""A document named in the source phrase ("Symantec's 2011 survey")."""
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
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
    by: frozenset[str] = frozenset()
    """For a document of an entity that publishes no source on record ("Symantec's 2011
    survey"): the entity's names, folded; the answer's record must name that document."""
    years: frozenset[str] = frozenset()
    """Years the source phrase gives ("2011"): the document's record must say them."""


def _core(phrase: str) -> str:
    """ "the BBC report on the London conference" -> "bbc"."""
    words = fold(phrase).lower().strip()
    words = re.sub(r"^the\s+(?:(?:19|20)\d\d\s+)?", "", words)
    return _TAIL.sub("", words).strip()


def _entity_names(db: sqlite_utils.Database, found: list[Match]) -> set[str]:
    """Every name of the entries matched confidently ("EWI": "eastwest institute")."""
    names: set[str] = set()
    for match in found:
        rows = db.query(
            "select text from names where kind = ? and entity_id = ?",
            [match.kind, match.entity_id],
        )
        names |= {fold(r["text"]).lower() for r in rows}
    return names


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


def _dated_sources(db: sqlite_utils.Database, noun: str, years: list[str]) -> frozenset[str]:
    """The titles of stored sources of a year the question gives whose title says what kind
    of document they are ("the 2012 commentary": "Untitled commentary, first words ..."):
    one document in particular, not any source."""
    if not years:
        return frozenset()
    rows = db.query("select title, date from sources where kind != 'background'")
    return frozenset(
        fold(row["title"] or "").lower()
        for row in rows
        if str(row["date"] or "")[:4] in years
        and re.search(rf"\b{re.escape(noun.rstrip('s'))}s?\b", fold(row["title"] or "").lower())
    )


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
        dated = _dated_sources(db, core, _YEAR.findall(phrase))
        return SourceAsked(rest, phrase, dated, generic=not dated)
    found = [m for m in names.search(core, limit=3) if m.score >= CONFIDENT]
    if role_nouns(phrase) or (found and found[0].kind == "person"):
        # A speaker ("according to the head of GCHQ", "... to John Lyons"), never a
        # publication, even when a source's title quotes the name.
        return None
    aliases = _entity_names(db, found)
    publishers = _named_sources(db, core, aliases)
    if not publishers and aliases and _DOCUMENT.search(phrase):
        # A document of an entity that publishes nothing on record ("Symantec's 2011
        # survey"): answered from a record that names that document.
        return SourceAsked(
            rest, phrase, frozenset(), by=frozenset(aliases), years=frozenset(_YEAR.findall(phrase))
        )
    if not publishers and aliases:
        return None  # a speaker ("according to Ross Anderson"), not a publication
    if not publishers and (len(core.split()) > 3 or _DESCRIBING.search(core)):
        return None  # a description ("the think tank that leads ..."), resolved as one
    return SourceAsked(rest, phrase, publishers)


def _from(citation: Citation, publishers: frozenset[str]) -> bool:
    return any(fold(v or "").lower() in publishers for v in (citation.publisher, citation.title))


def _names_document(text: str, asked: SourceAsked) -> bool:
    """Whether ``text`` names the document asked about: a name of its entity next to a word
    for a document ("the 2011 Symantec survey", "Symantec's report", "a survey by Symantec"),
    and every year the question gives it."""
    said = fold(text).lower()
    if any(year not in said for year in asked.years):
        return False
    return any(
        re.search(rf"\b{re.escape(name)}(?:'s|’s)?\s+(?:(?:19|20)\d\d\s+)?{_DOC}\b", said)
        or re.search(rf"\b{_DOC}\s+(?:by|from|of)\s+{re.escape(name)}\b", said)
        for name in asked.by
    )


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
    if asked.by and _names_document(lines[0].text if lines else answer.title, asked):
        return answer
    if asked.publishers or asked.by:
        title = f"Nothing from {asked.phrase} on record answers that"
        summary = "Another source on record does; what it says is below."
    else:
        title = f"No report by {asked.phrase} is on record"
        summary = "The answer below is from the sources on record, not from it."
    shown: list[Line] = [Line(answer.title, leading[0] if leading else None), *lines[:3]]
    return Answer(
        Status.NOT_FOUND,
        original,
        title,
        summary=summary,
        sections=[Section("What is on record", shown)],
        about=answer.entities(),
        kind=answer.kind,
    )
