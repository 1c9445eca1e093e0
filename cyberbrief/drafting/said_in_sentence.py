"""Where a sentence says who said something before its quote ("Mr Lobban, writing in the
Times, warned that ... "..."") and whose name is a whole name there: not the tail of a longer
run, not a name a preposition governs, not an item of a list of names."""

from __future__ import annotations

import re

from cyberbrief.drafting.attribution_patterns import HEDGE, SAY, WHO
from cyberbrief.drafting.people import NOT_A_NAME, is_title

_NOT_AN_OBJECT = "".join(rf"(?<!\b{p}\s)" for p in ("of", "for", "from", "at", "by", "with", "to"))
SAID_IN_SENTENCE = re.compile(
    rf"{_NOT_AN_OBJECT}{WHO}(?:\s+\([A-Z][^()]{{1,40}}\),?)?(?:,[^,“”\"]{{1,120}},)?\s+"
    rf"(?:(?:had|has)\s+)?{HEDGE}"
    rf"(?:{SAY})\b"
)
""""Mr Lobban, writing in the Times, warned that ... "a very real threat"; "Kaja Lehtinen
(Estonia), speaking for ..., said" (a delegate's country in brackets; a councillor's party and
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
