"""Typed, read-only views of stored knowledge rows, built from a row in one place.

The repository reads rows as dicts (sqlite-utils' ``db.query``) and turns each into one of
these, so the code that builds answers, digests and exports reads ``person.role`` with a
type mypy checks, never ``row["role"]``. Whole dates (a fact's date, an initiative's start,
a milestone) are ``datetime.date``; an event's dates and a source's date stay text because
they may be partial (``2012`` or ``2012-11``). A record's sources are parsed once into
``source_ids`` (the first is its primary source).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, TypeAlias

Row = Mapping[str, Any]
"""One stored row as sqlite-utils returns it: column name to value."""

EntityKind = Literal["organisation", "person", "event", "initiative"]


def _text(row: Row, column: str) -> str | None:
    value = row.get(column)
    return None if value is None else str(value)


def _day(row: Row, column: str) -> dt.date | None:
    """A whole date stored as ISO text (``YYYY-MM-DD``); the loader only stores those."""
    value = row.get(column)
    return dt.date.fromisoformat(value) if value else None


def _cited(row: Row) -> tuple[int, ...]:
    """Every source a row cites, the primary one first: its JSON ``source_ids`` list when it
    has one, else its single ``source_id``."""
    if row.get("source_ids"):
        return tuple(int(i) for i in json.loads(row["source_ids"]))
    if row.get("source_id") is not None:
        return (int(row["source_id"]),)
    return ()


def _topics(row: Row) -> tuple[str, ...]:
    return tuple(str(t) for t in json.loads(row["topics"])) if row.get("topics") else ()


def _source_id(row: Row) -> int | None:
    value = row.get("source_id")
    return None if value is None else int(value)


@dataclass(frozen=True, kw_only=True)
class Source:
    """Where knowledge comes from: an article, or background the editors added."""

    id: int
    key: str | None
    title: str
    publisher: str | None
    date: str | None
    """Publication date, possibly partial (``2012``, ``2012-11``, ``2012-11-01``)."""
    url: str | None
    kind: str
    """``article`` or ``background``."""
    file: str | None
    untitled: bool
    date_inferred: bool

    @classmethod
    def from_row(cls, row: Row) -> Source:
        return cls(
            id=int(row["id"]),
            key=_text(row, "key"),
            title=str(row["title"]),
            publisher=_text(row, "publisher"),
            date=_text(row, "date"),
            url=_text(row, "url"),
            kind=str(row["kind"]),
            file=_text(row, "file"),
            untitled=bool(row.get("untitled")),
            date_inferred=bool(row.get("date_inferred")),
        )


@dataclass(frozen=True, kw_only=True)
class Organisation:
    id: int
    name: str
    acronym: str | None
    description: str | None
    url: str | None
    source_id: int | None
    source_ids: tuple[int, ...]

    kind: ClassVar[EntityKind] = "organisation"

    @classmethod
    def from_row(cls, row: Row) -> Organisation:
        return cls(
            id=int(row["id"]),
            name=str(row["name"]),
            acronym=_text(row, "acronym"),
            description=_text(row, "description"),
            url=_text(row, "url"),
            source_id=_source_id(row),
            source_ids=_cited(row),
        )


@dataclass(frozen=True, kw_only=True)
class Person:
    id: int
    name: str
    role: str | None
    organisation_id: int | None
    description: str | None
    url: str | None
    source_id: int | None
    source_ids: tuple[int, ...]

    kind: ClassVar[EntityKind] = "person"

    @classmethod
    def from_row(cls, row: Row) -> Person:
        org = row.get("organisation_id")
        return cls(
            id=int(row["id"]),
            name=str(row["name"]),
            role=_text(row, "role"),
            organisation_id=None if org is None else int(org),
            description=_text(row, "description"),
            url=_text(row, "url"),
            source_id=_source_id(row),
            source_ids=_cited(row),
        )


@dataclass(frozen=True, kw_only=True)
class Officeholder:
    """A person with a role, with the name and acronym of their organisation as one text
    (what role questions match against)."""

    id: int
    name: str
    role: str | None
    organisation_id: int | None
    description: str | None
    organisation: str

    @classmethod
    def from_row(cls, row: Row) -> Officeholder:
        org = row.get("organisation_id")
        return cls(
            id=int(row["id"]),
            name=str(row["name"]),
            role=_text(row, "role"),
            organisation_id=None if org is None else int(org),
            description=_text(row, "description"),
            organisation=str(row.get("organisation") or ""),
        )


@dataclass(frozen=True, kw_only=True)
class Event:
    id: int
    name: str
    acronym: str | None
    starts: str
    """First day, possibly partial (``2012``, ``2012-11``): events are often announced so."""
    ends: str | None
    location: str | None
    description: str | None
    url: str | None
    source_id: int | None
    source_ids: tuple[int, ...]
    topics: tuple[str, ...] = ()
    """What it is about, for digests narrowed to a topic (not part of its text)."""

    kind: ClassVar[EntityKind] = "event"

    @classmethod
    def from_row(cls, row: Row) -> Event:
        return cls(
            id=int(row["id"]),
            name=str(row["name"]),
            acronym=_text(row, "acronym"),
            starts=str(row["starts"]),
            ends=_text(row, "ends"),
            location=_text(row, "location"),
            description=_text(row, "description"),
            url=_text(row, "url"),
            source_id=_source_id(row),
            source_ids=_cited(row),
            topics=_topics(row),
        )


@dataclass(frozen=True, kw_only=True)
class Initiative:
    id: int
    name: str
    acronym: str | None
    organisation_id: int | None
    starts: dt.date | None
    ends: dt.date | None
    description: str | None
    url: str | None
    source_id: int | None
    source_ids: tuple[int, ...]

    kind: ClassVar[EntityKind] = "initiative"

    @classmethod
    def from_row(cls, row: Row) -> Initiative:
        org = row.get("organisation_id")
        return cls(
            id=int(row["id"]),
            name=str(row["name"]),
            acronym=_text(row, "acronym"),
            organisation_id=None if org is None else int(org),
            starts=_day(row, "starts"),
            ends=_day(row, "ends"),
            description=_text(row, "description"),
            url=_text(row, "url"),
            source_id=_source_id(row),
            source_ids=_cited(row),
        )


@dataclass(frozen=True, kw_only=True)
class Milestone:
    """A dated step of an initiative."""

    id: int
    initiative_id: int
    date: dt.date
    text: str

    @classmethod
    def from_row(cls, row: Row) -> Milestone:
        day = _day(row, "date")
        if day is None:  # pragma: no cover - the column is NOT NULL
            raise ValueError(f"milestone {row['id']} has no date")
        return cls(
            id=int(row["id"]),
            initiative_id=int(row["initiative_id"]),
            date=day,
            text=str(row["text"]),
        )


@dataclass(frozen=True, kw_only=True)
class Fact:
    id: int
    text: str
    norm: str
    topics: tuple[str, ...]
    """Free topic words it is about (the entities it is about are its mentions)."""
    date: dt.date | None
    support: str | None
    source_id: int | None
    source_ids: tuple[int, ...]

    @classmethod
    def from_row(cls, row: Row) -> Fact:
        return cls(
            id=int(row["id"]),
            text=str(row["text"]),
            norm=str(row["norm"]),
            topics=_topics(row),
            date=_day(row, "date"),
            support=_text(row, "support"),
            source_id=_source_id(row),
            source_ids=_cited(row),
        )


@dataclass(frozen=True, kw_only=True)
class Quote:
    id: int
    text: str
    norm: str
    speaker_kind: EntityKind
    speaker_id: int
    event_id: int | None
    context: str | None
    date: dt.date | None
    reported: bool
    """Indirect speech: the words are the article's, not the speaker's."""
    source_id: int | None
    source_ids: tuple[int, ...]

    @classmethod
    def from_row(cls, row: Row) -> Quote:
        speaker: EntityKind = "person" if row["speaker_kind"] == "person" else "organisation"
        event = row.get("event_id")
        return cls(
            id=int(row["id"]),
            text=str(row["text"]),
            norm=str(row["norm"]),
            speaker_kind=speaker,
            speaker_id=int(row["speaker_id"]),
            event_id=None if event is None else int(event),
            context=_text(row, "context"),
            date=_day(row, "date"),
            reported=bool(row["reported"]),
            source_id=_source_id(row),
            source_ids=_cited(row),
        )


Entity: TypeAlias = Organisation | Person | Event | Initiative
"""A named thing: what cards, lookups and buttons are about."""

Sourced: TypeAlias = Organisation | Person | Event | Initiative | Fact | Quote
"""A record that cites sources."""

ENTITY_ROWS: dict[str, Callable[[Row], Entity]] = {
    "organisation": Organisation.from_row,
    "person": Person.from_row,
    "event": Event.from_row,
    "initiative": Initiative.from_row,
}
"""How a row of each named kind becomes its typed row."""
