"""Records as the cited lines an answer shows: a fact saying when it was true, a quote with
its speaker, where and when, an entity's description as of its source.
"""

from __future__ import annotations

from dataclasses import dataclass

from cyberbrief.answers.textsearch import Hit
from cyberbrief.knowledge.model import Line, Ref
from cyberbrief.knowledge.repository import Repository
from cyberbrief.knowledge.rows import Fact, Quote
from cyberbrief.knowledge.timeline import as_of


@dataclass(frozen=True)
class Evidence:
    hit: Hit
    line: Line
    about: list[Ref]
    """Who or what the record is by or about, most specific first."""


def record_line(repo: Repository, hit: Hit) -> tuple[Line, list[Ref]] | None:
    """A search hit as the cited line an answer shows, and who or what it is about."""
    if hit.kind == "fact":
        fact = repo.fact(hit.id)
        if fact is None:
            return None
        about = [repo.ref(k, i) for k, i in repo.mentioned("fact", hit.id)]
        return fact_line(repo, fact), about
    if hit.kind == "quote":
        quote = repo.quote(hit.id)
        if quote is None:
            return None
        return quote_line(repo, quote), [repo.ref(quote.speaker_kind, quote.speaker_id)]
    if hit.kind in ("organisation", "person", "event", "initiative"):
        row = repo.entity(hit.kind, hit.id)
        if row is None or not row.description:
            return None
        ref = repo.ref(hit.kind, hit.id)
        citations = repo.citations(row)
        # What an entity is, does or has is true as of its source; an event dates itself.
        note = None if hit.kind == "event" else as_of(citations, named=False)
        text = f"{ref.label}: {row.description}" + (f" ({note})" if note else "")
        first = citations[0] if citations else None
        return Line(text, first, ref, tuple(citations[1:])), [ref]
    return None


def fact_line(repo: Repository, fact: Fact) -> Line:
    """A fact as one cited line, saying when it was true ("as of 30 Apr 2012")."""
    citations = repo.citations(fact)
    note = as_of(citations, named=False)  # the line's source mark names the source
    text = f"{fact.text} ({note})" if note else fact.text
    return Line(text, citations[0] if citations else None, more=tuple(citations[1:]))


def quote_line(repo: Repository, quote: Quote, with_speaker: bool = True) -> Line:
    """A quote as one cited line: the words, the speaker, and where and when."""
    speaker = repo.label(quote.speaker_kind, quote.speaker_id)
    if quote.reported:
        text = f"{speaker} said that {quote.text}" if with_speaker else quote.text
    else:
        text = f"“{quote.text}”" + (f" — {speaker}" if with_speaker else "")
    extras = [quote.context]
    if quote.event_id:
        extras.append(f"at {repo.label('event', quote.event_id)}")
    extras.append(quote.date.isoformat() if quote.date else None)
    tail = ", ".join(e for e in extras if e)
    if tail:
        text += f" ({tail})"
    return Line(
        text,
        repo.citation(quote.source_id),
        Ref(quote.speaker_kind, quote.speaker_id, speaker),
    )
