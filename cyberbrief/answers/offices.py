"""Role and office questions: a person found by the office they hold ("head of GCHQ",
"the Foreign Secretary"), or an honest refusal naming who is on record there.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from cyberbrief.answers import roles
from cyberbrief.answers.cards import CardAnswers
from cyberbrief.answers.matcher import Match
from cyberbrief.answers.query import Query
from cyberbrief.knowledge.model import Answer, Citation, Line, Ref, Status
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.rows import Officeholder
from cyberbrief.knowledge.timeline import dated_source, human_date, role_lead, with_as_of


def _mentions(person: Officeholder, place: str) -> bool:
    """Whether a person's role or description mentions ``place`` ("at the London conference")."""
    wanted = roles.role_words(re.sub(r"^ *(at|during|in) ", "", place))
    said = norm(f"{person.role or ''} {person.description or ''}")
    return all(fuzz.partial_ratio(w, said) >= 90 for w in wanted)


LED_BY = re.compile(r"\b(?:led|headed|chaired|run)\b[^.;:]*?\bby (?P<by>[^.;:,]+)")
"""An organisation's description saying who heads it ("led in November 2011 by ...")."""


class OfficeAnswers(CardAnswers):
    """People found by the office they hold: "head of GCHQ", "the Foreign Secretary"."""

    def _role_of(self, query: Query, role: str, org_text: str, at: str) -> Answer | None:
        """ "head of GCHQ": the person, or an honest refusal naming who is on record there.

        None when the organisation is not one the store knows (the caller goes on).
        """
        org = self._pick(self._matches(org_text, ("organisation",)))
        if isinstance(org, Match) and self._beyond_name(org_text, org):
            org = None  # "Britain's signals intelligence" is not the UK Government
        org_id = org.entity_id if isinstance(org, Match) else None
        people = self.repo.people_roles(organisation_id=org_id, role_mentions=org_text)
        found = roles.at_organisation(people, role, org_id, org_text)
        if at:
            found = [p for p in found if _mentions(p, at)]
        if len(found) == 1:
            return self._role_card(found[0].id, query.text)
        if found:
            return self._latest_holder(query, found) or self._people_choices(query, found)
        if org_id is None:
            return None
        led = self._led_by(org_id) if role in roles.HEAD_WORDS and not at else None
        if led is not None:
            return self._role_card(led, query.text)
        org_ref = self.repo.ref("organisation", org_id)
        known = [
            Line(
                f"{p.name}"
                + (f", {with_as_of(p.role, self.repo.citations(p))}" if p.role else "")
                + (f": {p.description}" if p.description else ""),
                self.repo.citation(p.source_id),
                Ref("person", p.id, p.name),
            )
            for p in self.repo.people_of(org_id)
        ]
        asked = f"{role}{at}".strip()
        summary = f"No {asked} of {org_ref.label} is on record."
        if known:
            summary += (
                " On record at "
                + org_ref.label
                + ": "
                + "; ".join(line.text.split(":")[0] for line in known)
                + "."
            )
        return self._refusal(
            query, f"No {asked} of {org_ref.label} on record", summary, known, [org_ref]
        )

    def _led_by(self, org_id: int) -> int | None:
        """The one person on record at the organisation whom its own description says it is
        led or headed by ("led in November 2011 by Foreign Secretary William Hague"): its
        head, though their role names another office; None when it says no such thing."""
        row = self.repo.entity("organisation", org_id)
        said = [m["by"] for m in LED_BY.finditer(getattr(row, "description", None) or "")]
        people = [
            p.id for p in self.repo.people_of(org_id) if any(norm(p.name) in norm(b) for b in said)
        ]
        return people[0] if len(people) == 1 else None

    def _latest_holder(self, query: Query, people: list[Officeholder]) -> Answer | None:
        """Several people on record in one office ("OSCE Secretary General"), each as of their
        source's date: the newest is the answer and those before are named with their dates.
        None when the roles differ or a date is missing or shared (then the asker chooses)."""
        if len({norm(p.role or "") for p in people}) != 1:
            return None
        dated: list[tuple[str, Officeholder, Citation]] = []
        for person in people:
            row = self.repo.person(person.id)
            source = dated_source(self.repo.citations(row)) if row else None
            if source is None or not source.date:
                return None
            dated.append((source.date, person, source))
        dated.sort(key=lambda d: d[0], reverse=True)
        if len({date for date, _, _ in dated}) != len(dated):
            return None
        answer = self._role_card(dated[0][1].id, query.text)
        before = "; ".join(
            f"{p.name}, as of {human_date(date)} ({source.short()})"
            for date, p, source in dated[1:]
        )
        answer.lead = f"{answer.lead} Before that: {before}."
        return answer

    def _people_choices(self, query: Query, people: list[Officeholder]) -> Answer:
        refs = [Ref("person", p.id, p.name) for p in people[:5]]
        return Answer(
            Status.CHOICES,
            query.text,
            f"Several people match “{query.subject}”",
            summary="; ".join(f"{p.name} ({p.role})" for p in people[:5]),
            choices=refs,
        )

    def _role_card(self, person_id: int, query_text: str) -> Answer:
        """A person found by role: say first when the role was last on record as theirs."""
        answer = self._card("person", person_id, query_text)
        row = self.repo.person(person_id)
        if row is not None:
            answer.lead = role_lead(row.name, self.repo.citations(row))
        return answer

    def _role_named(self, query: Query, role_text: str) -> Answer | None:
        """ "who is the Foreign Secretary": a person whose role is what was asked."""
        nouns = roles.role_nouns(role_text)
        if not nouns:
            return None
        found = roles.by_role(self.repo.people_roles(role_words=nouns), role_text)
        if not found:
            return None
        exact = [m for m in found if m.exact]
        if len(found) == 1 or len(exact) == 1:
            return self._role_card((exact or found)[0].person.id, query.text)
        people = [m.person for m in found]
        return self._latest_holder(query, people) or self._people_choices(query, people)
