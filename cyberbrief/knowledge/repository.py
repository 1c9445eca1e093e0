"""Read-only queries over the store, returning typed rows (:mod:`cyberbrief.knowledge.rows`).

All SQL used to answer questions and build digests lives here, so the code that builds them
reads like the answer. Rows are read with sqlite-utils' ``db.query`` and turned into typed
rows in one place each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import sqlite_utils

from cyberbrief.knowledge.model import Citation, Ref
from cyberbrief.knowledge.rows import (
    ENTITY_ROWS,
    Entity,
    Event,
    Fact,
    Initiative,
    Milestone,
    Officeholder,
    Organisation,
    Person,
    Quote,
    Row,
    Source,
    Sourced,
)
from cyberbrief.store.migrations import ENTITY_TABLES

T = TypeVar("T")

RowMemo = dict[tuple[object, str, tuple[Any, ...]], list[Any]]
"""Reads already made while answering one question, by (maker, SQL, parameters)."""


class Repository:
    """Reads entities and their relations from one store."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._citations: dict[int, Citation] = {}
        self.rows: RowMemo | None = None
        """While one question is answered (see :meth:`remembering`): each read made once.
        An answer reads the same person, fact or quote up to a dozen times (its label on
        every line, each check of a candidate); None otherwise, so nothing read is ever
        kept past the question that read it (an edit is seen by the next question)."""

    def remembering(self, rows: RowMemo | None) -> None:
        """Keep each read in ``rows`` (a new dict per question) from now on; None: stop.
        The typed rows are frozen and every list is handed out as a copy, so what one
        caller does with a read never changes what the next one gets."""
        self.rows = rows

    def _read(
        self, key: tuple[object, str, tuple[Any, ...]], read: Callable[[], list[T]]
    ) -> list[T]:
        """``read()``, made once per question while :meth:`remembering`."""
        rows = self.rows
        if rows is None:
            return read()
        if key not in rows:
            rows[key] = read()
        return list(rows[key])

    def _all(self, make: Callable[[Row], T], sql: str, params: Sequence[Any] = ()) -> list[T]:
        """Every row ``sql`` returns, each made into a typed row by ``make``."""
        return self._read(
            (make, sql, tuple(params)), lambda: [make(row) for row in self.db.query(sql, params)]
        )

    def _one(self, make: Callable[[Row], T], sql: str, params: Sequence[Any] = ()) -> T | None:
        found = self._all(make, sql, params)
        return found[0] if found else None

    def every(self, make: Callable[[Row], T], table: str) -> list[T]:
        """Every row of ``table`` in id order, each made a typed row (the export reads all)."""
        return [make(row) for row in self.db.table(table).rows_where(order_by="id")]

    def revision(self) -> int:
        """Grows with every change to knowledge; caches compare it to know they are stale."""
        row = self.db.conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()
        return int(row[0])

    def entity(self, kind: str, entity_id: int) -> Entity | None:
        return self._one(
            ENTITY_ROWS[kind],
            f"SELECT * FROM [{ENTITY_TABLES[kind]}] WHERE id = ?",
            (entity_id,),
        )

    def organisation(self, organisation_id: int) -> Organisation | None:
        return self._one(
            Organisation.from_row, "SELECT * FROM organisations WHERE id = ?", (organisation_id,)
        )

    def person(self, person_id: int) -> Person | None:
        return self._one(Person.from_row, "SELECT * FROM people WHERE id = ?", (person_id,))

    def event(self, event_id: int) -> Event | None:
        return self._one(Event.from_row, "SELECT * FROM events WHERE id = ?", (event_id,))

    def initiative(self, initiative_id: int) -> Initiative | None:
        return self._one(
            Initiative.from_row, "SELECT * FROM initiatives WHERE id = ?", (initiative_id,)
        )

    def label(self, kind: str, entity_id: int) -> str:
        row = self.entity(kind, entity_id)
        if row is None:
            return f"{kind} {entity_id}"
        acronym = None if isinstance(row, Person) else row.acronym
        return f"{row.name} ({acronym})" if acronym and acronym != row.name else row.name

    def ref(self, kind: str, entity_id: int) -> Ref:
        return Ref(kind, entity_id, self.label(kind, entity_id))

    def source(self, source_id: int) -> Source | None:
        return self._one(Source.from_row, "SELECT * FROM sources WHERE id = ?", (source_id,))

    def sources(self) -> list[Source]:
        return self._all(Source.from_row, "SELECT * FROM sources ORDER BY id")

    def citation(self, source_id: int | None) -> Citation | None:
        if source_id is None:
            return None
        if source_id not in self._citations:
            source = self.source(source_id)
            if source is None:
                return None
            self._citations[source_id] = Citation(
                title=source.title,
                publisher=source.publisher,
                date=source.date,
                url=source.url,
                background=source.kind == "background",
                untitled=source.untitled,
                date_inferred=source.date_inferred,
            )
        return self._citations[source_id]

    def citations(self, row: Sourced) -> list[Citation]:
        """Every source a record cites, first (primary) source first."""
        found = (self.citation(i) for i in row.source_ids)
        return [c for c in found if c is not None]

    def aliases(self, kind: str, entity_id: int) -> list[str]:
        return self._all(
            _text,
            "SELECT text FROM names WHERE kind = ? AND entity_id = ? AND type = 'alias'"
            " ORDER BY id",
            (kind, entity_id),
        )

    def names(self, kind: str, entity_id: int) -> list[str]:
        """Every name an entity answers to (name, acronym, aliases, surname)."""
        return self._all(
            _text, "SELECT text FROM names WHERE kind = ? AND entity_id = ?", (kind, entity_id)
        )

    # relations

    def people_of(self, organisation_id: int) -> list[Person]:
        return self._all(
            Person.from_row,
            "SELECT * FROM people WHERE organisation_id = ? ORDER BY name",
            (organisation_id,),
        )

    def people_roles(
        self,
        role_words: list[str] | None = None,
        organisation_id: int | None = None,
        role_mentions: str = "",
    ) -> list[Officeholder]:
        """People with a role, narrowed in SQL so a large store is not read whole: whose role
        has one of ``role_words``, or who are at ``organisation_id`` or name
        ``role_mentions`` in their role."""
        where = ["p.role IS NOT NULL"]
        params: list[Any] = []
        alternatives = []
        for word in role_words or []:
            alternatives.append("p.role LIKE ?")
            params.append(f"%{word}%")
        if organisation_id is not None:
            alternatives.append("p.organisation_id = ?")
            params.append(organisation_id)
        if role_mentions:
            alternatives.append("p.role LIKE ?")
            params.append(f"%{role_mentions}%")
        if alternatives:
            where.append("(" + " OR ".join(alternatives) + ")")
        return self._all(
            Officeholder.from_row,
            "SELECT p.id, p.name, p.role, p.organisation_id, p.description,"
            " coalesce(o.name, '') || ' ' || coalesce(o.acronym, '') AS organisation"
            " FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id"
            f" WHERE {' AND '.join(where)} ORDER BY p.name",
            params,
        )

    def organisers(self, event_id: int) -> list[Organisation]:
        return self._all(
            Organisation.from_row,
            "SELECT o.* FROM organisations o JOIN event_organisers eo ON eo.organisation_id = o.id"
            " WHERE eo.event_id = ? ORDER BY o.name",
            (event_id,),
        )

    def events_organised_by(self, organisation_id: int) -> list[Event]:
        return self._all(
            Event.from_row,
            "SELECT e.* FROM events e JOIN event_organisers eo ON eo.event_id = e.id"
            " WHERE eo.organisation_id = ? ORDER BY e.starts DESC",
            (organisation_id,),
        )

    def initiatives_led_by(self, organisation_id: int) -> list[Initiative]:
        return self._all(
            Initiative.from_row,
            "SELECT * FROM initiatives WHERE organisation_id = ? ORDER BY name",
            (organisation_id,),
        )

    def milestones(self, initiative_id: int) -> list[Milestone]:
        return self._all(
            Milestone.from_row,
            "SELECT * FROM milestones WHERE initiative_id = ? ORDER BY date",
            (initiative_id,),
        )

    def quotes_by(self, kind: str, entity_id: int) -> list[Quote]:
        return self._all(
            Quote.from_row,
            "SELECT * FROM quotes WHERE speaker_kind = ? AND speaker_id = ? ORDER BY reported, id",
            (kind, entity_id),
        )

    def quotes_at(self, event_id: int) -> list[Quote]:
        return self._all(
            Quote.from_row, "SELECT * FROM quotes WHERE event_id = ? ORDER BY id", (event_id,)
        )

    def quotes_about(self, kind: str, entity_id: int) -> list[Quote]:
        return self._all(
            Quote.from_row,
            "SELECT q.* FROM quotes q JOIN mentions m ON m.record_kind = 'quote'"
            " AND m.record_id = q.id WHERE m.kind = ? AND m.entity_id = ? ORDER BY q.id",
            (kind, entity_id),
        )

    def facts_about(self, kind: str, entity_id: int) -> list[Fact]:
        return self._all(
            Fact.from_row,
            "SELECT f.* FROM facts f JOIN mentions m ON m.record_kind = 'fact'"
            " AND m.record_id = f.id WHERE m.kind = ? AND m.entity_id = ? ORDER BY f.id",
            (kind, entity_id),
        )

    def mentioned(self, record_kind: str, record_id: int) -> list[tuple[str, int]]:
        return self._all(
            _kind_and_id,
            "SELECT kind, entity_id FROM mentions WHERE record_kind = ? AND record_id = ?"
            " ORDER BY id",
            (record_kind, record_id),
        )

    def quote(self, quote_id: int) -> Quote | None:
        return self._one(Quote.from_row, "SELECT * FROM quotes WHERE id = ?", (quote_id,))

    def fact(self, fact_id: int) -> Fact | None:
        return self._one(Fact.from_row, "SELECT * FROM facts WHERE id = ?", (fact_id,))

    # collections

    def events_from(self, day: str, limit: int) -> list[Event]:
        """Events still running on or after ``day``, soonest first."""
        return self._all(
            Event.from_row,
            "SELECT * FROM events WHERE coalesce(ends, starts) >= ? ORDER BY starts, name LIMIT ?",
            (day, limit),
        )

    def events_in(self, place: str, limit: int) -> list[Event]:
        """Events whose location mentions ``place`` (any case), latest first."""
        pattern = "%" + place.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return self._all(
            Event.from_row,
            "SELECT * FROM events WHERE location LIKE ? ESCAPE '\\' ORDER BY starts DESC, name"
            " LIMIT ?",
            (pattern, limit),
        )

    def events_describing(self, phrase: str, limit: int) -> list[Event]:
        """Events whose description mentions ``phrase`` (any case), earliest first: the
        members of a series ("the London Process") its events' descriptions name."""
        pattern = "%" + phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return self._all(
            Event.from_row,
            "SELECT * FROM events WHERE description LIKE ? ESCAPE '\\' ORDER BY starts, name"
            " LIMIT ?",
            (pattern, limit),
        )

    def events_before(self, day: str, limit: int) -> list[Event]:
        """Events that ended before ``day``, latest first."""
        return self._all(
            Event.from_row,
            "SELECT * FROM events WHERE coalesce(ends, starts) < ? ORDER BY starts DESC LIMIT ?",
            (day, limit),
        )

    def events_between(self, first: str, last: str) -> list[Event]:
        """Events running at some point from ``first`` to ``last`` (ISO days), by start."""
        return self._all(
            Event.from_row,
            "SELECT * FROM events WHERE starts <= ? AND coalesce(ends, starts) >= ?"
            " ORDER BY starts, name",
            (last, first),
        )

    def initiatives(self, limit: int) -> list[Initiative]:
        return self._all(
            Initiative.from_row,
            "SELECT * FROM initiatives ORDER BY coalesce(starts, '9999') DESC, name LIMIT ?",
            (limit,),
        )

    def milestones_between(self, first: str, last: str) -> list[Milestone]:
        """Milestones of any initiative dated ``first`` to ``last`` (ISO days)."""
        return self._all(
            Milestone.from_row,
            "SELECT * FROM milestones WHERE date BETWEEN ? AND ? ORDER BY id",
            (first, last),
        )

    def initiatives_dated(self, column: str, first: str, last: str) -> list[Initiative]:
        """Initiatives whose ``starts`` or ``ends`` (``column``) is ``first`` to ``last``."""
        if column not in ("starts", "ends"):
            raise ValueError(f"initiatives have no date column {column!r}")
        return self._all(
            Initiative.from_row,
            f"SELECT * FROM initiatives WHERE {column} BETWEEN ? AND ? ORDER BY id",
            (first, last),
        )

    def counts(self) -> dict[str, int]:
        return {
            table: self.db.table(table).count
            for table in (
                "organisations",
                "people",
                "events",
                "initiatives",
                "facts",
                "quotes",
                "sources",
            )
        }


def _text(row: Row) -> str:
    return str(row["text"])


def _kind_and_id(row: Row) -> tuple[str, int]:
    return str(row["kind"]), int(row["entity_id"])
