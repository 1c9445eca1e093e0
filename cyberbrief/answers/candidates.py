"""The records an answer is verified against, as candidates: an entity's description, a fact
(with the article's sentence it was written from) or a quote (with its speaker and context);
those linked to the entities a question names, and those full-text search finds for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cyberbrief.answers.briefings import BriefingAnswers
from cyberbrief.answers.described import beyond_what_it_is
from cyberbrief.answers.figure_qualifiers import qualifies
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.query import Query
from cyberbrief.answers.record_lines import fact_line, quote_line
from cyberbrief.answers.support_dates import (
    dated_by_support,
    event_days,
    in_reported,
    quote_reported_on,
    reported_on,
    said_otherwise,
    says_all,
    without_saying,
)
from cyberbrief.answers.textsearch import Hit, Term, search
from cyberbrief.answers.verify import Expect, Verdict, says_most, verify
from cyberbrief.knowledge.model import Line, Ref
from cyberbrief.knowledge.normalize import fold
from cyberbrief.knowledge.rows import Event

LINKED = 200
"""At most this many facts and quotes linked to one entity are checked (a fixed bound, so an
entity mentioned by 100k records costs no more than one mentioned by 200)."""
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
    said_during: str | None = None
    """For a quote said at an event with days on record, when it was said: "3–5 Jun 2011
    (at Shangri-La Dialogue 2011)" (not the year in the event's name)."""

    def verified(
        self,
        expect: Expect,
        asked: list[Term],
        own: list[str],
        money: bool,
        counted: str,
        every: list[Term] | None = None,
        when_said: bool = False,
        question: str = "",
    ) -> Verdict | None:
        """The record checked against the question (:func:`verify`); for a date it does not
        state, the article's sentence it came from may give it, from a clause that says
        ``every`` term asked (all of ``asked`` when not given). ``when_said``: the question
        asks when something was said (``question``, whose own negations a record may share)."""
        if when_said and self.record is not None and self.record[0] == "quote":
            asked = without_saying(asked)
            said = without_saying(every or asked)
            if (
                self.said_during
                and not self.date
                and says_all(self.text, said)
                and not said_otherwise(self.text, said, question)
            ):
                return Verdict(self.said_during, self.text)  # the days of its event
        verdict = verify(self.text, expect, asked, own, money, counted)
        if (
            verdict is not None
            and when_said
            and verdict.expression != self.date  # the record's own date: when it was said
            and in_reported(self.text, verdict.expression)
        ):
            verdict = None  # ``when_said``: a date in what was said is not when it was said
        if verdict is None and expect is Expect.DATE and self.support:
            verdict = dated_by_support(
                self.support, every or asked, own, money, counted, fact=self.text
            )
        fact = self.record is not None and self.record[0] == "fact"
        quote = self.record is not None and self.record[0] == "quote"
        if verdict is None and expect is Expect.DATE and when_said and fact:
            # "..., Lobban warned": when the report told it
            verdict = reported_on(self.text, self.line.citation, every or asked)
        if verdict is None and expect is Expect.DATE and when_said and quote and not self.date:
            # an undated quote of the speaker saying it: when the report told it
            said = without_saying(every or asked)
            verdict = quote_reported_on(self.text, self.line.citation, said)
        if (
            verdict is not None
            and (when_said or expect is Expect.DATE)
            and said_otherwise(self.text, every or asked, question)
        ):
            # "is not cybercriminals" dates no saying that they are; "has failed to meet the
            # Bogor goals set forth in 1994" dates no meeting of them
            verdict = None
        return verdict

    def qualifies(self, question: str, names: list[str], meaning: Meaning) -> bool:
        """Whether the record says what a figure asked for is of and for."""
        own = self.text if self.beyond is None else self.beyond
        return qualifies(own, question, names, meaning)


class CandidateRecords(BriefingAnswers):
    """Building the candidates a question's answer is verified against."""

    def _linked(self, refs: list[Ref], asked: list[Term]) -> Iterator[Candidate]:
        """The facts linked to what a question names (at most :data:`LINKED` each) that say
        most of what is asked in its own words: the record that lists the companies backing
        the ICSPA may be no closer in meaning to "how many companies back it" than the
        companies' own descriptions. Only those are made candidates (a few lookups each)."""
        seen: set[int] = set()
        for ref in refs:
            for fact in self.repo.facts_about(ref.kind, ref.id)[:LINKED]:
                if fact.id not in seen and says_most(fact.text, asked):
                    seen.add(fact.id)
                    yield self._fact_candidate(fact.id)

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
        event = self.repo.entity("event", quote.event_id) if quote.event_id else None
        reported = line.citation.date if line.citation else None
        during = (
            event_days(event.starts, event.ends, reported) if isinstance(event, Event) else None
        )
        return Candidate(
            line.text,
            line,
            (speaker,),
            date=dated,
            record=("quote", quote_id),
            said_during=f"{during} (at {event.name})" if during and event else None,
        )

    def _is_about(self, candidate: Candidate, ref: Ref) -> bool:
        """The record is linked to the entity or names it (by any of its names)."""
        if ref in candidate.about:
            return True
        text = fold(candidate.text).lower()
        return any(fold(n).lower() in text for n in self.repo.names(ref.kind, ref.id) if n)
