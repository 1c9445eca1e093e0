"""Yes/no questions: "was Joanna Shields at the London conference", "has APEC met the Bogor
goals", "did Cameron warn against censorship".

The question's claim (what follows its auxiliary) is checked against candidate records as any
other question's is: the record is about every entity the claim names, it says most of what
the claim says beyond those names (word by word, a synonym, or close in meaning), and it holds
any figure or year the claim states. A record that passes is then read for how it says it:

- as the claim says it: the answer is "On record: yes", leading with the record;
- with the opposite sense (a negation, a cancellation, "stopping short of", another figure or
  year): the answer says what is on record instead, never a bare "no";
- as expected or planned only ("expected to support"): what is on record, not a yes.

A record that is merely about the same entities never answers yes. When no record states or
contradicts the claim, the bot refuses and says what is on record about what the claim names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from cyberbrief.answers.candidates import Candidate
from cyberbrief.answers.claim_checks import (
    MEMBERSHIP,
    is_membership,
    listed_member,
    opposed,
)
from cyberbrief.answers.claim_clauses import ClauseClaims
from cyberbrief.answers.claim_parts import (
    REF_ANY,
    beyond_saying,
    by_another,
    claim_of,
    claim_predicate,
    own_refs,
    quoted,
    required_terms,
)
from cyberbrief.answers.claim_relations import regarded_otherwise, related, view_unsaid
from cyberbrief.answers.claim_replaced import put_in_place
from cyberbrief.answers.claim_sense import (
    HEDGE,
    LEADING,
    NEGATION,
    Sense,
    clauses_of,
    names_all,
    sense,
)
from cyberbrief.answers.claim_slots import described_as, figure_clause, replaced_in_slot
from cyberbrief.answers.claim_subject import claim_subjects
from cyberbrief.answers.constraints import NOT_AS_ASKED
from cyberbrief.answers.enumerations import COUNT_WORDS
from cyberbrief.answers.evidence import VERIFIED
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.query import Query
from cyberbrief.answers.textsearch import Term, coverage, stems, terms
from cyberbrief.answers.verb_forms import inflected
from cyberbrief.answers.verify import asked_terms, unsaid
from cyberbrief.knowledge.model import Answer, Ref, Section, Status

FIGURE = re.compile(r"^\d")
SENTENCE = re.compile(r"(?<!\b[A-Z])\.\s+")
YEAR_OR_FIGURE = re.compile(r"(?<![\w.])\d[\d,.]*\d|(?<![\w.])\d(?![\w])")
AT_EVENT = re.compile(r"\b(at|in|to)\b", re.IGNORECASE)
ATTENDED = "attended"
COUNTED = re.compile(
    rf"\b(?:\d[\d,.]*|{'|'.join(COUNT_WORDS[1:])}|hundred|thousand|million|billion)\b"
    r"(?!\s+(?:of|another)\b)",
    re.IGNORECASE,
)
"""A number the claim states ("from one country"), not "one of" or "one another": a record
not stating it does not say the claim, not even in other words."""
"""What "was X at <event>" claims when it says nothing else: that X attended it."""
SHOWN = 3
MEANING_CHECKED = 12
"""How many candidates (those saying most of the claim in its own words) are compared word
by word in meaning as well."""

NOT_IN_THOSE_WORDS = "On record (not in those words): "
LEADS = {
    Sense.STATES: "On record: yes — ",
    Sense.CONTRADICTS: f"{NOT_AS_ASKED} On record: ",
    Sense.EXPECTED: "On record as expected or planned, not as done: ",
}


class Said(Enum):
    """How much of a claim a record says."""

    ALL = "all"
    MOST = "most"
    LESS = "less"


CAUTION = {Sense.CONTRADICTS: 0, Sense.EXPECTED: 1, Sense.STATES: 2}


@dataclass(frozen=True)
class Judged:
    sense: Sense
    clause: str
    share: float
    candidate: Candidate


class YesNoAnswers(ClauseClaims):
    """Yes/no questions verified claim by claim."""

    def _yes_no(self, query: Query) -> Answer | None:
        """The answer to a yes/no question from the records about what its claim names, or
        None for a question that is not yes/no or claims nothing a record could be checked
        against."""
        claim = claim_of(query.text)
        if claim is None:
            return None
        claim = self._speaker_named(query.text, claim)
        held = self._by_role(claim)  # "did the Foreign Secretary lead ...": its holder
        refs = list(dict.fromkeys(self.repo.ref(k, i) for k, i in [*self._named(claim), *held]))
        roles_of = {self.repo.ref(k, i): role for (k, i), role in held.items()}
        names = [n for r in refs for n in self.repo.names(r.kind, r.id)] + [r.label for r in refs]
        names += list(roles_of.values())
        # verbs compared by lemma, and by the relation they say ("treat as": "consider")
        asked = related(inflected(asked_terms(claim, names)), claim)
        if not asked and any(r.kind == "event" for r in refs) and AT_EVENT.search(claim):
            asked = terms(ATTENDED)  # "was X at the conference": that X attended it
        if not asked:
            return None
        figures = [t for t in asked if FIGURE.match(t.word)]
        rest = required_terms([t for t in asked if not FIGURE.match(t.word)])
        named = [
            [*self.repo.names(r.kind, r.id), r.label, *([roles_of[r]] if r in roles_of else [])]
            for r in refs
        ]
        subjects = [refs[i] for i in claim_subjects(claim, named, rest)]
        whole = terms(claim)
        judged: list[Judged] = []
        partial: list[Candidate] = []
        most: list[Candidate] = []
        candidates = [
            c
            for c in map(self._with_mentions, self._claim_candidates(query, refs))
            if self._is_about_all(c, refs)
        ]
        # Those saying most of the claim in its own words first; only the first few are
        # compared in meaning (a fixed bound: an entity with 100k records costs no more).
        memo: dict[Ref, frozenset[str]] = {}
        candidates.sort(key=lambda c: len(unsaid(c.text, self._needed(rest, c, memo))))
        for rank, candidate in enumerate(candidates):
            if by_another(candidate, refs):
                continue
            meaning = self.meaning if rank < MEANING_CHECKED else None
            said = self._said(candidate.text, self._needed(rest, candidate, memo), meaning)
            other_words = self._other_words(candidate, claim, rest, refs, subjects)
            if other_words is not None:
                judged.append(Judged(other_words[0], other_words[1], 1.0, candidate))
                continue
            if view_unsaid(candidate.text, claim):
                partial.append(candidate)  # regards it as something else: shown, no yes
                continue
            if said is not Said.ALL:
                if said is Said.MOST:
                    partial.append(candidate)  # close to the claim: shown if nothing says it
                    most.append(candidate)
                continue
            share, _ = coverage(whole, candidate.text, self.weights)
            have = stems(candidate.text)
            if any(not (t.alternatives & have) for t in figures):
                if not YEAR_OR_FIGURE.search(candidate.text):
                    partial.append(candidate)
                    continue  # says nothing of the figure asked: neither yes nor no
                clause = figure_clause(candidate.text, rest)
                judged.append(Judged(Sense.CONTRADICTS, clause, share, candidate))
                continue
            required = self._needed(rest, candidate, memo) or asked
            own = own_refs(candidate)
            others = [
                self.repo.names(r.kind, r.id) for r in refs if r not in own and REF_ANY not in own
            ]
            every = [self.repo.names(r.kind, r.id) for r in refs]
            of = self._of_subject(candidate, subjects, required)
            read = sense(candidate.text, claim, required, others, self.meaning, every, of)
            if read is None:
                continue  # said of someone else
            judged.append(Judged(read[0], read[1], share, candidate))
        if not judged:
            near = self._most_said(query, claim, rest, refs, most)
            near = near or self._in_other_words(query, claim, asked, refs, subjects, candidates)
            return near or self._not_on_record(query, refs, partial)
        # Records that disagree: what is against a plain yes leads (a wrong yes is worse
        # than a yes not given), then the record that says most of the question.
        judged.sort(key=lambda j: (CAUTION[j.sense], -j.share, not j.candidate.stated))
        best = judged[0]
        lines = list({j.candidate.line.text: j.candidate.line for j in judged}.values())
        mark = " [1]" if best.candidate.line.cited else ""
        about = list(dict.fromkeys([*refs, *(r for j in judged for r in j.candidate.about)]))
        return Answer(
            Status.FOUND,
            query.text,
            f"{LEADS[best.sense]}{best.clause.rstrip('.')}{mark}",
            sections=[Section("On record", lines[:SHOWN])],
            subject=refs[0] if refs else None,
            related=about[:5],
            about=about,
        )

    def _needed(
        self, rest: list[Term], candidate: Candidate, memo: dict[Ref, frozenset[str]]
    ) -> list[Term]:
        """What ``candidate`` must still say of the claim: not the verb of saying for a
        report of speech (:func:`beyond_saying`), nor a word of the name of what it is
        linked to ("the forum" in "did Gates tell the forum that ...", for a quote at the
        Asia-Pacific security forum): the claim refers to it without naming it; nor a word
        for whom a quote's "our" stands ("US" defence systems, in the US Defence Secretary's
        "our defence systems"). ``memo``:
        each linked entity's name stems, read once per answer."""
        needed = beyond_saying(rest, candidate)
        for ref in candidate.about:
            if ref not in memo:
                memo[ref] = stems(" ".join(self.repo.names(ref.kind, ref.id)))
        linked = frozenset().union(*(memo[r] for r in candidate.about))
        linked |= self._speaker_group(candidate)  # whom a quote's "we" and "our" stand for
        return [t for t in needed if not t.alternatives & linked] or needed

    def _other_words(
        self,
        candidate: Candidate,
        claim: str,
        rest: list[Term],
        refs: list[Ref],
        subjects: list[Ref],
    ) -> tuple[Sense, str] | None:
        """How ``candidate`` says the claim in other words, by a check of its form
        (:mod:`cyberbrief.answers.claim_checks`), read in a clause naming what the claim
        names (a description names its own entity): a list of the group's members naming
        what the claim says is in it, or a qualifier of the claim said in the opposite
        sense; None when it does neither."""
        own = own_refs(candidate)
        others = [self.repo.names(r.kind, r.id) for r in refs if r not in own]
        if REF_ANY in own:
            others = []
        negated = bool(NEGATION.search(claim))
        if is_membership(rest) and not quoted(candidate):
            names = [n for r in refs for n in [*self.repo.names(r.kind, r.id), r.label]]
            objects = [t for t in rest if t.word not in MEMBERSHIP]
            listed = listed_member(candidate.text, names, objects)
            if listed is not None:
                return (Sense.CONTRADICTS if negated else Sense.STATES), listed
        if negated:
            return None  # the claim's own negation is read by the sense of its clause
        otherwise = regarded_otherwise(candidate.text, claim)
        if otherwise is not None:
            return Sense.CONTRADICTS, LEADING.sub("", otherwise)
        away = self._not_in_person(candidate, claim, rest, refs, subjects)
        if away is not None:
            return Sense.CONTRADICTS, away
        there = self._was_there(candidate, claim, rest, refs, subjects)
        if there is not None:
            return Sense.STATES, there
        stood_in = self._spoke_for(candidate, claim, refs, subjects)
        if stood_in is not None:
            return Sense.STATES, stood_in
        if names_all(candidate.text, others):
            needed = beyond_saying(rest, candidate)
            for sentence in SENTENCE.split(candidate.text):
                instead = put_in_place(sentence, claim, needed, self.meaning)
                if instead is not None:
                    return instead[0], LEADING.sub("", instead[1])
        for clause in clauses_of(candidate.text):
            if not names_all(clause, others):
                continue
            qualifier = opposed(clause, claim)
            if qualifier is None:
                continue
            # The qualifier, an adverb before it and the noun it qualifies ("a for-profit
            # company": "body" on record; "legally binding") are read in the clause; the
            # claim's other words in the record.
            around = re.search(rf"(\w+ly\s+)?{re.escape(qualifier)}(\s+[\w-]+)?", claim)
            skipped = stems(around[0] if around else qualifier)
            remaining = [t for t in rest if not t.alternatives & skipped]
            if not unsaid(candidate.text, remaining, self.meaning):
                return Sense.CONTRADICTS, LEADING.sub("", clause.strip())
        return None

    def _most_said(
        self, query: Query, claim: str, rest: list[Term], refs: list[Ref], most: list[Candidate]
    ) -> Answer | None:
        """A record saying most of the claim, in one clause naming every entity the claim
        names, plainly (no negation, no hedge): what is on record, not in the claim's words,
        never a yes. None when the claim names nothing or no record does so."""
        if not refs or NEGATION.search(claim) or HEDGE.search(claim):
            return None
        memo: dict[Ref, frozenset[str]] = {}
        for candidate in most:
            own = own_refs(candidate)
            others = (
                []
                if REF_ANY in own
                else [self.repo.names(r.kind, r.id) for r in refs if r not in own]
            )
            needed = self._needed(rest, candidate, memo)
            names = [n for r in refs for n in [*self.repo.names(r.kind, r.id), r.label]]
            predicate = claim_predicate(claim, names)
            counted = {m.group().lower() for m in COUNTED.finditer(claim)}
            for clause in clauses_of(candidate.text):
                if not names_all(clause, others) or NEGATION.search(clause) or HEDGE.search(clause):
                    continue
                if counted - {m.group().lower() for m in COUNTED.finditer(clause)}:
                    continue  # "from one country": a number the clause does not state
                if self._said(clause, needed, self.meaning) is not Said.MOST:
                    continue
                if unsaid(clause, predicate):
                    # describes the subject, but says nothing of what is claimed: in its own
                    # words or a synonym, since "not in those words" already allows the rest
                    # to be near in meaning ("threats" is not "under attack")
                    continue
                mark = " [1]" if candidate.line.cited else ""
                lead = LEADING.sub("", clause.strip()).rstrip(".")
                missing = {t.word for t in unsaid(clause, needed, self.meaning)}
                # "at the request of Interpol" where the record has the FBI: said otherwise
                replaced = replaced_in_slot(
                    claim, clause, missing, lambda n, w: described_as(self.db, self.repo, n, w)
                )
                return Answer(
                    Status.FOUND,
                    query.text,
                    f"{LEADS[Sense.CONTRADICTS] if replaced else NOT_IN_THOSE_WORDS}{lead}{mark}",
                    sections=[Section("On record", [candidate.line])],
                    subject=refs[0],
                    related=list(dict.fromkeys([*refs, *candidate.about]))[:5],
                    about=list(dict.fromkeys([*refs, *candidate.about])),
                )
        return None

    def _is_about_all(self, candidate: Candidate, refs: list[Ref]) -> bool:
        return all(self._is_about(candidate, ref) for ref in refs)

    def _said(self, text: str, asked: list[Term], meaning: Meaning | None) -> Said:
        """How much of the claim ``text`` says: every word (its word, a synonym, a derived
        form or a word close in meaning, one at least in the claim's own words), most of it
        (as :func:`verify.says_most` finds a record), or less. Only all of it confirms a
        claim ("is Japan getting better at cyber defence" is not said by a record listing
        Japan among APEC's members)."""
        if not asked:
            return Said.ALL
        if len(unsaid(text, asked)) == len(asked):
            return Said.LESS
        missing = unsaid(text, asked, meaning)
        if not missing:
            return Said.ALL
        return Said.MOST if len(missing) * 2 < len(asked) else Said.LESS

    def _claim_candidates(self, query: Query, refs: list[Ref]) -> list[Candidate]:
        """Records linked to what the claim names and full-text search's for the question;
        for a claim that names nothing, the best by words and meaning as well (as many as a
        question naming nothing verifies; the search already run, reused)."""
        out = self._candidates(query, refs)
        if refs:
            return out
        seen = {c.line.text for c in out}
        for hit in self._ranked(query)[:VERIFIED]:
            made = None if hit.kind == "name" else self._hit_candidate(hit)
            if made is not None and made.line.text not in seen:
                seen.add(made.line.text)
                out.append(made)
        return out

    def _not_on_record(self, query: Query, refs: list[Ref], partial: list[Candidate]) -> Answer:
        """No record states or contradicts the claim: say so, and what is on record about
        what it names (the records closest to the claim first, else their descriptions)."""
        whole = terms(query.text)
        ranked = sorted(partial, key=lambda c: -coverage(whole, c.text, self.weights)[0])
        known = list({c.line.text: c.line for c in ranked}.values())[:SHOWN]
        if not known:
            known = [line for ref in refs for line in self._description(ref)]
        labels = ", ".join(r.label for r in refs)
        return self._refusal(
            query,
            f"Nothing on record says that about {labels}"
            if refs
            else "Nothing on record says that",
            "No record states or contradicts it"
            + ("; what is on record about it is below." if known else "."),
            known,
            refs,
        )
