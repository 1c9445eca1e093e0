"""Entities a question describes instead of naming: "the alliance that works with Europol",
"the conference that Hillary Clinton was due to attend", "the man who delivered Clinton's
speech".

Two steps. First the description is resolved: records that say everything its clause says
are found by full-text search, and the entities they name are kept when they fit the head
noun ("alliance", "conference", "man") and are not themselves named in the clause (the
alliance that works with Europol is not Europol). Then the question is asked again with the
entity's name in place of the description, and answered (or refused) as any other question.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import sqlite_utils

from cyberbrief.answers import roles
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.relations import related_person
from cyberbrief.answers.support_dates import is_saying_verb
from cyberbrief.answers.textsearch import STOPWORDS, Hit, Weights, search, stems, terms, words
from cyberbrief.answers.thesaurus import synonyms
from cyberbrief.answers.verify import BRIDGE, says_most
from cyberbrief.knowledge.model import Ref
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.repository import Repository

DESCRIPTION = re.compile(
    r"\b(?P<article>the|a|an) (?P<head>(?:(?!(?:the|a|an|of) )[\w'’-]+ ){0,3}?[\w'’-]+) "
    r"(?P<rel>(?=[a-z]+ed by\s)|(?:(?:at|in|on|to|for|from|with|by|during) (?:which|whom)|"
    r"that|which|who|whom|whose|where|set up|formed|founded|"
    r"created|established|launched|tasked|charged|responsible|based)(?=\s))\s?(?P<clause>.+)$",
    re.IGNORECASE,
)
"""A description: an article, a head noun (with up to three words before it) and a relative
clause (its pronoun after a preposition: "the conference at which Jimmy Wales spoke") or a
participle with its agent ("the conference convened by William Hague"), to the end of the
question (shorter variants are tried as well)."""
CONTACT = re.compile(
    r"\b(?P<article>the) (?P<head>(?-i:[a-z][\w'’-]*)(?: (?-i:[a-z][\w'’-]*)){0,2}) "
    r"(?P<rel>)(?P<clause>(?-i:[A-Z])[\w'’-]+ .+)$",
    re.IGNORECASE,
)
"""A description by a clause without its "that" or "whom": a head noun, then a name that is
the clause's subject ("the conference Jimmy Wales spoke at", "the man Lyons gave as an
example")."""
PERSON_NOUNS = frozenset("man woman person people figure speaker".split())
"""Head nouns any person fits. A person noun that says more ("journalist", "academic",
a role) must be in the person's role or description: see :func:`fits`."""
PEOPLE_ONLY = frozenset(
    "politician official expert academic journalist hacker author professor".split()
)
"""Head nouns only a person fits, when their role or description says so."""
KIND_NOUNS = {
    "organisation": frozenset("organisation organization body group institution".split()),
    "event": frozenset("event meeting".split()),
}
"""Head nouns that say only the kind of entity; any other noun ("alliance", "agency",
"forum") must be in the entity's name or description (or a synonym of it)."""
WHAT_IT_IS = re.compile(
    r"[;,:.(]|(?<![\w-])(?:who|which|that|whose|formed|created|tasked|with|on|of|from|for|"
    r"about|against|at|in)(?![\w-])"
)
"""Where a description stops saying what its entity is (its head noun phrase: "Two-day
international conference") and starts saying what it did or what it is about ("on the
threat from cyber-security attacks")."""


def beyond_what_it_is(description: str) -> str:
    """What a description says beyond what its entity is: "whose 2011 survey put the annual
    cost of cyber crime to individuals ..." without "Security company". What an entity is
    does not qualify a figure it reports (a security company's figure is no cost to
    businesses)."""
    head = WHAT_IT_IS.split(description, maxsplit=1)[0]
    return description[len(head) :]


AUXILIARY_BEFORE = re.compile(
    r"\b(?:do|does|did|will|would|can|could|should|has|have|had)\s+"
    r"(?:(?:the|a|an|its|his|her|their)\s.*\bof\s+)?$",
    re.IGNORECASE,
)
"""An auxiliary before a description, with nothing or a noun phrase of it between ("what did
[the chief of] <the alliance that ...> say"; not "who will fund <the alliance ...>", nor
"what did the prime minister tell <the conference that ...>", its object): the description
is in the question's subject, and the question's own verb follows it."""
OWN_VERBS = frozenset("have has had do does did be been".split())
"""Small verbs a question about a described subject may end on ("what role did <the woman
who ...> have"): its own verb, after the description."""
RECORDS = 12
"""Full-text search's best records read for a description (a fixed number: no per-store work)."""
SHORTER = 6
"""Up to this many trailing words of the clause may belong to the main question instead
("what did the man who delivered Clinton's speech *warn against*")."""
MAX_NGRAM = 7
MIN_WORDS = 2
"""One word does not describe an entity: "the alliance that works" is not resolved."""


