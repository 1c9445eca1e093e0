"""Writing validated records inside a load's one transaction: each kind upserted by its key,
names resolved to entries, sources cited, mentions linked, and what changed counted in the
LoadReport. A name that resolves to nothing is collected as a problem, so the load rolls back.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cyberbrief.knowledge import names
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.records import SINGULAR, Problem
from cyberbrief.knowledge.role_history import keep_role, older, source_date
from cyberbrief.store.journal import Change
from cyberbrief.store.wording import counted


@dataclass
class LoadReport:
    """What a load added, changed or left alone; a dry run reports without writing."""

    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What else the change did, in words ("2 events removed: no longer in the calendar")."""
    change_id: int | None = None
    dry_run: bool = False

    def summary(self) -> str:
        def part(counter: Counter[str]) -> str:
            return ", ".join(counted(n, kind) for kind, n in counter.items() if n) or "nothing"

        verb = "would add" if self.dry_run else "added"
        verb2 = "would update" if self.dry_run else "updated"
        text = f"{verb} {part(self.added)}; {verb2} {part(self.updated)}"
        if sum(self.unchanged.values()):
            text += f"; {sum(self.unchanged.values())} already up to date"
        for note in self.notes:
            text += f"; {note}"
        if self.change_id is not None:
            text += f" (change #{self.change_id})"
        return text


