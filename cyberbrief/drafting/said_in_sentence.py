"""Where a sentence says who said something before its quote ("Mr Lobban, writing in the
Times, warned that ... "..."") and whose name is a whole name there: not the tail of a longer
run, not a name a preposition governs, not an item of a list of names."""

from __future__ import annotations

import re

from cyberbrief.drafting.attribution_patterns import HEDGE, SAY, WHO
from cyberbrief.drafting.people import NOT_A_NAME, Run, is_title, people_in

_NOT_AN_OBJECT = "".join(rf"(?<!\b{p}\s)" for p in ("of", "for", "from", "at", "by", "with", "to"))
SAID_IN_SENTENCE = re.compile(
    rf"{_NOT_AN_OBJECT}{WHO}(?:\s+\([A-Z][^()]{{1,40}}\),?)?(?:,[^,“”\"]{{1,120}},)?\s+"
    r"(?:[a-z][^,.!?“”\"]{0,80}?\s+(?:but|and)\s+)?"
    rf"(?:(?:had|has)\s+)?{HEDGE}"
    rf"(?:{SAY})\b"
)
""""Mr Lobban, writing in the Times, warned that ... "a very real threat"; "Kaja Lehtinen
(Estonia), speaking for ..., said" (a delegate's country in brackets; "he declined to discuss the
emails but said";  a councillor's party and
ward: "Cllr X (Labour, Castle Ward), told the chamber"); not the name a
preposition governs ("The representative of Sierra Leone, speaking also for ..., said")."""
_WORD_BEFORE = re.compile(r"(?P<word>[A-Z][\w’'-]*)\s+$")


def said_in_sentence(text: str) -> list[re.Match[str]]:
    """Each "X said" in ``text`` whose X is a whole name: not the tail of a longer run of
    capitals ("Leone" of "Sierra Leone" after "of"), nor a name a preposition governs."""
    out = []
    for found in SAID_IN_SENTENCE.finditer(text):
        word = _WORD_BEFORE.search(text, max(0, found.start("who") - 40), found.start("who"))
        before = word["word"] if word else ""
        if in_a_list(text, found.start("who"), found.end("who")):
            continue  # "agencies in the UK, Canada, New Zealand, Japan and Germany, says"
        if not before or before in NOT_A_NAME or before.isupper() or is_title(before):
            out.append(found)  # "Fortiva vice president for EMEA Claire Dubois said"
    return out


_CAPITALISED = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
_LIST_ITEM = re.compile(rf"{_CAPITALISED},\s+$")
_LIST_END = re.compile(rf",\s+(?:{_CAPITALISED},\s+)*{_CAPITALISED},?\s+and\s+{_CAPITALISED},")
"""A name inside a list of names ("the UK, Canada, New Zealand, Japan and Germany,") is no
subject of the verb after the list."""


def in_a_list(text: str, start: int, end: int) -> bool:
    """The name at ``start``-``end`` is an item of a list of names that goes on after it."""
    return bool(_LIST_ITEM.search(text, 0, start) and _LIST_END.match(text, end))


_SAYS_NEXT = re.compile(
    rf"(?:\s+of\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,2}}|\s+\([A-Z][^()]{{1,40}}\))?"
    rf"(?:,\s+\d{{1,3}}(?=,))?(?:,[^,“”\"]{{1,80}},|,)?\s+(?:also\s+)?(?:{SAY})\b"
)
"""What follows a speaker named without a role: "Tevita Fifita of Tonga, said", "Kaja
Lehtinen (Estonia), speaking for the Nordic-Baltic countries, said", "X, 17, who is in Year
13, said"."""


def speaker_named(paragraph: str, run: Run) -> str | None:
    """A full name the draft holds no role for, as the subject of a verb of saying ("One of
    them, Tevita Fifita of Tonga, said she had ..."): a person the article names, so a
    pronoun after it may mean them (drafted without a role, as a quote's speaker is)."""
    people = list(people_in(run.text))
    if len(people) != 1 or people[0].start or len(people[0].name.split()) < 2:
        return None
    if people[0].name != run.text or not re.search(r"(?:^|[.!?]\s|,\s)$", paragraph[: run.start]):
        return None  # "a German Green MEP, said", "for International Peace, said"
    if not _SAYS_NEXT.match(paragraph, run.end) or in_a_list(paragraph, run.start, run.end):
        return None
    return people[0].name