@dataclass(frozen=True)
class Resolved:
    """A description and the entity it resolved to."""

    span: str
    """The words of the question that describe the entity."""
    ref: Ref
    found: bool = True
    """False: the description was understood but the store cannot tell who it is; ``ref``
    is then the entity it is described by ("Lobban" in "Lobban's successor")."""


def names_in(db: sqlite_utils.Database, text: str) -> list[tuple[str, int]]:
    """Entities whose stored name (not a bare surname) is written in ``text``, in order."""
    split = norm(text).split()
    grams = {
        " ".join(split[i : i + n])
        for n in range(1, MAX_NGRAM + 1)
        for i in range(len(split) - n + 1)
    }
    if not grams:
        return []
    marks = ", ".join("?" for _ in grams)
    rows = db.conn.execute(
        f"SELECT DISTINCT kind, entity_id FROM names WHERE norm IN ({marks}) AND type != 'surname'",
        sorted(grams),
    ).fetchall()
    return [(str(k), int(i)) for k, i in rows]


def surnamed_in(db: sqlite_utils.Database, text: str) -> set[tuple[str, int]]:
    """People whose surname alone is written in ``text`` ("McKinnon's case"): no name to
    look up by (a surname may be another's word too), but never who a clause about them
    describes ("the man who cited McKinnon's case" is not McKinnon)."""
    split = sorted(set(norm(re.sub(r"['’]s\b", "", text)).split()))
    if not split:
        return set()
    marks = ", ".join("?" for _ in split)
    rows = db.conn.execute(
        f"SELECT DISTINCT kind, entity_id FROM names WHERE norm IN ({marks}) AND type = 'surname'",
        split,
    ).fetchall()
    return {(str(k), int(i)) for k, i in rows}


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


def stored_names(
    db: sqlite_utils.Database, repo: Repository, name: str, memo: dict[str, set[str]]
) -> set[str]:
    """Every stored name of the entities ``name`` names, however it was typed: empty when
    it names none (looked up once per question: ``memo``)."""
    return _entity_names(db, repo, name, memo)


def says_name(
    db: sqlite_utils.Database,
    repo: Repository,
    said: str,
    name: tuple[str, ...],
    memo: dict[str, set[str]],
) -> bool:
    """Whether ``said`` says the name: one of its words ("Pacific" of "Pacific Rim"), in
    words or through the thesaurus, or another name of the entity it names ("British" is
    said by "UK", a name of the same stored entity); never by meaning alone (France is
    close to Britain in meaning)."""
    have = stems(said)
    if any({a for t in terms(w) for a in t.alternatives} & have for w in name):
        return True
    text = f" {norm(said)} "
    return any(f" {n} " in text for n in _entity_names(db, repo, " ".join(name), memo))


def clause_names(kept: list[str]) -> list[tuple[str, ...]]:
    """The capitalised words of a description's clause ("Japanese" of "convened by the
    Japanese foreign minister"), each a name its record must say."""
    bare = (re.sub(r"['’]s?$", "", w) for w in kept)
    return [(w.lower(),) for w in bare if w[:1].isupper() and terms(w)]


