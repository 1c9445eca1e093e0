"""Verbs that say the same relation in other words, so a yes/no claim is checked against a
record by meaning as well as by its own verb: "does Russia treat cyber attacks as a military
issue" is said by "Russia considers cyber attacks a military issue"; "did the UK call for a
treaty" is compared with what the UK "wanted" or "sought"; "did X go to the conference" with
whether X "attended" it.

A relation is a group of English verbs (a thesaurus's, not any question's): advocating
something, cooperating with someone, regarding something as something, attending an event.
A verb counts as its group's only where the claim uses it in that relation: "call" only in
"call for" (not "what Russia calls information security"), "see" and "treat" only with "as"
after their object, "work" only in "work with". The claim's verb is then matched by every
one-word verb of its group in any of its forms (:func:`cyberbrief.answers.verb_forms.forms_of`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from cyberbrief.answers.claim_sense import clauses_of
from cyberbrief.answers.textsearch import Term, keys, stems, terms
from cyberbrief.answers.verb_forms import forms_of


@dataclass(frozen=True)
class Relation:
    """One relation: the one-word verbs saying it, and the verbs saying it with a particle."""

    name: str
    verbs: tuple[str, ...]
    """Base forms of verbs that say the relation in a record, alone."""
    phrasal: tuple[str, ...] = ()
    """"verb particle" pairs saying it in a claim ("call for", "work with")."""
    needs_as: tuple[str, ...] = ()
    """Verbs of ``verbs`` that say it only with "as" after their object ("see ... as")."""


REGARD = Relation(
    "regard",
    ("consider", "regard", "view", "deem", "treat", "see"),
    needs_as=("regard", "view", "treat", "see"),
)
ATTEND = Relation("attend", ("attend", "participate"), ("go to", "come to", "take part"))
RELATIONS = (
    Relation(
        "advocate",
        ("advocate", "urge", "demand", "want", "seek", "propose", "favour", "favor", "champion"),
        ("call for", "push for", "press for", "ask for", "argue for"),
    ),
    Relation(
        "cooperate",
        ("cooperate", "co-operate", "collaborate", "coordinate", "co-ordinate", "partner"),
        ("work with", "work together", "team up", "join forces"),
    ),
    REGARD,
    ATTEND,
)
"""The relations, plain English equivalences of the kind a thesaurus gives."""


def _same_verb(word: str, verb: str) -> bool:
    """``word`` is a form of ``verb`` (regular forms by stem, irregular by the table)."""
    return bool(keys(word) & keys(verb)) or bool(forms_of(word) & forms_of(verb))


def relation_of(word: str, claim: str) -> Relation | None:
    """The relation the claim's ``word`` says where it stands in ``claim``, or None."""
    after = re.search(rf"\b{re.escape(word)}\b(?P<rest>.*)$", claim)
    rest = after["rest"] if after else ""
    for relation in RELATIONS:
        for verb in relation.verbs:
            if not _same_verb(word, verb):
                continue
            if verb in relation.needs_as and not re.search(r"\bas\b", rest):
                continue  # "does Gates see the threat": seeing, not regarding
            return relation
        for pair in relation.phrasal:
            verb, particle = pair.split()
            if _same_verb(word, verb) and re.match(rf"\s+{particle}\b", rest):
                return relation
    return None


def related(asked: list[Term], claim: str) -> list[Term]:
    """``asked`` with each verb of a relation matched by every one-word verb of it, in any
    form ("treat ... as" by "considers", "call for" by "wanted"). Names are left as they
    are."""
    out = []
    for term in asked:
        relation = None if term.name else relation_of(term.word, claim)
        if relation is None:
            out.append(term)
            continue
        extra = frozenset(k for v in relation.verbs for form in forms_of(v) for k in keys(form))
        out.append(replace(term, alternatives=term.alternatives | extra))
    return out


REGARD_VERB = r"\b(?:(?:consider|regard|view|deem|treat|see)\w*|saw|seen)\b"
REGARDED = re.compile(rf"^(?P<who>.+?) (?P<verb>{REGARD_VERB}) (?P<what>.+?) as (?P<as>.+)$")
"""A claim that someone regards something as something ("the us see cyber attacks as a
military issue"): who, the verb, what, and as what."""


def _side_said(text: str, side: str) -> bool:
    """``text`` says ``side``: its last content word and at least half of them."""
    content = terms(side)
    have = stems(text)
    said = [t for t in content if t.alternatives & have]
    return bool(content) and content[-1] in said and len(said) * 2 >= len(content)


def _subject_views(text: str, claim: str) -> Iterator[tuple[re.Match[str], str, int]]:
    """For a claim of what its subject regards something as ("does the US see cyber attacks
    as a military issue"), each clause of ``text`` in which that subject holds a view of the
    thing named, with where the view's words start; nothing for any other claim."""
    m = REGARDED.match(claim)
    if m is None or relation_of(m["verb"], claim) is not REGARD:
        return
    who = terms(m["who"])
    if not who or not _side_said(text, m["what"]):
        return
    for clause in clauses_of(text):
        view = re.search(REGARD_VERB, clause, re.IGNORECASE)
        if view is not None and all(t.alternatives & stems(clause[: view.start()]) for t in who):
            yield m, clause, view.end()


def regarded_otherwise(text: str, claim: str) -> str | None:
    """The clause of ``text`` in which the claim's subject regards what the claim says as
    something else, while the record gives what the claim says to another ("Russia considers
    cyber attacks a military issue while the U.S. sees them as criminal activity" for "does
    the US see cyber attacks as a military issue"); None when the record does not contrast
    two views so."""
    for m, clause, at in _subject_views(text, claim):
        given = clause[at:]
        if not terms(given) or _side_said(given, m["as"]):
            continue
        if _side_said(text.replace(clause, " "), m["as"]):
            # the claim's view is another's; the subject's differs (up to the view's end)
            end = clause.find(",", at)
            return clause[: end if end >= 0 else len(clause)].strip()
    return None


def view_unsaid(text: str, claim: str) -> bool:
    """Whether ``text`` gives the claim's subject a view of what the claim names that does
    not say, in its words or a synonym, the view claimed ("Russia considers cyber attacks a
    military issue" for "does Russia see cyber attacks as a threat"): close in meaning is
    not enough for a yes about what someone regards something as."""
    views = _subject_views(text, claim)
    return any(not _side_said(clause[at:], m["as"]) for m, clause, at in views)
