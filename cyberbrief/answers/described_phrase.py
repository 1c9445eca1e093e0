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
    MIN_WORDS,
    PEOPLE_ONLY,
    PERSON_NOUNS,
    WHAT_IT_IS,
    Resolved,
    names_in,
)
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.neighbours import VectorIndex
from cyberbrief.answers.textsearch import (
    CODE_OF,
    KIND_CODES,
    STOPWORDS,
    search,
    stems,
    terms,
    words,
)
from cyberbrief.answers.thesaurus import synonyms
from cyberbrief.answers.verify import BRIDGE, unsaid
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.repository import Repository

PHRASE_START = re.compile(r"\b(?:the|(?P<owner>[\w-]+)['’]s)\s", re.IGNORECASE)
"""Where a noun phrase that may describe one entity starts: "the" ("the London cyber
meeting") or a possessive ("Britain's signals intelligence agency"); "an international
conference" is any conference, no one entity."""
PHRASE_WORDS = 4
"""A described entity's noun phrase is at most this many words after its start."""
AUXILIARIES = frozenset("did does do has have had will would can could should".split())
"""Words after which a question's subject comes, then its verb ("what did <the alliance's
chief> say"): a phrase there may end before any word but a noun of what an entity is. (After
"is" or "was" a noun phrase comes, with no verb to end it: "what is the EU's cyber budget".)"""
PASSIVE = re.compile(r"^(?:is|are|was|were)$", re.IGNORECASE)
"""After these, a subject may end before a participle that ends the question ("when was
the man facing extradition arrested")."""
NEAREST = 8
"""The entities nearest each phrase in meaning that are checked (a fixed number: no
per-store work)."""
SEARCHED = 24
"""Entities found by the phrases' words (full-text search) that are checked as well."""
ENTITY_KINDS = ("organisation", "person", "event", "initiative")
IN_CHARGE = roles.HEAD_WORDS | {"boss", "minister", "secretary"}
"""Nouns for whoever holds the top office of a ministry, agency or company, which countries
and organisations name differently (a defence minister is the Defence Secretary in Britain
and the US; a chief is a head): one fits another when the rest of the phrase (the field,
the country) is said."""
NOT_INSIDE = frozenset(
    "a an the that which who whom whose where when at in on to for from with by about "
    "is are was were be".split()
)
"""Words never inside a short noun phrase ("the secretary of state" has "of"): they start
another phrase or a clause (relative clauses are :mod:`.described`'s)."""
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


@dataclass(frozen=True)
class Phrase:
    """One candidate noun phrase of a question."""

    span: str
    """The question's words, as written ("America's defence chief")."""
    head: str
    """Its words with an "of" turned round ("secretary of state": "state secretary")."""
    names: tuple[tuple[str, ...], ...]
    """Names it holds (the owner, runs of capitalised words), each as its words."""
    owner: str = ""
    """The name of a possessive it starts with ("germany" of "Germany's defence minister")."""


def _names(owner: str, span_words: list[str], first: bool) -> tuple[tuple[str, ...], ...]:
    """The possessive's owner and the runs of capitalised words ("Pacific Rim"); the
    question's first word is capitalised for no reason."""
    runs: list[list[str]] = [[owner]] if owner and (owner[0].isupper() or owner.isupper()) else []
    current: list[str] = []
    for i, word in enumerate(span_words):
        bare = _POSSESSIVE.sub("", word)
        if bare[:1].isupper() and not (first and i == 0):
            current.append(bare)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return tuple(tuple(w.lower() for w in run) for run in runs)


def _noun_of_what_it_is(word: str) -> bool:
    """A noun that says what an entity is (a role, a person, a kind of entity)."""
    return (
        word in PERSON_NOUNS
        or word in PEOPLE_ONLY
        or word in IN_CHARGE
        or bool(roles.role_nouns(word))
        or any(word in nouns for nouns in KIND_NOUNS.values())
    )


def _verb(word: str) -> bool:
    """Whether a question's subject may end before ``word`` (its verb, as far as can be told
    without a grammar): not before a noun of what an entity is ("America's defence | chief")."""
    return not _noun_of_what_it_is(word)


def _ends_in_name(db: sqlite_utils.Database, span_words: list[str]) -> bool:
    """Whether the phrase ends in a stored name ("the London Conference", "the Shangri-La
    Dialogue"): the name matcher's. A name that only qualifies the noun ("the Cambridge
    security expert") leaves the phrase a description."""
    split = norm(" ".join(span_words)).split()
    ends = [" ".join(split[-n:]) for n in range(1, len(split) + 1)]
    marks = ", ".join("?" for _ in ends)
    row = db.conn.execute(
        f"SELECT 1 FROM names WHERE norm IN ({marks}) AND type != 'surname' LIMIT 1", ends
    ).fetchone()
    return row is not None


