"""The review queue: drafted records wait here until an admin approves, edits or rejects them.

Drafts from links, news feeds and articles sent for review are stored one record a row,
grouped by article (``batch``). Approving writes them through ``load_records``, so every
approval is one journaled change that ``undo`` reverses; rejecting only marks them. Nothing
pending is ever visible to answers or digests.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import sqlite_utils

from cyberbrief.knowledge.draft_rows import (
    DRAFT_KINDS,
    ONE,
    PendingDraft,
    approved_since,
    get_drafts,
    pending,
    short,
)
from cyberbrief.knowledge.loader import LoadFailed, LoadReport, RawRecord, load_records
from cyberbrief.knowledge.records import Problem, validate
from cyberbrief.store.connection import transaction
from cyberbrief.store.journal import Clock

if TYPE_CHECKING:
    from cyberbrief.drafting.article import Draft


def queue_draft(
    db: sqlite_utils.Database,
    draft: Draft,
    *,
    origin: str,
    clock: Clock,
    topics: Sequence[str] = (),
) -> int:
    """Put every record of ``draft`` in the queue (once: a record already pending for the same
    article is not queued again), with the ``topics`` of the feed it came from. Returns how
    many were queued."""
    records = draft.records()
    source = records.pop("sources")[0]
    batch = source.get("url") or source["title"]
    now = clock().isoformat(timespec="seconds")
    queued = 0
    drafts = db.table("drafts")
    with transaction(db):
        for kind, items in records.items():
            for item in items:
                data = json.dumps(item, ensure_ascii=False, sort_keys=True)
                if drafts.count_where(
                    "batch = ? AND kind = ? AND data = ? AND status = 'pending'",
                    (batch, kind, data),
                ):
                    continue
                drafts.insert(
                    {
                        "batch": batch,
                        "origin": origin,
                        "kind": kind,
                        "data": data,
                        "source": json.dumps(source, ensure_ascii=False),
                        "created_at": now,
                        "topics": json.dumps(list(topics), ensure_ascii=False),
                    }
                )
                queued += 1
    return queued


def _decidable(db: sqlite_utils.Database, ids: Sequence[int]) -> list[PendingDraft]:
    """The drafts named, all of them pending; otherwise ``LoadFailed`` saying which are not."""
    found = {d.id: d for d in get_drafts(db, ids)}
    problems = [
        Problem(f"draft #{i}", None, "does not exist")
        if i not in found
        else Problem(f"draft #{i}", None, f"was already {found[i].status}")
        for i in ids
        if i not in found or found[i].status != "pending"
    ]
    if problems:
        raise LoadFailed(problems)
    return [found[i] for i in sorted(set(ids))]


def approve(
    db: sqlite_utils.Database, ids: Sequence[int], *, actor: str, clock: Clock
) -> LoadReport:
    """Write the drafts as knowledge in one journaled change and mark them approved.

    Decided inside the write transaction: a draft rejected (or approved) by someone else
    since it was listed is refused here, never written and then marked otherwise."""
    with transaction(db):
        return _approve(db, ids, actor=actor, clock=clock)


def _approve(
    db: sqlite_utils.Database, ids: Sequence[int], *, actor: str, clock: Clock
) -> LoadReport:
    drafts = _with_dependencies(db, _decidable(db, ids))
    records: list[RawRecord] = []
    sources: dict[str, dict[str, Any]] = {}
    for draft in drafts:
        sources.setdefault(draft.source["title"], draft.source)
        records.append(RawRecord(draft.kind, f"draft #{draft.id}", dict(draft.data)))
    records[:0] = [
        RawRecord("sources", f"source of draft #{drafts[0].id}", dict(source))
        for source in sources.values()
    ]
    listed = ", ".join(f"#{d.id}" for d in drafts)
    report = load_records(
        db, records, actor=actor, origin=f"approve drafts {short(listed, 60)}", clock=clock
    )
    _decide(db, drafts, "approved", actor, clock, report.change_id)
    return report


def _references(draft: PendingDraft) -> list[str]:
    """Names a record needs to exist: a quote's speaker, a fact's subjects, a person's
    organisation, an event's organisers."""
    data = draft.data
    names = [data.get("speaker"), data.get("organisation"), *data.get("about", [])]
    names += data.get("organisers", [])
    return [str(n).lower() for n in names if n]


def _with_dependencies(db: sqlite_utils.Database, drafts: list[PendingDraft]) -> list[PendingDraft]:
    """The drafts plus the pending drafts of the same article that define what they name
    (approving a quote brings its speaker along)."""
    chosen = {d.id: d for d in drafts}
    for batch in {d.batch for d in drafts}:
        defines: dict[str, PendingDraft] = {}
        for other in pending(db, batch):
            for key in ("name", "acronym"):
                if other.data.get(key) and other.kind in ("people", "organisations", "initiatives"):
                    defines.setdefault(str(other.data[key]).lower(), other)
        for draft in [d for d in drafts if d.batch == batch]:
            for name in _references(draft):
                if name in defines:
                    chosen.setdefault(defines[name].id, defines[name])
    return sorted(chosen.values(), key=lambda d: d.id)


def reject(db: sqlite_utils.Database, ids: Sequence[int], *, actor: str, clock: Clock) -> int:
    """Mark the drafts rejected (nothing is written to the knowledge); decided inside the
    write transaction, so a draft approved meanwhile is refused, not counted."""
    with transaction(db):
        drafts = _decidable(db, ids)
        _decide(db, drafts, "rejected", actor, clock, None)
    return len(drafts)


def edit(db: sqlite_utils.Database, draft_id: int, data: dict[str, Any]) -> PendingDraft:
    """Replace a pending draft's record with an edited one, validated like a load (and
    checked still pending inside the write transaction)."""
    with transaction(db):
        draft = _decidable(db, [draft_id])[0]
        problems: list[Problem] = []
        clean = validate(draft.kind, data, f"draft #{draft_id}", problems)
        if problems:
            raise LoadFailed(problems)
        clean.setdefault("source", draft.data.get("source"))
        db.table("drafts").update(
            draft_id, {"data": json.dumps(clean, ensure_ascii=False, sort_keys=True)}
        )
    return get_drafts(db, [draft_id])[0]


def _decide(
    db: sqlite_utils.Database,
    drafts: list[PendingDraft],
    status: str,
    actor: str,
    clock: Clock,
    change_id: int | None,
) -> None:
    now = clock().isoformat(timespec="seconds")
    with transaction(db):
        db.conn.executemany(
            "UPDATE drafts SET status = ?, decided_by = ?, decided_at = ?, change_id = ?"
            " WHERE id = ? AND status = 'pending'",
            [(status, actor, now, change_id, d.id) for d in drafts],
        )


__all__ = [
    "DRAFT_KINDS",
    "ONE",
    "PendingDraft",
    "approve",
    "approved_since",
    "edit",
    "get_drafts",
    "pending",
    "queue_draft",
    "reject",
]
