"""A verbatim record of a debate (Hansard and its kind): who speaks each paragraph.

A parliament's record heads each speech with a label, not quote marks: the office with the
holder in brackets ("The Minister for Security (Dan Harcourt):"), or the Member with their
seat and party ("Dr Helen Voss (Sevenoaks) (Con):"), and later the name alone ("Dr Voss:").
A speech runs on over the paragraphs after its label until the next label, a time stamp or
a line of procedure ("Question put and agreed to."). Every speech is its speaker's words,
questions included (an intervention is a Member's, not a reporter's). Pure functions over
the paragraphs; ``quotes.py`` writes the quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyberbrief.drafting.people import ROLE_NOUN, people_in, without_titles

_LABEL_WORDS = r"[A-Z][\w’'.-]*(?:\s+(?:(?:for|of|the|and|on|in)\s+)*[A-Z][\w’'.-]*){0,6}"
RECORD_LABEL = re.compile(
    rf"^(?P<label>{_LABEL_WORDS})(?P<brackets>(?:\s*\([^()]{{1,60}}\)){{1,2}}):\s+(?P<words>\S.*)$"
)
"""A speech's first label: "The Minister for Security (Dan Harcourt): I beg to move ...",
"Kieran Doyle (Glasgow South West) (SNP): Does the hon. Lady agree ...?"."""
NAME_LABEL = re.compile(r"^(?P<label>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}):\s+(?P<words>\S.*)$")
"""A later label, the name alone ("Dr Voss: I am grateful.")."""
_HONORIFIC = re.compile(r"^(?:Madam|Mr|Mister|Madame)\s+")
_ROLE_SPOKEN = re.compile(
    r"^As\s+(?:the\s+)?(?P<role>[^.;:]{3,80}?),\s+(?:I\b|let\s+me\b|may\s+I\b)"
)
"""A speech opening with the speaker's own role: "As the shadow security minister, let me
say ...", "As Chair of the Science, Innovation and Technology Committee, I welcome ..."."""
MIN_RUN_ON_WORDS = 8
"""A paragraph after a speech shorter than this is procedure ("Question put and agreed to.",
"Several hon. Members rose—"), not the speech running on."""


@dataclass(frozen=True)
class Speaker:
    """Who a first label names and the office it gives them ("" for a Member's label)."""

    name: str
    role: str


def record_speaker(paragraph: str) -> Speaker | None:
    """The person a record's first label names: the holder in brackets after an office
    ("Madam Deputy Speaker (Judith Okonkwo)" is Judith Okonkwo, Deputy Speaker), or the
    Member before their seat and party ("Dr Helen Voss (Sevenoaks) (Con)")."""
    found = RECORD_LABEL.match(paragraph)
    if not found:
        return None
    label = found["label"]
    for bracket in re.findall(r"\(([^()]+)\)", found["brackets"]):
        people = list(people_in(bracket))
        if len(people) == 1 and people[0].name == bracket.strip() and ROLE_NOUN.search(label):
            office = _HONORIFIC.sub("", re.sub(r"^The\s+", "", label))
            return Speaker(people[0].name, office)
    people = list(people_in(label))
    bare = without_titles(label)
    if len(people) == 1 and people[0].name in (label, bare) and found["brackets"].count("(") == 2:
        return Speaker(people[0].name, "")
    return None


def is_record(paragraphs: list[str]) -> bool:
    """Two first labels or more name people: a verbatim record, whose labels are speeches."""
    return sum(record_speaker(p) is not None for p in paragraphs) >= 2


def label_words(paragraph: str) -> tuple[str, str, int] | None:
    """A record paragraph's label, its words and where they start."""
    found = RECORD_LABEL.match(paragraph) or NAME_LABEL.match(paragraph)
    return (found["label"], found["words"], found.start("words")) if found else None


def spoken_role(words: str) -> str:
    """The role a speech gives its speaker in its first words ("As Chair of the ...
    Committee, I welcome"), when it holds a role noun; else ""."""
    found = _ROLE_SPOKEN.match(words)
    return found["role"] if found and ROLE_NOUN.search(found["role"]) else ""


def runs_on(paragraph: str) -> bool:
    """A paragraph with no label that continues the speech before it (quote marks in it say
    it is a writer's paragraph quoting someone)."""
    return (
        len(paragraph.split()) >= MIN_RUN_ON_WORDS
        and not NAME_LABEL.match(paragraph)
        and paragraph[:1] not in "[("  # "[The interview has been edited.]"
        and not any(mark in paragraph for mark in '"“”‘')
    )
