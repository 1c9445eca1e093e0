"""Attribute questions: "X's budget", "who is X's ROLE", "where was X held", "how long
was X"; the record that says so, or an honest no.
"""

from __future__ import annotations

import datetime as dt
import re

from cyberbrief.answers import roles
from cyberbrief.answers.briefings import BriefingAnswers
from cyberbrief.answers.cards import _date_range
from cyberbrief.answers.matcher import Match
from cyberbrief.answers.milestones import milestone_answer
from cyberbrief.answers.offices import OfficeAnswers
from cyberbrief.answers.query import Query
from cyberbrief.answers.textsearch import coverage, stems, terms
from cyberbrief.answers.verify import asked_terms
from cyberbrief.knowledge.model import Answer, Line, Ref, Section, Status
from cyberbrief.knowledge.rows import Event, Initiative
from cyberbrief.knowledge.timeline import human_date

SHOWN_PLACES = 3
"""Places someone spoke at named in the first line of the answer."""
_SPOKE = stems("spoke said")
"""What a place someone spoke at states of them: only that they spoke there."""


def _days(starts: str | dt.date | None, ends: str | dt.date | None) -> int | None:
    """Days from start to end, when both are whole dates (a year alone says no length)."""
    try:
        last, first = (
            dt.date.fromisoformat(str(ends or "")),
            dt.date.fromisoformat(str(starts or "")),
        )
        return (last - first).days
    except ValueError:
        return None


OPENED = re.compile(r"\b(open|opened|start|started|begin|began|commence|commenced)$")
CLOSED = re.compile(r"\b(end|ended|close|closed|finish|finished|conclude|concluded)$")
"""A question for the day an event of several days opened or closed ("which day did the
London conference open"): its first or its last day, never the range nor the day before."""


def _day_asked(question: str, starts: str | dt.date, ends: str | dt.date | None) -> str:
    """The day of an event of several days that ``question`` asks for, first, with the
    whole span after it ("Opened: 1 Nov 2011 (2011-11-01 to 2011-11-02)"); the span alone
    for a question for neither end of it."""
    span = _date_range(starts, ends)
    if _days(starts, ends) in (None, 0):
        return f"When: {span}."
    asked = question.strip().rstrip("?!. ").lower()
    for pattern, said, day in ((OPENED, "Opened", starts), (CLOSED, "Closed", ends)):
        if pattern.search(asked):
            return f"{said}: {human_date(str(day))} ({span})."
    unit = UNIT_ASKED.search(asked)
    first = dt.date.fromisoformat(str(starts))
    if unit and unit["unit"] == "month":
        return f"When: {first:%B %Y} ({span})."  # "in what month was the forum": June 2011
    if unit and unit["unit"] == "year":
        return f"When: {first.year} ({span})."
    return f"When: {span}."


UNIT_ASKED = re.compile(r"\b(what|which) (?P<unit>month|year)\b")
"""A question for an event's month or year, answered in that unit first ("June 2011")."""


