"""Open knowledge gaps asked again after a change to knowledge (a load, an approval, an
undo): one the store now answers is resolved by that change; one whose resolving change was
undone is open again."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence

import sqlite_utils

from cyberbrief.answers.gaps import Gap, collect, gap_states_by_key, open_gaps, set_state
from cyberbrief.knowledge.embedding import Model
from cyberbrief.knowledge.model import Answer, Status

RECHECK_LIMIT = 200
"""Open gaps asked again after a change, most people first (each is one answer)."""


def _answers_now(db: sqlite_utils.Database, gap: Gap, answer: Answer) -> bool:
    """The store now answers the gap: a refusal is answered, or a Not helpful answer cites a
    source it did not cite when it was voted down."""
    if answer.status is not Status.FOUND:
        return False
    if gap.refused:
        return True
    cited = {c.text() for c in answer.all_citations()}
    before: set[str] = set()
    for (logged,) in db.conn.execute(
        f"SELECT cited FROM answer_log WHERE id IN ({','.join('?' * len(gap.answer_ids))})",
        gap.answer_ids,
    ):
        before |= set(json.loads(logged))
    return bool(cited - before)


def reopen_undone(db: sqlite_utils.Database) -> list[str]:
    """Gaps resolved by a change since undone are open again; their keys (a short write)."""
    keys = [
        key
        for (key,) in db.conn.execute(
            "SELECT gap_key FROM gap_states WHERE state = 'resolved' AND change_id IN "
            "(SELECT id FROM changes WHERE undone_by IS NOT NULL)"
        )
    ]
    db.conn.executemany("DELETE FROM gap_states WHERE gap_key = ?", [(k,) for k in keys])
    return keys


def answered_now(
    db: sqlite_utils.Database,
    ask: Callable[[str], Answer],
    now: dt.datetime,
    *,
    model: Model | None = None,
) -> tuple[list[Gap], int | None]:
    """Open gaps (the ``RECHECK_LIMIT`` most asked) the store now answers, and the newest
    change, which resolved them (read only: ask them from a snapshot, then
    :func:`mark_resolved` in a short write)."""
    newest = db.conn.execute("SELECT max(id) FROM changes WHERE undone_by IS NULL").fetchone()[0]
    if newest is None:
        return [], None
    gaps = open_gaps(collect(db, now, model=model))[:RECHECK_LIMIT]
    return [g for g in gaps if _answers_now(db, g, ask(g.question))], int(newest)


def mark_resolved(
    db: sqlite_utils.Database, gaps: Sequence[Gap], change_id: int, now: dt.datetime
) -> list[Gap]:
    """Resolve ``gaps`` by ``change_id``, unless one was dismissed or resolved meanwhile."""
    states = gap_states_by_key(db)
    done = []
    for gap in gaps:
        if any(key in states for key in gap.keys):
            continue
        set_state(db, gap, "resolved", None, change_id, None, now)
        gap.state, gap.change_id = "resolved", change_id
        done.append(gap)
    return done


def recheck(
    db: sqlite_utils.Database,
    ask: Callable[[str], Answer],
    now: dt.datetime,
    *,
    model: Model | None = None,
) -> tuple[list[Gap], list[str]]:
    """After a load, approval or undo, in one transaction (the command line): gaps whose
    resolving change was undone open again, and open gaps are asked again; one the store now
    answers is resolved by the newest change. Returns (resolved, keys re-opened)."""
    reopened = reopen_undone(db)
    found, newest = answered_now(db, ask, now, model=model)
    resolved = mark_resolved(db, found, newest, now) if newest is not None else []
    return resolved, reopened
