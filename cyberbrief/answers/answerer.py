"""Turning a question into an :class:`Answer` from the store.

The rules a user can rely on: a clear best match answers with its card; several close ones
are offered as choices; nothing good says so and suggests up to three names. Every line that
states something carries the source it came from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import sqlite_utils
from rapidfuzz import fuzz

from cyberbrief.answers.matcher import AMBIGUOUS_GAP, CONFIDENT, SUGGEST, Match, NameIndex
from cyberbrief.answers.query import Intent, Query, fact_subject, parse
from cyberbrief.answers.textsearch import TermIndex
from cyberbrief.knowledge.model import Answer, Citation, Line, Ref, Section, Status
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.repository import Repository
from cyberbrief.knowledge.timeline import as_of, event_when, role_lead, with_as_of

Today = Callable[[], dt.date]

KIND_NOUN = {
    "organisation": "organisation",
    "person": "person",
    "event": "event",
    "initiative": "initiative",
}
FACT_SCORE = 0.6
"""Share of a question's (weighted) words a fact must contain to be offered."""
QUOTE_PARTIAL = 85
"""rapidfuzz partial_ratio a quote must reach for "who said" to name its speaker."""
LIST_LIMIT = 25

_ROLE_OF = re.compile(
    r"^(?P<role>(current |former )?(head|chief|chief executive|ceo|director|director general|"
    r"founder|co-founder|leader|boss|chair|chairman|president|vice-president|vice president|"
    r"minister|secretary|secretary general|professor|author|spokesperson|executive)) "
    r"(of|at|for) (the )?(?P<org>.+)$"
)
_ROLE_FILLER = {"current", "former", "of", "the"}
_ROLE_SYNONYMS = {
    "head": {"head", "chief", "director", "leader", "chair", "chairman", "president"},
    "boss": {"head", "chief", "director", "leader", "chair", "chairman", "president"},
    "leader": {"head", "chief", "director", "leader"},
    "ceo": {"chief"},
    "chairman": {"chair", "chairman"},
}


def _role_word_in(word: str, role_words: set[str]) -> bool:
    return bool(role_words & _ROLE_SYNONYMS.get(word, {word}))


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


def _date_range(starts: str | None, ends: str | None) -> str:
    if not starts:
        return ""
    if ends and ends != starts:
        return f"{starts} to {ends}"
    return starts


