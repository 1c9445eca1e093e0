"""What drafting one article proposes (records and quotes left without a speaker), in the
knowledge file format for loading and as the plain summary an admin reads before confirming.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cyberbrief.drafting.article_text import short


@dataclass
class Draft:
    """Records drafted from one article, ready for ``load_records`` once confirmed."""

    source: dict[str, str]
    organisations: list[dict[str, Any]] = field(default_factory=list)
    initiatives: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    unattributed: list[str] = field(default_factory=list)
    """Quotes found without a speaker the draft could name: listed, never guessed."""
    withheld: dict[str, str] = field(default_factory=dict)
    """Unattributed quote -> why the speaker a reference seemed to name was not given ("'the
    minister' may mean A or B"), for the admin who may know."""

    def records(self) -> dict[str, list[dict[str, Any]]]:
        """The drafts in the knowledge file format (``docs/knowledge-format.md``)."""
        out: dict[str, list[dict[str, Any]]] = {"sources": [dict(self.source)]}
        for kind in ("organisations", "initiatives", "events", "people", "facts", "quotes"):
            items = getattr(self, kind)
            if items:
                out[kind] = [dict(item) for item in items]
        return out

    def _title(self) -> str:
        """The headline in quotation marks; a description of an untitled article as it is."""
        title = self.source["title"]
        return title if self.source.get("untitled") == "true" else f"“{title}”"

    def describe(self) -> str:
        """A plain-text summary an admin reads before confirming."""
        details = ", ".join(
            self.source[key] for key in ("publisher", "date", "url") if self.source.get(key)
        )
        lines = [f"Drafts from {self._title()}" + (f" ({details})" if details else "") + ":"]

        def section(heading: str, items: list[str]) -> None:
            lines.append(f"{heading} ({len(items)}):")
            lines.extend(f"  - {item}" for item in items)
            if not items:
                lines.append("  (none)")

        section(
            "Organisations",
            [
                o["name"] + (f" ({o['acronym']})" if o.get("acronym") else "")
                for o in self.organisations
            ],
        )
        section(
            "Initiatives",
            [
                i["name"] + (f" ({i['acronym']})" if i.get("acronym") else "")
                for i in self.initiatives
            ],
        )
        section(
            "Events",
            [
                e["name"]
                + f" ({e['starts']}"
                + (f" to {e['ends']}" if e.get("ends") else "")
                + (f", {e['location']}" if e.get("location") else "")
                + ")"
                for e in self.events
            ],
        )
        section(
            "People", [p["name"] + (f", {p['role']}" if p.get("role") else "") for p in self.people]
        )
        section("Facts", [short(f["text"]) for f in self.facts])
        section("Quotes", [f"{q['speaker']}: “{short(q['text'])}”" for q in self.quotes])
        if self.unattributed:
            section(
                "Quotes without a clear speaker (not drafted)",
                [
                    short(t) + (f" ({self.withheld[t]})" if t in self.withheld else "")
                    for t in self.unattributed
                ],
            )
        return "\n".join(lines)

    @property
    def empty(self) -> bool:
        return not (
            self.organisations
            or self.initiatives
            or self.events
            or self.people
            or self.facts
            or self.quotes
        )
