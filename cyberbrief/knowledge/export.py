"""Exporting the whole store as a knowledge file that ``load`` accepts back unchanged.

Each record's fields come out in its model's order (:mod:`cyberbrief.knowledge.schema`).
References are written as names (the same way people write load files), so an export is
also the easiest way to edit knowledge in bulk: export, edit, load.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import sqlite_utils
import yaml

from cyberbrief.knowledge.records import KINDS
from cyberbrief.knowledge.repository import Repository
from cyberbrief.knowledge.schema import field_names


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v not in (None, "", [])}


def _as_schema(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    """A record's fields in its model's order; a field the schema lacks is a bug here, since
    ``load`` would refuse the export."""
    fields = field_names(kind)
    unknown = set(record) - set(fields)
    if unknown:
        raise AssertionError(f"export wrote {kind} fields the schema lacks: {sorted(unknown)}")
    return {k: record[k] for k in fields if k in record}


class _Exporter:
    """Rows back into load-file records: ids become the names people write."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.repo = Repository(db)
        self.source_ref: dict[int, str] = {}

    def rows(self, table: str) -> list[dict[str, Any]]:
        return list(self.repo.db.table(table).rows_where(order_by="id"))

    def source(self, row: dict[str, Any]) -> dict[str, Any]:
        record = {k: row[k] for k in ("key", "title", "publisher", "date", "url", "kind", "file")}
        if record["kind"] == "article":
            record.pop("kind")
        for flag in ("untitled", "date_inferred"):
            if row.get(flag):
                record[flag] = True
        self.source_ref[row["id"]] = row["key"] or row["title"]
        return record

    def cited(self, row: dict[str, Any]) -> dict[str, Any]:
        """``source`` for one source, ``sources`` for several (as a load file writes them)."""
        ids = json.loads(row["source_ids"]) if row.get("source_ids") else [row.get("source_id")]
        refs = [self.source_ref[i] for i in ids if i in self.source_ref]
        if len(refs) > 1:
            return {"sources": refs}
        return {"source": refs[0] if refs else None}

    def name(self, kind: str, entity_id: int | None) -> str | None:
        if entity_id is None:
            return None
        row = self.repo.entity(kind, entity_id)
        return row["name"] if row else None

    def about(self, record_kind: str, row: dict[str, Any]) -> list[str]:
        names = [self.name(k, i) or "" for k, i in self.repo.mentioned(record_kind, row["id"])]
        topics = json.loads(row["topics"]) if row.get("topics") else []
        return [n for n in names if n] + topics

    def described(self, kind: str, row: dict[str, Any]) -> dict[str, Any]:
        """What every named entity has: aliases, description, url and sources."""
        return {
            "aliases": self.repo.aliases(kind, row["id"]),
            "description": row["description"],
            "url": row["url"],
            **self.cited(row),
        }

    def organisation(self, r: dict[str, Any]) -> dict[str, Any]:
        return {"name": r["name"], "acronym": r["acronym"], **self.described("organisation", r)}

    def person(self, r: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": r["name"],
            "role": r["role"],
            "organisation": self.name("organisation", r["organisation_id"]),
            **self.described("person", r),
        }

    def event(self, r: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": r["name"],
            "acronym": r["acronym"],
            "starts": r["starts"],
            "ends": r["ends"],
            "location": r["location"],
            "organisers": [o["name"] for o in self.repo.organisers(r["id"])],
            **self.described("event", r),
        }

    def initiative(self, r: dict[str, Any]) -> dict[str, Any]:
        steps = [{"date": m["date"], "text": m["text"]} for m in self.repo.milestones(r["id"])]
        return {
            "name": r["name"],
            "acronym": r["acronym"],
            "organisation": self.name("organisation", r["organisation_id"]),
            "starts": r["starts"],
            "ends": r["ends"],
            "milestones": steps,
            **self.described("initiative", r),
        }

    def fact(self, r: dict[str, Any]) -> dict[str, Any]:
        return {
            "text": r["text"],
            "about": self.about("fact", r),
            "date": r["date"],
            "support": r.get("support"),
            **self.cited(r),
        }

    def quote(self, r: dict[str, Any]) -> dict[str, Any]:
        return {
            "text": r["text"],
            "speaker": self.name(r["speaker_kind"], r["speaker_id"]),
            "event": self.name("event", r["event_id"]),
            "about": self.about("quote", r),
            "context": r["context"],
            "date": r["date"],
            "reported": True if r["reported"] else None,
            **self.cited(r),
        }


def export_records(db: sqlite_utils.Database) -> dict[str, list[dict[str, Any]]]:
    """Every record, in load-file form, in a stable order (sources first: the others cite
    them by key or title)."""
    ex = _Exporter(db)
    write: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
        "sources": ex.source,
        "organisations": ex.organisation,
        "people": ex.person,
        "events": ex.event,
        "initiatives": ex.initiative,
        "facts": ex.fact,
        "quotes": ex.quote,
    }
    return {
        kind: [_as_schema(kind, _clean(write[kind](row))) for row in ex.rows(kind)]
        for kind in KINDS
    }


def export_yaml(db: sqlite_utils.Database) -> str:
    """The store as YAML text (UTF-8, keys in field order)."""
    header = "# cyberbrief knowledge export: load it back with `python bot.py load FILE`\n"
    return header + yaml.safe_dump(
        export_records(db), sort_keys=False, allow_unicode=True, width=100
    )
