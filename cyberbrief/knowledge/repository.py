"""Read-only queries over the store, returning plain dicts and model objects.

All SQL used to answer questions lives here, so answer-building code reads like the answer.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from cyberbrief.knowledge.model import Citation, Ref
from cyberbrief.store.migrations import ENTITY_TABLES


class Repository:
    """Reads entities and their relations from one store."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._citations: dict[int, Citation] = {}

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        cursor = self.db.conn.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def revision(self) -> int:
        """Grows with every change to knowledge; caches compare it to know they are stale."""
        row = self.db.conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()
        return int(row[0])

    def entity(self, kind: str, entity_id: int) -> dict[str, Any] | None:
        rows = self._rows(f"SELECT * FROM [{ENTITY_TABLES[kind]}] WHERE id = ?", (entity_id,))
        return rows[0] if rows else None

    def label(self, kind: str, entity_id: int) -> str:
        row = self.entity(kind, entity_id)
        if row is None:
            return f"{kind} {entity_id}"
        acronym = row.get("acronym")
        return f"{row['name']} ({acronym})" if acronym and acronym != row["name"] else row["name"]

    def ref(self, kind: str, entity_id: int) -> Ref:
        return Ref(kind, entity_id, self.label(kind, entity_id))

    def citation(self, source_id: int | None) -> Citation | None:
        if source_id is None:
            return None
        if source_id not in self._citations:
            rows = self._rows("SELECT * FROM sources WHERE id = ?", (source_id,))
            if not rows:
                return None
            row = rows[0]
            self._citations[source_id] = Citation(
                title=row["title"],
                publisher=row["publisher"],
                date=row["date"],
                url=row["url"],
                background=row["kind"] == "background",
                untitled=bool(row.get("untitled")),
                date_inferred=bool(row.get("date_inferred")),
            )
        return self._citations[source_id]

    def citations(self, row: dict[str, Any]) -> list[Citation]:
        """Every source a record cites, first (primary) source first."""
        ids: list[int] = []
        if row.get("source_ids"):
            ids = [int(i) for i in json.loads(row["source_ids"])]
        elif row.get("source_id") is not None:
            ids = [int(row["source_id"])]
        found = (self.citation(i) for i in ids)
        return [c for c in found if c is not None]

    def aliases(self, kind: str, entity_id: int) -> list[str]:
        rows = self.db.conn.execute(
            "SELECT text FROM names WHERE kind = ? AND entity_id = ? AND type = 'alias'"
            " ORDER BY id",
            (kind, entity_id),
        ).fetchall()
        return [r[0] for r in rows]

    # relations

    def people_of(self, organisation_id: int) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT * FROM people WHERE organisation_id = ? ORDER BY name", (organisation_id,)
        )

    def people_roles(
        self,
        role_words: list[str] | None = None,
        organisation_id: int | None = None,
        role_mentions: str = "",
    ) -> list[dict[str, Any]]:
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
        return self._rows(
            "SELECT p.id, p.name, p.role, p.organisation_id, p.description,"
            " coalesce(o.name, '') || ' ' || coalesce(o.acronym, '') AS organisation"
            " FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id"
            f" WHERE {' AND '.join(where)} ORDER BY p.name",
            tuple(params),
        )

    def organisers(self, event_id: int) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT o.* FROM organisations o JOIN event_organisers eo ON eo.organisation_id = o.id"
            " WHERE eo.event_id = ? ORDER BY o.name",
            (event_id,),
        )

    def events_organised_by(self, organisation_id: int) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT e.* FROM events e JOIN event_organisers eo ON eo.event_id = e.id"
            " WHERE eo.organisation_id = ? ORDER BY e.starts DESC",
            (organisation_id,),
        )

    def initiatives_led_by(self, organisation_id: int) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT * FROM initiatives WHERE organisation_id = ? ORDER BY name", (organisation_id,)
        )

    def milestones(self, initiative_id: int) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT * FROM milestones WHERE initiative_id = ? ORDER BY date", (initiative_id,)
        )

    def quotes_by(self, kind: str, entity_id: int) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT * FROM quotes WHERE speaker_kind = ? AND speaker_id = ? ORDER BY reported, id",
            (kind, entity_id),
        )

    def quotes_at(self, event_id: int) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM quotes WHERE event_id = ? ORDER BY id", (event_id,))

    def quotes_about(self, kind: str, entity_id: int) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT q.* FROM quotes q JOIN mentions m ON m.record_kind = 'quote'"
            " AND m.record_id = q.id WHERE m.kind = ? AND m.entity_id = ? ORDER BY q.id",
            (kind, entity_id),
        )

    def facts_about(self, kind: str, entity_id: int) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT f.* FROM facts f JOIN mentions m ON m.record_kind = 'fact'"
            " AND m.record_id = f.id WHERE m.kind = ? AND m.entity_id = ? ORDER BY f.id",
            (kind, entity_id),
        )

    def mentioned(self, record_kind: str, record_id: int) -> list[tuple[str, int]]:
        rows = self.db.conn.execute(
            "SELECT kind, entity_id FROM mentions WHERE record_kind = ? AND record_id = ?"
            " ORDER BY id",
            (record_kind, record_id),
        ).fetchall()
        return [(str(k), int(i)) for k, i in rows]

    def quote(self, quote_id: int) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM quotes WHERE id = ?", (quote_id,))
        return rows[0] if rows else None

    def fact(self, fact_id: int) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM facts WHERE id = ?", (fact_id,))
        return rows[0] if rows else None

    # collections

    def events_from(self, day: str, limit: int) -> list[dict[str, Any]]:
        """Events still running on or after ``day``, soonest first."""
        return self._rows(
            "SELECT * FROM events WHERE coalesce(ends, starts) >= ? ORDER BY starts, name LIMIT ?",
            (day, limit),
        )

    def events_in(self, place: str, limit: int) -> list[dict[str, Any]]:
        """Events whose location mentions ``place`` (any case), latest first."""
        pattern = "%" + place.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return self._rows(
            "SELECT * FROM events WHERE location LIKE ? ESCAPE '\\' ORDER BY starts DESC, name"
            " LIMIT ?",
            (pattern, limit),
        )

    def events_before(self, day: str, limit: int) -> list[dict[str, Any]]:
        """Events that ended before ``day``, latest first."""
        return self._rows(
            "SELECT * FROM events WHERE coalesce(ends, starts) < ? ORDER BY starts DESC LIMIT ?",
            (day, limit),
        )

    def initiatives(self, limit: int) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT * FROM initiatives ORDER BY coalesce(starts, '9999') DESC, name LIMIT ?",
            (limit,),
        )

    def counts(self) -> dict[str, int]:
        return {
            table: int(self.db.conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])
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