def phrases(db: sqlite_utils.Database, question: str) -> list[Phrase]:
    """The question's candidate noun phrases, longest first from each start."""
    text = question.strip().rstrip("?!. ")
    found: list[Phrase] = []
    for start in PHRASE_START.finditer(text):
        before = text[: start.start()].split()
        subject = bool(before) and before[-1].lower() in AUXILIARIES
        passive = bool(before) and bool(PASSIVE.match(before[-1]))
        after = text[start.end() :].split()
        owner = start["owner"] or ""
        for n in range(min(PHRASE_WORDS, len(after)), 0, -1):
            span_words = after[:n]
            following = after[n].lower() if n < len(after) else ""
            owning = bool(_POSSESSIVE.search(span_words[-1]))
            if owning:  # "Britain's spy agency|'s boss": the owner is resolved first
                span_words = [*span_words[:-1], _POSSESSIVE.sub("", span_words[-1])]
            last = span_words[-1].lower()
            if last in STOPWORDS or following == "of":
                continue
            ends = not following or following in STOPWORDS or owning
            participle = passive and n == len(after) - 1 and following.endswith("ed")
            if not ends and not ((subject or participle) and _verb(following)):
                continue  # a noun phrase ends before a word like "at", or at the end
            if any(w.lower() in NOT_INSIDE for w in span_words):
                continue  # "the ICSPA a for-profit", "the agency that facilitates": no noun phrase
            words_ = " ".join([owner, *(_POSSESSIVE.sub("", w) for w in span_words)]).strip()
            head, _, of = words_.partition(" of ")
            head = f"{of} {head}".strip()
            if (
                len(terms(words_)) < MIN_WORDS
                or _ends_in_name(db, span_words)
                or any(c.isdigit() for c in words_)
            ):
                continue  # a stored name is the name matcher's; a year, a constraint's
            span = text[start.start() : start.end()] + " ".join(span_words)
            names = _names(owner, span_words, not before and not owner)
            named_owner = owner.lower() if names and names[0] == (owner.lower(),) else ""
            found.append(Phrase(span, head, names, named_owner))
    return found


@dataclass(frozen=True)
class _Record:
    """What the store says an entity is (``what``) and everything it says of it (``all``)."""

    kind: str
    id: int
    heads: str
    what: str
    all: str
    role: str


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
    extra = [getattr(row, "location", None) or "", getattr(row, "organisation", None) or ""]
    organisation_id = getattr(row, "organisation_id", None)
    if organisation_id is not None:
        extra.append(repo.label("organisation", organisation_id))
    return _Record(
        kind,
        entity_id,
        f"{heads} {role} {head_of_description}",
        f"{label} {' '.join(aliases)} {role} {head_of_description}",
        f"{label} {' '.join(aliases)} {role} {description} {' '.join(extra)}",
        role,
    )


def _head_fits(record: _Record, noun: str, meaning: Meaning) -> bool:
    """Whether the entity is the kind of thing the head noun says."""
    if noun in PERSON_NOUNS:
        return record.kind == "person"
    people_only = noun in PEOPLE_ONLY or bool(roles.role_nouns(noun))
    if people_only != (record.kind == "person"):
        return False  # "the alliance" is never its chief executive
    if any(noun in nouns for nouns in KIND_NOUNS.values()):
        return noun in KIND_NOUNS.get(record.kind, frozenset())
    wanted = {a for t in terms(noun) for a in t.alternatives}
    if wanted & stems(record.heads):
        return True
    if not people_only:
        return False  # (a noun must be said: a convention is no conference)
    held = set(roles.role_words(record.role))
    if noun in IN_CHARGE and held & IN_CHARGE:
        return True  # "America's defence chief": the US Defence Secretary
    if noun in roles.ANY_ROLE and held & roles.ANY_ROLE:
        return True  # an envoy is a representative
    # An occupation in other words ("expert" / "professor"): close in meaning to what the
    # person is, never to what they did.
    among = sorted({w for w in words(record.heads) if w not in STOPWORDS and len(w) > 2})
    return bool(meaning.close_words([noun], among, BRIDGE))


