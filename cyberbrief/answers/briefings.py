"""Facts and briefings: answers built from full-text evidence (facts, quotes, descriptions)
when a question is not simply a name.
"""

from __future__ import annotations

import re

from cyberbrief.answers import roles
from cyberbrief.answers.answer_names import NameAnswers
from cyberbrief.answers.clause_leads import asks_manner, clause_lead
from cyberbrief.answers.described import beyond_what_it_is, names_in
from cyberbrief.answers.evidence import BRIEFING_LINES
from cyberbrief.answers.expressions import FREQUENCY, OFTEN, PLACE, SPANS, counts, date_lead, placed
from cyberbrief.answers.figure_qualifiers import qualifies, unqualified
from cyberbrief.answers.matcher import Match
from cyberbrief.answers.query import COUNT_QUESTION, Query, fact_subject
from cyberbrief.answers.reasons import Reason, according_to, reason_in
from cyberbrief.answers.record_lines import Evidence
from cyberbrief.answers.speakers import asked_speaker, speech_of
from cyberbrief.answers.support_dates import asks_when_said, dated_enough, in_reported
from cyberbrief.answers.textsearch import stems, terms
from cyberbrief.answers.unreal import only_unreal
from cyberbrief.answers.unseen_words import qualifies_unsaid
from cyberbrief.answers.verify import (
    ADVICE,
    DATE,
    EXPECTED_NOUN,
    MONEY,
    NUMBER,
    OPINION,
    SPEECH,
    Expect,
    asked_terms,
    asks_money,
    counted_noun,
    expected,
    expression_in,
    holds_figure,
    other_names,
)
from cyberbrief.answers.why_predicate import asked_predicate
from cyberbrief.knowledge.figures import newest_first
from cyberbrief.knowledge.model import Answer, Line, Ref, Section, Status
from cyberbrief.knowledge.rows import Fact

PLACE_NOUN = re.compile(
    r"^(?:in |at |from )?(?:which|what) (?:place|city|country|town|capital)\b", re.I
)
"""A question for a place by its noun ("which country did reports blame")."""
SIZE_WORDS = frozenset({"big", "large", "size", "scale", "figures", "numbers"})
"""Words that ask for figures about something in general, not one figure in particular."""


CLAUSE_END = re.compile(r"[;:]|(?<=[.!?])\s+(?=[A-Z\"“‘'])")
"""Where a clause of a record ends: a semicolon, a colon or the end of a sentence (not the
stop of "U.S.")."""


def _advises(text: str, question: str) -> bool:
    """Whether ``text`` says what should be done about what the question asks: in a clause
    that also holds one of the question's words. (A why-question's cause is checked by
    :func:`~cyberbrief.answers.reasons.reason_in`.)"""
    wanted = {a for t in asked_terms(question, []) for a in t.alternatives}
    return any(
        ADVICE.search(clause) and wanted & stems(clause) for clause in CLAUSE_END.split(text)
    )


