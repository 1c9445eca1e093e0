"""Entities a question describes by a noun phrase alone, without a relative clause: "the
EU's computer emergency team", "America's defence chief", "the Pacific Rim trade group".

A phrase starts at "the" or at a possessive and ends before a word like "at" or "about", at
the end of the question, or, when it is the subject of a question ("what did X say"), before
its verb; every length is tried, longest first. The entities nearest each phrase in meaning
are found in one pass over the stored entity vectors, for all of a question's phrases
together, and each is checked against the phrase by what the store says it is:

- the head noun ("alliance", "chief", "meeting") is what the entity is: said by the head of
  one of its names, its role or the head of its description (the launch *of* an alliance is
  no alliance), or a noun for its kind of entity;
- every name in the phrase (the possessive's owner "America's", capitalised words such as
  "Cambridge") is said by the entity's record: in words, through the thesaurus, or by another
  name of the same stored entity ("British" meets "United Kingdom", one of Britain's names);
  never by meaning alone (France is close to Britain in meaning);
- at least half of its other words are said by what the entity is, in words or close in
  meaning (:func:`cyberbrief.answers.verify.unsaid`).

The entity that says the most of the phrase resolves it. Two entities that say as much fit
about equally: nothing is resolved, and the question is answered (or refused) as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sqlite_utils

from cyberbrief.answers import roles
from cyberbrief.answers.described import (
    KIND_NOUNS,
    PEOPLE_ONLY,
    PERSON_NOUNS,
    WHAT_IT_IS,
    Resolved,
    names_in,
    says_name,
    stored_names,
)
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.neighbours import VectorIndex
from cyberbrief.answers.noun_phrases import ARTICLE, IN_CHARGE, Phrase, phrases
from cyberbrief.answers.place_names import PLACES, places_named
from cyberbrief.answers.textsearch import (
    CODE_OF,
    KIND_CODES,
    STOPWORDS,
    Weights,
    search,
    stems,
    terms,
    words,
)
from cyberbrief.answers.thesaurus import synonyms
from cyberbrief.answers.verify import BRIDGE, unsaid
from cyberbrief.knowledge.repository import Repository

NEAREST = 8
"""The entities nearest each phrase in meaning that are checked (a fixed number: no
per-store work)."""
SEARCHED = 24
"""Entities found by the phrases' words (full-text search) that are checked as well."""
ENTITY_KINDS = ("organisation", "person", "event", "initiative")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
"""A year asked about: who held an office then is the offices' (role history) to say."""
OWNER = re.compile(r"^.*?['’]s\s+")
"""The owner of an office a role names ("The Prime Minister's" special representative)."""


@dataclass(frozen=True)
class _Record:
    """What the store says an entity is (``what``) and everything it says of it (``all``)."""

    kind: str
    id: int
    heads: str
    what: str
    office: str
    """A person's organisation, where their office is: it may say the phrase's words (a
    director of cyber security), but says less than the person's own role and description."""
    all: str
    role: str
    place: str


def _record(repo: Repository, kind: str, entity_id: int) -> _Record | None:
    row = repo.entity(kind, entity_id)
    if row is None:
        return None
    label = repo.label(kind, entity_id)
    aliases = repo.aliases(kind, entity_id)
    description = getattr(row, "description", None) or ""
    role = getattr(row, "role", None) or ""
    head_of_description = WHAT_IT_IS.split(description)[0]
    heads = " ".join(WHAT_IT_IS.split(n)[0] for n in (label, *aliases))
    # The office a role names is its own, not its owner's: "The Prime Minister's special
    # representative" is a representative, no prime minister.
    role_head = WHAT_IT_IS.split(OWNER.sub("", role))[0]
    extra = [getattr(row, "location", None) or ""]
    organisation_id = getattr(row, "organisation_id", None)
    if organisation_id is not None:
        extra.append(repo.label("organisation", organisation_id))
    # A person's office is at their organisation: "Director" of the Office of Cyber Security.
    office = extra[-1] if kind == "person" and organisation_id is not None else ""
    return _Record(
        kind,
        entity_id,
        f"{heads} {role_head} {head_of_description}",
        f"{label} {' '.join(aliases)} {role} {head_of_description}",
        office,
        f"{label} {' '.join(aliases)} {role} {description} {' '.join(extra)}",
        role,
        extra[0],
    )


