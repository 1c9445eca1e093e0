"""Exporting the whole store as a knowledge file that ``load`` accepts back unchanged.

Each record's fields come out in its model's order (:mod:`cyberbrief.knowledge.schema`).
References are written as names (the same way people write load files), so an export is
also the easiest way to edit knowledge in bulk: export, edit, load.
"""

from __future__ import annotations

import json
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


def export_records(db: sqlite_utils.Database) -> dict[str, list[dict[str, Any]]]:
    """Every record, in load-file form, in a stable order."""
    repo = Repository(db)
    q = repo._rows
    source_ref: dict[int, str] = {}
    sources = []
    for row in q("SELECT * FROM sources ORDER BY id"):
        source_ref[row["id"]] = row["key"] or row["title"]
        record = {k: row[k] for k in ("key", "title", "publisher", "date", "url", "kind", "file")}
        if record["kind"] == "article":
            record.pop("kind")
        for flag in ("untitled", "date_inferred"):
            if row.get(flag):
                record[flag] = True
        sources.append(_clean(record))

    def src(row: dict[str, Any]) -> dict[str, Any]:
        """``source`` for one source, ``sources`` for several (as a load file writes them)."""
        ids = json.loads(row["source_ids"]) if row.get("source_ids") else [row.get("source_id")]
        refs = [source_ref[i] for i in ids if i in source_ref]
        if len(refs) > 1:
            return {"sources": refs}
        return {"source": refs[0] if refs else None}

    def name(kind: str, entity_id: int | None) -> str | None:
        if entity_id is None:
            return None
        row = repo.entity(kind, entity_id)
        return row["name"] if row else None

    def about(record_kind: str, row: dict[str, Any]) -> list[str]:
        names = [name(k, i) or "" for k, i in repo.mentioned(record_kind, row["id"])]
        topics = json.loads(row["topics"]) if row.get("topics") else []
        return [n for n in names if n] + topics

    common = ("name", "acronym")
    out: dict[str, list[dict[str, Any]]] = {"sources": sources}
    out["organisations"] = [
        _clean(
            {
                **{k: r[k] for k in common},
                "aliases": repo.aliases("organisation", r["id"]),
                "description": r["description"],
                "url": r["url"],
                **src(r),
            }
        )
        for r in q("SELECT * FROM organisations ORDER BY id")
    ]
    out["people"] = [
        _clean(
            {
                "name": r["name"],
                "role": r["role"],
                "organisation": name("organisation", r["organisation_id"]),
                "aliases": repo.aliases("person", r["id"]),
                "description": r["description"],
                "url": r["url"],
                **src(r),
            }
        )
        for r in q("SELECT * FROM people ORDER BY id")
    ]
    out["events"] = [
        _clean(
            {
                **{k: r[k] for k in common},
                "starts": r["starts"],
                "ends": r["ends"],
                "location": r["location"],
                "organisers": [o["name"] for o in repo.organisers(r["id"])],
                "aliases": repo.aliases("event", r["id"]),
                "description": r["description"],
                "url": r["url"],
                **src(r),
            }
        )
        for r in q("SELECT * FROM events ORDER BY id")
    ]
    out["initiatives"] = [
        _clean(
            {
                **{k: r[k] for k in common},
                "organisation": name("organisation", r["organisation_id"]),
                "starts": r["starts"],
                "ends": r["ends"],
                "milestones": [
                    {"date": m["date"], "text": m["text"]} for m in repo.milestones(r["id"])
                ],
                "aliases": repo.aliases("initiative", r["id"]),
                "description": r["description"],
                "url": r["url"],
                **src(r),
            }
        )
        for r in q("SELECT * FROM initiatives ORDER BY id")
    ]
    out["facts"] = [
        _clean(
            {
                "text": r["text"],
                "about": about("fact", r),
                "date": r["date"],
                "support": r.get("support"),
                **src(r),
            }
        )
        for r in q("SELECT * FROM facts ORDER BY id")
    ]
    out["quotes"] = [
        _clean(
            {
                "text": r["text"],
                "speaker": name(r["speaker_kind"], r["speaker_id"]),
                "event": name("event", r["event_id"]),
                "about": about("quote", r),
                "context": r["context"],
                "date": r["date"],
                "reported": True if r["reported"] else None,
                **src(r),
            }
        )
        for r in q("SELECT * FROM quotes ORDER BY id")
    ]
    return {kind: [_as_schema(kind, r) for r in out[kind]] for kind in KINDS}


def export_yaml(db: sqlite_utils.Database) -> str:
    """The store as YAML text (UTF-8, keys in field order)."""
    header = "# cyberbrief knowledge export: load it back with `python bot.py load FILE`\n"
    return header + yaml.safe_dump(
        export_records(db), sort_keys=False, allow_unicode=True, width=100
    )
