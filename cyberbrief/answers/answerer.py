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

from cyberbrief.answers import followup, roles
from cyberbrief.answers.alignment import unhedged
from cyberbrief.answers.asked_plainly import (
    asked_plainly,
    context_and_question,
    uncontracted,
    unfronted,
)
from cyberbrief.answers.base import KIND_NOUN, Indexes, Today
from cyberbrief.answers.briefings import SIZE_WORDS
from cyberbrief.answers.described import names_in
from cyberbrief.answers.expressions import with_digits
from cyberbrief.answers.leads import (
    names_something,
    refused_for_lead,
    states_asked,
)
from cyberbrief.answers.matcher import CONFIDENT, Match
from cyberbrief.answers.plaintext import render
from cyberbrief.answers.query import Intent, Query, parse
from cyberbrief.answers.quotes import COVERS_TOPIC, QUOTE_PARTIAL, WHO_SAID_COVERS
from cyberbrief.answers.role_claims import RoleClaims
from cyberbrief.answers.series import elsewhere, of_another_event
from cyberbrief.answers.series_member import SeriesMemberAnswers
from cyberbrief.answers.sources_asked import held_to_source, source_asked
from cyberbrief.answers.verify import (
    Expect,
    asked_terms,
    asks_for_another,
    asks_money,
    expected,
    says_most,
    verify,
)
from cyberbrief.answers.years_between import years_between
from cyberbrief.knowledge.model import Answer, Line, Ref, Section, Status
from cyberbrief.knowledge.rows import Event

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

LIST_LIMIT = 25

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


