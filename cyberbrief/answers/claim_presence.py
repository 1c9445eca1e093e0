"""Whether a yes/no claim's subject was there, there in person, or spoke for another, read
in a record's words: "did Biden address the conference in person" is contradicted by "by video
link from Washington"; "did Biden speak on behalf of Clinton" is stated by "her speech was
delivered by Joe Biden"; "was Jimmy Wales at the London conference" is stated by "who took part
in the first event of the London Conference on Cyberspace", and "was Liam Fox at the forum" by
"announced at the Asia-Pacific security forum". Used by :mod:`cyberbrief.answers.yesno`."""

from __future__ import annotations

import re

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
from cyberbrief.answers.claim_relations import ATTEND, relation_of
from cyberbrief.answers.claim_sense import HEDGE, LEADING, NEGATION, clauses_of, names_all
from cyberbrief.answers.textsearch import Term
from cyberbrief.answers.verify import unsaid
from cyberbrief.knowledge.model import Ref

PRESENT = (
    r"(?:(?:took|take|takes|taking) part|participat\w*|spoke|speak\w*|said|says|told|tell\w*|"
    r"announc\w*|address\w*|appear\w*|warn\w*|urg\w*|present\w*|open\w*|led|lead\w*)"
    r"\s+(?:[\w'’-]+\s+){0,2}?(?:at|in|to)"
    r"|attend\w*"
)
"""What someone does where they are: takes part or speaks *at* an event, or attends it.
Speaking there from elsewhere is read first (:func:`not_in_person`) and says otherwise."""
BEFORE_NAME = r"\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:of\s+)?(?:the\s+)?"
"""Words between the preposition and the event's name ("in the first event of the")."""


def present_at(clause: str, event_names: list[str]) -> bool:
    """Whether ``clause`` has someone take part, speak or attend at an event with one of
    ``event_names``: "taking part in the first event of the London Conference on Cyberspace",
    "announced at the Asia-Pacific security forum"; not when a negation or a hedge comes
    before it ("had been due to attend", "did not attend")."""
    for name in event_names:
        if len(name) < 3:
            continue
        pattern = rf"\b(?:{PRESENT}){BEFORE_NAME}{re.escape(name)}\b"
        found = re.search(pattern, clause, re.IGNORECASE)
        if found is not None:
            said = clause[: found.end()]
            return not (NEGATION.search(said) or HEDGE.search(said))
    return False


def asks_presence(claim: str, rest: list[Term]) -> bool:
    """A claim that its subject was at an event: "X at <event>" with nothing else asked, or
    the verb of the attending relation ("attend", "go to", "take part in")."""
    words = [t.word for t in rest]
    return words == ["attended"] or any(relation_of(w, claim) is ATTEND for w in words)


class PresenceChecks(ClaimNames):
    """Claims of being at an event, of taking part in person, and of speaking for another."""

    def _was_there(
        self,
        candidate: Candidate,
        claim: str,
        rest: list[Term],
        refs: list[Ref],
        subjects: list[Ref],
    ) -> str | None:
        """For a claim that its one subject was at an event it names: the clause of a record
        (not a quote: a speaker's words do not say where they were) naming the subject, or
        describing it, that has the subject take part, speak or attend at that event
        (:func:`present_at`); None otherwise."""
        events = [r for r in refs if r.kind == "event" and r not in subjects]
        # "was X at E" asks nothing beyond the names: its subject is the one not the event
        subjects = subjects or [r for r in refs if r not in events]
        if len(subjects) != 1 or len(events) != 1 or quoted(candidate):
            return None
        if not asks_presence(claim, rest):
            return None
        subject, event = subjects[0], events[0]
        names = [*self.repo.names(subject.kind, subject.id), subject.label]
        event_names = [*self.repo.names(event.kind, event.id), event.label]
        mine = subject in own_refs(candidate)
        for clause in clauses_of(candidate.text):
            if (mine or names_all(clause, [names])) and present_at(clause, event_names):
                return LEADING.sub("", clause.strip())
        return None

    def _not_in_person(
        self,
        candidate: Candidate,
        claim: str,
        rest: list[Term],
        refs: list[Ref],
        subjects: list[Ref],
    ) -> str | None:
        """For a claim that its subject took part in person ("did Biden address the
        conference in person"): the clause of a record saying more of the claim than "in
        person" that the subject took part from elsewhere or had another deliver its speech
        (:func:`not_in_person`); None otherwise."""
        # "was X at E in person": the one who was there, not the event
        subjects = [r for r in (subjects or refs) if r.kind != "event"]
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
