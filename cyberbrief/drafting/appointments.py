"""Roles given by what happened to people rather than beside their name: an appointment
("X has appointed Y, a former head of ..., as its chief executive") and a plural shared by
two ("their defence ministers, A and B").
"""

from __future__ import annotations

import re

from cyberbrief.drafting.people import ROLE_NOUN, ROLE_NOUNS
from cyberbrief.drafting.roles import ROLE_PREFIX_STOP

_PLURAL_ROLE = re.compile(
    rf"(?:^|\s)(?P<role>(?:[a-z][\w-]*\s+){{0,3}}(?P<noun>(?i:{ROLE_NOUNS}))s),\s+"
    r"(?P<first>[A-Z][^,;:]{1,60}?\s+and\s+)?$"
)


def pair_role(before: str, after: str) -> str:
    """The one role two people share when a plural names them ("represented by their defence
    ministers, Antti Häkkänen and Tore O. Sandvik, both of whom ..."): in the singular, for
    the first (an "and" follows) and the second (the first and "and" are between)."""
    found = _PLURAL_ROLE.search(before)
    if not found or (not found["first"] and not re.match(r"\s+and\s+[A-Z]", after)):
        return ""
    words = found["role"][:-1].split()
    while words and words[0].lower() in ROLE_PREFIX_STOP:
        words = words[1:]  # "by their defence ministers"
    return " ".join(words)


_APPOINTER = re.compile(
    r"(?:^|[.!?]\s+)(?:[A-Z][^.!?,]{0,40},\s+)?(?:[Tt]he\s+)?(?P<org>[A-Z][\w’'&-]*"
    r"(?:\s+(?:of\s+|for\s+|and\s+|on\s+|the\s+)*[A-Z][\w’'&-]*){0,8}"
    r"(?:\s+(?:[a-z]+\s+)?(?:ministry|department|office|government|agency))?)"
    r"(?:\s*\([A-Z][\w&.-]{1,11}\))?"
    r"\s+(?:has\s+|have\s+|had\s+)?(?:appointed|named|chosen|elected|picked|selected|hired)\s+$"
)
_AS_ITS = re.compile(
    r"^(?:,[^,;:“”\"]{1,160},)?\s+as\s+(?:(?:its|their)\s+)?(?:new\s+)?(?P<role>[a-z][a-z -]{2,60}?"
    r"(?:\s+for\s+(?!(?:a|an|the|one|two|three|four|five|six|several|\d+)\b)[a-z][a-z -]{2,40}?)?)"
    r"(?=[,.;]|\s+(?:on|from|in|with|after|until|for|at)\b|$)"
)


def appointed_as(before: str, after: str) -> tuple[str, str]:
    """ "The International Cyber Security Protection Alliance (ICSPA) has appointed X, a
    former head of ..., as its chief executive": the role X holds now ("chief executive")
    and the body that appointed them, whose role it is; the apposition between is what X
    was before. Empty strings when the sentence says no such thing."""
    org = _APPOINTER.search(before)
    role = _AS_ITS.match(after) if org else None
    if not org or not role or not ROLE_NOUN.search(role["role"]):
        return "", ""
    return role["role"].strip(), org["org"]