def _said_as_asked(record: _Record, noun: str) -> bool:
    """Whether what the entity is says the noun itself (or a synonym); an office written as
    its initials ("PM") in all its words ("Prime Minister")."""
    have = stems(roles.second_joined(record.heads))
    asked = terms(roles.ABBREVIATED.get(noun, noun))
    return bool(asked) and all(t.alternatives & have for t in asked)


def _head_fits(record: _Record, noun: str, meaning: Meaning) -> bool:
    """Whether the entity is the kind of thing the head noun says."""
    if noun in PERSON_NOUNS:
        return record.kind == "person"
    people_only = noun in PEOPLE_ONLY or bool(roles.role_nouns(noun))
    if people_only != (record.kind == "person"):
        return False  # "the alliance" is never its chief executive
    if any(noun in nouns for nouns in KIND_NOUNS.values()):
        return noun in KIND_NOUNS.get(record.kind, frozenset())
    if _said_as_asked(record, noun):
        return True
    if not people_only:
        return False  # (a noun must be said: a convention is no conference)
    held = set(roles.role_words(record.role))
    if noun in IN_CHARGE and held & IN_CHARGE:
        return True  # "America's defence chief": the US Defence Secretary
    if noun in roles.ANY_ROLE and (held & roles.ANY_ROLE or record.office):
        return True  # an envoy is a representative; anyone at an organisation speaks for it
    if roles.role_nouns(noun):
        return False  # an office is held as named, or as the same office (above)
    # An occupation in other words ("expert" / "professor"): close in meaning to what the
    # person is, never to what they did.
    among = sorted({w for w in words(record.heads) if w not in STOPWORDS and len(w) > 2})
    return bool(meaning.close_words([noun], among, BRIDGE))


def _strength(
    db: sqlite_utils.Database,
    repo: Repository,
    record: _Record,
    phrase: Phrase,
    meaning: Meaning,
    memo: dict[str, set[str]],
) -> int | None:
    """How much of the phrase the entity says (its head noun, names and other words), or
    None when it does not fit the phrase."""
    head_words = words(roles.second_joined(phrase.head))
    if not head_words or not _head_fits(record, head_words[-1], meaning):
        return None
    if not _places_said(phrase, record) or not _says_owner(db, repo, record, phrase, memo):
        return None  # "the french foreign minister" is not the UK's Foreign Secretary
    noun = head_words[-1]
    names = [tuple(w for w in name if w != noun) for name in phrase.names]
    names = [name for name in names if name]
    if not all(says_name(db, repo, record.all, name, memo) for name in names):
        return None  # (the noun of "the Paris Call" is no name it must say)
    # A name said by what the entity is ("a United Nations organization") says more than
    # one its description merely mentions ("like the UN").
    own = f"{record.what} {record.office} {record.place}"
    named_as_it_is = sum(says_name(db, repo, own, name, memo) for name in names)
    named = {w for name in phrase.names for w in name}
    others = [t for t in terms(" ".join(head_words[:-1])) if t.word not in named]
    if not all(
        says_name(db, repo, record.all, (t.word,), memo)
        for t in others
        if t.word not in PLACES and stored_names(db, repo, t.word, memo)
    ):
        return None  # a stored name typed in lower case ("cisco's") is a name all the same
    missing = unsaid(f"{record.what} {record.office}", others, meaning)
    if len(missing) * 2 > len(others):
        return None  # most of what the phrase says of it is not said
    # Said in the entity's own words counts twice what its organisation's name says, and a
    # noun said as it was asked more than one only meaning the same office.
    said = len(others) - len(unsaid(record.what, others))
    by_office = len(others) - len(unsaid(f"{record.what} {record.office}", others)) - said
    kind_only = any(noun in nouns for nouns in KIND_NOUNS.values())  # any body is a "body"
    as_asked = _said_as_asked(record, noun) and not kind_only
    return 4 * as_asked + len(names) + named_as_it_is + 2 * said + by_office


def _unnamed_places(phrase: Phrase) -> str:
    """The countries and continents a phrase writes in lower case ("the french foreign
    minister"): no name, so only the place check holds the entity to them."""
    named = {w for name in phrase.names for w in name}
    # ("us" in lower case is the pronoun as often as the country: never required.)
    return " ".join(w for w in words(phrase.head) if w in PLACES and w not in named | {"us"})


