"""Questions that name two or more entities ("what did Gates say at the Asia-Pacific
security forum", "where did Liam Fox and Robert Gates speak").

The name matcher finds each name; several matches are a choice only when they compete for
the same words of the question (a bare "Wales" that names a person and a country). When each
match names its own words, the question is about all of them: it is answered from records
about every one of them, verified as any other answer (the kind of answer asked; for "what
did X say at E", a quote by X linked to E), or refused saying what is on record, never a menu.
"""

from __future__ import annotations

import re

from cyberbrief.answers.matcher import Match
from cyberbrief.answers.query import Intent, Query
from cyberbrief.answers.quotes import QuoteAnswers
from cyberbrief.answers.verified import VerifiedAnswers
from cyberbrief.answers.verify import EXPECTED_NOUN, Expect, expected
from cyberbrief.knowledge.model import Answer, Line, Ref, Section, Status
from cyberbrief.knowledge.normalize import fold
from cyberbrief.knowledge.rows import Quote

SPEAKER_KINDS = ("person", "organisation")
WHO_IS = re.compile(r"^(who|what)( exactly)? (is|are|was|were|'s|'re)\b", re.IGNORECASE)
"""A question for what the named entities are, not for something about them."""
LISTED = re.compile(r"\band\b|[,&]", re.IGNORECASE)
"""Names listed ("Gates and Fox", "Gates, Fox"), not one named beside another ("Kroes at the
Seoul conference")."""
QUOTES_SHOWN = 3
"""Quotes by the speaker elsewhere, shown under a refusal (what is on record)."""


def _labels(refs: list[Ref]) -> str:
    names = [r.label for r in refs]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


class SeveralAnswers(QuoteAnswers, VerifiedAnswers):
    """Answers about every entity a question names, instead of asking which one was meant."""

    def _about_several(self, query: Query, matches: list[Match]) -> Answer:
        refs = list(dict.fromkeys(self.repo.ref(m.kind, m.entity_id) for m in matches))
        expect = expected(query.text)
        asks = expect is not Expect.ANY and not (
            expect is Expect.NAME and WHO_IS.match(query.text.strip())
        )
        listed = LISTED.search(query.subject or query.text) is not None
        if not asks and listed and not self._beyond_name(query.subject or query.text, *matches):
            # "who are Gates and Fox": what the store says each of them is (never "who was
            # Kroes at the Seoul conference", which asks what links them).
            return Answer(
                Status.FOUND,
                query.text,
                _labels(refs),
                sections=[Section(r.label, self._description(r) or [Line(r.label)]) for r in refs],
                related=refs[:5],
                about=refs,
            )
        speakers = [r for r in refs if r.kind in SPEAKER_KINDS]
        if (expect is Expect.SPEECH or query.intent is Intent.QUOTES) and speakers:
            return self._said_with(query, speakers, [r for r in refs if r not in speakers])
        verified = self._verified(query, refs)
        if verified is not None:
            return verified
        evidence = [
            e
            for e in self._gather(query.text, naming=True)
            if all(self._mentions(e.about, e.hit.text, ref) for ref in refs)
        ]
        if evidence:
            answer = self._briefing(query, evidence)
            if answer.status is Status.FOUND:
                return answer
        noun = EXPECTED_NOUN[expect]
        return self._refusal(
            query,
            f"Nothing on record answers that about {_labels(refs)}",
            f"No record about {_labels(refs)} holds {'an' if noun[:1] in 'aeiou' else 'a'} {noun}.",
            [line for ref in refs for line in self._description(ref)],
            refs,
        )

    def _said_with(self, query: Query, speakers: list[Ref], others: list[Ref]) -> Answer:
        """ "what did X (and Y) say at E (about T)": quotes by each speaker that are linked
        to every other entity named (the event they were said at, or named in the quote or
        its context) and on the topic asked; else an honest no, with what is on record."""
        where = f" at {_labels(others)}" if others else ""
        topic = f" about {query.topic}" if query.topic else ""
        sections, known, missing = [], [], []
        for speaker in speakers:
            quotes = self.repo.quotes_by(speaker.kind, speaker.id)
            linked = [q for q in quotes if all(self._quote_with(q, o) for o in others)]
            linked = self._on_topic(linked, query.topic)
            if linked:
                heading = f"By {speaker.label}{where}{topic}"
                sections.append(self._quotes_section(heading, linked, by=False))
            else:
                missing.append(speaker)
                known += [self._quote_line(q, with_speaker=True) for q in quotes[:QUOTES_SHOWN]]
        about = [*speakers, *others]
        if sections:
            summary = (
                f"No quote by {_labels(missing)}{where}{topic} is on record." if missing else None
            )
            return Answer(
                Status.FOUND,
                query.text,
                f"Quotes: {_labels(speakers)}{where}{topic}",
                summary=summary,
                sections=sections,
                subject=speakers[0],
                related=about[:5],
                about=about,
            )
        known += [line for other in others for line in self._description(other)]
        return self._refusal(
            query,
            f"No quote by {_labels(speakers)}{where}{topic} on record",
            f"Nothing {_labels(speakers)} said{where}{topic} is on record"
            + ("; what is, is below." if known else "."),
            known,
            about,
        )

    def _quote_with(self, quote: Quote, other: Ref) -> bool:
        if other.kind == "event" and quote.event_id == other.id:
            return True
        said = fold(f"{quote.text} {quote.context or ''}").lower()
        return any(fold(n).lower() in said for n in self.repo.names(other.kind, other.id) if n)

    def _mentions(self, about: list[Ref], text: str, ref: Ref) -> bool:
        if ref in about:
            return True
        said = fold(text).lower()
        return any(fold(n).lower() in said for n in self.repo.names(ref.kind, ref.id) if n)

    def _description(self, ref: Ref) -> list[Line]:
        row = self.repo.entity(ref.kind, ref.id)
        if row is None or not row.description:
            return []
        return [Line(f"{ref.label}: {row.description}", self.repo.citation(row.source_id), ref)]
