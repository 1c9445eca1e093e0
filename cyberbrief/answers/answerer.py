"""Turning a question into an :class:`Answer` from the store.

The rules a user can rely on: a clear best match answers with its card; several close ones
are offered as choices; nothing good says so and suggests up to three names. Every line that
states something carries the source it came from.

This module routes a question to its kind of answer and answers lookups and lists; the kinds
live beside it (cards, offices, attributes, briefings, quotes), so each stays small enough to
read. Every name answers used to export is still importable from here.
"""

from __future__ import annotations

import sqlite_utils

from cyberbrief.answers import dates_asked, dates_events, followup, roles
from cyberbrief.answers.alignment import unhedged
from cyberbrief.answers.asked_back import AMBIGUOUS
from cyberbrief.answers.asked_plainly import (
    asked_plainly,
    context_and_question,
    uncontracted,
    unfronted,
)
from cyberbrief.answers.base import KIND_NOUN, Indexes, Today
from cyberbrief.answers.briefings import SIZE_WORDS
from cyberbrief.answers.described import names_in
from cyberbrief.answers.described_scene import described_context
from cyberbrief.answers.expressions import with_digits
from cyberbrief.answers.figures_asked import share_asked, sub_group_counted, them_counted
from cyberbrief.answers.leads import (
    names_something,
    refused_for_lead,
    states_asked,
)
from cyberbrief.answers.lookups import LIST_LIMIT, LookupAnswers
from cyberbrief.answers.matcher import CONFIDENT
from cyberbrief.answers.open_clauses import COMPARED, asks_openly, open_in_other_words
from cyberbrief.answers.query import Intent, Query, parse
from cyberbrief.answers.quotes import COVERS_TOPIC, QUOTE_PARTIAL, WHO_SAID_COVERS
from cyberbrief.answers.series import of_another_event
from cyberbrief.answers.sources_asked import held_to_source, source_asked
from cyberbrief.answers.why_shapes import as_why
from cyberbrief.answers.years_between import years_between
from cyberbrief.knowledge.model import Answer, Line, Section, Status
from cyberbrief.knowledge.normalize import norm

__all__ = [
    "COVERS_TOPIC",
    "HELP_TEXT",
    "KIND_NOUN",
    "LIST_LIMIT",
    "QUOTE_PARTIAL",
    "SIZE_WORDS",
    "WHO_SAID_COVERS",
    "Answerer",
    "Indexes",
    "Today",
]


HELP_TEXT = [
    "`/cyber who is ICSPA` — who an organisation or person is (acronyms, typos and partial "
    "names are fine)",
    "`/cyber quote Hague` — quotes by or about someone",
    "`/cyber who said rules of the road` — who said a phrase",
    "`/cyber cost of cybercrime` or `/cyber how many nations attended the london conference` "
    "— facts and figures",
    "`/cyber events` — upcoming, then recent events; `/cyber event WCIT` — one event",
    "`/cyber initiatives` — international initiatives and processes",
    "`/cyber subscribe at 07:30 Europe/Brussels` — a daily digest in this channel",
]


_NAMING_NOTHING = (Intent.HELP, Intent.WHO_SAID, Intent.EVENTS, Intent.INITIATIVES)
"""Intents whose text is a phrase or a list, never a description of one entity."""


def _asks_office(query: Query) -> bool:
    """A question for the holder of a role ("head of GCHQ"): the offices answer it from
    people's roles, where "vice-president" is never "president"."""
    if query.intent is Intent.QUOTES:
        return False  # the holder was resolved: what they said is checked like anyone's
    attribute = query.attribute.removeprefix("who:")
    return bool(roles.ROLE_OF.match(query.subject) or (attribute and roles.role_nouns(attribute)))


def _holder_described(query: Query, answer: Answer) -> bool:
    """Whether an answer to an office question ("who heads the agency at whose request
    McKinnon was arrested") leads with a person the question names in saying whose office
    it asks for: its own subject, never the office's holder."""
    role_of = roles.ROLE_OF.match(query.subject)
    person = answer.subject or (answer.about[0] if answer.about else None)
    if role_of is None or person is None or person.kind != "person":
        return False
    described = norm(f"{role_of['org']} {role_of['at'] or ''}").split()
    return any(word in described for word in norm(person.label).split())


