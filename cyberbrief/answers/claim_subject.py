"""Whether a record's clause says a yes/no claim OF the claim's subject, not of something else
it names: "is the ICSPA a private company" is not said by "private sector companies ... were
expected to support the ICSPA" (the companies are private, the ICSPA is what they support), nor
"did the UK government warn of disturbing levels" by "GCHQ warned that cyberattacks on the UK
were at disturbing levels".

Read without a parser, by word order, the same for every claim:

- the claim's subject is what it names before its first predicate word ("did *Hague and
  Cameron* both warn"), or the agent of a passive claim ("were the goals met *by APEC*"); a
  claim whose first predicate word comes before any name has no subject to check;
- a clause says the claim of it when it names it before the first of the claim's predicate
  words ("*APEC* has failed to meet"), as a passive's agent after them ("created *by APEC*"),
  after a fronted participle phrase ("Speaking at the forum, *Fox and Gates* said"), or when it
  is the record's own entity: the one a description describes ("Private sector company
  expected to support it" is McAfee's); another entity a description names is the subject
  only with no relative pronoun between it and the predicate ("in which *Iain Lobban* wrote",
  not "Head of *GCHQ* who warned").
"""

from __future__ import annotations

import re

from cyberbrief.answers.roles import ROLE_NOUNS
from cyberbrief.answers.textsearch import Term, stems, words

AGENT = "by"
AGENT_REACH = 8
"""How many words after "by" a passive's agent may take ("by US vice president Joe Biden")."""
RELATIVE = frozenset("who whom which that whose".split())
"""Words that open a relative clause: a name before one is not that clause's subject ("Head
of GCHQ who warned" is the head warning)."""
PARTICIPLE = re.compile(r"^\w+(?:ing|ed)$")
LIST_OPENERS = frozenset("including includes included include comprising comprises among".split())
"""Words that open a list of what the words before them say ("experts attending the
conference included ... Neelie Kroes": she is one of the experts)."""
MODIFIED_ROLE = re.compile(rf"(?:['’]s)?\s+(?:[\w-]+\s+)?(?:{ROLE_NOUNS})\b", re.IGNORECASE)
"""What follows an entity's name that only qualifies a role ("GCHQ head", "Cisco's
vice-president", "UK Foreign Secretary")."""
OWN_ROLE = re.compile(rf"\b(?:its|their)\s+(?:[\w-]+\s+)?(?:{ROLE_NOUNS})\b", re.IGNORECASE)
"""A description's clause whose subject is the holder of a role of its entity ("its founder
Jimmy Wales took part"): what the holder did, not the entity."""
PREPOSITIONS = frozenset(
    "with from to of for at in on into onto about against among between over under via "
    "through towards toward upon within without".split()
)
"""Words whose noun phrase is their object, never a clause's subject ("it planned to work
*with the European police agency Europol* and to seek funding": Europol seeks nothing)."""
OBJECT_REACH = 5
"""How many words a preposition's noun phrase may take before the name it ends with."""
PHRASE_BARRIER = frozenset(",;:") | frozenset("and or but who which that whose".split())
"""What ends a noun phrase going back from a name: a clause or list joins there."""
AUXILIARIES = frozenset(
    "is are was were be been has have had will would can could may might must should shall "
    "did does do".split()
)
"""Verbs that end a list and start a clause of its own ("... and Article10, were expected to
support the ICSPA": the ICSPA is not in the list)."""


def _spans(tokens: list[str], names: list[str]) -> list[tuple[int, int]]:
    """Where any of ``names`` stands in ``tokens``: (first, last + 1) word positions."""
    found = []
    for name in names:
        split = words(name)
        if not split:
            continue
        for i in range(len(tokens) - len(split) + 1):
            if tokens[i : i + len(split)] == split:
                found.append((i, i + len(split)))
    return found


def _predicate_at(tokens: list[str], asked: list[Term], skip: set[int]) -> int | None:
    """The first word of ``tokens`` (outside the names at ``skip``) saying a word of the
    claim's predicate, or None when the clause says it only in other words."""
    for i, token in enumerate(tokens):
        if i not in skip and any(t.alternatives & stems(token) for t in asked):
            return i
    return None


def _inside(spans: list[tuple[int, int]]) -> set[int]:
    return {i for a, b in spans for i in range(a, b)}