def fits(
    repo: Repository,
    kind: str,
    entity_id: int,
    head: str,
    meaning: Meaning | None = None,
    close_head: bool = True,
) -> bool:
    """Whether the entity is the kind of thing the head noun says ("the alliance"); with
    ``meaning``, a word of its name, role or description close to the noun in meaning also
    says so ("nonprofit" / "not-for-profit", "official" / "minister"), unless ``close_head``
    is False (then only the other words of ``head`` may be said in other words)."""
    noun = words(head)[-1] if words(head) else ""
    if noun in PERSON_NOUNS:
        return kind == "person"
    people_only = noun in PEOPLE_ONLY or bool(roles.role_nouns(noun))
    if people_only != (kind == "person"):
        return False  # "the alliance" is never its chief executive
    row = repo.entity(kind, entity_id)
    # What the entity is: its name, its role and the head of its description ("UK
    # intelligence agency, headed by ..."), never what the rest of the description says it
    # did: GCHQ "warned that cyberattacks ..." is no attack, Symantec's "2011 survey" no survey.
    description = getattr(row, "description", None) or ""
    what = " ".join(s for s in (getattr(row, "role", None), WHAT_IT_IS.split(description)[0]) if s)
    qualifiers = terms(" ".join(words(head)[:-1]))
    is_said = f"{repo.label(kind, entity_id)} {what}"
    is_said += " " + " ".join(initials(is_said))  # "A United Nations organization": "UN"
    if qualifiers and not says_most(is_said, qualifiers, meaning):
        return False  # "the not-for-profit body" is not the European police agency
    if any(noun in nouns for nouns in KIND_NOUNS.values()):
        return noun in KIND_NOUNS.get(kind, frozenset())
    wanted = {a for t in terms(noun) for a in t.alternatives}
    # The head of its name says what it is: the "Launch of the ... Alliance" is no alliance.
    named_as = WHAT_IT_IS.split(repo.label(kind, entity_id))[0]
    if wanted & stems(f"{named_as} {what}"):
        return True
    if meaning is None or not close_head:
        return False  # (a noun phrase alone must say its noun: a convention is no conference)
    # Only what the entity is is compared in meaning: the rest says what it did, whose
    # words are close to many nouns ("journalist" / "news").
    among = sorted({w for w in words(what) if w not in STOPWORDS and len(w) > 2})
    return bool(meaning.close_words([noun], among, BRIDGE))


def initials(text: str) -> list[str]:
    """The initials of each run of two or more capitalised words in ``text`` ("UN" of
    "United Nations", "EU" of "European Union"): what an acronym of a qualifier says."""
    runs = re.findall(r"(?:\b[A-Z][a-z]+(?:\s+|$)){2,}", text)
    return ["".join(w[0] for w in run.split()) for run in runs]


def _says_all(text: str, clause: str) -> bool:
    """The record says every content word of the clause (or a synonym)."""
    have = stems(text)
    return all(t.alternatives & have for t in terms(clause))


def record_entities(db: sqlite_utils.Database, repo: Repository, hit: Hit) -> list[tuple[str, int]]:
    """The entities a record is by or about: itself, those it mentions, its speaker, and
    those it names in its text."""
    own: list[tuple[str, int]] = []
    if hit.kind == "fact":
        own = repo.mentioned("fact", hit.id)
    elif hit.kind == "quote":
        quote = repo.quote(hit.id)
        own = [(quote.speaker_kind, quote.speaker_id)] if quote is not None else []
    else:
        own = [(hit.kind, hit.id)]
    return list(dict.fromkeys([*own, *names_in(db, hit.text)]))


def published_by(db: sqlite_utils.Database, repo: Repository, hit: Hit) -> set[tuple[str, int]]:
    """The entities whose names publish the record's sources: what the record is according
    to ("the team that the EWI says gets overloaded", "the man who told the BBC")."""
    row = (
        repo.fact(hit.id)
        if hit.kind == "fact"
        else repo.quote(hit.id)
        if hit.kind == "quote"
        else repo.entity(hit.kind, hit.id)
    )
    found: set[tuple[str, int]] = set()
    for source_id in getattr(row, "source_ids", ()):
        citation = repo.citation(source_id)
        if citation is not None and citation.publisher:
            found.update(names_in(db, citation.publisher))
    return found


def _says_after(kept: list[str]) -> bool:
    """Whether a verb of saying in the clause is the question's own ("what did the chief of
    the alliance that works with Europol *say*"), not the clause's, whose subject is all
    that comes before it ("the team that *the EWI says* gets overloaded")."""
    return any(
        is_saying_verb(w)
        and not all(x.lower() in ("the", "a", "an") or x[:1].isupper() for x in kept[:i])
        for i, w in enumerate(kept)
        if i >= 1
    )


def _said_of(repo: Repository, hit: Hit, entities: list[tuple[str, int]]) -> str:
    """What a record says, with the names of the entities it is by or about (a quote does
    not say its speaker's name)."""
    labels = " ".join(repo.label(kind, entity_id) for kind, entity_id in entities)
    return f"{hit.text} {hit.extra} {labels}"


