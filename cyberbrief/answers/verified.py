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
from collections.abc import Iterator

from cyberbrief.answers.alignment import best_aligned, content_terms, defines
from cyberbrief.answers.candidates import Candidate, CandidateRecords
from cyberbrief.answers.described import fits, names_in
from cyberbrief.answers.evidence import ranked
from cyberbrief.answers.expressions import date_lead
from cyberbrief.answers.lead_verbs import quote_shows_nothing_asked
from cyberbrief.answers.listed import Listing
from cyberbrief.answers.query import Query
from cyberbrief.answers.support_dates import (
    asks_when_said,
    dated_enough,
    in_reported,
    on_weekday,
    said_otherwise,
)
from cyberbrief.answers.textsearch import Hit, Term, coverage, stems, terms
from cyberbrief.answers.verify import (
    Expect,
    Verdict,
    asked_terms,
    asks_money,
    counted_noun,
    expected,
    expression_in,
    says_most,
    verify,
)
from cyberbrief.knowledge.figures import newest_first
from cyberbrief.knowledge.model import Answer, Ref, Section, Status

VERIFIED_LINES = 3
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


class VerifiedAnswers(CandidateRecords):
    """The verification stage over the records linked to what a question names."""

    def _verified(self, query: Query, refs: list[Ref]) -> Answer | None:
        """The answer from the best record about ``refs`` that verifies against the
        question, or None when none does."""
        expect = expected(query.text)
        names = [n for r in refs for n in self.repo.names(r.kind, r.id)] + [r.label for r in refs]
        asked = asked_terms(query.text, names)
        if expect in (Expect.ANY, Expect.REASON):
            # No kind of answer to check a record for, or a cause, which the why-path has
            # checked on these records (and more): the refusal stands.
            return None
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
        pool = [c for c in self._candidates(query, refs) if all(self._is_about(c, r) for r in refs)]
        if expect is Expect.NAME:  # "who funds the ICSPA": a record listing them leads
            listed = self._listed(query.text, [(c.text, c.about) for c in pool])
            if listed is not None:
                return self._listed_answer(query, refs, listed[0], pool[listed[1]])
        found: list[tuple[float, Candidate, Verdict]] = []
        for candidate in pool:
            verdict = candidate.verified(
                expect,
                asked,
                own,
                asks_money(query.text),
                counted_noun(query.text),
                when_said=asks_when_said(query.text),
                question=query.text,
            )
            if verdict is None:
                continue
            if expect is Expect.FIGURE and not candidate.qualifies(query.text, names, self.meaning):
                continue  # a figure of something else, or for someone else
            share, _ = coverage(whole, candidate.text, self.weights)
            found.append((share, candidate, verdict))
        if not found:
            return None
        # A statement before a description; for a date, one said in the calendar first.
        found.sort(key=lambda f: (not self._dated(f, query.text), -f[0], not f[1].stated))
        lines = newest_first(list({c.line.text: c.line for _, c, _ in found}.values()))
        lines = lines[:VERIFIED_LINES]
        # A figure a newer source changed: the newest statement of it answers.
        _, best, verdict = next((f for f in found if f[1].line == lines[0]), found[0])
        about = list(dict.fromkeys([*refs, *best.about]))
        if expect is Expect.DATE:
            lead = on_weekday(
                date_lead(verdict.expression, best.line.citation, best.date), query.text
            )
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

    @staticmethod
    def _dated(found: tuple[float, Candidate, Verdict], question: str) -> bool:
        """Whether a verified date candidate says its date in the calendar (always true of
        another kind of answer): "The day before" never leads over "31 Oct 2011"."""
        _, candidate, verdict = found
        if expected(question) is not Expect.DATE:
            return True
        lead = date_lead(verdict.expression, candidate.line.citation, candidate.date)
        return dated_enough(lead, question)

    def _listed_answer(
        self, query: Query, refs: list[Ref], listed: Listing, candidate: Candidate
    ) -> Answer:
        about = list(dict.fromkeys([*refs, *candidate.about]))
        return Answer(
            Status.FOUND,
            query.text,
            listed.lead(),
            sections=[Section("On record", [candidate.line])],
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
        if expected(query.text) is Expect.REASON:
            return None  # the why-path has verified the candidates for a cause (why.py)
        if expected(query.text) in (Expect.DATE, Expect.FIGURE, Expect.ACTION):
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
            if quote_shows_nothing_asked(query.text, candidate.line.text):
                continue  # "who wrote a book": a quote by an author is not their book
            fitting = self._fitting(candidate, noun, named)
            if not fitting:
                continue
            return self._named_answer(query, candidate, fitting)
        return self._aligned_name(query, noun, named, asked)

    def _named_answer(
        self, query: Query, candidate: Candidate, fitting: list[tuple[str, int]]
    ) -> Answer:
        refs = [self.repo.ref(k, i) for k, i in fitting[:3]]
        return Answer(
            Status.FOUND,
            query.text,
            f"{', '.join(r.label for r in refs)}: {candidate.line.text}",
            sections=[Section("On record", [candidate.line])],
            related=refs,
            about=refs,
        )

    def _fitting(
        self, candidate: Candidate, noun: str, named: set[tuple[str, int]]
    ) -> list[tuple[str, int]]:
        """The entities a record is about or names that fit the noun asked for ("which
        agency": an organisation), other than those the question names itself."""
        entities = [(r.kind, r.id) for r in candidate.about]
        entities += names_in(self.db, candidate.text)
        return [
            e
            for e in dict.fromkeys(entities)
            if e not in named and fits(self.repo, e[0], e[1], noun, self.meaning)
        ]

    def _aligned_name(
        self, query: Query, noun: str, named: set[tuple[str, int]], asked: list[Term]
    ) -> Answer | None:
        """A who/which question in everyday words that no record says as written: the
        record every content word of it aligns to (:mod:`cyberbrief.answers.alignment`),
        naming an entity of the kind asked for, when it is the clear best."""
        terms = content_terms(asked)
        candidates = [
            (f"{c.text} {h.extra}", c)
            for h in self._all_by_meaning(query)
            if h.kind != "name" and (c := self._hit_candidate(h)) is not None
        ]

        def names_one(_: str, candidate: Candidate) -> str | None:
            fitting = self._fitting(candidate, noun, named)
            return ", ".join(f"{k}{i}" for k, i in fitting[:3]) or None

        best = best_aligned(terms, candidates, self.meaning, names_one)
        if best is None:
            return None
        return self._named_answer(query, best, self._fitting(best, noun, named))

    def _stated_by_meaning(self, query: Query) -> Answer | None:
        """A when/how-many question that names nothing the store has as an entity ("when
        did the defence chiefs ask countries to join hands"): the best few candidates by
        words and meaning, each verified to say most of what is asked, to name what the
        question names, and to hold a date or figure; the first that does answers with it."""
        expect = expected(query.text)
        named = [self.repo.ref(k, i) for k, i in names_in(self.db, query.text)]
        own = [n for r in named for n in self.repo.names(r.kind, r.id)]
        asked = asked_terms(query.text, own)
        for candidate in self._stated_candidates(query, named, asked, expect):
            if candidate is None or not says_most(candidate.text, asked, self.meaning):
                continue
            if not all(self._is_about(candidate, ref) for ref in named):
                continue
            have = stems(candidate.text)
            present = [t for t in asked if t.alternatives & have]
            verdict = candidate.verified(
                expect,
                present,
                own,
                asks_money(query.text),
                counted_noun(query.text),
                asked,
                when_said=asks_when_said(query.text),
                question=query.text,
            )
            if verdict is None:
                continue
            if expect is Expect.FIGURE and not candidate.qualifies(query.text, own, self.meaning):
                continue
            return self._stated_answer(query, candidate, verdict, named)
        return self._aligned_statement(query, named, own, asked)

    def _stated_answer(
        self, query: Query, candidate: Candidate, verdict: Verdict, named: list[Ref]
    ) -> Answer:
        expect = expected(query.text)
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

    def _aligned_statement(
        self, query: Query, named: list[Ref], own: list[str], asked: list[Term]
    ) -> Answer | None:
        """A when/how-much question in everyday words that no record says as written: the
        record every content word of it aligns to (:mod:`cyberbrief.answers.alignment`),
        about what it names and holding the date or figure asked for, when it is the clear
        best. A why or what-to-do question is not: a cause is checked on the question's own
        words (see :meth:`_stated_by_meaning`)."""
        expect = expected(query.text)
        if expect not in (Expect.DATE, Expect.FIGURE):
            return None
        money, counted = asks_money(query.text), counted_noun(query.text)

        def said_as_asked(text: str) -> list[Term]:
            return [t for t in asked if t.alternatives & stems(text)]

        def states(text: str, _: object = None) -> bool:
            # Cheap, and needed by ``holds``: the record holds a date or figure at all.
            return expression_in(text, expect, said_as_asked(text), own, money, counted) is not None

        candidates = [
            (c.text, c)
            for h in self._all_by_meaning(query)
            if h.kind != "name"
            # A fact's text is what is indexed: one that holds no date or figure and defines
            # no word (alignment.equivalents) can neither answer nor help another align, so
            # it is not read from the store.
            and (h.kind != "fact" or states(h.text) or defines(h.text))
            and (c := self._hit_candidate(h)) is not None
            and all(self._is_about(c, ref) for ref in named)
        ]
        verdicts: dict[int, Verdict] = {}

        def holds(text: str, candidate: Candidate) -> str | None:
            # The expression nearest to what the record says as the question wrote it.
            verdict = verify(text, expect, said_as_asked(text), own, money, counted)
            if verdict is None or (
                expect is Expect.FIGURE and not candidate.qualifies(query.text, own, self.meaning)
            ):
                return None
            if expect is Expect.DATE and said_otherwise(text, asked, query.text):
                return None  # "has failed to meet the goals set in 1994": no date of meeting them
            if asks_when_said(query.text) and in_reported(text, verdict.expression):
                return None  # a date in what was said is not when it was said
            verdicts[id(candidate)] = verdict
            return verdict.expression

        best = best_aligned(content_terms(asked), candidates, self.meaning, holds, states)
        if best is None:
            return None
        return self._stated_answer(query, best, verdicts[id(best)], named)

    def _stated_candidates(
        self, query: Query, named: list[Ref], asked: list[Term], expect: Expect
    ) -> Iterator[Candidate | None]:
        """The best few candidates by words and meaning, then (for a date or a figure) the
        facts linked to what the question names, each read only when the ones before it did
        not answer."""
        for hit in self._best_by_meaning(query):
            if hit.kind != "name":
                yield self._hit_candidate(hit)
        if expect in (Expect.DATE, Expect.FIGURE):
            yield from self._linked(named, asked)

    def _ranked(self, query: Query) -> list[Hit]:
        """The question's candidates by words and meaning together (the search and meaning
        scan the evidence gate already ran for it, reused through the answer's memo)."""
        return ranked(
            self.db,
            query.text,
            self.weights,
            self.meaning,
            self.indexes.vectors,
            memo=self._searched,
        )

    def _best_by_meaning(self, query: Query) -> list[Hit]:
        """The few best candidates for ``query`` (see :meth:`_ranked`)."""
        return self._ranked(query)[:BEST_BY_MEANING]

    def _all_by_meaning(self, query: Query) -> list[Hit]:
        """Every candidate the question's search and meaning scan found, for the word-by-word
        alignment of a question in everyday words; facts and quotes first (a statement
        before a description of the same)."""
        return sorted(self._ranked(query), key=lambda h: h.kind not in ("fact", "quote"))