def claim_subjects(claim: str, named: list[list[str]], asked: list[Term]) -> list[int]:
    """The indexes (into ``named``, each entity's names) of the claim's subjects: those named
    before its first predicate word, or a passive claim's agent ("met by APEC"). Empty when
    the claim names nothing before its predicate."""
    tokens = words(claim)
    spans = [_spans(tokens, names) for names in named]
    at = _predicate_at(tokens, asked, _inside([s for each in spans for s in each]))
    if at is None:
        return []
    agents = [i for i, each in enumerate(spans) if any(_after_by(tokens, a) for a, _ in each)]
    agents = [i for i in agents if any(a > at for a, _ in spans[i])]
    if agents:
        return agents  # "were the Bogor goals met by APEC": APEC did it
    return [i for i, each in enumerate(spans) if any(a < at for a, _ in each)]


def _after_by(tokens: list[str], start: int) -> bool:
    """The name at ``start`` is a passive's agent: "by" stands a few words before it, with
    no other verb of the clause between ("by US vice president Joe Biden")."""
    begin = max(0, start - AGENT_REACH)
    return AGENT in tokens[begin:start]


def stated_of(
    clause: str, subject: list[str], asked: list[Term], describes_it: bool, description: bool
) -> bool:
    """Whether ``clause`` says the claim's predicate (``asked``) of the entity with names
    ``subject``: named before the predicate, as a passive's agent after it, after a fronted
    participle phrase, or (``describes_it``) as the description's own entity. A clause that
    says the predicate only in other words (its place not known) is not judged here."""
    tokens = words(clause)
    spans = _spans(tokens, subject)
    at = _predicate_at(tokens, asked, _inside(spans))
    if at is None:
        return True
    if any(a > at and _after_by(tokens, a) for a, _ in spans):
        return True  # "created by APEC", "was delivered by Joe Biden"
    if spans and (_only_modifies(clause, subject) or _only_objects(clause, subject)):
        spans = []  # "GCHQ head Iain Lobban wrote": the head wrote, not GCHQ
    if at == 0 and PARTICIPLE.match(tokens[0]) and "," in clause:
        # "Speaking at the forum, Fox and Gates said ...": the phrase is the subject's
        after = words(clause[clause.index(",") :])
        return bool(_spans(after, subject)) or describes_it
    if any(_listed(tokens, at, a) for a, _ in spans):
        return True  # "experts ... included Neelie Kroes"
    before = [(a, b) for a, b in spans if b <= at]
    if not description:
        return bool(before) or (describes_it and not OWN_ROLE.search(clause))
    if describes_it:
        return not OWN_ROLE.search(clause)  # "its founder Jimmy Wales took part": he did
    # In a description, another entity is the subject only in a clause of its own ("in
    # which Iain Lobban wrote"), not as a modifier of the described head before a relative
    # clause ("UK Foreign Secretary who ... led", "Head of GCHQ who warned").
    return any(not RELATIVE & set(tokens[b:at]) for _, b in before)


def _only_modifies(clause: str, names: list[str]) -> bool:
    """Every mention of the entity in ``clause`` qualifies a role after it ("GCHQ head Iain
    Lobban", "Cisco's vice-president", "UK Foreign Secretary"): the role's holder is who
    acts, not the entity. An apposition ("Neil Thompson, director of ...") is no such
    mention."""
    mentions = 0
    modifiers = 0
    for name in names:
        if not name.strip():
            continue
        pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
        for m in re.finditer(pattern, clause, re.IGNORECASE):
            mentions += 1
            if MODIFIED_ROLE.match(clause[m.end() :]):
                modifiers += 1
    return mentions > 0 and modifiers == mentions


def _only_objects(clause: str, names: list[str]) -> bool:
    """Every mention of the entity in ``clause`` ends a preposition's noun phrase ("work
    with the European police agency Europol", "Head of GCHQ"): the entity is what is
    worked with or headed, not who acts."""
    mentions = 0
    objects = 0
    for name in names:
        if not name.strip():
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", clause, re.IGNORECASE):
            mentions += 1
            before = re.findall(r"[\w'’-]+|[,;:]", clause[: m.start()].lower())
            for token in reversed(before[-OBJECT_REACH:]):
                if token in PHRASE_BARRIER or token in AUXILIARIES:
                    break
                if token in PREPOSITIONS:
                    objects += 1
                    break
    return mentions > 0 and objects == mentions


def _listed(tokens: list[str], at: int, start: int) -> bool:
    """The name at ``start`` is in a list that a list opener after the predicate (at
    ``at``) opens, no verb of a clause of its own between them."""
    openers = [i for i in range(at + 1, start) if tokens[i] in LIST_OPENERS]
    openers += [i + 1 for i in range(at + 1, start - 1) if tokens[i : i + 2] == ["such", "as"]]
    return any(not AUXILIARIES & set(tokens[i + 1 : start]) for i in openers)
