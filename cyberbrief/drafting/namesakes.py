"""People who share a surname ("Mette Jensen" and "Lars Jensen"): whom "Ms Jensen" means.

News copy that names two people with one surname tells them apart by full name, by role, or
by "Mr" and "Ms". The surname alone then means neither; "Ms Jensen" means the one woman among
them, known from a pronoun the article uses for her right after her full name ("Mette Jensen
said she would not comment"). Never a guess: no pronoun, or both kinds, and it is nobody.
"""

from __future__ import annotations

import re

from cyberbrief.drafting.people import people_in

_FEMALE = {"ms", "mrs", "miss", "madam", "dame", "lady", "baroness"}
_MALE = {"mr", "sir", "lord", "baron"}
_PRONOUN = re.compile(r"\b(?P<p>he|his|she)\b")
"""Subject pronouns and "his" ("her" may be anyone else's: "Lindqvist thanked her")."""
_CLAUSE = re.compile(r"[.!?;“”\"]")
"""A pronoun counts only before the sentence ends or a quote opens."""


def honorific_gender(reference: str) -> str | None:
    """ "f" for "Ms Jensen", "m" for "Mr. Jensen", None for "Jensen" or "Dr Jensen"."""
    first = reference.split()[0].rstrip(".").lower() if reference.split() else ""
    return "f" if first in _FEMALE else "m" if first in _MALE else None


def pronoun_genders(text: str, names: list[str]) -> dict[str, str]:
    """Each name's gender from the first pronoun after it in the same clause, when no other
    person is named between ("Lars Jensen said his analysts ..."); a name the article gives
    both kinds of pronoun is left out."""
    seen: dict[str, set[str]] = {}
    for name in names:
        for found in re.finditer(re.escape(name), text):
            rest = text[found.end() : found.end() + 160]
            stop = _CLAUSE.search(rest)
            clause = rest[: stop.start()] if stop else rest
            pronoun = _PRONOUN.search(clause)
            if not pronoun or any(True for _ in people_in(clause[: pronoun.start()])):
                continue
            kind = "f" if pronoun["p"] == "she" else "m"
            seen.setdefault(name, set()).add(kind)
    return {name: kinds.pop() for name, kinds in seen.items() if len(kinds) == 1}