def resolve(
    db: sqlite_utils.Database, repo: Repository, question: str, weights: Weights | None = None
) -> Resolved | None:
    """The entity ``question`` describes, when it describes one the store can tell;
    ``weights``: the answerer's word weights (made anew otherwise, which counts every
    indexed record)."""
    related = related_person(db, repo, question)
    if related is not None:
        return Resolved(*related)  # "Liam Fox's American counterpart"
    asked = question.strip().rstrip("?!. ")
    m = DESCRIPTION.search(asked) or CONTACT.search(asked)
    if m is None or m["head"].lower() in STOPWORDS:
        return None
    clause_words = m["clause"].split()
    keys: set[tuple[str, ...]] = set()
    entities: dict[tuple[str, int], list[tuple[str, int]]] = {}
    memo: dict[str, set[str]] = {}
    ranked: list[tuple[int, int, str, tuple[str, int]]] = []
    fitting: dict[tuple[str, int], bool] = {}

    def linked(hit: Hit) -> list[tuple[str, int]]:
        """The entities a record is by or about, and those it is according to (once)."""
        if (hit.kind, hit.id) not in entities:
            own = record_entities(db, repo, hit)
            entities[(hit.kind, hit.id)] = [*own, *(published_by(db, repo, hit) - set(own))]
        return entities[(hit.kind, hit.id)]

    # "what role did <the woman who ...> hold": after an auxiliary the description is the
    # subject, and the question's own verb ends it; it is never part of the description.
    verb_follows = AUXILIARY_BEFORE.search(question[: m.start()]) is not None
    # What the head's other words name is whose it is, never itself: "the EU body that ..."
    # is not the EU, "the Wikipedia founder who ..." not Wikipedia.
    owners = set(names_in(db, " ".join(m["head"].split()[:-1])))
    # Unless the question ends on its own verb, a small one ("what job did <the man who
    # said ...> have"): then the words before it may all be the description.
    ends_on_verb = clause_words[-1].lower() in OWN_VERBS
    for cut in range(0, min(SHORTER, len(clause_words) - 1) + 1):
        kept = clause_words[: len(clause_words) - cut]
        while kept and not terms(kept[-1]):
            kept.pop()  # "works with Europol say about a": the description ends at "Europol"
        clause = " ".join(kept)
        key = tuple(t.word for t in terms(clause))
        said_of_names = terms(" ".join(w for w in kept if not w[:1].isupper()))
        if len(key) < MIN_WORDS or key in keys or not said_of_names:
            continue  # (a clause of names alone says nothing of its entity)
        keys.add(key)
        whole = len(keys) == 1 and not ends_on_verb
        if verb_follows and (whole or _says_after(kept)):
            continue  # (the whole rest of the question, or its verb of saying: "... say")
        named = set(names_in(db, clause))
        found = search(db, f"{m['head']} {clause}", None, RECORDS, weights)
        hits = [h for h in found if h.kind != "name"]
        said = [h for h in hits if _says_all(f"{h.text} {h.extra}", clause)]
        # A record that says most of the clause in its own words must still be about every
        # entity the clause names: "the man who convened the Seoul conference" is not the
        # man who convened London's.
        # Nor may it leave a name of the clause unsaid: the conference convened by "the
        # Japanese foreign minister" is not the one the British Foreign Secretary convened.
        names = clause_names(kept)
        most = [
            h
            for h in hits
            if says_most(f"{h.text} {h.extra}", terms(clause))
            and named <= set(linked(h))
            and all(says_name(db, repo, _said_of(repo, h, linked(h)), n, memo) for n in names)
        ]
        unlike = named | owners | surnamed_in(db, clause)
        for tier, voting in enumerate((said, most)):
            votes = Counter(
                e
                for h in voting
                for e in record_entities(db, repo, h)
                if e not in unlike and fitting.setdefault(e, fits(repo, *e, m["head"]))
            )
            if votes:
                span = " ".join(p for p in (m["article"], m["head"], m["rel"], clause) if p)
                ranked.append((tier, len(ranked), span, votes.most_common(1)[0][0]))
    # Records that say all of the clause, at every length of it; only then records that say
    # most of it in their own words ("set up to serve police cyber crime units": "formed to
    # work for law enforcement cyber crime units"), whose entity must still fit the head noun.
    if not ranked:
        return None
    _, _, span, (kind, entity_id) = min(ranked)
    return Resolved(span, repo.ref(kind, entity_id))