class Writer:
    """Writes validated records, resolving names to ids; collects unresolved references."""

    def __init__(
        self,
        change: Change,
        report: LoadReport,
        problems: list[Problem],
        *,
        new_sources: bool = False,
    ) -> None:
        self.new_sources = new_sources
        """A source cited by a title nothing matches becomes a new source (else a problem)."""
        self.change = change
        self.db = change.db
        self.report = report
        self.problems = problems

    def write(self, kind: str, where: str, data: dict[str, Any]) -> None:
        method = getattr(self, f"_write_{kind}")
        method(where, data)

    def _count(self, kind: str, outcome: str, what: str) -> None:
        getattr(self.report, outcome)[kind] += 1
        if outcome != "unchanged":
            verb = {"added": "add", "updated": "update"}[outcome]
            self.report.lines.append(f"{verb} {SINGULAR[kind]} {what}")

    # references

    def _entity(self, where: str, field: str, text: str, kinds: tuple[str, ...]) -> int | None:
        found = names.find(self.db, text, kinds)
        if not found:
            wanted = " or ".join(kinds)
            self.problems.append(
                Problem(
                    where,
                    field,
                    f"'{text}' is not a known {wanted}; add it first (in this file or the store)",
                )
            )
            return None
        return found[0][1]

    def _source(self, where: str, value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, dict):
            return self._upsert_source(where, value, count=False)
        key = norm(value)
        row = self.db.conn.execute(
            "SELECT id FROM sources WHERE key = ? OR lower(key) = lower(?)", (value, value)
        ).fetchone()
        if row is None:
            for source_id, title in self.db.conn.execute("SELECT id, title FROM sources"):
                if norm(title) == key:
                    row = (source_id,)
                    break
        if row is not None:
            return int(row[0])
        if value.startswith(("http://", "https://")):
            return self._upsert_source(where, {"url": value, "title": value}, count=False)
        if self.new_sources:  # asked for: a new source, counted (and listed in a dry run)
            return self._upsert_source(where, {"title": value})
        self.problems.append(Problem(where, "source", self._unknown_source(value)))
        return None

    def _unknown_source(self, value: str) -> str:
        """Why ``value`` cites nothing, with the nearest keys: a typo must not become a new
        source that answers then cite."""
        keys = [str(k) for (k,) in self.db.conn.execute("SELECT key FROM sources") if k]
        near = difflib.get_close_matches(value, keys, n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(repr(k) for k in near)}?)" if near else ""
        return (
            f"'{value}' is not a known source key or title{hint}; add it under sources:, "
            "cite it by URL, or load with --new-sources to add it as a new source"
        )

    def _cite(self, where: str, data: dict[str, Any], columns: dict[str, Any]) -> None:
        """Set ``source_id`` (the first source) and ``source_ids`` (all) from source/sources."""
        refs = ([data["source"]] if "source" in data else []) + data.get("sources", [])
        if not refs:
            return
        ids: list[int] = []
        for ref in refs:
            source_id = self._source(where, ref)
            if source_id is not None and source_id not in ids:
                ids.append(source_id)
        if ids:
            columns["source_id"] = ids[0]
            columns["source_ids"] = json.dumps(ids)

    # sources

    def _upsert_source(self, where: str, data: dict[str, Any], count: bool = True) -> int:
        existing = None
        if data.get("key"):
            existing = self.db.conn.execute(
                "SELECT id FROM sources WHERE key = ?", (data["key"],)
            ).fetchone()
        if existing is None and data.get("title"):
            # A source with another key is another source, whatever its title (two
            # calendars both called "Events").
            for source_id, title in self.db.conn.execute(
                "SELECT id, title FROM sources WHERE ? IS NULL OR key IS NULL", (data.get("key"),)
            ):
                if norm(title) == norm(data["title"]):
                    existing = (source_id,)
                    break
        values: dict[str, Any] = {
            k: data[k]
            for k in ("key", "title", "publisher", "date", "url", "kind", "file")
            if k in data
        }
        values.update({k: int(data[k]) for k in ("untitled", "date_inferred") if k in data})
        what = f"'{data.get('title') or data.get('key')}'"
        if existing is None:
            source_id = self.change.insert("sources", {"kind": "article", **values})
            if count:
                self._count("sources", "added", what)
            return source_id
        source_id = int(existing[0])
        changed = self.change.update("sources", source_id, values)
        if count:
            self._count("sources", "updated" if changed else "unchanged", what)
        return source_id

    def _write_sources(self, where: str, data: dict[str, Any]) -> None:
        self._upsert_source(where, data)

    # named entities

    def _upsert_entity(
        self, kind: str, where: str, data: dict[str, Any], columns: dict[str, Any]
    ) -> int:
        singular = SINGULAR[kind]
        existing: list[tuple[str, int]] = []
        for text in [data["name"], data.get("acronym"), *data.get("aliases", [])]:
            if text and not existing:
                existing = names.find(self.db, text, (singular,))
        self._cite(where, data, columns)
        columns = {k: v for k, v in columns.items() if v is not None}
        what = f"'{data['name']}'"
        if existing:
            entity_id = existing[0][1]
            changed = self.change.update(kind, entity_id, columns)
            before = self.change.rows_written
            current = self.change.get(kind, entity_id) or {}
            names.sync_names(
                self.change,
                singular,
                entity_id,
                name=current["name"],
                acronym=current.get("acronym"),
                aliases=[data["name"], *data.get("aliases", [])],
            )
            changed = changed or self.change.rows_written > before
            self._count(kind, "updated" if changed else "unchanged", what)
        else:
            entity_id = self.change.insert(kind, {"name": data["name"], **columns})
            names.sync_names(
                self.change,
                singular,
                entity_id,
                name=data["name"],
                acronym=data.get("acronym"),
                aliases=data.get("aliases", []),
            )
            self._count(kind, "added", what)
        return entity_id

    def _common(self, data: dict[str, Any]) -> dict[str, Any]:
        return {k: data.get(k) for k in ("acronym", "description", "url")}

    def _write_organisations(self, where: str, data: dict[str, Any]) -> None:
        self._upsert_entity("organisations", where, data, self._common(data))

    def _write_people(self, where: str, data: dict[str, Any]) -> None:
        columns = {k: data.get(k) for k in ("role", "description", "url")}
        if "organisation" in data:
            columns["organisation_id"] = self._entity(
                where, "organisation", data["organisation"], ("organisation",)
            )
        stored = self._stored_person(data)
        if stored is not None and data.get("role"):
            data, columns = self._role_change(where, stored, data, columns)
        person_id = self._upsert_entity("people", where, data, columns)
        for former in data.get("former_roles", []):
            source_id = self._source(where, former["source"]) if former.get("source") else None
            keep_role(self.change, person_id, former["role"], None, former.get("date"), source_id)

    def _stored_person(self, data: dict[str, Any]) -> dict[str, Any] | None:
        for text in [data["name"], *data.get("aliases", [])]:
            found = names.find(self.db, text, ("person",))
            if found:
                return self.change.get("people", found[0][1])
        return None

    def _role_change(
        self, where: str, stored: dict[str, Any], data: dict[str, Any], columns: dict[str, Any]
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """A role that differs from the stored one: the newer (by their sources' dates) is
        the person's role and the other is kept in their history; returns what to write."""
        if not stored.get("role") or norm(stored["role"]) == norm(data["role"]):
            return data, columns
        ref = data.get("source") or (data.get("sources") or [None])[0]
        incoming = self._source(where, ref) if ref is not None else None
        new_date = source_date(self.db, incoming)
        old_date = source_date(self.db, stored["source_id"])
        if older(new_date, old_date):  # an older source: its role is history
            org = columns.get("organisation_id")
            keep_role(self.change, stored["id"], data["role"], org, new_date, incoming)
            dropped = {"role", "description", "organisation", "source", "sources"}
            return {k: v for k, v in data.items() if k not in dropped}, {"url": columns["url"]}
        org = stored.get("organisation_id")
        keep_role(self.change, stored["id"], stored["role"], org, old_date, stored["source_id"])
        return data, columns

    def _write_events(self, where: str, data: dict[str, Any]) -> None:
        columns = {**self._common(data), **{k: data.get(k) for k in ("starts", "ends", "location")}}
        if data.get("topics"):
            columns["topics"] = self._event_topics(data)
        event_id = self._upsert_entity("events", where, data, columns)
        for organiser in data.get("organisers", []):
            org_id = self._entity(where, "organisers", organiser, ("organisation",))
            if (
                org_id is not None
                and not self.db.conn.execute(
                    "SELECT 1 FROM event_organisers WHERE event_id = ? AND organisation_id = ?",
                    (event_id, org_id),
                ).fetchone()
            ):
                self.change.insert(
                    "event_organisers", {"event_id": event_id, "organisation_id": org_id}
                )

    def _event_topics(self, data: dict[str, Any]) -> str:
        """The event's stored topics with the record's added (topics only accumulate)."""
        found = names.find(self.db, data["name"], ("event",))
        row = (
            self.db.conn.execute("SELECT topics FROM events WHERE id = ?", (found[0][1],))
            if found
            else None
        )
        stored = (row.fetchone() if row else None) or (None,)
        topics = [str(t) for t in json.loads(stored[0])] if stored[0] else []
        keys = {norm(t) for t in topics}
        for topic in data["topics"]:
            if norm(topic) not in keys:
                keys.add(norm(topic))
                topics.append(topic)
        return json.dumps(topics, ensure_ascii=False)

    def _write_initiatives(self, where: str, data: dict[str, Any]) -> None:
        columns = {**self._common(data), **{k: data.get(k) for k in ("starts", "ends")}}
        if "organisation" in data:
            columns["organisation_id"] = self._entity(
                where, "organisation", data["organisation"], ("organisation",)
            )
        initiative_id = self._upsert_entity("initiatives", where, data, columns)
        for milestone in data.get("milestones", []):
            if not self.db.conn.execute(
                "SELECT 1 FROM milestones WHERE initiative_id = ? AND date = ? AND text = ?",
                (initiative_id, milestone["date"], milestone["text"]),
            ).fetchone():
                self.change.insert("milestones", {"initiative_id": initiative_id, **milestone})

    # facts and quotes

    def _mentions(
        self, where: str, record_kind: str, record_id: int, about: list[str]
    ) -> list[str]:
        """Link a fact or quote to the entities it is about; returns the free topic words."""
        topics = []
        for text in about:
            found = names.find(self.db, text)
            if not found:
                topics.append(text)
                continue
            kind, entity_id = found[0]
            if not self.db.conn.execute(
                "SELECT 1 FROM mentions WHERE record_kind = ? AND record_id = ? AND kind = ? "
                "AND entity_id = ?",
                (record_kind, record_id, kind, entity_id),
            ).fetchone():
                self.change.insert(
                    "mentions",
                    {
                        "record_kind": record_kind,
                        "record_id": record_id,
                        "kind": kind,
                        "entity_id": entity_id,
                    },
                )
        return topics

    def _write_facts(self, where: str, data: dict[str, Any]) -> None:
        key = norm(data["text"])
        existing = self.db.conn.execute(
            "SELECT id, topics FROM facts WHERE norm = ?", (key,)
        ).fetchone()
        columns: dict[str, Any] = {
            "text": data["text"],
            "norm": key,
            "date": data.get("date"),
            "support": data.get("support"),
        }
        self._cite(where, data, columns)
        columns = {k: v for k, v in columns.items() if v is not None}
        before = self.change.rows_written
        if existing:
            fact_id = int(existing[0])
            self.change.update("facts", fact_id, columns)
        else:
            fact_id = self.change.insert("facts", columns)
        topics = self._mentions(where, "fact", fact_id, data.get("about", []))
        if topics:
            old = json.loads(existing[1]) if existing and existing[1] else []
            merged = old + [t for t in topics if t not in old]
            self.change.update("facts", fact_id, {"topics": json.dumps(merged)})
        outcome = (
            "added"
            if not existing
            else ("updated" if self.change.rows_written > before else "unchanged")
        )
        self._count("facts", outcome, f"'{data['text'][:60]}'")

    def _write_quotes(self, where: str, data: dict[str, Any]) -> None:
        found = names.find(self.db, data["speaker"], ("person", "organisation"))
        if not found:
            self.problems.append(
                Problem(
                    where,
                    "speaker",
                    f"'{data['speaker']}' is not a known person or "
                    "organisation; add them under people first (in this file or the store)",
                )
            )
            return
        speaker_kind, speaker_id = found[0]
        columns: dict[str, Any] = {
            "text": data["text"],
            "norm": norm(data["text"]),
            "speaker_kind": speaker_kind,
            "speaker_id": speaker_id,
            "context": data.get("context"),
            "date": data.get("date"),
            "reported": int(data["reported"]) if "reported" in data else None,
        }
        if "event" in data:
            columns["event_id"] = self._entity(where, "event", data["event"], ("event",))
        self._cite(where, data, columns)
        columns = {k: v for k, v in columns.items() if v is not None}
        existing = self.db.conn.execute(
            "SELECT id FROM quotes WHERE norm = ? AND speaker_kind = ? AND speaker_id = ?",
            (columns["norm"], speaker_kind, speaker_id),
        ).fetchone()
        before = self.change.rows_written
        if existing:
            quote_id = int(existing[0])
            self.change.update("quotes", quote_id, columns)
        else:
            quote_id = self.change.insert("quotes", columns)
        self._mentions(where, "quote", quote_id, data.get("about", []))
        outcome = (
            "added"
            if not existing
            else ("updated" if self.change.rows_written > before else "unchanged")
        )
        self._count("quotes", outcome, f"'{data['text'][:60]}'")
