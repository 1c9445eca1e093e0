"""Entity cards: an organisation, person, event or initiative with everything on record
about it, each line with its source.
"""

from __future__ import annotations

import datetime as dt

from cyberbrief.answers.base import AnswererBase
from cyberbrief.answers.evidence import fact_line, quote_line
from cyberbrief.answers.query import Intent, Query
from cyberbrief.knowledge.figures import newest_first
from cyberbrief.knowledge.model import Answer, Line, Ref, Section, Status
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.role_history import former_roles
from cyberbrief.knowledge.rows import Event, Fact, Initiative, Organisation, Person, Quote
from cyberbrief.knowledge.timeline import as_of, event_when, human_date, with_as_of


def _date_range(starts: str | dt.date | None, ends: str | dt.date | None) -> str:
    """ "2012-11-01 to 2012-11-02" (ISO days, as stored), or the one day."""
    if not starts:
        return ""
    if ends and ends != starts:
        return f"{starts} to {ends}"
    return str(starts)


class CardAnswers(AnswererBase):
    """An entity's card: what it is, with its people, quotes, events, facts and sources."""

    def _quote_line(self, quote: Quote, with_speaker: bool = True) -> Line:
        return quote_line(self.repo, quote, with_speaker)

    def _fact_line(self, fact: Fact) -> Line:
        return fact_line(self.repo, fact)

    def _card(self, kind: str, entity_id: int, query_text: str) -> Answer:
        row = self.repo.entity(kind, entity_id)
        if row is None:
            return self._not_found(Query(Intent.LOOKUP, query_text, query_text), [])
        subject = Ref(kind, entity_id, self.repo.label(kind, entity_id))
        answer = Answer(
            Status.FOUND,
            query_text,
            subject.label,
            summary=row.description,
            subject=subject,
        )
        answer.citations.extend(self.repo.citations(row))
        related: list[Ref] = []
        if isinstance(row, Organisation):
            self._organisation(answer, row, related)
        elif isinstance(row, Person):
            self._person(answer, row, related)
        elif isinstance(row, Event):
            self._event(answer, row, related)
        else:
            self._initiative(answer, row, related)
        # A role says "as of" itself; an event, its tense.
        if not isinstance(row, Event) and not (isinstance(row, Person) and row.role):
            note = as_of(self.repo.citations(row))
            if note:
                answer.fields.append(("On record", note))
        aliases = [a for a in self.repo.aliases(kind, entity_id) if a != row.name]
        if aliases:
            answer.fields.append(("Also known as", ", ".join(aliases[:6])))
        facts = self.repo.facts_about(kind, entity_id)
        if facts:
            lines = newest_first([self._fact_line(f) for f in facts])
            answer.sections.append(Section("Key facts", lines))
        seen = {subject.key}
        for ref in related:
            if ref.key not in seen:
                seen.add(ref.key)
                answer.related.append(ref)
        return answer

    def _quotes_section(self, heading: str, quotes: list[Quote], by: bool) -> Section:
        return Section(heading, [self._quote_line(q, with_speaker=by) for q in quotes])

    def _organisation(self, answer: Answer, row: Organisation, related: list[Ref]) -> None:
        answer.fields.append(("Kind", "Organisation"))
        people = self.repo.people_of(row.id)
        if people:
            answer.sections.append(
                Section(
                    "People",
                    [
                        Line(
                            p.name
                            + (
                                f" — {with_as_of(p.role, self.repo.citations(p))}" if p.role else ""
                            ),
                            self.repo.citation(p.source_id),
                            Ref("person", p.id, p.name),
                        )
                        for p in people
                    ],
                )
            )
            related.extend(Ref("person", p.id, p.name) for p in people)
        quotes = self.repo.quotes_by("organisation", row.id)
        if quotes:
            answer.sections.append(self._quotes_section("Statements", quotes, by=False))
        events = self.repo.events_organised_by(row.id)
        initiatives = self.repo.initiatives_led_by(row.id)
        if events or initiatives:
            answer.sections.append(
                Section(
                    "Events and initiatives",
                    [
                        *(
                            Line(
                                f"{e.name} ({self._when(e)})",
                                self.repo.citation(e.source_id),
                                Ref("event", e.id, e.name),
                            )
                            for e in events
                        ),
                        *(
                            Line(
                                i.name,
                                self.repo.citation(i.source_id),
                                Ref("initiative", i.id, i.name),
                            )
                            for i in initiatives
                        ),
                    ],
                )
            )
            related.extend(Ref("event", e.id, e.name) for e in events)
            related.extend(Ref("initiative", i.id, i.name) for i in initiatives)

    def _person(self, answer: Answer, row: Person, related: list[Ref]) -> None:
        if row.role:
            role = with_as_of(row.role, self.repo.citations(row))
            formers = former_roles(self.repo.db, row.id)
            before = [
                f"{f.role}"
                + (f" in {human_date(f.date[:7])}" if f.date else "")
                + (f" ({cited.short()})" if (cited := self.repo.citation(f.source_id)) else "")
                for f in formers
            ]
            if before:
                role += "; before that: " + "; ".join(before)  # kept when a newer role came
            answer.fields.append(("Role", role))
            if formers and row.description and norm(row.role) not in norm(row.description):
                # The editors' description was written before the newest role: the card
                # leads with that role and its date, the description follows as history.
                answer.summary = None
                answer.fields.append((f"Described as {formers[0].role}", row.description))
        if row.organisation_id:
            org = self.repo.ref("organisation", row.organisation_id)
            answer.fields.append(("Organisation", org.label))
            related.append(org)
        quotes = self.repo.quotes_by("person", row.id)
        if quotes:
            answer.sections.append(self._quotes_section("Said", quotes, by=False))
            related.extend(self.repo.ref("event", q.event_id) for q in quotes if q.event_id)

    def _event(self, answer: Answer, row: Event, related: list[Ref]) -> None:
        when = event_when(row.starts, row.ends, self.repo.citations(row), self.today())
        answer.fields.append(("When", when))
        if row.location:
            answer.fields.append(("Where", row.location))
        organisers = self.repo.organisers(row.id)
        if organisers:
            answer.fields.append(("Organisers", ", ".join(o.name for o in organisers)))
            related.extend(Ref("organisation", o.id, o.name) for o in organisers)
        quotes = self.repo.quotes_at(row.id)
        if quotes:
            answer.sections.append(self._quotes_section("Said there", quotes, by=True))
            related.extend(self.repo.ref(q.speaker_kind, q.speaker_id) for q in quotes)

    def _initiative(self, answer: Answer, row: Initiative, related: list[Ref]) -> None:
        answer.fields.append(("Kind", "Initiative"))
        if row.organisation_id:
            org = self.repo.ref("organisation", row.organisation_id)
            answer.fields.append(("Led by", org.label))
            related.append(org)
        if row.starts:
            answer.fields.append(("Since", _date_range(row.starts, row.ends)))
        milestones = self.repo.milestones(row.id)
        if milestones:
            answer.sections.append(
                Section("Milestones", [Line(f"{m.date}: {m.text}") for m in milestones])
            )

    def _when(self, event: Event) -> str:
        """ "was held 1–2 Nov 2011", in the tense true today, to follow an event's name."""
        when = event_when(event.starts, event.ends, self.repo.citations(event), self.today())
        return when[0].lower() + when[1:]
