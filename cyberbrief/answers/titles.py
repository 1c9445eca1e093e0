"""An office written before a person's name in a question: "what did Home Secretary James
Brokenshire say", "what did Foreign Secretary Liam Fox announce".

The office is part of who is asked about: a person on record in another office is not the
one the question means, however sure the name is. Brokenshire's record is of a Home Office
Minister for Crime and Security, not a Home Secretary; Fox was Defence Secretary, never
Foreign Secretary. The words of the office are checked against the person's roles (the one
on record and those held before) as a claim "was X the R" is (:func:`roles.holds`), and an
answer about a person in another office is refused, saying what offices are on record.

Only an office written as a title is a constraint: its noun capitalised ("Home Secretary
James Brokenshire"), or a question written all in lower case. A description in everyday
words ("Foreign Office chief William Hague") is a description, not a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlite_utils

from cyberbrief.answers.leads import DESCRIBED
from cyberbrief.answers.place_names import PLACES, places_named
from cyberbrief.answers.roles import holder, holds, role_nouns, role_words, without_time
from cyberbrief.answers.textsearch import STOPWORDS
from cyberbrief.knowledge.model import Answer, Ref, Status
from cyberbrief.knowledge.repository import Repository
from cyberbrief.knowledge.role_history import former_roles

TITLE_WORDS = 4
"""An office before a name is written in a few words ("US Defence Secretary")."""
_BREAK = re.compile(r"[,;:()\"“”!?]")
PLACE_LINKS = frozenset({"at", "in", "with"})


@dataclass(frozen=True)
class Title:
    """The office a question writes before a person's name."""

    person: Ref
    words: str


def _title_before(question: str, name: str) -> str:
    """The office written just before ``name`` in ``question`` (its last word a role noun),
    or ""."""
    m = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", question, re.IGNORECASE)
    if m is None:
        return ""
    before = _BREAK.split(question[: m.start()])[-1].split()
    title: list[str] = []
    for word in reversed(before[-TITLE_WORDS:]):
        plain = word.lower().strip("'’")
        if plain in STOPWORDS or plain.endswith(("'s", "’s")):
            break
        title.insert(0, word)
    if not title or not role_nouns(title[-1]):
        return ""
    written_lower = question == question.lower()
    return " ".join(title) if title[-1][:1].isupper() or written_lower else ""


def titles_asked(question: str, people: list[Ref], names_of: dict[Ref, list[str]]) -> list[Title]:
    """The offices ``question`` writes before the names of ``people`` (each person's
    longest name found first, so an alias with its title, "Vice President Biden", is a
    name, not a title)."""
    found = []
    for person in people:
        for name in sorted(names_of.get(person, []), key=len, reverse=True):
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", question, re.IGNORECASE):
                words = _title_before(question, name)
                if words:
                    found.append(Title(person, words))
                break
    return found


def title_held(db: sqlite_utils.Database, repo: Repository, title: Title) -> bool:
    """Whether the person holds, or held, an office carrying every word of the title."""
    person = repo.person(title.person.id)
    if person is None:
        return True  # nothing to check against
    wanted = [w for w in role_words(without_time(title.words)) if w not in PLACE_LINKS]
    org_id = person.organisation_id
    organisation = repo.label("organisation", org_id) if org_id is not None else ""
    held = [(person.role, organisation)] if person.role else []
    for former in former_roles(db, person.id):
        org = (
            repo.label("organisation", former.organisation_id)
            if former.organisation_id is not None
            else organisation
        )
        held.append((former.role, org))
    if not held:
        return True  # no office on record: nothing contradicts the title
    return any(holds(holder(person, role, org), wanted, set()) for role, org in held)


def hold_to_titles(
    db: sqlite_utils.Database, repo: Repository, titles: list[Title], answer: Answer
) -> Answer | None:
    """None when every title the question writes is an office its person held (or the
    answer is already a refusal); else the refusal that replaces ``answer``."""
    if answer.status is not Status.FOUND:
        return None
    wrong = [t for t in titles if not title_held(db, repo, t)]
    if not wrong:
        return None
    title = wrong[0]
    person = repo.person(title.person.id)
    role = person.role if person is not None and person.role else "another office"
    return Answer(
        Status.NOT_FOUND,
        answer.query,
        f"Nothing on record says {title.person.label} is or was {title.words}",
        summary=(
            f"The question asks about {title.words} {title.person.label}, but the record of "
            f"{title.person.label} is of {role}: it does not answer a question about that "
            "office."
        ),
        about=[title.person],
        kind=answer.kind,
    )


def _places_in(description: str) -> str:
    """The countries and continents a description writes, as a name or an adjective, in any
    case ("the German Home Office minister", "Fox's american counterpart"); "us" in lower
    case is the pronoun as often as the country, and is left out."""
    said = re.findall(r"[\w'’-]+", re.sub(r"['’]s\b", "", description))
    return " ".join(w.lower() for w in said if w.lower() in PLACES and w != "us")


def _record_of(repo: Repository, ref: Ref) -> str:
    """What the store says an entity is: its names, role, organisation and descriptions."""
    texts = [ref.label, *repo.names(ref.kind, ref.id)]
    row = repo.entity(ref.kind, ref.id)
    if row is not None:
        texts.append(row.description or "")
    person = repo.person(ref.id) if ref.kind == "person" else None
    if person is not None and person.role:
        texts.append(person.role)
    if person is not None and person.organisation_id is not None:
        org = repo.entity("organisation", person.organisation_id)
        texts += [repo.label("organisation", person.organisation_id)]
        texts += [org.description or ""] if org is not None else []
    return " ".join(texts)


def hold_to_described_country(repo: Repository, answer: Answer) -> Answer | None:
    """None unless a found answer resolved a description naming a country ("the Russian
    foreign minister", "Fox's American counterpart") to a person whose record names no such
    country; then the refusal that replaces it: the UK's Foreign Secretary is not the
    Russian foreign minister, however close the office."""
    if answer.status is not Status.FOUND:
        return None
    m = DESCRIBED.search(answer.lead or answer.title)
    if m is None:
        return None
    description, _, label = m.group().strip().strip("()").rpartition(": ")
    asked = _places_in(description)
    # An office is held for a country (a place a conference is in is said otherwise).
    refs = [
        r
        for r in [*answer.about, *answer.entities(), *answer.related]
        if r.label == label and r.kind == "person"
    ]
    if not asked or not refs or places_named(asked, _record_of(repo, refs[0])):
        return None
    place = asked.split()[0]
    return Answer(
        Status.NOT_FOUND,
        answer.query,
        f"Nothing on record says who {description[:1].lower()}{description[1:]} is",
        summary=(
            f"The closest record is of {label}, whose record names no {place.title()} office "
            "or tie: it does not answer a question about them."
        ),
        about=[refs[0]],
        kind=answer.kind,
    )
