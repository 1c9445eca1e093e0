"""The review queue's rows, read back: a drafted record waiting for (or past) an admin's decision.

The queue itself (queueing, approving, rejecting) is :mod:`cyberbrief.intake.review`; reading
its rows lives here, beside the other typed rows, so digests can list what is new in the
briefing without depending on intake.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import sqlite_utils

from cyberbrief.knowledge.figures import updated_figure
from cyberbrief.knowledge.role_history import role_note

DRAFT_KINDS = ("organisations", "initiatives", "people", "events", "facts", "quotes")
ONE = {
    "organisations": "organisation",
    "initiatives": "initiative",
    "people": "person",
    "events": "event",
    "facts": "fact",
    "quotes": "quote",
}


@dataclass(frozen=True)
class PendingDraft:
    """One drafted record and the article it came from."""

    id: int
    batch: str
    origin: str
    kind: str
    data: dict[str, Any]
    source: dict[str, Any]
    status: str
    created_at: str
    topics: tuple[str, ...] = ()
    """The topics of the feed it came from, for digests narrowed to a topic."""
    note: str = ""
    """What approving it changes in the store, when that is not plain ("was Foreign
    Secretary, as of 1 Nov 2011: kept as history"), for the review queue."""

    def line(self) -> str:
        """One line for a list: "#12 quote: Park Geun-hye: “Cyberspace can be …”"."""
        data = self.data
        if self.kind == "quotes":
            what = f"{data['speaker']}: “{short(data['text'])}”"
        elif self.kind == "facts":
            what = short(data["text"])
        elif self.kind == "people":
            what = data["name"] + (f", {data['role']}" if data.get("role") else "")
        else:
            what = data["name"] + (f" ({data['acronym']})" if data.get("acronym") else "")
        note = f" ({self.note})" if self.note else ""
        return f"#{self.id} {ONE.get(self.kind, self.kind)}: {what}{note}"


def short(text: str, limit: int = 90) -> str:
    """``text`` in at most ``limit`` characters, cut at a word (with "…") when longer; a
    single word longer than half the limit is cut inside it."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + "…"


def _row(row: dict[str, Any]) -> PendingDraft:
    return PendingDraft(
        id=int(row["id"]),
        batch=str(row["batch"]),
        origin=str(row["origin"]),
        kind=str(row["kind"]),
        data=json.loads(row["data"]),
        source=json.loads(row["source"]),
        status=str(row["status"]),
        created_at=str(row["created_at"]),
        topics=tuple(json.loads(row["topics"] or "[]")),
    )


_COLUMNS = "id, batch, origin, kind, data, source, status, created_at, topics"


def pending(db: sqlite_utils.Database, batch: str | None = None) -> list[PendingDraft]:
    """Pending drafts, oldest article first, in drafting order within it."""
    sql = f"SELECT {_COLUMNS} FROM drafts WHERE status = 'pending'"
    params: tuple[Any, ...] = ()
    if batch is not None:
        sql += " AND batch = ?"
        params = (batch,)
    drafts = [_row(r) for r in db.query(sql + " ORDER BY id", params)]
    return [_with_note(db, d) if d.kind in ("people", "facts") else d for d in drafts]


def _with_note(db: sqlite_utils.Database, draft: PendingDraft) -> PendingDraft:
    """A drafted person the store has with another role, or a fact that changes a figure on
    record, says what approving does to what is there."""
    date = draft.source.get("date")
    if draft.kind == "people":
        note = role_note(db, draft.data, date)
    else:
        note = updated_figure(db, draft.data["text"], date)
    return replace(draft, note=note) if note else draft


def get_drafts(db: sqlite_utils.Database, ids: Iterable[int]) -> list[PendingDraft]:
    wanted = sorted(set(ids))
    marks = ",".join("?" * len(wanted))
    rows = db.query(f"SELECT {_COLUMNS} FROM drafts WHERE id IN ({marks})", wanted)
    return [_row(r) for r in rows]


def approved_since(db: sqlite_utils.Database, since: str) -> list[PendingDraft]:
    """Drafts approved at or after ``since`` (ISO time) whose change was not undone: what is
    new in the briefing."""
    rows = db.query(
        f"SELECT {', '.join('d.' + c for c in _COLUMNS.split(', '))} FROM drafts d"
        " LEFT JOIN changes c ON c.id = d.change_id"
        " WHERE d.status = 'approved' AND d.decided_at >= ? AND c.undone_by IS NULL"
        " ORDER BY d.id",
        (since,),
    )
    return [_row(r) for r in rows]