class Answerer(SeriesMemberAnswers, RoleClaims):
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
        question = unfronted(asked_plainly(uncontracted(self._in_context(text))))
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
        if not states_asked(asked, answer, self.meaning) or of_another_event(
            self.db, asked, answer
        ):
            # The last check, whichever path answered: the first line states what was asked,
            # of the event asked about.
            return refused_for_lead(text, answer)
        return answer

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
        if answer.status is Status.NOT_FOUND and answer.about and not _asks_office(query):
            # Refused about a known entity: a record linked to it may still say what is
            # asked, in its own words ("arrested in 2002"); checked, not scored.
            answer = (
                self._verified(query, answer.about)
                or self._by_meaning(query, answer.about)
                or answer
            )
        elif answer.status is Status.NOT_FOUND and not answer.about:
            # Names nothing the store has: the best candidates by meaning, verified.
            answer = self._by_meaning(query) or answer
        return self._held(text, query, answer)

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

    def _lookup(self, query: Query) -> Answer:
        kinds = {Intent.EVENT: ("event",), Intent.INITIATIVE: ("initiative",)}.get(query.intent)
        # "head of GCHQ in 2011": the office; the year is held to by every answer (_held).
        role_of = roles.ROLE_OF.match(roles.without_time(query.subject)) if kinds is None else None
        if role_of:
            # "head of Facebook" is a person, never Facebook's card.
            answer = self._role_of(query, role_of["role"], role_of["org"], role_of["at"] or "")
            if answer is not None:
                return answer
            # The organisation is not one the store names: only a person answers "who headed
            # Britain's signals agency during the London conference", never the event's card.
            kinds = ("person",)
        matches = self._matches(query.subject, kinds)
        picked = self._pick(matches)
        if isinstance(picked, Match):
            # "who was Liam Fox in 2011": the card, held to the year like every answer.
            asked = self._beyond_name(roles.without_time(query.subject), picked)
            if asked and not self._who_they_are(query.text, picked.kind, picked.entity_id, asked):
                # "who funded the Budapest conference": the conference's card does not say.
                return self._asked_about(query, picked, asked)
            return self._card(picked.kind, picked.entity_id, query.text)
        if isinstance(picked, list):
            if self._beyond_name(query.subject, *picked):
                # "which Wikipedia founder spoke at the London conference": not a choice
                # between the two names but a question about them.
                evidence = self._gather(query.text, naming=True)
                if evidence:
                    return self._briefing(query, evidence)
            return self._choices(query, picked)
        # "the Foreign Secretary", "the American defense secretary": a person by role.
        by_role = self._role_named(query, roles.without_time(query.subject))
        if by_role is not None:
            return by_role
        # No entity is called that: maybe facts, quotes or descriptions answer it. Not for
        # "head of <something unknown>": a record that names no head cannot answer it.
        evidence = [] if role_of else self._gather(query.text, naming=True)
        if evidence:
            return self._briefing(query, evidence)
        return self._not_found(query, matches)

    def _quotes_for(self, query: Query) -> Answer:
        """Quotes by the holder of a role ("what did the head of the ICSPA say") are the
        person's, resolved through the offices; anything else as for any speaker."""
        role_of = roles.ROLE_OF.match(query.subject)
        if role_of:
            held = self._role_of(query, role_of["role"], role_of["org"], role_of["at"] or "")
            person = held.subject if held is not None and held.answered else None
            if person is not None and person.kind == "person":
                return self._quotes_of(query, Match("person", person.id, 100.0, person.label, ""))
        return super()._quotes_for(query)

    def _asked_about(self, query: Query, picked: Match, asked: list[str]) -> Answer:
        """A question about a named thing: answered from records that cover what is asked,
        else refused, saying what is on record about the thing."""
        ref = self.repo.ref(picked.kind, picked.entity_id)
        row = self.repo.entity(picked.kind, picked.entity_id)
        place = row.location if isinstance(row, Event) else ""
        others = (
            elsewhere(self.repo, query.text, asked, self._names_of(ref), place or "")
            if ref.kind in ("event", "initiative")
            else []
        )
        if others:
            # "who opened the Korean leg of the London Process": about an event elsewhere.
            return self._refusal(
                query,
                f"Nothing on record answers that about {ref.label}",
                f"The question is about {' or '.join(e.name for e in others)}, not "
                f"{ref.label} itself, and no record answers it. On record:",
                [*(self._event_line(e) for e in others), *self._described(picked)],
                [ref, *(Ref("event", e.id, e.name) for e in others)],
            )
        evidence = self._gather(query.text, naming=True)
        if evidence:
            return self._briefing(query, evidence)
        card = self._card(picked.kind, picked.entity_id, query.text)
        # The card must say what is asked beyond the entity's names, as a record found by
        # meaning must: one word of it as the question wrote it, most of the rest in its words
        # or in words close in meaning ("which country hosted the follow-up to the London
        # conference in 2012": "continued in Hungary in 2012").
        wanted = asked_terms(query.text, self.repo.names(picked.kind, picked.entity_id))
        if says_most(render(card), wanted, self.meaning) and self._card_states(query, card, picked):
            return card  # "who from Facebook went to the conference": the card says
        return self._refusal(
            query,
            f"Nothing on record answers that about {ref.label}",
            f"The store has {ref.label} but nothing on “{' '.join(asked)}”.",
            self._described(picked),
            [ref],
        )

    def _card_states(self, query: Query, card: Answer, picked: Match) -> bool:
        """Whether the card states what a when/how-many question asks, as a record must
        ("what year did Glenny publish Dark Market": his card holds no year of publishing),
        and is not simply the question's own subject: a person's card never answers who
        did something to or with that person ("who took over from Hague as Foreign
        Secretary")."""
        if picked.kind == "person" and asks_for_another(query.text):
            return False
        expect = expected(query.text)
        if expect is Expect.SPEECH:
            return False  # a card reports nobody's words ("what did Cameron tell the conference")
        if expect not in (Expect.DATE, Expect.FIGURE):
            return True
        names = self.repo.names(picked.kind, picked.entity_id)
        asked = asked_terms(query.text, names)
        return verify(render(card), expect, asked, names, asks_money(query.text)) is not None

    # lists

    def _event_line(self, e: Event) -> Line:
        where = f", {e.location}" if e.location else ""
        return Line(
            f"{e.name} — {self._when(e)}{where}",
            self.repo.citation(e.source_id),
            Ref("event", e.id, e.name),
        )

    def _events(self, query: Query) -> Answer:
        today = self.today().isoformat()
        if query.subject:
            return self._events_in(query)
        upcoming = self.repo.events_from(today, LIST_LIMIT)
        recent = self.repo.events_before(today, LIST_LIMIT)
        sections = [
            Section(
                "Upcoming",
                [self._event_line(e) for e in upcoming]
                or [Line("No upcoming events are on record yet.")],
            ),
        ]
        if recent:
            sections.append(Section("Recent", [self._event_line(e) for e in recent]))
        return Answer(Status.FOUND, query.text, f"Events (as of {today})", sections=sections)

    def _events_in(self, query: Query) -> Answer:
        """ "events in London": by place; a place with no events falls back to lookup."""
        found = self.repo.events_in(query.subject, LIST_LIMIT)
        if not found:
            return self._lookup(Query(Intent.LOOKUP, query.subject, query.text))
        return Answer(
            Status.FOUND,
            query.text,
            f"Events in {query.subject.title()}",
            sections=[Section("Events", [self._event_line(e) for e in found])],
            related=[Ref("event", e.id, e.name) for e in found][:5],
        )

    def _initiatives(self, query: Query) -> Answer:
        rows = self.repo.initiatives(LIST_LIMIT)
        if not rows:
            return self._not_found(query, [], "initiatives")
        lines = []
        for row in rows:
            text = row.name
            if row.description:
                text += f" — {row.description}"
            lines.append(
                Line(text, self.repo.citation(row.source_id), Ref("initiative", row.id, row.name))
            )
        return Answer(
            Status.FOUND,
            query.text,
            "International initiatives",
            sections=[Section("Initiatives", lines)],
        )
