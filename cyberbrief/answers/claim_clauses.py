"""A yes/no claim in a new user's own words, answered with the record that says it in other
words: "is the EU's computer emergency team too busy to reply quickly" with "CERTs often get
overloaded with calls, so responses are frequently delayed". Used by
:mod:`cyberbrief.answers.yesno` when no record states or contradicts the claim word by word.

The claim's predicate (what it says of what it names) is compared with the clauses of the
records about everything it names (:mod:`cyberbrief.answers.clause_evidence`); the answer is
given only when one clause is the clear best, the record holds every year, figure and name of
the claim that is not one of the entities it names ("in 2015", "in Africa"), and the clause is
not negated. The answer says it is in other words and never says yes: the user reads the
record and judges.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cyberbrief.answers.candidates import Candidate
from cyberbrief.answers.claim_parts import (
    REF_ANY,
    by_another,
    claim_predicate,
    own_refs,
    reports_speech,
)
from cyberbrief.answers.claim_presence import PresenceChecks
from cyberbrief.answers.claim_sense import LEADING, clauses_of, negates
from cyberbrief.answers.claim_subject import stated_of
from cyberbrief.answers.clause_evidence import (
    clear_best,
    closest_clauses,
    said_share,
    without_names,
)
from cyberbrief.answers.place_names import places_held
from cyberbrief.answers.query import Query
from cyberbrief.answers.textsearch import Term, stems, terms, words
from cyberbrief.answers.verify import unsaid
from cyberbrief.knowledge.model import Answer, Ref, Section, Status

COMPARED = 12
"""How many candidates (the claim's, already ranked) are compared clause by clause: a fixed
bound, so an entity with many records costs no more."""
NUMBER = re.compile(r"\d")
SENTENCE_START = re.compile(r"(?:^|(?<!\b[A-Z])[.;:]\s+)(?=\S)")
IN_OTHER_WORDS = "On record, in other words: "
RESTRICTIVE = frozenset(
    "only alone own solely just still ever always never all every each entirely exclusively "
    "already yet".split()
)
"""Words that restrict a claim ("on its own", "still due", "only"): its truth hangs on them,
and a record saying the rest in other words does not say them (they are stopwords to the
comparison), so such a claim is not answered in other words."""
SAID = 1 / 3
"""Share of the claim's predicate (its words weighted by rarity in the store) the best clause
must say, in its words or close in meaning: a third keeps "busy ... reply quickly" said by
"overloaded ..., so responses are frequently delayed" ("reply"/"responses"), and refuses a
record that shares only the topic ("cyberspace" for "call for a full treaty on cyberspace")."""


class ClauseClaims(PresenceChecks):
    """Claims said by a record only in other words, found clause by clause."""

    def _of_subject(
        self, candidate: Candidate, subjects: list[Ref], predicate: list[Term]
    ) -> Callable[[str], bool] | None:
        """The check that a clause of ``candidate`` says ``predicate`` of every one of the
        claim's ``subjects`` (:func:`stated_of`), or None when there is nothing to check (no
        subject, or a quote: it speaks of all it is linked to)."""
        own = own_refs(candidate)
        if not subjects or REF_ANY in own:
            return None
        each = [([*self.repo.names(r.kind, r.id), r.label], r in own) for r in subjects]
        description = not candidate.stated
        return lambda clause: all(
            stated_of(clause, names, predicate, mine, description) for names, mine in each
        )

    def _in_other_words(
        self,
        query: Query,
        claim: str,
        asked: list[Term],
        refs: list[Ref],
        subjects: list[Ref],
        candidates: list[Candidate],
    ) -> Answer | None:
        """The record whose clause clearly says the claim's predicate in other words, as an
        answer that says so and cites it; None when no clause is the clear best, the best
        record also says something is not so ("but cancelled"), its clause says under a third
        of the predicate, or it lacks a year, figure or name the claim states.

        A claim that names nothing ("is a worldwide deal on online security likely any time
        soon") is compared whole with the clauses of its best candidates by words and meaning,
        quotes and descriptions included (no entity's deed can be given to another), and a
        clause saying "not" is a fit answer ("is the infrastructure ready": "is not equipped
        to mitigate"): the answer shows the record and never says yes. Its first word is its
        subject's, not a verb, so only the margin, the share said and the constraints decide.
        """
        if negates(claim) or RESTRICTIVE & set(words(claim)):
            return None
        names = [n for r in refs for n in [*self.repo.names(r.kind, r.id), r.label]]
        predicate = without_names(claim, names)
        if reports_speech(claim, names):
            # "did Lobban say China attacked ...": who said which part is a question for the
            # quote and report checks, not for a clause near in meaning (the record's
            # "some reports ... said China" is not Lobban saying it)
            return None
        if len(predicate.split()) < 2:
            return None
        # A description speaks of its own entity: only the claim's subject's may say it
        # ("the EU's computer emergency team": the EU's description, naming ENISA, may not).
        of = set(self._unnested(claim, subjects or refs))
        kept = [
            c
            for c in candidates
            if not refs or (not by_another(c, refs) and (c.stated or of & set(c.about)))
        ][:COMPARED]
        # A named claim's record saying "not" says otherwise (checked by the claim's sense);
        # an unnamed claim's may be what answers it.
        records = [
            [c for c in clauses_of(candidate.text) if not (refs and negates(c))]
            for candidate in kept
        ]
        compared = names
        if not refs:
            # What an unnamed claim says of what it describes ("the EU's computer emergency
            # team ... too small"): the names of what the records are about are left out of
            # both, as a named claim's are, so a record is not chosen for repeating them.
            about = list(dict.fromkeys(r for c in kept for r in c.about))
            compared = [n for r in about for n in [*self.repo.names(r.kind, r.id), r.label]]
            predicate = without_names(claim, compared)
            if len(predicate.split()) < 2:
                return None
        best = clear_best(closest_clauses(self.meaning, predicate, records, compared))
        if best is None:
            return None
        candidate = kept[best.index]
        of_subject = self._of_subject(candidate, subjects, asked)
        if of_subject is not None and not of_subject(best.clause):
            return None  # said of another thing it names ("companies ... support the ICSPA")
        if refs and any(negates(c) for c in clauses_of(candidate.text)):
            return None  # "had been due to attend, but cancelled": the record says otherwise
        if said_share(terms(predicate), best.clause, self.meaning, self.weights) < SAID:
            return None  # the claim's verb and object are not said, only its topic
        if not self._holds_constraints(candidate, [*asked, *capitalised(query.text, names)]):
            return None
        if not places_held(without_names(claim, names), candidate.text):
            return None  # "the european fight" is not said by "the international fight"
        if refs and unsaid(best.clause, claim_predicate(claim, names), self.meaning):
            # what a verb of saying or admitting reports, or the claim's own verb (after the
            # names), in the record's words or a synonym: "is a long way off" does not admit
            # "impossible"
            return None
        mark = " [1]" if candidate.line.cited else ""
        lead = with_its_sentence(candidate.text, best.clause).rstrip(".")
        if not refs and not candidate.stated and candidate.about:
            # a description says whom it describes only in its card: an unnamed claim's
            # answer names them ("Misha Glenny: journalist ...; said ...")
            lead = f"{candidate.about[0].label}: {lead}"
        about = list(dict.fromkeys([*refs, *candidate.about]))
        return Answer(
            Status.FOUND,
            query.text,
            f"{IN_OTHER_WORDS}{lead}{mark}",
            sections=[Section("On record", [candidate.line])],
            subject=refs[0] if refs else None,
            related=about[:5],
            about=about,
        )

    def _unnested(self, claim: str, refs: list[Ref]) -> list[Ref]:
        """``refs`` without those named in ``claim`` only inside another's name (the EU in
        "CERT-EU"): not what the claim is about."""
        said = _spaced(claim)

        def present(ref: Ref) -> list[str]:
            names = [*self.repo.names(ref.kind, ref.id), ref.label]
            return [_spaced(n) for n in names if words(n) and _spaced(n) in said]

        found = {r: present(r) for r in refs}

        def nested(ref: Ref) -> bool:
            others = [m for o in refs if o != ref for m in found[o]]
            return bool(found[ref]) and all(any(n in m for m in others) for n in found[ref])

        return [r for r in refs if not nested(r)]

    def _holds_constraints(self, candidate: Candidate, asked: list[Term]) -> bool:
        """The record holds every year or figure the claim states (in its words or its date)
        and every capitalised word of the claim that is not one of the entities it names
        ("in Africa", "Japanese"): a claim about another place, group or year is not said in
        other words by this record."""
        have = stems(f"{candidate.text} {candidate.date or ''}")
        return all(t.alternatives & have for t in asked if t.name or NUMBER.search(t.word))


def with_its_sentence(text: str, clause: str) -> str:
    """``clause`` with the words of its sentence before it ("CERTs often get overloaded with
    calls, so responses are frequently delayed" for the clause "so responses ..."): a clause
    alone may not say whom it is about."""
    end = text.find(clause)
    if end < 0:
        return LEADING.sub("", clause.strip())
    starts = [m.end() for m in SENTENCE_START.finditer(text[: end + 1])]
    begin = starts[-1] if starts else 0
    return LEADING.sub("", text[begin : end + len(clause)].strip())


def capitalised(question: str, names: list[str]) -> list[Term]:
    """The words ``question`` capitalises ("India", "Africa") that are no word of the names
    of what it names: a place, group or name the record must hold as well."""
    named = stems(" ".join(names))
    return [t for t in terms(question) if t.name and not t.alternatives & named]


def _spaced(text: str) -> str:
    """``text``'s words between spaces, to find a name as whole words."""
    return f" {' '.join(words(text))} "
