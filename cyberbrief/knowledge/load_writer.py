"""Writing validated records inside a load's one transaction: each kind upserted by its key,
names resolved to entries (:mod:`cyberbrief.knowledge.load_sources`), mentions linked, a
changed role kept in the person's history, and what changed counted in the LoadReport.
"""

from __future__ import annotations

import json
from typing import Any

from cyberbrief.knowledge import names
from cyberbrief.knowledge.load_report import LoadReport
from cyberbrief.knowledge.load_sources import SourceWriter
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.records import SINGULAR, Problem
from cyberbrief.knowledge.role_history import keep_role, older, source_date

__all__ = ["LoadReport", "Writer"]


class Writer(SourceWriter):
    """Writes validated records, resolving names to ids; collects unresolved references."""

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
        newer_role = False
        if stored is not None and data.get("role"):
            data, columns, newer_role = self._role_change(where, stored, data, columns)
        person_id = self._upsert_entity("people", where, data, columns)
        if stored is not None and newer_role:
            self._after_newer_role(stored, "organisation" in data)
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
    ) -> tuple[dict[str, Any], dict[str, Any], bool]:
        """A role that differs from the stored one: the newer (by their sources' dates) is
        the person's role and the other is kept in their history; returns what to write and
        whether the incoming role replaced the stored one."""
        if not stored.get("role") or norm(stored["role"]) == norm(data["role"]):
            return data, columns, False
        ref = data.get("source") or (data.get("sources") or [None])[0]
        incoming = self._source(where, ref) if ref is not None else None
        new_date = source_date(self.db, incoming)
        old_date = source_date(self.db, stored["source_id"])
        if older(new_date, old_date):  # an older source: its role is history
            org = columns.get("organisation_id")
            keep_role(self.change, stored["id"], data["role"], org, new_date, incoming)
            dropped = {"role", "description", "organisation", "source", "sources"}
            kept = {k: v for k, v in data.items() if k not in dropped}
            return kept, {"url": columns["url"]}, False
        org = stored.get("organisation_id")
        keep_role(self.change, stored["id"], stored["role"], org, old_date, stored["source_id"])
        return data, columns, True

    def _after_newer_role(self, stored: dict[str, Any], names_organisation: bool) -> None:
        """After a newer role: the organisation of the old one goes with it (it is kept in the
        history) unless the new role names one, and the sources cited before stay cited
        after the new one (the editors' description came from them)."""
        person = self.change.get("people", stored["id"]) or {}
        values: dict[str, Any] = {}
        if not names_organisation:
            values["organisation_id"] = None
        new_ids = json.loads(person.get("source_ids") or "[]")
        old_ids = json.loads(stored.get("source_ids") or "[]") or [stored.get("source_id")]
        merged = new_ids + [i for i in old_ids if i is not None and i not in new_ids]
        if merged != new_ids:
            values["source_ids"] = json.dumps(merged)
        self.change.update("people", stored["id"], values)

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