def _places_said(phrase: Phrase, record: _Record) -> bool:
    """Whether the entity says every country or continent the phrase writes in lower case
    (names, capitalised, are checked as names, by every name of the entity they name)."""
    return places_named(_unnamed_places(phrase), record.all)


def _says_owner(
    db: sqlite_utils.Database,
    repo: Repository,
    record: _Record,
    phrase: Phrase,
    memo: dict[str, set[str]],
) -> bool:
    """Whether the entity says whose the office is, when a possessive says it ("cisco's
    president" is nobody at another organisation), as a name or as a country."""
    owner = tuple(words(phrase.owner))
    return (
        not owner
        or says_name(db, repo, record.all, owner, memo)
        or (all(w in PLACES for w in owner) and places_named(phrase.owner, record.all))
    )


def _held_elsewhere(
    db: sqlite_utils.Database,
    repo: Repository,
    record: _Record,
    phrase: Phrase,
    memo: dict[str, set[str]],
) -> bool:
    """Whether the person holds the office the phrase names, in its own words, but for
    another country or organisation than the phrase's, named or written in lower case: "the
    Australian prime minister" is someone the store does not have, never the British one."""
    head_words = words(roles.second_joined(phrase.head))
    noun = head_words[-1] if head_words else ""
    if record.kind != "person" or not roles.role_nouns(noun) or not _said_as_asked(record, noun):
        return False
    names = [n for n in (tuple(w for w in name if w != noun) for name in phrase.names) if n]
    named = {w for name in phrase.names for w in name}
    places = set(words(_unnamed_places(phrase)))  # "the indian defence minister"
    others = [t for t in terms(" ".join(head_words[:-1])) if t.word not in named | places]
    if unsaid(record.what, others):
        return False
    if not _places_said(phrase, record):
        return True
    return bool(names) and not any(says_name(db, repo, record.all, name, memo) for name in names)


def _by_role(repo: Repository, phrase: Phrase) -> list[tuple[str, int]]:
    """People whose role holds the phrase's role noun, or another noun for the same office
    ("chief": a Defence Secretary): candidates the meaning of a long description may rank
    low, found in the store's roles instead."""
    noun = (words(phrase.head) or [""])[-1]
    nouns = set(roles.role_nouns(noun))
    if not nouns:
        return []
    nouns |= IN_CHARGE if noun in IN_CHARGE else set()
    nouns |= roles.ANY_ROLE if noun in roles.ANY_ROLE else set()
    return [("person", p.id) for p in repo.people_roles(role_words=sorted(nouns))]


def _people_only(phrase: Phrase) -> bool:
    """Whether only a person fits the phrase's head noun ("chief", "expert")."""
    noun = (words(phrase.head) or [""])[-1]
    return noun in PEOPLE_ONLY or noun in IN_CHARGE or bool(roles.role_nouns(noun))


def _owning_organisation(db: sqlite_utils.Database, phrase: Phrase) -> int | None:
    """The one stored organisation a name in the phrase is ("Cisco" of "the Cisco chief")."""
    found = {
        entity_id
        for name in phrase.names
        for kind, entity_id in names_in(db, " ".join(name))
        if kind == "organisation"
    }
    return found.pop() if len(found) == 1 else None


@dataclass(frozen=True)
class Unknown:
    """A description of something the store has never heard of ("Germany's defence
    minister"): the question cannot be answered from it, whatever else it names."""

    span: str


def _unheard_of(db: sqlite_utils.Database, phrase: Phrase, weights: Weights | None) -> bool:
    """Whether a name the phrase is owned by ("Germany" of "Germany's defence minister") is in
    no stored name and no record's words, nor in a synonym's (one full-text look-up)."""
    if not phrase.owner:
        return False
    asked = [phrase.owner, *synonyms(phrase.owner)]
    if any(names_in(db, name) for name in asked):
        return False
    return not any(search(db, name, limit=1, weights=weights) for name in asked)


