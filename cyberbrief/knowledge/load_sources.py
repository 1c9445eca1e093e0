"""Inside a load's transaction: names and cited sources resolved to ids, sources written,
and what changed counted. A name or source that resolves to nothing is collected as a
problem (with the nearest keys), so the load rolls back instead of inventing a source.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

from cyberbrief.knowledge import names
from cyberbrief.knowledge.load_report import LoadReport
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.records import SINGULAR, Problem
from cyberbrief.store.journal import Change


class SourceWriter:
    """The base of a load's writer: counting what changed, resolving names and source
    references to ids (collecting those that resolve to nothing), and writing sources."""

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
        self.titled: dict[str, int] = {}
        """Sources this load wrote, by title: what its records mean when they cite a title
        (another article of the same headline may be in the store already)."""

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
        if row is None and key in self.titled:
            row = (self.titled[key],)
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
            # Nor is one of another date or address: two stories both headlined "OSCE news".
            for source_id, title, date, url in self.db.conn.execute(
                "SELECT id, title, date, url FROM sources WHERE ? IS NULL OR key IS NULL",
                (data.get("key"),),
            ):
                if norm(title) == norm(data["title"]) and not (
                    _differ(date, data.get("date")) or _differ(url, data.get("url"))
                ):
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
            if data.get("title"):
                self.titled[norm(data["title"])] = source_id
            return source_id
        source_id = int(existing[0])
        if data.get("title"):
            self.titled[norm(data["title"])] = source_id
        changed = self.change.update("sources", source_id, values)
        if count:
            self._count("sources", "updated" if changed else "unchanged", what)
        return source_id

    def _write_sources(self, where: str, data: dict[str, Any]) -> None:
        self._upsert_source(where, data)


def _differ(stored: Any, given: Any) -> bool:
    """Both known and not the same (a date, an address)."""
    return bool(stored) and bool(given) and str(stored) != str(given)
