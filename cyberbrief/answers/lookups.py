"""Questions that name one thing (a lookup: "who is ICSPA", "who funded the Budapest
conference") and the lists of events and initiatives: the named thing's card when it says
what is asked, else the records about it that do, else a refusal saying what is on record.
"""

from __future__ import annotations

from cyberbrief.answers import roles
from cyberbrief.answers.matcher import Match
from cyberbrief.answers.plaintext import render
from cyberbrief.answers.query import Intent, Query
from cyberbrief.answers.role_claims import RoleClaims
from cyberbrief.answers.series import elsewhere
from cyberbrief.answers.series_member import SeriesMemberAnswers
from cyberbrief.answers.verify import (
    Expect,
    asked_terms,
    asks_for_another,
    asks_money,
    expected,
    says_most,
    verify,
)
from cyberbrief.knowledge.model import Answer, Line, Ref, Section, Status
from cyberbrief.knowledge.rows import Event

LIST_LIMIT = 25
"""The most events or initiatives one list shows."""


class LookupAnswers(SeriesMemberAnswers, RoleClaims):
    """Answers to a question naming one thing, and the lists; the answerer routes to them."""

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
            if held is not None and not held.answered:
                # "what did the head of the FBI say": nobody on record holds the office, so
                # nothing they said is; never the words of someone who names the FBI.
                return held
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
