"""Finding people by what they do: "head of GCHQ", "the American defense secretary".

A role question is answered only by a person whose role (and organisation) carries every
word that was asked, with everyday synonyms ("head" ~ chief, director; "American" ~ US;
"defense" ~ defence); a role nobody holds finds nobody, never someone nearby.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.repository import Repository
from cyberbrief.knowledge.rows import Officeholder, Person

ROLE_NOUNS = (
    "head|chief|chief executive|ceo|director|director general|founder|co-founder|leader|boss|"
    "chair|chairman|chairwoman|president|vice-president|vice president|minister|secretary|"
    "secretary general|professor|author|spokesperson|spokesman|spokeswoman|executive|"
    "representative|delegate|envoy|ambassador|commissioner|official|officer|supremo"
)
ROLE_OF = re.compile(
    rf"^(?P<role>(current |former |new )?({ROLE_NOUNS})) (of|at|for) (the )?(?P<org>.+?)"
    r"(?P<at> (at|during|in) (the )?.+)?$"
)
TITLE_WORDS = frozenset(ROLE_NOUNS.replace("|", " ").replace("-", " ").split()) | frozenset(
    "mr mrs ms dr prof baroness lady lord sir".split()
)
"""Words of titles and offices: a person is never named by them alone ("Secretary")."""
HEAD_WORDS = frozenset(
    {"head", "chief", "director", "leader", "chair", "chairman", "president", "supremo"}
    | {"secretarygeneral", "directorgeneral"}
)
"""A secretary general or director general heads their organisation (OSCE, NATO, ITU)."""
SYNONYMS: dict[str, frozenset[str]] = {
    "head": HEAD_WORDS,
    "boss": HEAD_WORDS,
    "leader": frozenset({"head", "chief", "director", "leader"}),
    "ceo": frozenset({"chief"}),
    "chairman": frozenset({"chair", "chairman"}),
    "chairwoman": frozenset({"chair", "chairwoman"}),
    "defense": frozenset({"defence", "defense"}),
    "american": frozenset({"us", "american"}),
    "america": frozenset({"us", "american"}),
    "us": frozenset({"us", "american"}),
    "british": frozenset({"uk", "british", "britain"}),
    "britain": frozenset({"uk", "british", "britain"}),
    "uk": frozenset({"uk", "british", "britain"}),
    "spokesman": frozenset({"spokesperson", "spokesman"}),
    "spokeswoman": frozenset({"spokesperson", "spokeswoman"}),
}
ANY_ROLE = frozenset({"representative", "delegate", "official", "envoy"})
"""Roles that anyone speaking for an organisation holds: they match whoever is on record there."""
PLACE_WORDS = frozenset({"us", "uk", "eu", "un", "china", "chinese", "russia", "russian"})
"""Words that say where a role is: they may be matched by the person's description too."""
FILLER = frozenset({"current", "former", "new", "of", "the", "and", "for", "s"})


_WHEN = re.compile(
    r"\s+(?:in|during|as of|by|back in)\s+(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?"
    r"(?:(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|spring|summer|autumn|fall|winter)\s+(?:of\s+)?)?(?:19|20)\d\d$"
)
"""A time at the end of a role as asked ("head of GCHQ in 2011", "in November 2011"): when
the role was held, not words of the role; the answer's dates must hold it (constraints)."""


def without_time(role_text: str) -> str:
    """The role as asked without the time it was asked for: "head of GCHQ in 2011" -> "head of
    GCHQ". The year stays in the question, where every answer is held to it."""
    return _WHEN.sub("", role_text.strip())


ABBREVIATED = {"pm": "prime minister", "ceo": "chief executive", "vp": "vice-president"}
"""Offices written as their initials: "the British PM" is the British prime minister."""
_ABBREVIATED = re.compile(r"\b(" + "|".join(ABBREVIATED) + r")\b")
SECONDS = ("vice", "deputy", "assistant", "under")
"""Words that make an office a second one: a vice-president is no president."""
_SECOND = re.compile(r"\b(" + "|".join(SECONDS) + r")[\s-]+(?=\w)")
_GENERAL = re.compile(r"\b(secretary|director)[\s-]+(?=general\b)")
""""Secretary General" is one office (not a secretary), written with a space or a hyphen."""


def second_joined(text: str) -> str:
    """``text`` with "vice", "deputy", "assistant" and "under" joined to the office after
    them ("Cisco vicepresident"), so a word-by-word check never finds a president in a
    vice-president."""
    return _SECOND.sub(r"\1", text.lower())