def resolve_phrase(
    db: sqlite_utils.Database,
    repo: Repository,
    question: str,
    meaning: Meaning,
    index: VectorIndex,
    named: Callable[[str], bool] = lambda _: False,
    weights: Weights | None = None,
) -> Resolved | Unknown | None:
    """The entity a question describes by a noun phrase alone, when exactly one fits best;
    :class:`Unknown` when it describes something owned by a name the store never uses; and
    the organisation named, unresolved (``found`` False), when only a person fits the noun
    and nobody on record there does ("the Cisco chief"). ``weights``: the answerer's word
    weights (made anew otherwise, which counts every indexed record)."""
    candidates = [p for p in phrases(db, question) if not named(ARTICLE.sub("", p.span))]
    vectors = [
        meaning.vector(" ".join([*(" ".join(n) for n in p.names), p.head])) for p in candidates
    ]
    if not candidates or any(v is None for v in vectors):
        return None
    # By words too, in one full-text search for all the phrases: an entity whose long
    # description is far in meaning from a short phrase still says its noun and names.
    said = " ".join(dict.fromkeys(w for p in candidates for w in words(p.head)))
    searched = [(h.kind, h.id) for h in search(db, said, ENTITY_KINDS, SEARCHED, weights)]
    codes = tuple(sorted(CODE_OF[k] for k in ENTITY_KINDS))
    nearest = index.nearest_each(
        db, np.stack([v for v in vectors if v is not None]), codes, NEAREST
    )
    records: dict[tuple[str, int], _Record | None] = {}  # each entity read once
    named_as: dict[str, set[str]] = {}
    unfilled: Resolved | None = None
    offices = False
    for phrase, near in zip(candidates, nearest, strict=True):
        if _unheard_of(db, phrase, weights):
            return Unknown(phrase.span)
        scored: dict[tuple[str, int], int] = {}
        found = [(KIND_CODES[r % 8], r // 8) for r, _ in near]
        owner = _owning_organisation(db, phrase)
        staff = [] if owner is None else repo.people_roles(organisation_id=owner)
        name_words = {w for name in phrase.names for w in name}
        office = " ".join(
            w for w in words(phrase.head) if w not in name_words or roles.role_nouns(w)
        )  # "defence minister"; "CEO", capitalised, is an office all the same
        holders = roles.at_organisation(staff, office, owner, "") if owner is not None else []
        if holders and _people_only(phrase):
            if len(holders) == 1 and roles.role_nouns(office) and not _YEAR.search(question):
                # "when did the head of GCHQ warn ...": its one holder on record is asked
                # about (a lookup of the office is still the offices', saying as of when).
                return Resolved(phrase.span, repo.ref("person", holders[0].id))
            offices = True
            continue  # "Cisco's representative": an office at a named organisation, the offices'
        if owner is not None and _people_only(phrase) and " of the " in phrase.span.lower():
            offices = True
            continue  # "the head of the Home Office", held by nobody there: the offices'
        at = [("person", p.id) for p in staff]
        for entity in dict.fromkeys([*found, *_by_role(repo, phrase), *at, *searched]):
            if entity not in records:
                records[entity] = _record(repo, *entity)
            record = records[entity]
            if record is None:
                continue
            strength = _strength(db, repo, record, phrase, meaning, named_as)
            if phrase.extended and not stems(phrase.span.split()[-1]) & stems(record.all):
                continue  # "the US secretary of state call": "call" is no word of Clinton's
            if strength is not None:
                scored[entity] = strength
        if not scored:
            checked = [records.get(e) for e in dict.fromkeys([*found, *_by_role(repo, phrase)])]
            if owner is None and any(
                r is not None and _held_elsewhere(db, repo, r, phrase, named_as) for r in checked
            ):
                return Unknown(phrase.span)  # the office is on record, but not there
            if owner is not None and _people_only(phrase) and " of " not in phrase.span:
                # (the shortest phrase says it; "the head of X" is the offices' to refuse)
                # "the Cisco chief": the store has Cisco, and nobody on record is its chief
                unfilled = Resolved(phrase.span, repo.ref("organisation", owner), found=False)
            continue
        ranked = sorted(scored.items(), key=lambda es: -es[1])
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None  # two entities fit about equally: never one of them at random
        (kind, entity_id), _ = ranked[0]
        return Resolved(phrase.span, repo.ref(kind, entity_id))
    return None if offices else unfilled  # nobody there, unless the offices know who
