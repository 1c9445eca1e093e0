"""Exporting the whole store as a knowledge file that ``load`` accepts back unchanged.

Each record's fields come out in its model's order (:mod:`cyberbrief.knowledge.schema`).
References are written as names (the same way people write load files), so an export is
also the easiest way to edit knowledge in bulk: export, edit, load.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlite_utils
import yaml

from cyberbrief.knowledge.records import KINDS
from cyberbrief.knowledge.repository import Repository
from cyberbrief.knowledge.role_history import former_roles
from cyberbrief.knowledge.rows import (
    Entity,
    Event,
    Fact,
    Initiative,
    Organisation,
    Person,
    Quote,
    Source,
    Sourced,
)
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


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


class _Exporter:
    """Rows back into load-file records: ids become the names people write."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.repo = Repository(db)
        self.source_ref: dict[int, str] = {}

    def source(self, row: Source) -> dict[str, Any]:
        record: dict[str, Any] = {
            "key": row.key,
            "title": row.title,
            "publisher": row.publisher,
            "date": row.date,
            "url": row.url,
            "kind": row.kind,
            "file": row.file,
        }
        if row.kind == "article":
            record.pop("kind")
        if row.untitled:
            record["untitled"] = True
        if row.date_inferred:
            record["date_inferred"] = True
        self.source_ref[row.id] = row.key or row.title
        return record

    def cited(self, row: Sourced) -> dict[str, Any]:
        """``source`` for one source, ``sources`` for several (as a load file writes them)."""
        refs = [self.source_ref[i] for i in row.source_ids if i in self.source_ref]
        if len(refs) > 1:
            return {"sources": refs}
        return {"source": refs[0] if refs else None}

    def name(self, kind: str, entity_id: int | None) -> str | None:
        if entity_id is None:
            return None
        row = self.repo.entity(kind, entity_id)
        return row.name if row else None

    def about(self, record_kind: str, row: Fact | Quote) -> list[str]:
        names = [self.name(k, i) or "" for k, i in self.repo.mentioned(record_kind, row.id)]
        topics = list(row.topics) if isinstance(row, Fact) else []
        return [n for n in names if n] + topics

    def described(self, row: Entity) -> dict[str, Any]:
        """What every named entity has: aliases, description, url and sources."""
        return {
            "aliases": self.repo.aliases(row.kind, row.id),
            "description": row.description,
            "url": row.url,
            **self.cited(row),
        }

    def organisation(self, r: Organisation) -> dict[str, Any]:
        return {"name": r.name, "acronym": r.acronym, **self.described(r)}

    def person(self, r: Person) -> dict[str, Any]:
        before = [
            {
                "role": f.role,
                **({"date": f.date} if f.date else {}),
                **(
                    {"source": self.source_ref[f.source_id]}
                    if f.source_id in self.source_ref
                    else {}
                ),
            }
            for f in former_roles(self.repo.db, r.id)
        ]
        return {
            "name": r.name,
            "role": r.role,
            "former_roles": before,
            "organisation": self.name("organisation", r.organisation_id),
            **self.described(r),
        }

    def event(self, r: Event) -> dict[str, Any]:
        return {
            "name": r.name,
            "acronym": r.acronym,
            "starts": r.starts,
            "ends": r.ends,
            "location": r.location,
            "organisers": [o.name for o in self.repo.organisers(r.id)],
            **self.described(r),
            "topics": list(r.topics),
        }

    def initiative(self, r: Initiative) -> dict[str, Any]:
        steps = [{"date": m.date.isoformat(), "text": m.text} for m in self.repo.milestones(r.id)]
        return {
            "name": r.name,
            "acronym": r.acronym,
            "organisation": self.name("organisation", r.organisation_id),
            "starts": _day(r.starts),
            "ends": _day(r.ends),
            "milestones": steps,
            **self.described(r),
        }

    def fact(self, r: Fact) -> dict[str, Any]:
        return {
            "text": r.text,
            "about": self.about("fact", r),
            "date": _day(r.date),
            "support": r.support,
            **self.cited(r),
        }

    def quote(self, r: Quote) -> dict[str, Any]:
        return {
            "text": r.text,
            "speaker": self.name(r.speaker_kind, r.speaker_id),
            "event": self.name("event", r.event_id),
            "about": self.about("quote", r),
            "context": r.context,
            "date": _day(r.date),
            "reported": True if r.reported else None,
            **self.cited(r),
        }

    def records(self, kind: str) -> list[dict[str, Any]]:
        """Every stored record of ``kind`` (a table), in load-file form, in id order."""
        repo = self.repo
        if kind == "sources":
            return [self.source(r) for r in repo.every(Source.from_row, kind)]
        if kind == "organisations":
            return [self.organisation(r) for r in repo.every(Organisation.from_row, kind)]
        if kind == "people":
            return [self.person(r) for r in repo.every(Person.from_row, kind)]
        if kind == "events":
            return [self.event(r) for r in repo.every(Event.from_row, kind)]
        if kind == "initiatives":
            return [self.initiative(r) for r in repo.every(Initiative.from_row, kind)]
        if kind == "facts":
            return [self.fact(r) for r in repo.every(Fact.from_row, kind)]
        if kind == "quotes":
            return [self.quote(r) for r in repo.every(Quote.from_row, kind)]
        raise ValueError(f"no such kind of record: {kind}")


def export_records(db: sqlite_utils.Database) -> dict[str, list[dict[str, Any]]]:
    """Every record, in load-file form, in a stable order (sources first: the others cite
    them by key or title)."""
    ex = _Exporter(db)
    return {kind: [_as_schema(kind, _clean(r)) for r in ex.records(kind)] for kind in KINDS}


def export_yaml(db: sqlite_utils.Database) -> str:
    """The store as YAML text (UTF-8, keys in field order)."""
    header = "# cyberbrief knowledge export: load it back with `cyberbrief load FILE`\n"
    return header + yaml.safe_dump(
        export_records(db), sort_keys=False, allow_unicode=True, width=100
    )