@functools.lru_cache(maxsize=50_000)
def _role_words(text: str) -> tuple[str, ...]:
    text = _ABBREVIATED.sub(lambda m: ABBREVIATED[m[1]], norm(text))
    text = _GENERAL.sub(r"\1", _SECOND.sub(r"\1", text))
    return tuple(w for w in re.split(r"[\s\-']+", text) if w and w not in FILLER)


def role_words(text: str) -> list[str]:
    """The words of a role as asked, without filler: "the UK's crime minister" -> uk crime...

    A vice-president is not a president: "vice", "deputy" and the like join the next word.
    """
    return list(_role_words(text))


def _has(word: str, words: set[str]) -> bool:
    return bool(words & SYNONYMS.get(word, frozenset({word})))


@dataclass(frozen=True)
class RoleMatch:
    person: Officeholder
    exact: bool
    """Every word of the person's role was asked for (nothing extra in it)."""


def holds(person: Officeholder, wanted: list[str], org_words: set[str]) -> bool:
    """Whether ``person``'s role, organisation and (for places) description carry ``wanted``."""
    role = set(role_words(person.role or ""))
    org = set(role_words(person.organisation)) | org_words
    described = set(role_words(person.description or ""))
    for word in wanted:
        if _has(word, role) or _has(word, org):
            continue
        if word in ANY_ROLE and person.organisation_id is not None:
            continue
        if (word in PLACE_WORDS or word in SYNONYMS) and _has(word, described):
            continue
        return False
    return True


_NOUNS = frozenset(role_words(ROLE_NOUNS.replace("|", " ")))


def role_nouns(role_text: str) -> list[str]:
    """The role nouns asked for, with their synonyms: what a holder's role must contain."""
    nouns: set[str] = set()
    for word in role_words(role_text):
        if word in _NOUNS:
            nouns |= SYNONYMS.get(word, frozenset({word}))
    # "vicepresident" as typed in a role is "vice-president" or "vice president", and
    # "secretarygeneral" "Secretary General" or "Secretary-General".
    joined = r"^(vice|deputy|assistant|under|secretary(?=general)|director(?=general))(?=\w)"
    return sorted(re.sub(joined, r"\1%", n) for n in nouns)


def by_role(people: list[Officeholder], role_text: str) -> list[RoleMatch]:
    """People whose role is ``role_text`` ("American defense secretary"), closest first."""
    wanted = role_words(role_text)
    if len(wanted) < 2 or not role_nouns(role_text):
        return []
    found = [
        RoleMatch(p, set(role_words(p.role or "")) <= set(wanted))
        for p in people
        if holds(p, wanted, set())
    ]
    found.sort(key=lambda m: (not m.exact, m.person.name))
    return found


def at_organisation(
    people: list[Officeholder], role_text: str, org_id: int | None, org_text: str
) -> list[Officeholder]:
    """People holding ``role_text`` at one organisation (by link or named in their role)."""
    wanted = role_words(role_text)
    found = []
    for person in people:
        if not holds(person, wanted, set()):
            continue
        linked = org_id is not None and person.organisation_id == org_id
        named = bool(org_text) and norm(org_text) in norm(person.role or "")
        if linked or named:
            found.append(person)
    return found


ROLE_ASKED = re.compile(
    r"^who\s+(?:is|was|are|were)\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^?]+)$", re.IGNORECASE
)
"""A who-question for the holder of an office ("who was the british foreign minister")."""


OFFICE_WORDS = 6
"""An office is named in a few words ("the british foreign minister"); more, or a clause
("the two defence secretaries who spoke at the forum"), describe people, not an office."""
_CLAUSE = re.compile(r"\b(?:who|whom|whose|that|which|where|when|while|\d+|two|three|both)\b")


def office_asked(question: str) -> list[str]:
    """The words of the office a who-question asks the holder of, or none."""
    m = ROLE_ASKED.match(question.strip().rstrip("?!. "))
    if m is None or not role_nouns(m["role"]) or _CLAUSE.search(m["role"].lower()):
        return []
    words = role_words(without_time(m["role"]))
    return words if len(words) <= OFFICE_WORDS else []


def holder(person: Person, role: str | None, organisation: str) -> Officeholder:
    """``person`` as the holder of ``role`` at ``organisation`` (their current role, or one
    they held before), for :func:`holds`."""
    return Officeholder(
        id=person.id,
        name=person.name,
        role=role,
        organisation_id=person.organisation_id,
        description=person.description,
        organisation=organisation,
    )


def person_holds(repo: Repository, person_id: int, wanted: list[str]) -> bool:
    """Whether the person holds a role carrying every word of ``wanted`` (see :func:`holds`)."""
    person = repo.person(person_id)
    if person is None:
        return False
    org_id = person.organisation_id
    organisation = repo.label("organisation", org_id) if org_id is not None else ""
    return holds(holder(person, person.role, organisation), wanted, set())
