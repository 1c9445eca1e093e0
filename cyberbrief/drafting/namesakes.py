"""People who share a surname ("Mette Jensen" and "Lars Jensen"): whom "Ms Jensen" means.

News copy that names two people with one surname tells them apart by full name, by role, or
by "Mr" and "Ms". The surname alone then means neither; "Ms Jensen" means the one woman among
them, known from a pronoun the article uses for her right after her full name ("Mette Jensen
said she would not comment"). Never a guess: no pronoun, or both kinds, and it is nobody.
"""

from __future__ import annotations

import re

from cyberbrief.drafting.people import people_in, suffix_of, without_titles

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
            if not pronoun:
                kind = _next_subject(text, found.start(), found.end() + len(clause), stop)
                if kind:
                    seen.setdefault(name, set()).add(kind)
                continue
            if any(True for _ in people_in(clause[: pronoun.start()])):
                continue
            kinds = {"f" if p["p"] == "she" else "m" for p in _PRONOUN.finditer(clause)}
            if len(kinds) > 1:
                continue  # "X said she had answered every email he sent her": whose is whose?
            kind = "f" if pronoun["p"] == "she" else "m"
            seen.setdefault(name, set()).add(kind)
    return {name: kinds.pop() for name, kinds in seen.items() if len(kinds) == 1}


_SENTENCE_OPENS = re.compile(r"(?:^|\n|[.!?]\s+)$")
_NEXT_SUBJECT = re.compile(r"\.\s+(?P<p>He|She)\b")


def _next_subject(text: str, start: int, end: int, stop: re.Match[str] | None) -> str | None:
    """ "Margit Lindahl, the Swedish diplomat who ..., has died in Uppsala. She was 78.": a
    sentence that opens with the name and names nobody else, then one whose subject is "she",
    gives the name that pronoun (the obituary's and the profile's opening)."""
    if stop is None or stop.group() != "." or not _SENTENCE_OPENS.search(text[:start][-3:]):
        return None
    following = _NEXT_SUBJECT.match(text, end)
    if not following or len(list(people_in(text[start:end]))) > 1:
        return None
    return "f" if following["p"] == "She" else "m"


def namesakes(one: str, other: str) -> bool:
    """Two people, not two ways of writing one ("Mr Hague" or "William Jefferson Hague" beside
    "William Hague", as the store's aliases are): full names with different given names."""
    (one, one_suffix), (other, other_suffix) = suffix_of(one), suffix_of(other)
    a, b = without_titles(one).split(), without_titles(other).split()
    if one_suffix != other_suffix and len(a) >= 2 and len(b) >= 2:
        return True  # "Thomas Reyes Jr." and "Thomas Reyes Sr.": a son and his father
    return len(a) >= 2 and len(b) >= 2 and a[0].lower() != b[0].lower()


def two_people(one: str, other: str) -> bool:
    """Namesakes, and neither name the end of the other ("Sarah Myers West", "Myers West")."""
    a, b = one.lower(), other.lower()
    return namesakes(one, other) and not a.endswith(" " + b) and not b.endswith(" " + a)


KIN = re.compile(
    r"(?:\b[Hh]er|\b[Hh]is|(?<![\w'’-])[A-Z][\w'’-]*['’]s)\s+(?:(?:younger|older|elder|twin|late)\s+)?(?P<kin>brother|sister|"
    r"wife|husband|son|daughter|father|mother|niece|nephew|uncle|aunt),?\s+$"
)
"""Kinship right before a name: "Her younger brother, Joost Verbeek", "Reyes's sister, Maria
Reyes"."""
WOMEN = {"sister", "wife", "daughter", "mother", "niece", "aunt"}
"""Kin words for a woman; the others are a man's."""
