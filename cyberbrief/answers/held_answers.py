"""The constraints every answer is held to, whichever path found it: a year or figure the
question gives, what X said meeting every condition, and last, on the question as asked, a
ranking, an unknown name, the kind of thing asked, an attribute, an event, peers, the doer,
a purpose, an office before a name. Also the small name helpers these checks share.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from cyberbrief.answers.base import TYPO_RATIO
from cyberbrief.answers.constraints import (
    hold_to_figures,
    hold_to_names,
    hold_to_superlatives,
    hold_to_thing_done,
    hold_to_years,
    unseen_names,
)
from cyberbrief.answers.described import names_in
from cyberbrief.answers.described_who import hold_to_person_noun
from cyberbrief.answers.employers import EmployerAnswers
from cyberbrief.answers.jobs import JobAnswers
from cyberbrief.answers.kinds_asked import (
    hold_to_attribute,
    hold_to_country,
    hold_to_kind,
    hold_to_measured,
)
from cyberbrief.answers.lead_verbs import asked_verb
from cyberbrief.answers.matcher import Match
from cyberbrief.answers.published import asks_published, published_answer
from cyberbrief.answers.query import Query
from cyberbrief.answers.relations_asked import (
    hold_to_doer,
    hold_to_event,
    hold_to_object,
    hold_to_peers,
    hold_to_purpose,
)
from cyberbrief.answers.said_check import said_as_asked
from cyberbrief.answers.said_places import hold_to_place_said
from cyberbrief.answers.titles import hold_to_described_country, hold_to_titles, titles_asked
from cyberbrief.answers.why import WhyAnswers
from cyberbrief.answers.yesno import YesNoAnswers
from cyberbrief.knowledge.model import Answer, Citation, Ref, Status
from cyberbrief.knowledge.normalize import norm


class HeldAnswers(WhyAnswers, YesNoAnswers, EmployerAnswers, JobAnswers):
    """The checks an answer is held to before it is sent; two steps and the answerer use them."""

    def _speaker(self, text: str) -> list[Ref]:
        """The one person or organisation ``text`` names, typos allowed ("jimmy wale")."""
        picked = self._pick(self._matches(text, ("person", "organisation")))
        return [self.repo.ref(picked.kind, picked.entity_id)] if isinstance(picked, Match) else []

    def _refs_named(self, text: str) -> list[Ref]:
        return [self.repo.ref(k, i) for k, i in names_in(self.db, text)]

    def _names_of(self, ref: Ref) -> list[str]:
        return [*self.repo.names(ref.kind, ref.id), ref.label]

    def _held(self, text: str, query: Query, answer: Answer) -> Answer:
        """A year the question asks about is a constraint every kind of answer must hold."""
        if answer.status is Status.NOT_FOUND and asks_published(text):
            # "when was the EWI commentary published": the date of the source it names.
            refs = self._refs_named(re.sub(r"['’]s\b", "", text))  # "the EWI's commentary"
            named = [self._names_of(r) for r in refs]
            cited = self._cited(answer) + self._cited(
                Answer(Status.NOT_FOUND, text, "", about=refs)
            )
            answer = published_answer(text, cited, named) or answer
        answer = hold_to_years(text, answer)
        answer = hold_to_figures(text, answer)  # and so is a figure it gives
        # "what did X say at E": X's words, meeting every constraint (for a described X,
        # checked on step two, where X is named).
        answer = (
            said_as_asked(
                text, answer, self._refs_named, self._names_of, self._speaker, self.meaning
            )
            or answer
        )
        if not answer.kind:
            answer.kind = query.intent.value
        if not answer.about:
            answer.about = answer.entities() or list(answer.related[:3])
        return answer

    def _held_to_question(self, text: str, answer: Answer) -> Answer:
        """The constraints checked last, on the question as asked, whichever path answered
        (a described entity's step two asks without the words that describe it): a ranking
        a record must state ("the largest attack"), a name the store has never seen ("the
        forum in Jakarta"), an office the person never held ("Foreign Secretary Liam Fox")."""
        answer = hold_to_superlatives(text, answer)
        if answer.status is not Status.FOUND:
            return answer
        answer = hold_to_names(text, answer, unseen_names(text, self.weights, self._in_a_name))
        named = self._refs_named(text)
        answer = hold_to_thing_done(text, answer, named, self.meaning)
        # "which newspaper did Glenny write for": a name of another kind (his book) is none.
        answer = hold_to_kind(text, answer, self.repo, lambda t: names_in(self.db, t), self.meaning)
        # "who was the BBC reporter at ...": a person the store does not call a reporter is none.
        answer = hold_to_person_noun(
            text, answer, self.repo, lambda t: names_in(self.db, t), self.meaning
        )
        answer = hold_to_country(text, answer, self.repo, lambda t: names_in(self.db, t))
        # "what nationality is X": a briefing under the question must say the nationality;
        # "why did Gates leave the Pentagon": the record of a reason must say he left.
        answer = hold_to_attribute(text, answer, self.meaning)
        answer = hold_to_measured(text, answer)  # "the chance that a phone ...": of a phone
        own = [n for r in named for n in self._names_of(r)]
        answer = hold_to_event(text, answer, own, self.meaning)
        answer = hold_to_peers(text, answer, own, asked_verb(text))  # "which company owns X"
        answer = hold_to_doer(text, answer, own)  # "which countries does the ICSPA fund"
        answer = hold_to_object(text, answer, own, self.meaning)  # "who did GCHQ arrest"
        answer = hold_to_purpose(text, answer, self.meaning)  # "spend on the conference"
        answer = hold_to_place_said(text, answer, self.db)  # "what did Hague say in Seoul"
        people = [r for r in named if r.kind == "person"]
        titles = titles_asked(text, people, {p: self._names_of(p) for p in people})
        answer = hold_to_titles(self.db, self.repo, titles, answer) or answer
        # "the Russian foreign minister" was not resolved to the UK's Foreign Secretary.
        return hold_to_described_country(self.repo, answer) or answer

    def _cited(self, answer: Answer) -> list[Citation]:
        """The sources an answer's records and the entities it is about rest on."""
        cited = answer.all_citations()
        for ref in answer.entities():
            row = self.repo.entity(ref.kind, ref.id)
            if row is not None:
                cited += self.repo.citations(row)
        return cited

    def _in_a_name(self, word: str) -> bool:
        """Whether ``word`` is a word of a stored name as typed or mistyped ("Hilary",
        "Lions"): among the name matcher's closest names, one has a word close to it."""
        return any(
            fuzz.ratio(norm(word), part) >= TYPO_RATIO
            for m in self._matches(word, None)[:3]
            for part in norm(m.text).split()
        )

    def _is_stored_name(self, phrase: str) -> bool:
        """Whether a noun phrase is a stored name, typed in part or mistyped ("the cyber
        protection alliance"): the name matcher's, never a description."""
        best = self._matches(phrase, None)[:1]
        return any(fuzz.ratio(norm(phrase), norm(m.text)) >= TYPO_RATIO for m in best)
