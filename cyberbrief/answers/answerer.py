"""Turning a question into an :class:`Answer` from the store.

The rules a user can rely on: a clear best match answers with its card; several close ones
are offered as choices; nothing good says so and suggests up to three names. Every line that
states something carries the source it came from.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from typing import Any

import sqlite_utils
from rapidfuzz import fuzz

from cyberbrief.answers import roles
from cyberbrief.answers.evidence import Evidence, fact_line, gather, quote_line
from cyberbrief.answers.matcher import AMBIGUOUS_GAP, CONFIDENT, SUGGEST, Match, NameIndex
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.query import Intent, Query, fact_subject, parse
from cyberbrief.answers.textsearch import Weights, coverage, search, terms
from cyberbrief.knowledge.model import Answer, Line, Ref, Section, Status
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
SIZE_WORDS = frozenset({"big", "large", "size", "scale", "figures", "numbers"})
"""Words that ask for figures about something in general, not one figure in particular."""
COVERS_TOPIC = 0.6
"""Share of a topic's (IDF-weighted) words a quote and its context must contain to be on it."""
WHO_SAID_COVERS = 0.75
"""Share of a phrase's words a quote must contain for "who said" when it is not near-verbatim."""
QUOTE_PARTIAL = 85
"""rapidfuzz partial_ratio a quote must reach for "who said" to name its speaker."""
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


def _mentions(person: dict[str, Any], place: str) -> bool:
    """Whether a person's role or description mentions ``place`` ("at the London conference")."""
    wanted = roles.role_words(re.sub(r"^ *(at|during|in) ", "", place))
    said = norm(f"{person.get('role') or ''} {person.get('description') or ''}")
    return all(fuzz.partial_ratio(w, said) >= 90 for w in wanted)


def _days(starts: str | None, ends: str | None) -> int | None:
    """Days from start to end, when both are whole dates (a year alone says no length)."""
    try:
        return (dt.date.fromisoformat(ends or "") - dt.date.fromisoformat(starts or "")).days
    except ValueError:
        return None


def _date_range(starts: str | None, ends: str | None) -> str:
    if not starts:
        return ""
    if ends and ends != starts:
        return f"{starts} to {ends}"
    return starts


class Indexes:
    """What answers keep in memory over the store, shared by every thread's answers.

    It follows the store's revision (the newest change id, never reused), read from the
    committed snapshot of whichever answer first sees a newer revision; an older snapshot never
    takes it back. ``lock`` guards only these in-memory structures, never the store.
    """

    def __init__(self, db: sqlite_utils.Database, meaning: Meaning | None = None) -> None:
        self.lock = threading.Lock()
        self.meaning = meaning if meaning is not None else Meaning()
        self.names = NameIndex.from_db(db)
        self.weights = Weights(db)
        self.revision = -1

    def follow(self, db: sqlite_utils.Database, repo: Repository) -> int:
        """Catch up with ``db``'s snapshot if it is newer than what is held; the revision."""
        with self.lock:
            revision = repo.revision()
            if revision > self.revision:
                self.names.refresh(db)
                self.weights = Weights(db)
                self.revision = revision
            return self.revision


