"""Whether a yes/no claim's subject was there in person or spoke for another, read in a
record's words: "did Biden address the conference in person" is contradicted by "by video
link from Washington"; "did Biden speak on behalf of Clinton" is stated by "her speech was
delivered by Joe Biden". Used by :mod:`cyberbrief.answers.yesno`."""

from __future__ import annotations

from cyberbrief.answers.candidates import Candidate
from cyberbrief.answers.claim_checks import (
    IN_PERSON,
    IN_PERSON_WORDS,
    ON_BEHALF,
    not_in_person,
    spoke_for,
)
from cyberbrief.answers.claim_named import ClaimNames
from cyberbrief.answers.claim_parts import own_refs, quoted
from cyberbrief.answers.claim_sense import LEADING
from cyberbrief.answers.textsearch import Term
from cyberbrief.answers.verify import unsaid
from cyberbrief.knowledge.model import Ref


class PresenceChecks(ClaimNames):
    """Claims of taking part in person, and of speaking for another."""

    def _not_in_person(
        self, candidate: Candidate, claim: str, rest: list[Term], subjects: list[Ref]
    ) -> str | None:
        """For a claim that its subject took part in person ("did Biden address the
        conference in person"): the clause of a record saying more of the claim than "in
        person" that the subject took part from elsewhere or had another deliver its speech
        (:func:`not_in_person`); None otherwise."""
        if not IN_PERSON.search(claim) or len(subjects) != 1 or quoted(candidate):
            return None
        remaining = [t for t in rest if t.word not in IN_PERSON_WORDS]
        if remaining and len(unsaid(candidate.text, remaining, self.meaning)) == len(remaining):
            return None  # says nothing of what was done in person
        subject = subjects[0]
        names = [*self.repo.names(subject.kind, subject.id), subject.label]
        found = not_in_person(candidate.text, names, subject in own_refs(candidate))
        return LEADING.sub("", found) if found is not None else None

    def _spoke_for(
        self, candidate: Candidate, claim: str, refs: list[Ref], subjects: list[Ref]
    ) -> str | None:
        """For a claim that its subject spoke for another ("did Biden speak on behalf of
        Clinton"): the clause saying the subject delivered the other's speech
        (:func:`spoke_for`); None otherwise."""
        others = [r for r in refs if r not in subjects and r.kind == "person"]
        if not ON_BEHALF.search(claim) or len(subjects) != 1 or len(others) != 1:
            return None
        subject, other = subjects[0], others[0]
        names = [*self.repo.names(subject.kind, subject.id), subject.label]
        for_names = [*self.repo.names(other.kind, other.id), other.label]
        mine = subject in own_refs(candidate) and not quoted(candidate)
        found = spoke_for(candidate.text, names, for_names, mine)
        return LEADING.sub("", found) if found is not None else None