class BriefingAnswers(NameAnswers):
    """Facts, figures and "why/what" questions answered from full-text evidence, or an honest no."""

    def _fact_answer(self, query: Query, facts: list[Fact]) -> Answer:
        related: list[Ref] = []
        for fact in facts:
            related.extend(self.repo.ref(k, i) for k, i in self.repo.mentioned("fact", fact.id))
        return Answer(
            Status.FOUND,
            query.text,
            f"Facts: {query.text.strip()}",
            sections=[Section("Facts", [self._fact_line(f) for f in facts])],
            related=list(dict.fromkeys(related))[:5],
        )

    def _briefing(self, query: Query, evidence: list[Evidence]) -> Answer:
        """A short cited briefing under the question: the best few records, each sourced;
        only those that hold the kind of answer asked for (see :meth:`_holds`), else a
        refusal that shows the closest records."""
        expect = expected(query.text)
        held = [
            e
            for e in evidence
            if self._holds(query.text, e, expect)
            and not qualifies_unsaid(query.text, e.hit.text, self.weights, self.meaning)
        ]
        if not held:
            refusal = self._refusal(
                query,
                f"Nothing on record answers “{query.text.strip().rstrip('?')}”",
                self._missing(query.text, evidence, expect),
                [e.line for e in evidence[:2]],
            )
            if expect is Expect.DATE:
                # what the question names: their records are verified for the date next
                refusal.about = [self.repo.ref(k, i) for k, i in names_in(self.db, query.text)]
            return refusal
        reason = None
        if expect is Expect.REASON:
            # A record joining a cause to what is asked ("cancelled her trip after her
            # mother fell ill") before one naming a difficulty of it ("barriers").
            given = [(self._reason(query.text, e), e) for e in held]
            given.sort(key=lambda r: -(r[0].strength if r[0] else 0))
            held = [e for _, e in given]
            reason = given[0][0]
        records = [(e.hit.text, e.about) for e in held]
        listed = self._listed(query.text, records) if expect is Expect.NAME else None
        if listed is not None:  # the record that lists who is asked for comes first
            held = [held[listed[1]], *(e for i, e in enumerate(held) if i != listed[1])]
        evidence = held[:BRIEFING_LINES]
        about = list(dict.fromkeys(r for e in evidence for r in e.about))
        title = query.text.strip().rstrip("?")
        title = title[:1].upper() + title[1:] + "?"
        # Someone named in the title only for a question asking who or which: "how many
        # nations attended? Hillary Clinton" or "the cost of cybercrime? Misha Glenny" would
        # answer a figure with whoever the records happen to name.
        place = counted_noun(query.text) == PLACE or PLACE_NOUN.match(query.text.strip())
        named = (
            self._answering(query.text, about, [e.line for e in evidence])
            if expect is Expect.NAME and not place  # a person never answers "where"
            else []
        )
        if not named and expect is Expect.NAME and roles.office_asked(query.text):
            return self._refusal(
                query,
                f"Nothing on record says {query.text.strip().rstrip('?').lower()}",
                "No one on record holds that office; the closest records are below.",
                [e.line for e in evidence[:2]],
            )
        if listed is not None:
            title = listed[0].lead()
        elif named:
            title = f"{title} {', '.join(r.label for r in named)}"
        elif expect is Expect.NAME and not roles.office_asked(query.text):
            # Who or what the best record names that the question does not: what it leads
            # with (the final check refuses an answer that names nothing new).
            written = other_names(evidence[0].hit.text, query.text)
            if place:  # "which country did reports blame": China, not Iain Lobban
                written = [w for w in written if not self._is_person(w)]
            if counted_noun(query.text) == PLACE:  # "where": a name after "in", "at" ...
                written = [w for w in written if placed(evidence[0].hit.text, w)]
            if written:
                title = f"{', '.join(dict.fromkeys(written))}: {title}"
        if expect in (Expect.DATE, Expect.FIGURE):
            title = self._leading(query.text, evidence[0], expect) or title
        elif expect is Expect.ANY and asks_manner(query.text):
            title = self._how(query.text, evidence) or title
        if reason is not None:
            title = reason.sentence  # the answer leads with the reason
            best = evidence[0]
            if best.hit.kind == "quote" and best.about and title in best.hit.text:
                title = f"“{title.strip('“”')}” — {best.about[0].label}"  # whose words
        return Answer(
            Status.FOUND,
            query.text,
            title,
            sections=[Section("On record", newest_first([e.line for e in evidence]))],
            related=about[:5],
            about=list(dict.fromkeys([*named, *about])),  # who answers first, for follow-ups
        )

    def _is_person(self, name: str) -> bool:
        """Whether ``name`` is, as written, the name of a person the store holds."""
        return any(kind == "person" for kind, _ in names_in(self.db, name))

    def _how(self, question: str, evidence: list[Evidence]) -> str | None:
        """What a how- or what-did briefing leads with (:func:`clause_lead`)."""
        names = [n for k, i in names_in(self.db, question) for n in self.repo.names(k, i)]
        return clause_lead(question, evidence, names, self.repo.label, self.meaning)

    def _missing(self, question: str, evidence: list[Evidence], expect: Expect) -> str:
        """What the closest records lack: the kind of answer, or for figures they hold, what
        the question says the figure is of or for ("none says “businesses”")."""
        if expect is Expect.FIGURE:
            for e in evidence[:2]:
                if not holds_figure(e.hit.text):
                    continue
                names = [n for r in e.about for n in self.repo.names(r.kind, r.id)]
                lacking = unqualified(e.hit.text, question, names, self.meaning)
                if lacking:
                    said = ", ".join(f"“{w}”" for w in lacking)
                    return f"The closest records hold figures, but not of or for {said}."
        return f"The closest records hold no {EXPECTED_NOUN[expect]}."

    def _counts_asked(self, question: str, evidence: Evidence) -> bool:
        """For "how many <things>": the record's figure counts those things (or a synonym:
        "60 nations" for "how many countries"), or the record is about what the question
        names ("21 nations" for "how many members does APEC have"); "how many camps is the
        debate split into" is not answered by a £650m a record on norms holds."""
        noun = counted_noun(question)
        if not noun or noun in SPANS:
            return True
        named = set(names_in(self.db, question))
        if any((r.kind, r.id) in named for r in evidence.about):
            return True
        return counts(evidence.hit.text, noun)

    def _leading(self, question: str, evidence: Evidence, expect: Expect) -> str | None:
        """What a date or figure briefing leads with: the record's date (worked out when it
        is relative to its source) or figure, then the part of the record that holds it."""
        hit = evidence.hit
        record = self.repo.fact(hit.id) if hit.kind == "fact" else None
        quote = self.repo.quote(hit.id) if hit.kind == "quote" else None
        dated = (record.date if record else None) or (quote.date if quote else None)
        names = [n for r in evidence.about for n in self.repo.names(r.kind, r.id)]
        asked = asked_terms(question, names)
        money, counted = asks_money(question), counted_noun(question)
        verdict = expression_in(hit.text, expect, asked, names, money, counted)
        if verdict is None:
            return None
        shown = verdict.expression
        if expect is Expect.DATE:
            iso = dated.isoformat() if dated else None
            shown = date_lead(verdict.expression, evidence.line.citation, iso)
            if not dated_enough(shown, question):
                return None  # "The day before" what the record does not date: no date
        return f"{shown}: {verdict.clause}"

    def _holds(self, question: str, evidence: Evidence, expect: Expect) -> bool:
        """Whether a record holds the kind of answer asked for: a date, a figure, a cause, a
        report of speech, or for who/which an entity other than those the question names
        (a person when a role is asked for)."""
        text = evidence.hit.text
        if expect is Expect.NAME:
            asked = set(names_in(self.db, question))
            named = [r for r in evidence.about if (r.kind, r.id) not in asked]
            named += [
                self.repo.ref(k, i) for k, i in names_in(self.db, text) if (k, i) not in asked
            ]
            if roles.role_nouns(question):
                return any(r.kind == "person" for r in named)
            return bool(named or other_names(text, question))
        said = evidence.hit.kind == "quote" or bool(SPEECH.search(text))
        if expect is Expect.SPEECH:  # "what did X say": X's speech, not another's
            who = asked_speaker(question)
            speakers = [self.repo.ref(k, i) for k, i in names_in(self.db, who)] if who else []
            names = [n for r in speakers for n in [*self.repo.names(r.kind, r.id), r.label]]
            return said and speech_of(text, evidence.hit.kind, evidence.about, speakers, names)
        if expect is Expect.FIGURE:
            names = [n for r in evidence.about for n in self.repo.names(r.kind, r.id)]
            own = text if evidence.hit.kind in ("fact", "quote") else beyond_what_it_is(text)
            if not qualifies(f"{own} {evidence.hit.extra}", question, names, self.meaning):
                return False  # a figure of something else, or for someone else
            if asks_money(question):
                return bool(MONEY.search(text))  # "how much did it cost": an amount of money
            return holds_figure(text)
        if expect is Expect.REASON:
            return self._reason(question, evidence) is not None
        if expect is Expect.ACTION:
            return _advises(text, question)
        if expect is Expect.DATE:
            # "awaited news of whether he would be extradited" holds no date of it.
            names = [n for r in evidence.about for n in self.repo.names(r.kind, r.id)]
            wanted = asked_terms(question, names)
            if asks_when_said(question):  # a date in what was said is not when it was said
                if evidence.hit.kind == "quote":
                    return False  # a quote's words are all what was said
                verdict = expression_in(text, expect, wanted, names)
                if verdict is None or in_reported(text, verdict.expression):
                    return False
            return bool(DATE.search(text)) and not any(only_unreal(text, t, wanted) for t in wanted)
        return True

    def _reason(self, question: str, evidence: Evidence) -> Reason | None:
        """The sentence of a record giving a reason for what a why-question asks (see
        :mod:`cyberbrief.answers.reasons`); for "..., according to X", only X's words: their
        quote, or a record saying X said it."""
        asked, speaker = question, None
        split = according_to(question)
        if split is not None:
            asked, who = split
            named = [r for r in names_in(self.db, who) if r[0] in ("person", "organisation")]
            speaker = self.repo.ref(*named[0]) if named else None
        if speaker is not None:
            names = [*self.repo.names(speaker.kind, speaker.id), speaker.label]
            said = evidence.hit.kind == "quote" or bool(SPEECH.search(evidence.hit.text))
            if not said or not speech_of(
                evidence.hit.text, evidence.hit.kind, evidence.about, [speaker], names
            ):
                return None
        own = [n for k, i in names_in(self.db, asked) for n in self.repo.names(k, i)]
        wanted = asked_terms(asked, own)
        opinion = OPINION.match(asked.strip())
        if opinion:  # "why does EWI think trust matters": what is asked is that trust matters
            wanted = [t for t in wanted if t.word != opinion[2].lower()]
        kind = evidence.hit.kind
        said = kind == "quote" or (kind == "fact" and bool(SPEECH.search(evidence.hit.text)))
        view = evidence.hit.text if opinion and said else None  # the speaker's own words
        text = evidence.line.text
        if evidence.hit.kind not in ("fact", "quote"):
            text = text.partition(": ")[2] or text  # a description after its entity's name
        predicate = asked_predicate(asked, own, opinion[2] if opinion else "")
        # the names of what the record is about: it says them, in whichever sentence
        about = " ".join(r.label for r in evidence.about)
        return reason_in(text, wanted, self.meaning, asked, view, predicate, about)

    def _facts_for(self, query: Query) -> Answer:
        if query.attribute == "question":
            # "how many member states does the ITU have": only a record that says so answers.
            # One search over every kind; facts answer figures first when they cover it.
            evidence = self._gather(query.text)
            if counted_noun(query.text) == OFTEN:
                evidence = [e for e in evidence if FREQUENCY.search(e.hit.text)]  # a rate
            elif COUNT_QUESTION.match(query.text.strip().lower()):
                # "how many members does NATO have": a record without a number cannot say.
                evidence = [e for e in evidence if holds_figure(e.hit.text)]
                evidence = [e for e in evidence if self._counts_asked(query.text, e)]
            facts = [e for e in evidence if e.hit.kind == "fact"]
            evidence = facts or evidence
            if evidence:
                return self._briefing(query, evidence)
            subject = fact_subject(query.subject)
            asked = {t.word for t in terms(query.subject)} - {t.word for t in terms(subject)}
            picked = self._pick(self._matches(subject, None))
            if (
                isinstance(picked, Match)
                and asked <= SIZE_WORDS
                and not self._beyond_name(subject, picked)
            ):
                # "how big is the ITU": every figure about it is the answer (not for "how
                # much did McAfee give the alliance", which asks one figure in particular).
                about = self.repo.facts_about(picked.kind, picked.entity_id)
                about = [f for f in about if NUMBER.search(f.text)]
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
        return self._refusal(
            query,
            f"No {what} of {ref.label} on record",
            f"Nothing on record answers that about {ref.label}.",
            self._described(picked),
            [ref],
        )

    def _described(self, picked: Match) -> list[Line]:
        """What the store says an entity is, as one cited line (none without a description)."""
        ref = self.repo.ref(picked.kind, picked.entity_id)
        row = self.repo.entity(picked.kind, picked.entity_id)
        if row is None or not row.description:
            return []
        return [Line(f"{ref.label}: {row.description}", self.repo.citation(row.source_id), ref)]

    def _facts_saying(self, picked: Match, attribute: str) -> list[Fact]:
        """Facts about an entity that use every word of ``attribute`` (no synonyms)."""
        wanted = {t.word for t in terms(attribute)}
        if not wanted:
            return []
        from .textsearch import stem, stems

        wanted_stems = {stem(w) for w in wanted}
        return [
            f
            for f in self.repo.facts_about(picked.kind, picked.entity_id)
            if wanted_stems <= stems(f.text)
        ]

    def _explain(self, query: Query) -> Answer:
        evidence = self._gather(query.text)
        if evidence:
            return self._briefing(query, evidence)
        return self._not_found(query, [], "briefing")
