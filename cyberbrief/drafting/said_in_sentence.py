"""Who a sentence names as the subject of what was said: "X said" before a quote ("Mr
Lobban, writing in the Times, warned that ... "..."") with a whole name there (not the tail of
a longer run, not a name a preposition governs, not an item of a list of names); a full name
or one name opening a sentence that the draft does not know (a stranger a pronoun may mean);
and the byline, whose writer never is."""

from __future__ import annotations

import bisect
import re

from cyberbrief.drafting.attribution_patterns import (
    HEDGE,
    SAY,
    SOMEONE_INTRODUCED,
    SOMEONE_UNNAMED,
    WHO,
)
from cyberbrief.drafting.people import NOT_A_NAME, Run, is_name_word, is_title, people_in

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


BYLINE = re.compile(r"By\s+[A-Z][^.!?“”\"]{0,150}$")
"""A byline paragraph ("By Owen Bowcott, Legal Affairs Correspondent")."""
_ONE_NAME_SUBJECT = re.compile(rf",\s+who\b|\s+(?:also\s+)?(?:{SAY})\b")


def stranger(paragraph: str, run: Run) -> bool:
    """A sentence opening with a person's name the draft does not know ("Nnenna Nwakanma,
    a ... who has worked with ..., says"), or one name with "who" or a verb of saying
    after it ("Liis, who had slept four hours, ...", "Mark replied"): a pronoun after it
    may mean them, so it names nobody earlier. Names inside a sentence are too often
    institutions to count."""
    opens = not paragraph[: run.start].strip() or paragraph[: run.start].rstrip()[-1] in ".!?"
    if opens and " " not in run.text and is_name_word(run.text):
        # "Liis, who had slept four hours, was calmer": someone named by one name
        return _ONE_NAME_SUBJECT.match(paragraph, run.end) is not None
    return opens and any(p.start == 0 for p in people_in(run.text))


def someone_unnamed_since(
    text: str, mentions: list[tuple[int, str]], at: int, position: int
) -> bool:
    """A sentence between the last name (at ``at``) and ``position`` opens with someone
    unnamed ("a nurse from a Warsaw hospital watched ...", "The first caller, Dave from
    Gillingham, said"), its opening clause naming nobody in ``mentions``, or a clause brings
    one in ("is led by a civilian contractor who ..."): a pronoun may mean them."""
    if SOMEONE_INTRODUCED.search(text, at, position):
        return True
    for found in SOMEONE_UNNAMED.finditer(text, at, position):
        lead = found.span("lead") if found["lead"] else None
        if lead is None:
            return True
        first = bisect.bisect_left(mentions, (lead[0], ""))
        if not any(start < lead[1] for start, _ in mentions[first:]):
            return True
    return False
