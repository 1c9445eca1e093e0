"""Questions handed to an analyst ("Ask an analyst"), until one is marked answered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class Escalation:
    id: int
    answer_id: int
    channel: str
    ts: str | None
    state: str


def _stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).isoformat(timespec="seconds")


def open_escalation(db: sqlite_utils.Database, answer_id: int) -> Escalation | None:
    """The answer's escalation still open, if any (one per answer at a time)."""
    row = db.conn.execute(
        "SELECT id, answer_id, channel, ts, state FROM escalations "
        "WHERE answer_id = ? AND state = 'open'",
        (answer_id,),
    ).fetchone()
    return Escalation(*row) if row else None


def escalate(db: sqlite_utils.Database, answer_id: int, channel: str, now: dt.datetime) -> int:
    cursor = db.conn.execute(
        "INSERT INTO escalations (answer_id, channel, state, at) VALUES (?, ?, 'open', ?)",
        (answer_id, channel, _stamp(now)),
    )
    return int(cursor.lastrowid or 0)


def posted(db: sqlite_utils.Database, escalation_id: int, ts: str | None) -> None:
    """Where analysts reply: the thread of the escalation's message (its ts, or the thread
    it was posted in)."""
    db.conn.execute("UPDATE escalations SET ts = ? WHERE id = ?", (ts, escalation_id))


def withdraw(db: sqlite_utils.Database, escalation_id: int) -> None:
    """The post failed: the answer may be escalated again."""
    db.conn.execute("DELETE FROM escalations WHERE id = ? AND state = 'open'", (escalation_id,))


def close(db: sqlite_utils.Database, escalation_id: int, now: dt.datetime) -> Escalation | None:
    """Mark answered; None when there is no such open escalation (pressed twice, forged)."""
    row = db.conn.execute(
        "SELECT id, answer_id, channel, ts, state FROM escalations WHERE id = ? AND state = 'open'",
        (escalation_id,),
    ).fetchone()
    if row is None:
        return None
    db.conn.execute(
        "UPDATE escalations SET state = 'answered', closed_at = ? WHERE id = ?",
        (_stamp(now), escalation_id),
    )
    return Escalation(*row)


def question_in_thread(db: sqlite_utils.Database, channel: str, thread_ts: str) -> str | None:
    """The question an escalation posted in this thread asked (an analyst's reply there
    answers it), or None."""
    row = db.conn.execute(
        "SELECT l.question FROM escalations e JOIN answer_log l ON l.id = e.answer_id "
        "WHERE e.channel = ? AND e.ts = ? ORDER BY e.id DESC LIMIT 1",
        (channel, thread_ts),
    ).fetchone()
    return str(row[0]) if row else None