class Answerer(LookupAnswers):
    """Answers questions from one store; caches its indexes until the store changes.

    An answerer reads through one connection; :meth:`over` gives the same answerer over
    another (one unit of work's snapshot), sharing the indexes, for concurrent answers.
    """

    def over(self, db: sqlite_utils.Database) -> Answerer:
        """This answerer reading through ``db`` instead, with the same (shared) indexes."""
        return Answerer(db, self.today, indexes=self.indexes)

    # entry point

    def answer(self, text: str) -> Answer:
        """The answer to ``/cyber text``; a question naming its source ("according to the
        BBC, ...") is answered without it and held to that source."""
        self._refresh()
        # Each row read and each search ranked once for this question, then forgotten.
        self.repo.remembering({})
        self.weights.remembering({})
        try:
            return self._answer_text(text)
        finally:
            self.repo.remembering(None)
            self.weights.remembering(None)

    def _answer_text(self, text: str) -> Answer:
        # "APEC is made up of nations: how many of them": one question, as it asks.
        counted = them_counted(text) or sub_group_counted(text) or share_asked(text) or text
        question = as_why(unfronted(asked_plainly(uncontracted(self._in_context(counted)))))
        sourced = source_asked(question, self.db, self.names)
        if sourced is not None:
            return held_to_source(self._asked(sourced.question), sourced, text)
        answer = self._asked(question)
        answer.query = text
        return answer

    def _in_context(self, text: str) -> str:
        """A question after a sentence that sets the scene, asked about what the scene names:
        "The ICSPA. Who runs it?" is "who runs the ICSPA" (as a follow-up in a thread is),
        "... the London conference. How many nations attended?" asks about the conference."""
        split = context_and_question(text)
        if split is None:
            return text
        context, question = split
        described = described_context(context, question, self._is_stored_name)
        if described is not None:
            return described  # "the 2013 follow-up to the London conference: where was it"
        named = tuple(self.repo.ref(k, i) for k, i in names_in(self.db, context))
        if not named and len(context.split()) <= 3:  # "Hague: what did he say?"
            found = [m for m in self.names.search(context, limit=2) if m.score >= CONFIDENT]
            named = tuple(self.repo.ref(m.kind, m.entity_id) for m in found[:1])
        if not named:
            return question  # "for my report: when was McKinnon arrested?"
        resolved = followup.resolve(question, followup.PreviousAnswer("context", named))
        if isinstance(resolved, followup.Resolved) and resolved.card is None:
            return resolved.question
        if isinstance(resolved, followup.Unresolved):
            return text  # "the not-for-profit that Lyons runs - who was it ...": as typed
        if resolved is None and not names_in(self.db, question):
            return f"{question.rstrip('?.! ')} {named[0].label}"
        return question

    def _asked(self, text: str) -> Answer:
        in_unit = dates_asked.restated(text)
        if in_unit is not None:
            # "what day of the week", "which decade", "how many years ago": the plain date
            # question, verified as every date is, then said in the unit asked.
            plain = dates_asked.said_in_unit(in_unit, self._asked(in_unit.question), self.today())
            plain.query = text
            return plain
        named = dates_events.event_named(self.db, self.repo, text) or dates_events.founding_named(
            self.db, text
        )
        if isinstance(named, list):
            # asked back, as for a name several entries fit
            return dates_events.several_events(text, named, self.repo)
        if named is not None and named != text:
            # "when was the conference hosted in South Korea": the one event there, by name.
            held = self._asked(named)
            held.query = text
            held.title = held.title.replace(named, text.strip().rstrip("?"))
            return held
        self._searched = {}
        asked = unhedged(text)  # "roughly what share of ...": the same figure is asked
        answer = self._answer(asked, describing=True)
        written = with_digits(asked)
        if written != asked and answer.status is Status.NOT_FOUND:
            # Figures in words, asked again as records write them ("sixty nations": "60
            # nations"); only for a question refused in its own words.
            self._searched = {}
            again = self._answer(written, describing=True)
            if again.status is Status.FOUND:
                again.query = text
                answer = again
        answer.query = text
        answer = self._held_to_question(asked, answer)
        if (
            not states_asked(asked, answer, self.meaning)
            or of_another_event(self.db, asked, answer)
            or self._dated_otherwise(asked, answer)
        ):
            # The last check, whichever path answered: the first line states what was asked,
            # of the event asked about.
            return refused_for_lead(text, answer)
        return answer

    def _dated_otherwise(self, question: str, answer: Answer) -> bool:
        """Whether a passive when-question ("when was APEC founded") is answered with a
        date of what its subject did, or of another thing (dates_asked)."""
        if answer.status is not Status.FOUND:
            return False
        names = dates_asked.names_asked(self.db, question)
        line = answer.lead or answer.title
        return dates_asked.done_by_asked(question, line, names) or dates_asked.dated_of_other(
            question, line, names
        )

    def _answer(self, text: str, describing: bool) -> Answer:
        """Question analysis, candidates, verification and the question's constraints, in
        that order; ``describing``: an entity described instead of named is resolved first."""
        query = parse(text)
        if query.intent not in _NAMING_NOTHING and not names_something(query):
            # "where was it held", "what did she say": nothing to look up without a thread.
            return self._refusal(
                query,
                f"No answer found for “{text.strip()}”",
                "The question names nothing to look it up by: ask with a name or a topic "
                "(`/cyber help` shows how), or ask it in the thread of an answer.",
            )
        span = years_between(text, lambda asked: self._answer(asked, True)) if describing else None
        if span is not None:
            return span  # "how many years between A and B": two dates on record, or no
        # "was Hague the prime minister": the person's roles, never a described "prime minister"
        held = None if query.intent is Intent.HELP else self._role_claim(query)
        if held is not None:
            return self._held(text, query, held)
        if describing and query.intent not in _NAMING_NOTHING:
            described = self._series_member(text, query) or self._described_first(text, query)
            if described is not None:
                return described
        # "was Joanna Shields at the conference": the claim is verified, record by record.
        claimed = None if query.intent is Intent.HELP else self._yes_no(query)
        if claimed is not None:
            return self._held(text, query, claimed)
        # "who does Joanna Shields work for": the organisation her record links her to.
        employer = (
            None
            if query.intent is Intent.HELP
            else self._employer(query) or self._job(query) or self._work(query)
        )
        if employer is not None:
            return self._held(text, query, employer)
        handler = {
            Intent.HELP: self._help,
            Intent.LOOKUP: self._lookup,
            Intent.QUOTES: self._quotes_for,
            Intent.WHO_SAID: self._who_said,
            Intent.FACTS: self._facts_for,
            Intent.EVENTS: self._events,
            Intent.EVENT: self._lookup,
            Intent.INITIATIVES: self._initiatives,
            Intent.INITIATIVE: self._lookup,
            Intent.ATTRIBUTE: self._attribute,
            Intent.EXPLAIN: self._explain,
        }[query.intent]
        answer = handler(query)
        if answer.kind == AMBIGUOUS:
            return answer  # which of several was meant is asked back, never guessed
        if answer.status is Status.NOT_FOUND and answer.about and not _asks_office(query):
            # Refused about a known entity: a record linked to it may still say what is
            # asked, in its own words ("arrested in 2002"); checked, not scored.
            answer = (
                self._verified(query, answer.about)
                or self._by_meaning(query, answer.about)
                or answer
            )
        elif answer.status is Status.NOT_FOUND and not answer.about:
            # Names nothing the store has: the best candidates by meaning, verified (never
            # leading with the person whose office is asked about); then the one clause of
            # them that says what is asked in other words.
            found = self._by_meaning(query)
            if found is not None and _holder_described(query, found):
                found = None
            answer = found or self._open_clause(text) or answer
        return self._held(text, query, answer)

    def _open_clause(self, text: str) -> Answer | None:
        """An open question naming nothing, answered in other words (:mod:`open_clauses`)."""
        if self.meaning is None or not asks_openly(text) or names_in(self.db, text):
            return None
        hits = [h for h in self._ranked(parse(text)) if h.kind != "name"][:COMPARED]
        found = [c for h in hits if (c := self._hit_candidate(h)) is not None]
        return open_in_other_words(text, found, self.meaning, self.weights)

    def card(self, kind: str, entity_id: int, query: str = "") -> Answer:
        """The card for one entity (what the related-entity buttons open)."""
        self._refresh()
        return self._card(kind, entity_id, query)

    # intents

    def _help(self, query: Query) -> Answer:
        return Answer(
            Status.HELP,
            query.text,
            "cyberbrief: international cybersecurity policy, with sources",
            summary="Ask about organisations, people, events, initiatives, facts and quotes.",
            sections=[Section("Try", [Line(t) for t in HELP_TEXT])],
        )

    # names
