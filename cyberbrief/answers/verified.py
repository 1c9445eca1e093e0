"""Answers verified record by record: the stage after the name matcher has resolved what a
question is about.

Candidates are every record linked to the resolved entities (their descriptions, the facts
that mention them, their quotes) and what full-text search finds for the question; each is
checked (:mod:`cyberbrief.answers.verify`): it is about every resolved entity, holds an
expression of the kind asked for, and says what is asked. The best that verifies answers,
leading with what was asked; when none does, the refusal stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyberbrief.answers.briefings import BriefingAnswers
from cyberbrief.answers.described import beyond_what_it_is, fits, names_in
from cyberbrief.answers.evidence import fact_line, quote_line, ranked
from cyberbrief.answers.expressions import date_lead
from cyberbrief.answers.figure_qualifiers import qualifies
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.query import Query
from cyberbrief.answers.textsearch import Hit, Term, coverage, search, stems, terms
from cyberbrief.answers.verify import (
    Expect,
    Verdict,
    asked_terms,
    asks_money,
    counted_noun,
    expected,
    says_most,
    verify,
)
from cyberbrief.knowledge.figures import newest_first
from cyberbrief.knowledge.model import Answer, Line, Ref, Section, Status
from cyberbrief.knowledge.normalize import fold

VERIFIED_LINES = 3
LINKED = 200
"""At most this many facts and quotes linked to one entity are checked (a fixed bound, so an
entity mentioned by 100k records costs no more than one mentioned by 200)."""
BEST_BY_MEANING = 3
"""Only the best few candidates by words and meaning are verified for a question that names
nothing (the right record is in the first three for nearly every question we measured)."""
WHICH_NOUN = re.compile(
    r"^(which|what) (?:(?:[A-Z][\w-]*|two|three|four|five|six|seven|eight|nine|ten|\d+) )*"
    r"(?P<noun>[\w-]+)\b"
)
"""The head noun of "which ... ": the word after any names or number that qualify it ("which
Chinese official", "which UN agency", "which two countries"); the qualifiers stay asked."""
ASKS_ABOUT = re.compile(r"^(who|whose|which|what) (?!(is|are|was|were|'s)\b)[\w'-]+", re.IGNORECASE)
"""A question that asks who did something ("who read out ..."), not who someone is."""
_ENTITY_KINDS = ("organisation", "person", "event", "initiative")


@dataclass(frozen=True)
class Candidate:
    text: str
    """What is checked: the record's own words (a quote with its speaker and context)."""
    line: Line
    about: tuple[Ref, ...]
    stated: bool = True
    """A fact or quote, which says something; an entity's description only describes it."""
    date: str | None = None
    """The record's own date (when a fact was true, when a quote was said), if it has one."""
    record: tuple[str, int] | None = None
    """The stored record it is ("fact" or "quote", and its id); None for a description."""
    beyond: str | None = None
    """For a description, what it says beyond what the entity is: only that can qualify a
    figure (see :func:`~cyberbrief.answers.figure_qualifiers.qualifies`)."""
    support: str | None = None
    """For a fact, the article's own sentence it was written from, which may date what the
    fact states ("cancelled the trip on Monday night") when the fact's words do not."""

    def verified(
        self,
        expect: Expect,
        asked: list[Term],
        own: list[str],
        money: bool,
        counted: str,
    ) -> Verdict | None:
        """The record checked against the question (:func:`verify`); for a date it does not
        state, the article's sentence it came from, checked the same way, may give it."""
        verdict = verify(self.text, expect, asked, own, money, counted)
        if verdict is None and expect is Expect.DATE and self.support:
            verdict = verify(self.support, expect, asked, own, money, counted)
        return verdict

    def qualifies(self, question: str, names: list[str], meaning: Meaning) -> bool:
        """Whether the record says what a figure asked for is of and for."""
        own = self.text if self.beyond is None else self.beyond
        return qualifies(own, question, names, meaning)


class VerifiedAnswers(BriefingAnswers):
    """The verification stage over the records linked to what a question names."""

    def _verified(self, query: Query, refs: list[Ref]) -> Answer | None:
        """The answer from the best record about ``refs`` that verifies against the
        question, or None when none does."""
        expect = expected(query.text)
        names = [n for r in refs for n in self.repo.names(r.kind, r.id)] + [r.label for r in refs]
        asked = asked_terms(query.text, names)
        if expect is Expect.ANY:
            return None  # no kind of answer to check a record for: the refusal stands
        whole = terms(query.text)
        # What was said is attributed to a person or organisation, never to the event
        # named beside them ("what did Liang say at the forum": not what others said there).
        speakers = [
            n
            for r in refs
            if r.kind in ("person", "organisation")
            for n in self.repo.names(r.kind, r.id)
        ]
        own = speakers if expect is Expect.SPEECH else names
        found: list[tuple[float, Candidate, Verdict]] = []
        for candidate in self._candidates(query, refs):
            if not all(self._is_about(candidate, ref) for ref in refs):
                continue
            verdict = candidate.verified(
                expect, asked, own, asks_money(query.text), counted_noun(query.text)
            )
            if verdict is None:
                continue
            if expect is Expect.FIGURE and not candidate.qualifies(query.text, names, self.meaning):
                continue  # a figure of something else, or for someone else
            share, _ = coverage(whole, candidate.text, self.weights)
            found.append((share, candidate, verdict))
        if not found:
            return None
        found.sort(key=lambda f: (-f[0], not f[1].stated))  # a statement before a description
        lines = newest_first(list({c.line.text: c.line for _, c, _ in found}.values()))
        lines = lines[:VERIFIED_LINES]
        # A figure a newer source changed: the newest statement of it answers.
        _, best, verdict = next((f for f in found if f[1].line == lines[0]), found[0])
        about = list(dict.fromkeys([*refs, *best.about]))
        if expect is Expect.DATE:
            lead = date_lead(verdict.expression, best.line.citation, best.date)
            title = f"{lead}: {verdict.clause}"
        elif (
            expect in (Expect.FIGURE, Expect.NAME)
            and verdict.expression not in (verdict.clause[: len(verdict.expression)])
        ):
            title = f"{verdict.expression}: {verdict.clause}"
        else:
            title = verdict.clause
        return Answer(
            Status.FOUND,
            query.text,
            title,
            sections=[Section("On record", lines)],
            subject=refs[0],
            related=about[:5],
            about=about,
        )

    def _by_meaning(self, query: Query, about: list[Ref] | None = None) -> Answer | None:
        """A who/which question that names nothing the store has ("which UN agency has
        almost two hundred member countries"): the best few candidates by words and meaning
        together, each verified to name an entity of the kind asked for that the question
        does not name itself; the first that does answers. ``about``: what the question was
        found to name (a possessive, "David Cameron's speech", is not in :func:`names_in`):
        a candidate must be about each of them, and none of them is the answer ("who
        delivered David Cameron's speech" is not answered by a record of Cameron speaking,
        nor by one of Biden delivering Clinton's)."""
        if expected(query.text) in (Expect.DATE, Expect.FIGURE, Expect.REASON, Expect.ACTION):
            return self._stated_by_meaning(query)
        if expected(query.text) is not Expect.NAME or not ASKS_ABOUT.match(query.text.strip()):
            return None
        question = query.text.strip()
        head = WHICH_NOUN.match(question[:1].lower() + question[1:])
        noun = head["noun"] if head else "person"
        named = set(names_in(self.db, query.text))
        own = [n for k, i in named for n in self.repo.names(k, i)]
        asked = [t for t in asked_terms(query.text, [*own, noun]) if t.word != noun]
        named |= {(r.kind, r.id) for r in about or []}
        for hit in self._best_by_meaning(query):
            if hit.kind == "name":
                continue
            candidate = self._hit_candidate(hit)
            # The record as indexed: its text with its speaker's or entity's names and role.
            if candidate is None or not says_most(
                f"{candidate.text} {hit.extra}", asked, self.meaning
            ):
                continue
            if not all(self._is_about(candidate, ref) for ref in about or []):
                continue  # about someone else: not an answer about what the question names
            entities = [(r.kind, r.id) for r in candidate.about]
            entities += names_in(self.db, candidate.text)
            fitting = [
                e
                for e in dict.fromkeys(entities)
                if e not in named and fits(self.repo, e[0], e[1], noun, self.meaning)
            ]
            if not fitting:
                continue
            refs = [self.repo.ref(k, i) for k, i in fitting[:3]]
            return Answer(
                Status.FOUND,
                query.text,
                f"{', '.join(r.label for r in refs)}: {candidate.line.text}",
                sections=[Section("On record", [candidate.line])],
                related=refs,
                about=refs,
            )
        return None

    def _stated_by_meaning(self, query: Query) -> Answer | None:
        """A when/how-many question that names nothing the store has as an entity ("when
        did the defence chiefs ask countries to join hands"): the best few candidates by
        words and meaning, each verified to say most of what is asked, to name what the
        question names, and to hold a date or figure; the first that does answers with it."""
        expect = expected(query.text)
        named = [self.repo.ref(k, i) for k, i in names_in(self.db, query.text)]
        own = [n for r in named for n in self.repo.names(r.kind, r.id)]
        asked = asked_terms(query.text, own)
        best = [self._hit_candidate(h) for h in self._best_by_meaning(query) if h.kind != "name"]
        linked = self._linked(named, asked) if expect in (Expect.DATE, Expect.FIGURE) else []
        for candidate in [*best, *linked]:
            if candidate is None or not says_most(candidate.text, asked, self.meaning):
                continue
            if not all(self._is_about(candidate, ref) for ref in named):
                continue
            have = stems(candidate.text)
            present = [t for t in asked if t.alternatives & have]
            verdict = candidate.verified(
                expect, present, own, asks_money(query.text), counted_noun(query.text)
            )
            if verdict is None:
                continue
            if expect is Expect.FIGURE and not candidate.qualifies(query.text, own, self.meaning):
                continue
            if expect in (Expect.REASON, Expect.ACTION):
                title = verdict.clause
            elif expect is Expect.DATE:
                lead = date_lead(verdict.expression, candidate.line.citation, candidate.date)
                title = f"{lead}: {verdict.clause}"
            else:
                title = f"{verdict.expression}: {verdict.clause}"
            return Answer(
                Status.FOUND,
                query.text,
                title,
                sections=[Section("On record", [candidate.line])],
                related=list(candidate.about)[:5],
                about=[*named, *candidate.about],
            )
        return None

    def _linked(self, refs: list[Ref], asked: list[Term]) -> list[Candidate]:
        """The facts linked to what a question names (at most :data:`LINKED` each) that say
        most of what is asked in its own words: the record that lists the companies backing
        the ICSPA may be no closer in meaning to "how many companies back it" than the
        companies' own descriptions. Only those are made candidates (a few lookups each)."""
        seen: dict[int, Candidate] = {}
        for ref in refs:
            for fact in self.repo.facts_about(ref.kind, ref.id)[:LINKED]:
                if fact.id not in seen and says_most(fact.text, asked):
                    seen[fact.id] = self._fact_candidate(fact.id)
        return list(seen.values())

    def _best_by_meaning(self, query: Query) -> list[Hit]:
        """The few best candidates for ``query`` by words and meaning together (the search
        the evidence gate just ran for it, reused)."""
        hits = ranked(
            self.db,
            query.text,
            self.weights,
            self.meaning,
            self.indexes.vectors,
            memo=self._searched,
        )
        return hits[:BEST_BY_MEANING]

    def _hit_candidate(self, hit: Hit) -> Candidate | None:
        if hit.kind == "fact":
            made = self._fact_candidate(hit.id)
        elif hit.kind == "quote":
            made = self._quote_candidate(hit.id)
        else:
            made = self._entity_candidate(self.repo.ref(hit.kind, hit.id))
        return made if made.text else None

    def _candidates(self, query: Query, refs: list[Ref]) -> list[Candidate]:
        """Records linked to ``refs``, then full-text search's for the question."""
        out: list[Candidate] = []
        seen: set[tuple[str, int]] = set()
        for ref in refs:
            row = self.repo.entity(ref.kind, ref.id)
            if row is not None and row.description and (ref.kind, ref.id) not in seen:
                seen.add((ref.kind, ref.id))
                out.append(self._entity_candidate(ref))
            for fact in self.repo.facts_about(ref.kind, ref.id)[:LINKED]:
                if ("fact", fact.id) not in seen:
                    seen.add(("fact", fact.id))
                    out.append(self._fact_candidate(fact.id))
            if ref.kind in ("person", "organisation"):
                for quote in self.repo.quotes_by(ref.kind, ref.id)[:LINKED]:
                    if ("quote", quote.id) not in seen:
                        seen.add(("quote", quote.id))
                        out.append(self._quote_candidate(quote.id))
        for hit in search(self.db, query.text, weights=self.weights):
            key = (hit.kind, hit.id)
            if key in seen or hit.kind == "name":
                continue
            seen.add(key)
            if hit.kind == "fact":
                out.append(self._fact_candidate(hit.id))
            elif hit.kind == "quote":
                out.append(self._quote_candidate(hit.id))
            elif hit.kind in _ENTITY_KINDS:
                made = self._entity_candidate(self.repo.ref(hit.kind, hit.id))
                if made.text:
                    out.append(made)
        return [c for c in out if c.text]

    def _entity_candidate(self, ref: Ref) -> Candidate:
        row = self.repo.entity(ref.kind, ref.id)
        if row is None or not row.description:
            return Candidate("", Line(""), ())
        text = f"{ref.label}: {row.description}"
        line = Line(text, self.repo.citation(row.source_id), ref)
        beyond = beyond_what_it_is(row.description)
        return Candidate(text, line, (ref,), stated=False, beyond=beyond)

    def _fact_candidate(self, fact_id: int) -> Candidate:
        fact = self.repo.fact(fact_id)
        if fact is None:
            return Candidate("", Line(""), ())
        about = tuple(self.repo.ref(k, i) for k, i in self.repo.mentioned("fact", fact_id))
        dated = fact.date.isoformat() if fact.date else None
        line = fact_line(self.repo, fact)
        return Candidate(
            fact.text, line, about, date=dated, record=("fact", fact_id), support=fact.support
        )

    def _quote_candidate(self, quote_id: int) -> Candidate:
        quote = self.repo.quote(quote_id)
        if quote is None:
            return Candidate("", Line(""), ())
        speaker = self.repo.ref(quote.speaker_kind, quote.speaker_id)
        line = quote_line(self.repo, quote)
        dated = quote.date.isoformat() if quote.date else None
        return Candidate(line.text, line, (speaker,), date=dated, record=("quote", quote_id))

    def _is_about(self, candidate: Candidate, ref: Ref) -> bool:
        """The record is linked to the entity or names it (by any of its names)."""
        if ref in candidate.about:
            return True
        text = fold(candidate.text).lower()
        return any(fold(n).lower() in text for n in self.repo.names(ref.kind, ref.id) if n)