class Answerer:
    """Answers questions from one store; caches its indexes until the store changes."""

    def __init__(self, db: sqlite_utils.Database, today: Today) -> None:
        self.repo = Repository(db)
        self.db = db
        self.today = today
        self.names = NameIndex.from_db(db)
        self._revision = -1
        self._facts: TermIndex | None = None
        self._quotes: TermIndex | None = None
        self._quote_texts: list[tuple[int, str]] = []

    # keeping up with the store

    def _refresh(self) -> None:
        revision = self.repo.revision()
        if revision != self._revision:
            self.names.refresh(self.db)
            self._facts = TermIndex(self.repo.searchable_facts())
            self._quote_texts = self.repo.searchable_quotes()
            self._quotes = TermIndex(self._quote_texts)
            self._revision = revision

    # entry point

    def answer(self, text: str) -> Answer:
        """The answer to ``/cyber text``."""
        self._refresh()
        query = parse(text)
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
        }[query.intent]
        return handler(query)

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

    def _matches(self, subject: str, kinds: tuple[str, ...] | None) -> list[Match]:
        return self.names.search(subject, kinds=kinds, limit=8)

    def _pick(self, matches: list[Match]) -> Match | list[Match] | None:
        """The one confident match, the close contenders, or nothing confident."""
        if not matches or matches[0].score < CONFIDENT:
            return None
        best = matches[0]
        rivals = [m for m in matches[1:] if best.score - m.score <= AMBIGUOUS_GAP]
        if rivals and best.score < 100:
            return [best, *rivals]
        if rivals and best.score == 100 and all(m.score == 100 for m in rivals):
            return [best, *[m for m in rivals if m.score == 100]]
        return best

    def _lookup(self, query: Query) -> Answer:
        kinds = {Intent.EVENT: ("event",), Intent.INITIATIVE: ("initiative",)}.get(query.intent)
        if kinds is None and _ROLE_OF.match(query.subject):
            # "founder of Wikipedia" is a person, not Wikipedia.
            by_role = self._role_lookup(query)
            if by_role is not None:
                return by_role
        matches = self._matches(query.subject, kinds)
        picked = self._pick(matches)
        if isinstance(picked, Match):
            return self._card(picked.kind, picked.entity_id, query.text)
        if isinstance(picked, list):
            return self._choices(query, picked)
        # "head of GCHQ", "founder of Wikipedia": a person by their role.
        by_role = self._role_lookup(query)
        if by_role is not None:
            return by_role
        # No entity is called that: maybe it is a phrase from a fact or a quote.
        facts = self._fact_hits(query.subject)
        if facts:
            return self._fact_answer(query, facts)
        return self._not_found(query, matches)

    def _role_lookup(self, query: Query) -> Answer | None:
        """A person named by role and organisation rather than by name.

        The role words must all appear in the person's role (with the usual synonyms for
        "head"), and the organisation must be theirs or named in their role, so a question
        about a role nobody holds finds nobody rather than someone nearby.
        """
        named = self._role_named(query)
        if named is not None and named.status is Status.FOUND:
            return named
        m = _ROLE_OF.match(query.subject)
        if not m:
            return named
        wanted = {w for w in re.split(r"[\s-]+", m["role"]) if w not in _ROLE_FILLER}
        org_text = m["org"]
        org = self._pick(self._matches(org_text, ("organisation",)))
        org_id = org.entity_id if isinstance(org, Match) else None
        found = []
        for person in self.repo.people_roles():
            role_words = set(re.split(r"[\s-]+", norm(person["role"] or "")))
            if not all(_role_word_in(w, role_words) for w in wanted):
                continue
            at_org = org_id is not None and person["organisation_id"] == org_id
            in_role = fuzz.partial_ratio(norm(org_text), norm(person["role"] or "")) >= 90
            if at_org or in_role:
                found.append(person)
        if len(found) == 1:
            return self._role_card(found[0]["id"], query.text)
        if found:
            refs = [Ref("person", p["id"], p["name"]) for p in found]
            return Answer(
                Status.CHOICES,
                query.text,
                f"Several people match “{query.subject}”",
                summary="; ".join(f"{p['name']} ({p['role']})" for p in found),
                choices=refs,
            )
        return named

    def _role_named(self, query: Query) -> Answer | None:
        """ "who is the Foreign Secretary": a person whose role is what was asked."""
        wanted = norm(query.subject)
        if len(wanted.split()) < 2:
            return None
        scored = []
        for person in self.repo.people_roles():
            role = norm(person["role"] or "")
            role_words = [*role.split(), *norm(person["organisation"]).split()]
            every_word = all(
                any(fuzz.ratio(w, r) >= 85 for r in role_words) for w in wanted.split()
            )
            if every_word and fuzz.partial_ratio(wanted, role) >= 95:
                scored.append((fuzz.token_sort_ratio(wanted, role), person))
        scored.sort(key=lambda sp: -sp[0])
        if not scored:
            return None
        if len(scored) == 1 or scored[0][0] >= 90 > scored[1][0]:
            return self._role_card(scored[0][1]["id"], query.text)
        refs = [Ref("person", p["id"], p["name"]) for _, p in scored[:5]]
        return Answer(
            Status.CHOICES,
            query.text,
            f"Several people match “{query.subject}”",
            summary="; ".join(f"{p['name']} ({p['role']})" for _, p in scored[:5]),
            choices=refs,
        )

    def _role_card(self, person_id: int, query_text: str) -> Answer:
        """A person found by role: say first when the role was last on record as theirs."""
        answer = self._card("person", person_id, query_text)
        row = self.repo.entity("person", person_id)
        if row is not None:
            answer.lead = role_lead(row["name"], self.repo.citations(row))
        return answer

    def _choices(self, query: Query, matches: list[Match]) -> Answer:
        refs = [self.repo.ref(m.kind, m.entity_id) for m in matches]
        return Answer(
            Status.CHOICES,
            query.text,
            f"Several entries match “{query.subject}”",
            summary="Which one did you mean? "
            + "; ".join(f"{r.label} ({KIND_NOUN[r.kind]})" for r in refs),
            choices=refs,
        )

    def _not_found(self, query: Query, matches: list[Match], what: str = "") -> Answer:
        suggestions = [self.repo.ref(m.kind, m.entity_id) for m in matches if m.score >= SUGGEST][
            :3
        ]
        subject = query.subject or query.text
        summary = "Nothing in the knowledge store matches that well enough to answer."
        if suggestions:
            summary += " Did you mean one of these?"
        else:
            summary += " Try `/cyber help`, or an organisation, person or event name."
        return Answer(
            Status.NOT_FOUND,
            query.text,
            f"No {what or 'answer'} found for “{subject}”",
            summary=summary,
            choices=suggestions,
        )

    # cards

    def _quote_line(self, quote: dict[str, Any], with_speaker: bool = True) -> Line:
        speaker = self.repo.label(quote["speaker_kind"], quote["speaker_id"])
        if quote["reported"]:
            text = f"{speaker} said that {quote['text']}" if with_speaker else quote["text"]
        else:
            text = f"“{quote['text']}”" + (f" — {speaker}" if with_speaker else "")
        extras = [quote.get("context")]
        if quote.get("event_id"):
            extras.append(f"at {self.repo.label('event', quote['event_id'])}")
        extras.append(quote.get("date"))
        tail = ", ".join(e for e in extras if e)
        if tail:
            text += f" ({tail})"
        return Line(
            text,
            self.repo.citation(quote["source_id"]),
            Ref(quote["speaker_kind"], quote["speaker_id"], speaker),
        )

    def _fact_line(self, fact: dict[str, Any]) -> Line:
        citations = self.repo.citations(fact)
        note = as_of(citations, named=False)  # the line's source mark names the source
        text = f"{fact['text']} ({note})" if note else fact["text"]
        return Line(text, citations[0] if citations else None, more=tuple(citations[1:]))

    def _card(self, kind: str, entity_id: int, query_text: str) -> Answer:
        row = self.repo.entity(kind, entity_id)
        if row is None:
            return self._not_found(Query(Intent.LOOKUP, query_text, query_text), [])
        subject = Ref(kind, entity_id, self.repo.label(kind, entity_id))
        answer = Answer(
            Status.FOUND,
            query_text,
            subject.label,
            summary=row.get("description"),
            subject=subject,
        )
        answer.citations.extend(self.repo.citations(row))
        related: list[Ref] = []
        build: dict[str, Callable[[Answer, dict[str, Any], list[Ref]], None]] = {
            "organisation": self._organisation,
            "person": self._person,
            "event": self._event,
            "initiative": self._initiative,
        }
        build[kind](answer, row, related)
        if kind != "event" and not row.get("role"):  # a role says "as of" itself; events, tense
            note = as_of(self.repo.citations(row))
            if note:
                answer.fields.append(("On record", note))
        aliases = [a for a in self.repo.aliases(kind, entity_id) if a != row["name"]]
        if aliases:
            answer.fields.append(("Also known as", ", ".join(aliases[:6])))
        facts = self.repo.facts_about(kind, entity_id)
        if facts:
            answer.sections.append(Section("Key facts", [self._fact_line(f) for f in facts]))
        seen = {subject.key}
        for ref in related:
            if ref.key not in seen:
                seen.add(ref.key)
                answer.related.append(ref)
        return answer

    def _quotes_section(self, heading: str, quotes: list[dict[str, Any]], by: bool) -> Section:
        return Section(heading, [self._quote_line(q, with_speaker=by) for q in quotes])

    def _organisation(self, answer: Answer, row: dict[str, Any], related: list[Ref]) -> None:
        answer.fields.append(("Kind", "Organisation"))
        people = self.repo.people_of(row["id"])
        if people:
            answer.sections.append(
                Section(
                    "People",
                    [
                        Line(
                            p["name"]
                            + (
                                f" — {with_as_of(p['role'], self.repo.citations(p))}"
                                if p.get("role")
                                else ""
                            ),
                            self.repo.citation(p["source_id"]),
                            Ref("person", p["id"], p["name"]),
                        )
                        for p in people
                    ],
                )
            )
            related.extend(Ref("person", p["id"], p["name"]) for p in people)
        quotes = self.repo.quotes_by("organisation", row["id"])
        if quotes:
            answer.sections.append(self._quotes_section("Statements", quotes, by=False))
        events = self.repo.events_organised_by(row["id"])
        initiatives = self.repo.initiatives_led_by(row["id"])
        if events or initiatives:
            answer.sections.append(
                Section(
                    "Events and initiatives",
                    [
                        *(
                            Line(
                                f"{e['name']} ({self._when(e)})",
                                self.repo.citation(e["source_id"]),
                                Ref("event", e["id"], e["name"]),
                            )
                            for e in events
                        ),
                        *(
                            Line(
                                i["name"],
                                self.repo.citation(i["source_id"]),
                                Ref("initiative", i["id"], i["name"]),
                            )
                            for i in initiatives
                        ),
                    ],
                )
            )
            related.extend(Ref("event", e["id"], e["name"]) for e in events)
            related.extend(Ref("initiative", i["id"], i["name"]) for i in initiatives)

    def _person(self, answer: Answer, row: dict[str, Any], related: list[Ref]) -> None:
        if row.get("role"):
            answer.fields.append(("Role", with_as_of(row["role"], self.repo.citations(row))))
        if row.get("organisation_id"):
            org = self.repo.ref("organisation", row["organisation_id"])
            answer.fields.append(("Organisation", org.label))
            related.append(org)
        quotes = self.repo.quotes_by("person", row["id"])
        if quotes:
            answer.sections.append(self._quotes_section("Said", quotes, by=False))
            related.extend(
                self.repo.ref("event", q["event_id"]) for q in quotes if q.get("event_id")
            )

    def _event(self, answer: Answer, row: dict[str, Any], related: list[Ref]) -> None:
        when = event_when(row["starts"], row.get("ends"), self.repo.citations(row), self.today())
        answer.fields.append(("When", when))
        if row.get("location"):
            answer.fields.append(("Where", row["location"]))
        organisers = self.repo.organisers(row["id"])
        if organisers:
            answer.fields.append(("Organisers", ", ".join(o["name"] for o in organisers)))
            related.extend(Ref("organisation", o["id"], o["name"]) for o in organisers)
        quotes = self.repo.quotes_at(row["id"])
        if quotes:
            answer.sections.append(self._quotes_section("Said there", quotes, by=True))
            related.extend(self.repo.ref(q["speaker_kind"], q["speaker_id"]) for q in quotes)

    def _initiative(self, answer: Answer, row: dict[str, Any], related: list[Ref]) -> None:
        answer.fields.append(("Kind", "Initiative"))
        if row.get("organisation_id"):
            org = self.repo.ref("organisation", row["organisation_id"])
            answer.fields.append(("Led by", org.label))
            related.append(org)
        if row.get("starts"):
            answer.fields.append(("Since", _date_range(row["starts"], row.get("ends"))))
        milestones = self.repo.milestones(row["id"])
        if milestones:
            answer.sections.append(
                Section("Milestones", [Line(f"{m['date']}: {m['text']}") for m in milestones])
            )

    # quotes

    def _quotes_for(self, query: Query) -> Answer:
        query = self._split_topic(query)
        matches = self._matches(query.subject, None)
        picked = self._pick(matches)
        if isinstance(picked, list):
            return self._choices(query, picked)
        if isinstance(picked, Match):
            ref = self.repo.ref(picked.kind, picked.entity_id)
            by = (
                self.repo.quotes_by(picked.kind, picked.entity_id)
                if picked.kind in ("person", "organisation")
                else []
            )
            by = self._on_topic(by, query.topic)
            at = self.repo.quotes_at(picked.entity_id) if picked.kind == "event" else []
            at = self._on_topic(at, query.topic)
            about = [
                q
                for q in self.repo.quotes_about(picked.kind, picked.entity_id)
                if q not in by and q not in at
            ]
            sections = [
                s
                for s in (
                    self._quotes_section(f"By {ref.label}", by, by=False) if by else None,
                    self._quotes_section(f"At {ref.label}", at, by=True) if at else None,
                    self._quotes_section(f"About {ref.label}", about, by=True) if about else None,
                )
                if s is not None
            ]
            if sections:
                return Answer(
                    Status.FOUND,
                    query.text,
                    f"Quotes: {ref.label}",
                    sections=sections,
                    subject=ref,
                    related=[ref],
                )
            card = self._card(picked.kind, picked.entity_id, query.text)
            card.summary = f"No quotes by or about {ref.label} are on record. " + (
                card.summary or ""
            )
            return card
        # Not a name: maybe words from a quote.
        said = self._who_said(Query(Intent.WHO_SAID, query.subject, query.text))
        if said.answered:
            return said
        return self._not_found(query, matches, "quotes")

    def _split_topic(self, query: Query) -> Query:
        """ "quotes by Gates on rules of the road": a speaker, then what about."""
        if query.topic:
            return query
        for joiner in (" about ", " on "):
            speaker, sep, topic = query.subject.partition(joiner)
            if sep and topic and isinstance(self._pick(self._matches(speaker, None)), Match):
                return Query(query.intent, speaker, query.text, topic)
        return query

    @staticmethod
    def _on_topic(quotes: list[dict[str, Any]], topic: str) -> list[dict[str, Any]]:
        """The quotes closest to ``topic`` first; the order is kept without a topic."""
        if not topic or len(quotes) < 2:
            return quotes
        wanted = norm(topic)
        return sorted(quotes, key=lambda q: -fuzz.partial_ratio(wanted, norm(q["text"])))

    def _who_said(self, query: Query) -> Answer:
        from rapidfuzz import process

        phrase = norm(query.subject)
        hits: list[tuple[int, float]] = []
        if phrase and self._quote_texts:
            ids = [i for i, _ in self._quote_texts]
            for _, value, position in process.extract(
                phrase,
                [t for _, t in self._quote_texts],
                scorer=fuzz.partial_ratio,
                limit=5,
                score_cutoff=QUOTE_PARTIAL,
            ):
                hits.append((ids[position], value))
        if not hits and self._quotes is not None:
            hits = [
                (h.id, h.score * 100)
                for h in self._quotes.search(query.subject)
                if h.score >= 0.75 and h.matched >= 2
            ]
        if not hits:
            return self._not_found(query, [], "quote")
        quotes = [q for q in (self.repo.quote(i) for i, _ in hits) if q]
        speakers = list(
            dict.fromkeys(self.repo.ref(q["speaker_kind"], q["speaker_id"]) for q in quotes)
        )
        title = f"Who said “{query.subject}”: " + ", ".join(r.label for r in speakers)
        return Answer(
            Status.FOUND,
            query.text,
            title,
            sections=[self._quotes_section("Quotes", quotes, by=True)],
            related=speakers,
        )

    # facts

    def _fact_hits(self, text: str) -> list[dict[str, Any]]:
        if self._facts is None:
            return []
        hits = [h for h in self._facts.search(text, limit=8) if h.score >= FACT_SCORE]
        if not hits:
            return []
        best = hits[0].score
        return [f for f in (self.repo.fact(h.id) for h in hits if h.score >= best * 0.8) if f][:5]

    def _fact_answer(self, query: Query, facts: list[dict[str, Any]]) -> Answer:
        related: list[Ref] = []
        for fact in facts:
            related.extend(self.repo.ref(k, i) for k, i in self.repo.mentioned("fact", fact["id"]))
        return Answer(
            Status.FOUND,
            query.text,
            f"Facts: {query.text.strip()}",
            sections=[Section("Facts", [self._fact_line(f) for f in facts])],
            related=list(dict.fromkeys(related))[:5],
        )

    def _facts_for(self, query: Query) -> Answer:
        facts = self._fact_hits(query.subject)
        if facts:
            return self._fact_answer(query, facts)
        # "facts ITU", "how big is the ITU": every fact about that entity.
        picked = self._pick(self._matches(fact_subject(query.subject), None))
        if isinstance(picked, Match):
            about = self.repo.facts_about(picked.kind, picked.entity_id)
            if about:
                return self._fact_answer(query, about)
            return self._card(picked.kind, picked.entity_id, query.text)
        return self._not_found(query, self._matches(query.subject, None), "facts")

    # lists

    def _when(self, event: dict[str, Any]) -> str:
        """ "was held 1–2 Nov 2011", in the tense true today, to follow an event's name."""
        when = event_when(
            event["starts"], event.get("ends"), self.repo.citations(event), self.today()
        )
        return when[0].lower() + when[1:]

    def _event_line(self, e: dict[str, Any]) -> Line:
        where = f", {e['location']}" if e.get("location") else ""
        return Line(
            f"{e['name']} — {self._when(e)}{where}",
            self.repo.citation(e["source_id"]),
            Ref("event", e["id"], e["name"]),
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
            related=[Ref("event", e["id"], e["name"]) for e in found][:5],
        )

    def _initiatives(self, query: Query) -> Answer:
        rows = self.repo.initiatives(LIST_LIMIT)
        if not rows:
            return self._not_found(query, [], "initiatives")
        lines = []
        for row in rows:
            text = row["name"]
            if row.get("description"):
                text += f" — {row['description']}"
            lines.append(
                Line(
                    text,
                    self.repo.citation(row["source_id"]),
                    Ref("initiative", row["id"], row["name"]),
                )
            )
        return Answer(
            Status.FOUND,
            query.text,
            "International initiatives",
            sections=[Section("Initiatives", lines)],
        )


def cite_all(answer: Answer) -> list[Citation]:
    """Every source of an answer, numbered by position (for renderers)."""
    return answer.all_citations()
