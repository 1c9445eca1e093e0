"""How news copy names things, as patterns: an acronym defined in brackets beside its name
(either way round, or spelt out in lower case), the words that make a name an initiative, and
figures with their units; and finding the words of a name that its acronym spells.
"""

from __future__ import annotations

import re

from cyberbrief.drafting.people import NOT_A_NAME, ORG_WORDS

MAX_DESCRIPTION = 400
MAX_SENTENCE = 1500
"""Longer "sentences" are not prose (tables, runs of characters): not searched for names."""

_CAP = r"\b[A-Z][\w'’.&-]*"
_CONNECTOR = r"(?:of|for|and|the|on|de|du|in|to|&)"
ACRONYM_AFTER = re.compile(
    rf"(?P<name>{_CAP}(?:\s+(?:{_CAP}|{_CONNECTOR}))*)\s+\((?P<acronym>[A-Z][A-Za-z0-9-]{{1,10}})\)"
)
ACRONYM_BEFORE = re.compile(
    r"(?P<acronym>\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+|\b[A-Z]{2,10})\s+\((?P<name>[A-Z][^()]{5,100})\)"
)
ACRONYM_LOWER = re.compile(
    r"(?P<words>(?:\b[a-z][\w-]*\s+){1,8})\((?P<acronym>[A-Z][A-Za-z0-9-]{1,10})\)"
)
"""An acronym spelt out in lower case: "international telecommunication regulations (ITRs)"."""
INITIATIVE_WORDS = re.compile(
    r"\b(Regulations|Regulation|Directive|Act|Protocol|Agenda|Measures|Program|Programme|Declaration|Initiative|Strategy|Process|Convention|"
    r"Treaty|Summit|Goals|Framework|Action|Plan|Charter)\b"
)
_NUMBER_WORDS = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|hundred|a\s+hundred|a\s+thousand|dozens\s+of|hundreds\s+of|thousands\s+of|"
    r"millions\s+of"
)
_SPANS = r"(?:years|months|weeks|days|hours|minutes|decades|times|of\s+them|of\s+us|sons|daughters)"
"""Number words before these are spans of time or asides ("three years ago"), not figures."""
FIGURE = re.compile(
    r"([£$€¥]\s?\d[\d,.]*\s?(?:bn|m|k|billion|million|trillion|thousand)?|\b\d[\d,.]*\s?"
    r"(?:%|per ?cent|percent)|\b\d[\d,.]*\s+(?:billion|million|trillion)\b|\bone in \d+\b|"
    r"\b\d[\d,]*\s+(?:[A-Za-z-]+\s+){0,2}(?:nations|countries|states|member states|companies|"
    r"organi[sz]ations|people|users|attacks|incidents|computers|PCs|devices|victims|"
    r"agencies|delegates|participants|representatives)|"
    r"\b(?!(?:19|20)\d\d\b)\d(?:[\d,]*\d)?\s+(?:[a-z-]+\s+){0,2}[a-z]{3,}(?<!s)s\b|"
    r"\b\d[\d,.]*\s+(?:times|hours|days|weeks|months|years|terabytes|gigabytes|kilometres|km)"
    r"(?:\s+(?:a|an|each|every|per)\s+(?:day|week|month|year))?\b|"
    rf"(?<![\w-])(?i:{_NUMBER_WORDS})\s+(?!{_SPANS}\b)(?:[a-z-]+\s+){{0,2}}(?:[a-z-]{{3,}}s)\b)"
)
"""A figure with what it counts: "$114 billion", "45%", "193 member states", "1,000 times each
month", and in words: "five priority areas", "dozens of countries"."""


def lower_expansion(words: str, acronym: str) -> str:
    """The words before "(ITRs)" whose initials spell it, capitalised as a name ("International
    Telecommunication Regulations"); "" when they do not spell it."""
    letters = re.sub(r"[^A-Z]", "", acronym)
    tail: list[str] = []
    initials = ""
    for word in reversed(words.split()):
        tail.insert(0, word)
        if word in ("of", "for", "and", "on", "the", "in", "to"):
            continue
        initials = word[0].upper() + initials
        if len(initials) >= len(letters):
            break
    if initials != letters or not tail or tail[0] in ("of", "for", "and", "on", "the"):
        return ""
    connectors = ("of", "for", "and", "on", "the", "in", "to")
    return " ".join(w if w in connectors else w[0].upper() + w[1:] for w in tail)


def trim_name(name: str, acronym: str) -> str:
    """The shortest tail of ``name`` whose capitals spell the acronym ("the launch of the
    International ... Alliance (ICSPA)" -> "International ... Alliance")."""
    words = name.split()
    letters = re.sub(r"[^A-Z]", "", acronym)
    for start in range(len(words)):
        tail = words[start:]
        if tail[0][0].islower() or tail[0] in NOT_A_NAME:
            continue
        initials = "".join(re.findall(r"(?:^|[\s-])([A-Z])", " ".join(tail)))
        if initials.startswith(letters[:2]) and len(tail) >= max(len(letters) - 2, 1):
            return " ".join(tail).strip(" ,")
    # an acronym kept from an older name ("European Union Agency for Cybersecurity (ENISA)"):
    # the whole name, when it is an institution's and starts with the acronym's letter
    while words and words[0] in NOT_A_NAME:
        words = words[1:]
    if len(words) >= 2 and words[0][:1] == letters[:1] and ORG_WORDS.intersection(words):
        return " ".join(words).strip(" ,")
    return ""