def _entity_names(
    db: sqlite_utils.Database, repo: Repository, name: str, memo: dict[str, set[str]]
) -> set[str]:
    """Every stored name of the entities ``name`` (or a thesaurus synonym of it) names
    (looked up once per question: ``memo``)."""
    if name in memo:
        return memo[name]
    asked = {name, *(s for w in name.split() for s in synonyms(w))}
    found: set[str] = set()
    for text in asked:
        for kind, entity_id in names_in(db, text):
            found.update(norm(n) for n in repo.names(kind, entity_id))
    memo[name] = {n for n in found if n}
    return memo[name]


def _says_name(
    db: sqlite_utils.Database,
    repo: Repository,
    record: _Record,
    name: tuple[str, ...],
    memo: dict[str, set[str]],
) -> bool:
    """Whether the record says the name: one of its words ("Pacific" of "Pacific Rim"), in
    words or through the thesaurus, or another name of the entity it names."""
    have = stems(record.all)
    if any({a for t in terms(w) for a in t.alternatives} & have for w in name):
        return True
    text = f" {norm(record.all)} "
    return any(f" {n} " in text for n in _entity_names(db, repo, " ".join(name), memo))


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
    head_words = words(phrase.head)
    if not head_words or not _head_fits(record, head_words[-1], meaning):
        return None
    noun = head_words[-1]
    names = [tuple(w for w in name if w != noun) for name in phrase.names]
    if not all(_says_name(db, repo, record, name, memo) for name in names if name):
        return None  # (the noun of "the Paris Call" is no name it must say)
    named = {w for name in phrase.names for w in name}
    others = [t for t in terms(" ".join(head_words[:-1])) if t.word not in named]
    missing = unsaid(record.what, others, meaning)
    if len(missing) * 2 > len(others):
        return None  # most of what the phrase says of it is not said
    return 1 + len(phrase.names) + len(others) - len(unsaid(record.what, others))


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


@dataclass(frozen=True)
class Unknown:
    """A description of something the store has never heard of ("Germany's defence
    minister"): the question cannot be answered from it, whatever else it names."""

    span: str


def _unheard_of(db: sqlite_utils.Database, phrase: Phrase) -> bool:
    """Whether a name the phrase is owned by ("Germany" of "Germany's defence minister") is in
    no stored name and no record's words, nor in a synonym's (one full-text look-up)."""
    if not phrase.owner:
        return False
    asked = [phrase.owner, *synonyms(phrase.owner)]
    if any(names_in(db, name) for name in asked):
        return False
    return not any(search(db, name, limit=1) for name in asked)


def resolve_phrase(
    db: sqlite_utils.Database,
    repo: Repository,
    question: str,
    meaning: Meaning,
    index: VectorIndex,
    named: Callable[[str], bool] = lambda _: False,
) -> Resolved | Unknown | None:
    """The entity a question describes by a noun phrase alone, when exactly one fits best;
    :class:`Unknown` when it describes something owned by a name the store never uses."""
    candidates = [p for p in phrases(db, question) if not named(_ARTICLE.sub("", p.span))]
    vectors = [
        meaning.vector(" ".join([*(" ".join(n) for n in p.names), p.head])) for p in candidates
    ]
    if not candidates or any(v is None for v in vectors):
        return None
    # By words too, in one full-text search for all the phrases: an entity whose long
    # description is far in meaning from a short phrase still says its noun and names.
    said = " ".join(dict.fromkeys(w for p in candidates for w in words(p.head)))
    searched = [(h.kind, h.id) for h in search(db, said, ENTITY_KINDS, limit=SEARCHED)]
    codes = tuple(sorted(CODE_OF[k] for k in ENTITY_KINDS))
    nearest = index.nearest_each(
        db, np.stack([v for v in vectors if v is not None]), codes, NEAREST
    )
    records: dict[tuple[str, int], _Record | None] = {}  # each entity read once
    named_as: dict[str, set[str]] = {}
    for phrase, near in zip(candidates, nearest, strict=True):
        if _unheard_of(db, phrase):
            return Unknown(phrase.span)
        scored: dict[tuple[str, int], int] = {}
        found = [(KIND_CODES[r % 8], r // 8) for r, _ in near]
        for entity in dict.fromkeys([*found, *_by_role(repo, phrase), *searched]):
            if entity not in records:
                records[entity] = _record(repo, *entity)
            record = records[entity]
            if record is None:
                continue
            strength = _strength(db, repo, record, phrase, meaning, named_as)
            if strength is not None:
                scored[entity] = strength
        if not scored:
            continue
        ranked = sorted(scored.items(), key=lambda es: -es[1])
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None  # two entities fit about equally: never one of them at random
        (kind, entity_id), _ = ranked[0]
        return Resolved(phrase.span, repo.ref(kind, entity_id))
    return None