class AttributeAnswers(OfficeAnswers, BriefingAnswers):
    """One attribute of an entity: its holder of a role, a figure, or when and where."""

    def _attribute(self, query: Query) -> Answer:
        """ "X's budget", "who is X's ROLE", "where was X held": that, or an honest no."""
        attribute = query.attribute
        if attribute.startswith("who:") or roles.ROLE_OF.match(f"{attribute} of x"):
            role_text = roles.without_time(attribute.removeprefix("who:"))
            m = re.match(r"^(?P<role>.+?)(?P<at> (at|during|in) (the )?.+)?$", role_text)
            role, at = (m["role"], m["at"] or "") if m else (role_text, "")
            answer = self._role_of(query, role, query.subject, at)
            if answer is not None and answer.status is not Status.NOT_FOUND:
                return answer
            by_role = self._role_named(query, f"{query.subject} {role_text}")
            if by_role is not None:
                return by_role
            if answer is not None:
                return answer
            evidence = self._gather(query.text)
            if evidence:
                return self._briefing(query, evidence)
            return self._not_found(query, self._matches(query.subject, None), role)
        picked = self._pick(self._matches(query.subject, None))
        if isinstance(picked, list):
            return self._choices(query, picked)
        if not isinstance(picked, Match):
            # "how long is the £650m funding for": not a name, so a question for the facts,
            # answered only by records that name everything the subject does.
            subject = terms(query.subject)
            evidence = [
                e
                for e in self._gather(query.text)
                if coverage(subject, e.line.text, self.weights)[1] == len(subject)
            ]
            if evidence:
                return self._briefing(query, evidence)
            return self._not_found(query, self._matches(query.subject, None), attribute)
        if attribute in ("location", "date", "duration"):
            beyond = self._beyond_name(query.subject, picked)
            if beyond:
                ref = self.repo.ref(picked.kind, picked.entity_id)
                row = self.repo.entity(picked.kind, picked.entity_id)
                step = (
                    milestone_answer(self.repo, query.text, ref, beyond, row.source_id)
                    if attribute == "date" and row is not None
                    else None
                )
                if step is not None:
                    return step  # "what year did the London Process move on to Korea"
                # "the follow-up to the London conference": not the conference's own place;
                # the records linked to it are verified instead (see Answerer._answer).
                noun = {"location": "place", "date": "date", "duration": "length"}[attribute]
                return self._unknown(query, query.subject, noun)
            return self._when_where(query, picked, attribute)
        facts = self._facts_saying(picked, attribute)
        if facts:
            return self._fact_answer(query, facts)
        return self._unknown(query, query.subject, attribute)

    def _when_where(self, query: Query, picked: Match, attribute: str) -> Answer:
        row = self.repo.entity(picked.kind, picked.entity_id)
        ref = self.repo.ref(picked.kind, picked.entity_id)
        location = row.location if isinstance(row, Event) else None
        starts, ends = (
            (row.starts, row.ends) if isinstance(row, Event | Initiative) else (None, None)
        )
        said = ""
        if attribute == "location" and location:
            said = f"Where: {location}."
        elif attribute == "date" and starts:
            said = _day_asked(query.text, starts, ends)
        elif attribute == "duration" and _days(starts, ends) is not None:
            days = _days(starts, ends) or 0
            said = f"How long: {days + 1} day{'s' if days else ''} ({_date_range(starts, ends)})."
        if said:
            card = self._card(picked.kind, picked.entity_id, query.text)
            if attribute == "location":  # the card's "Where" field would say it again
                card.fields = [(k, v) for k, v in card.fields if k != "Where"]
            card.lead = f"{said} {card.lead or ''}".strip()  # what was asked, first
            return card
        if picked.kind in ("person", "organisation") and attribute == "location":
            lines = self._where_they_spoke(picked) if self._asks_where_said(query, ref) else []
            if lines:
                return Answer(
                    Status.FOUND,
                    query.text,
                    f"Where {ref.label} spoke",
                    lead=f"Where: {self._places_spoken(picked, lines)}",
                    sections=[Section("On record", lines)],
                    subject=ref,
                    related=[ref],
                )
        noun = {"location": "place", "date": "date", "duration": "length"}[attribute]
        return self._unknown(query, query.subject, noun)

    def _asks_where_said(self, query: Query, ref: Ref) -> bool:
        """Whether "where" asks where they spoke ("where did Lobban speak", "where is
        Lobban"), not another place ("where was Lobban born"): the question's verb must be
        what the record states, and a place they spoke at states only speaking."""
        asked = asked_terms(query.text, self.repo.names(ref.kind, ref.id))
        return all(t.alternatives & _SPOKE for t in asked)

    def _places_spoken(self, picked: Match, lines: list[Line]) -> str:
        """The events someone spoke at, for the first line; else where the records say."""
        events = dict.fromkeys(
            self.repo.label("event", q.event_id)
            for q in self.repo.quotes_by(picked.kind, picked.entity_id)
            if q.event_id
        )
        return "; ".join(list(events)[:SHOWN_PLACES] or [x.text for x in lines[:SHOWN_PLACES]])

    def _where_they_spoke(self, picked: Match) -> list[Line]:
        lines: dict[str, Line] = {}
        for quote in self.repo.quotes_by(picked.kind, picked.entity_id):
            where = [quote.context or ""]
            if quote.event_id:
                where.append(f"at {self.repo.label('event', quote.event_id)}")
            text = ", ".join(w for w in where if w)
            if text and text not in lines:
                lines[text] = Line(text, self.repo.citation(quote.source_id))
        return list(lines.values())
