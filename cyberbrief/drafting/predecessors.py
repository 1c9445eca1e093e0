"""Roles a profile gives by reference to someone just named: a predecessor in their office
("his predecessor, Angela Duval,") and what the person last named retired as ("He retired in
1999 as deputy director of ...").

Both read "his" or "he" as the one person the sentence before named, which the drafter
(``article._Drafter.people``) tracks; when that sentence named two people, nobody is meant.
"""

from __future__ import annotations

import re

from cyberbrief.drafting.people import ROLE_NOUN

_PREDECESSOR_BEFORE = re.compile(r"\b(?:[Hh]is|[Hh]er)\s+(?:immediate\s+)?predecessor,\s+$")
_PREDECESSOR_AFTER = re.compile(r"^,\s+(?:his|her)\s+(?:immediate\s+)?predecessor\s*,")
_RETIRED_AS = re.compile(
    r"^(?:He|She)\s+(?:retired|stepped\s+down|served)\b(?:\s+(?:in|from)\s+\d{4})?"
    r"(?:\s+(?:from\s+the\s+agency|from\s+the\s+service))?\s+as\s+(?:the\s+)?"
    r"(?P<role>[^,.;:“”\"]{2,100}?)(?=,|;|\.(?:\s|$)|$|\s+(?:in|from|until|after|before)\s+\d)"
)
_UNRESOLVED = re.compile(r"\s+(?:of|at|for)\s+(?:the|its|their|his|her)\s+[a-z][\w-]*['’]s\b.*$")
"""Where a role goes on to refer back ("of the agency's signals intelligence directorate"):
cut, for a role must stand on its own."""


def is_predecessor(before: str, after: str) -> bool:
    """The name between ``before`` and ``after`` is introduced as someone's predecessor
    ("after his predecessor, Angela Duval, resigned"; "Angela Duval, her predecessor,")."""
    return bool(_PREDECESSOR_BEFORE.search(before) or _PREDECESSOR_AFTER.match(after))


def predecessor_role(holder_role: str) -> str:
    """The role of a predecessor of someone holding ``holder_role``: the same office, before
    ("former National Cyber Director"); "" when the holder's role is no office."""
    office = re.sub(
        r"^(?:former|new|acting|interim)\s+", "", holder_role.split(",")[0].strip(), flags=re.I
    )
    return f"former {office}" if ROLE_NOUN.search(office) else ""


def retired_as(sentence: str) -> str:
    """ "He retired in 1999 as deputy director of the agency's signals intelligence
    directorate": "former deputy director" (the role, cut where it refers back); ""."""
    found = _RETIRED_AS.match(sentence)
    if not found:
        return ""
    role = _UNRESOLVED.sub("", found["role"]).strip()
    return f"former {role}" if ROLE_NOUN.search(role) else ""