class Answerer:
    """Answers questions from one store; caches its indexes until the store changes.

    An answerer reads through one connection; :meth:`over` gives the same answerer over
    another (one unit of work's snapshot), sharing the indexes, for concurrent answers.
    """

    def __init__(
        self,
        db: sqlite_utils.Database,
        today: Today,
        meaning: Meaning | None = None,
        *,
        indexes: Indexes | None = None,
    ) -> None:
        self.repo = Repository(db)
        self.db = db
        self.today = today
        self.indexes = indexes or Indexes(db, meaning)
        self.meaning = self.indexes.meaning
        self.names = self.indexes.names
        self.weights = self.indexes.weights.over(db)
        self._revision = -1

    def over(self, db: sqlite_utils.Database) -> Answerer:
        """This answerer reading through ``db`` instead, with the same (shared) indexes."""
        return Answerer(db, self.today, indexes=self.indexes)

    def _gather(self, text: str, kinds: tuple[str, ...] | None = None) -> list[Evidence]:
        """Evidence for ``text`` from full-text search re-scored by meaning."""
        if kinds is None:
            return gather(self.db, self.repo, text, weights=self.weights, meaning=self.meaning)
        return gather(self.db, self.repo, text, kinds, self.weights, self.meaning)

    # keeping up with the store

    def _refresh(self) -> None:
        revision = self.indexes.follow(self.db, self.repo)
        if revision != self._revision:
            # Row ids are reused after an undo deletes the newest rows: cached citations
            # would name the undone source for the next one inserted.
            self.repo = Repository(self.db)
            self.weights = self.indexes.weights.over(self.db)
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
            Intent.ATTRIBUTE: self._attribute,
            Intent.EXPLAIN: self._explain,
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
        with self.indexes.lock:  # another thread's refresh changes the index in place
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
        role_of = roles.ROLE_OF.match(query.subject) if kinds is None else None
        if role_of:
            # "head of Facebook" is a person, never Facebook's card.
            answer = self._role_of(query, role_of["role"], role_of["org"], role_of["at"] or "")
            if answer is not None:
                return answer
        matches = self._matches(query.subject, kinds)
        picked = self._pick(matches)
        if isinstance(picked, Match):
            return self._card(picked.kind, picked.entity_id, query.text)
        if isinstance(picked, list):
            return self._choices(query, picked)
        # "the Foreign Secretary", "the American defense secretary": a person by role.
        by_role = self._role_named(query, query.subject)
        if by_role is not None:
            return by_role
        # No entity is called that: maybe facts, quotes or descriptions answer it.
        evidence = self._gather(query.text)
        if evidence:
            return self._briefing(query, evidence, who=True)
        return self._not_found(query, matches)

    def _role_of(self, query: Query, role: str, org_text: str, at: str) -> Answer | None:
        """ "head of GCHQ": the person, or an honest refusal naming who is on record there.

        None when the organisation is not one the store knows (the caller goes on).
        """
        org = self._pick(self._matches(org_text, ("organisation",)))
        org_id = org.entity_id if isinstance(org, Match) else None
        people = self.repo.people_roles(organisation_id=org_id, role_mentions=org_text)
        found = roles.at_organisation(people, role, org_id, org_text)
        if at:
            found = [p for p in found if _mentions(p, at)]
        if len(found) == 1:
            return self._role_card(found[0]["id"], query.text)
        if found:
            return self._people_choices(query, found)
        if org_id is None:
            return None
        org_ref = self.repo.ref("organisation", org_id)
        known = [
            Line(
                f"{p['name']}"
                + (f", {with_as_of(p['role'], self.repo.citations(p))}" if p.get("role") else "")
                + (f": {p['description']}" if p.get("description") else ""),
                self.repo.citation(p["source_id"]),
                Ref("person", p["id"], p["name"]),
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

    def _people_choices(self, query: Query, people: list[dict[str, Any]]) -> Answer:
        refs = [Ref("person", p["id"], p["name"]) for p in people[:5]]
        return Answer(
            Status.CHOICES,
            query.text,
            f"Several people match “{query.subject}”",
            summary="; ".join(f"{p['name']} ({p['role']})" for p in people[:5]),
            choices=refs,
        )

    def _role_card(self, person_id: int, query_text: str) -> Answer:
        """A person found by role: say first when the role was last on record as theirs."""
        answer = self._card("person", person_id, query_text)
        row = self.repo.entity("person", person_id)
        if row is not None:
            answer.lead = role_lead(row["name"], self.repo.citations(row))
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
            return self._role_card((exact or found)[0].person["id"], query.text)
        return self._people_choices(query, [m.person for m in found])

    def _refusal(
        self,
        query: Query,
        title: str,
        summary: str,
        known: list[Line] | None = None,
        choices: list[Ref] | None = None,
    ) -> Answer:
        """NOT_FOUND that says what was not found and what the store does know nearby."""
        return Answer(
            Status.NOT_FOUND,
            query.text,
            title,
            summary=summary,
            sections=[Section("What is on record", known)] if known else [],
            choices=choices or [],
        )

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
        return quote_line(self.repo, quote, with_speaker)

    def _fact_line(self, fact: dict[str, Any]) -> Line:
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
            return self._quotes_of(query, picked)
        # Not a name: maybe words from a quote.
        said = self._who_said(Query(Intent.WHO_SAID, query.subject, query.text))
        if said.answered:
            return said
        return self._not_found(query, matches, "quotes")

    def _quotes_of(self, query: Query, picked: Match) -> Answer:
        """Quotes by, at or about one entity; on the asked topic only, or an honest no."""
        ref = self.repo.ref(picked.kind, picked.entity_id)
        by = (
            self.repo.quotes_by(picked.kind, picked.entity_id)
            if picked.kind in ("person", "organisation")
            else []
        )
        at = self.repo.quotes_at(picked.entity_id) if picked.kind == "event" else []
        about = [
            q
            for q in self.repo.quotes_about(picked.kind, picked.entity_id)
            if q not in by and q not in at
        ]
        everything = len(by) + len(at) + len(about)
        by, at, about = (self._on_topic(q, query.topic) for q in (by, at, about))
        topic = f" about {query.topic}" if query.topic else ""
        sections = [
            s
            for s in (
                self._quotes_section(f"By {ref.label}{topic}", by, by=False) if by else None,
                self._quotes_section(f"At {ref.label}{topic}", at, by=True) if at else None,
                self._quotes_section(f"About {ref.label}{topic}", about, by=True)
                if about
                else None,
            )
            if s is not None
        ]
        if sections:
            return Answer(
                Status.FOUND,
                query.text,
                f"Quotes: {ref.label}{topic}",
                sections=sections,
                subject=ref,
                related=[ref],
            )
        row = self.repo.entity(picked.kind, picked.entity_id) or {}
        known = (
            [
                Line(
                    f"{ref.label}: {row['description']}",
                    self.repo.citation(row.get("source_id")),
                    ref,
                )
            ]
            if row.get("description")
            else []
        )
        if everything:
            summary = (
                f"No quotes by or about {ref.label}{topic} are on record; {everything} "
                f"other quote{'s' if everything > 1 else ''} by or about {ref.label} "
                f"{'are' if everything > 1 else 'is'} (ask `quotes {ref.label}`)."
            )
        else:
            summary = f"No quotes by or about {ref.label} are on record."
        return self._refusal(
            query, f"No quotes by or about {ref.label}{topic} on record", summary, known, [ref]
        )

    def _split_topic(self, query: Query) -> Query:
        """ "quotes by Gates on rules of the road": a speaker, then what about."""
        if query.topic:
            return query
        for joiner in (" about ", " on "):
            speaker, sep, topic = query.subject.partition(joiner)
            if sep and topic and isinstance(self._pick(self._matches(speaker, None)), Match):
                return Query(query.intent, speaker, query.text, topic)
        return query

    def _on_topic(self, quotes: list[dict[str, Any]], topic: str) -> list[dict[str, Any]]:
        """The quotes (with their context) that cover ``topic``, closest first."""
        wanted = terms(topic)
        if not topic or not quotes:
            return quotes
        if not wanted:
            return []
        scored = []
        for quote in quotes:
            text = f"{quote['text']} {quote.get('context') or ''}"
            share, _ = coverage(wanted, text, self.weights)
            if share >= COVERS_TOPIC:
                scored.append((share, quote))
        scored.sort(key=lambda sq: -sq[0])
        return [q for _, q in scored]

    def _who_said(self, query: Query) -> Answer:
        phrase = norm(query.subject)
        hits = search(self.db, query.subject, ("quote",), weights=self.weights)
        chosen = []
        for hit in hits:
            quote = self.repo.quote(hit.id)
            if quote is None:
                continue
            close = phrase and fuzz.partial_ratio(phrase, quote["norm"]) >= QUOTE_PARTIAL
            if close or (hit.coverage >= WHO_SAID_COVERS and hit.matched >= 2):
                chosen.append(quote)
        if not chosen:
            return self._not_found(query, [], "quote")
        quotes = chosen[:5]
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

    # facts, attributes and briefings

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

    def _briefing(self, query: Query, evidence: list[Evidence], who: bool = False) -> Answer:
        """A short cited briefing under the question: the best few records, each sourced."""
        about = list(dict.fromkeys(r for e in evidence for r in e.about))
        title = query.text.strip().rstrip("?")
        title = title[:1].upper() + title[1:] + "?"
        if who and evidence[0].about:
            title = f"{title} {evidence[0].about[0].label}"
        return Answer(
            Status.FOUND,
            query.text,
            title,
            sections=[Section("On record", [e.line for e in evidence])],
            related=about[:5],
        )

    def _facts_for(self, query: Query) -> Answer:
        if query.attribute == "question":
            # "how many member states does the ITU have": only a record that says so answers.
            # One search over every kind; facts answer figures first when they cover it.
            evidence = self._gather(query.text)
            facts = [e for e in evidence if e.hit.kind == "fact"]
            evidence = facts or evidence
            if evidence:
                return self._briefing(query, evidence)
            subject = fact_subject(query.subject)
            asked = {t.word for t in terms(query.subject)} - {t.word for t in terms(subject)}
            picked = self._pick(self._matches(subject, None))
            if isinstance(picked, Match) and asked <= SIZE_WORDS:
                # "how big is the ITU": every figure about it is the answer.
                about = self.repo.facts_about(picked.kind, picked.entity_id)
                if about:
                    return self._fact_answer(query, about)
            return self._unknown(query, subject, "figure")
        # "facts ITU": every fact about that entity.
        facts = self._gather(query.subject, ("fact",))
        if facts:
            return self._briefing(query, facts)
        picked = self._pick(self._matches(fact_subject(query.subject), None))
        if isinstance(picked, Match):
            about = self.repo.facts_about(picked.kind, picked.entity_id)
            if about:
                return self._fact_answer(query, about)
            return self._unknown(query, fact_subject(query.subject), "facts")
        return self._not_found(query, self._matches(query.subject, None), "facts")

    def _unknown(self, query: Query, subject: str, what: str) -> Answer:
        """Nothing answers ``what``: say so, with what is known about the subject, if any."""
        picked = self._pick(self._matches(subject, None))
        if not isinstance(picked, Match):
            return self._not_found(query, self._matches(subject, None), what)
        ref = self.repo.ref(picked.kind, picked.entity_id)
        row = self.repo.entity(picked.kind, picked.entity_id) or {}
        known = (
            [
                Line(
                    f"{ref.label}: {row['description']}",
                    self.repo.citation(row.get("source_id")),
                    ref,
                )
            ]
            if row.get("description")
            else []
        )
        return self._refusal(
            query,
            f"No {what} of {ref.label} on record",
            f"Nothing on record answers that about {ref.label}.",
            known,
            [ref],
        )

    def _attribute(self, query: Query) -> Answer:
        """ "X's budget", "who is X's ROLE", "where was X held": that, or an honest no."""
        attribute = query.attribute
        if attribute.startswith("who:") or roles.ROLE_OF.match(f"{attribute} of x"):
            role_text = attribute.removeprefix("who:")
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
                return self._briefing(query, evidence, who=True)
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
            return self._when_where(query, picked, attribute)
        facts = self._facts_saying(picked, attribute)
        if facts:
            return self._fact_answer(query, facts)
        return self._unknown(query, query.subject, attribute)

    def _facts_saying(self, picked: Match, attribute: str) -> list[dict[str, Any]]:
        """Facts about an entity that use every word of ``attribute`` (no synonyms)."""
        wanted = {t.word for t in terms(attribute)}
        if not wanted:
            return []
        from .textsearch import stem, stems

        wanted_stems = {stem(w) for w in wanted}
        return [
            f
            for f in self.repo.facts_about(picked.kind, picked.entity_id)
            if wanted_stems <= stems(f["text"])
        ]

    def _when_where(self, query: Query, picked: Match, attribute: str) -> Answer:
        row = self.repo.entity(picked.kind, picked.entity_id) or {}
        ref = self.repo.ref(picked.kind, picked.entity_id)
        said = ""
        if attribute == "location" and row.get("location"):
            said = f"Where: {row['location']}."
        elif attribute == "date" and row.get("starts"):
            said = f"When: {_date_range(row['starts'], row.get('ends'))}."
        elif attribute == "duration" and _days(row.get("starts"), row.get("ends")) is not None:
            days = _days(row["starts"], row["ends"]) or 0
            said = (
                f"How long: {days + 1} day{'s' if days else ''} "
                f"({_date_range(row['starts'], row['ends'])})."
            )
        if said:
            card = self._card(picked.kind, picked.entity_id, query.text)
            card.summary = f"{said} {card.summary or ''}".strip()
            return card
        if picked.kind in ("person", "organisation") and attribute == "location":
            lines = self._where_they_spoke(picked)
            if lines:
                return Answer(
                    Status.FOUND,
                    query.text,
                    f"Where {ref.label} spoke",
                    sections=[Section("On record", lines)],
                    subject=ref,
                    related=[ref],
                )
        noun = {"location": "place", "date": "date", "duration": "length"}[attribute]
        return self._unknown(query, query.subject, noun)

    def _where_they_spoke(self, picked: Match) -> list[Line]:
        lines: dict[str, Line] = {}
        for quote in self.repo.quotes_by(picked.kind, picked.entity_id):
            where = [quote.get("context") or ""]
            if quote.get("event_id"):
                where.append(f"at {self.repo.label('event', quote['event_id'])}")
            text = ", ".join(w for w in where if w)
            if text and text not in lines:
                lines[text] = Line(text, self.repo.citation(quote["source_id"]))
        return list(lines.values())

    def _explain(self, query: Query) -> Answer:
        evidence = self._gather(query.text)
        if evidence:
            return self._briefing(query, evidence)
        return self._not_found(query, [], "briefing")

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
