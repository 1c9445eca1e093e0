"""Helpful / Not helpful votes on logged answers: one per person per answer, changeable.

The voter is stored as :func:`answer_log.voter_key` gives it (a keyed hash unless askers are
logged), so pressing twice, or from two devices, still counts once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

from cyberbrief.answers.answer_log import get_answer

REASONS = ("wrong", "out_of_date", "incomplete", "did_not_answer")
MAX_NOTE = 300


class VoteRefused(ValueError):
    """A vote or form naming no answer on record, or not this voter's: nothing changed."""


@dataclass(frozen=True)
class Vote:
    answer_id: int
    helpful: bool
    reasons: tuple[str, ...]
    note: str | None


def record_vote(
    db: sqlite_utils.Database, answer_id: int, voter: str, helpful: bool, at: dt.datetime
) -> str:
    """Store the voter's vote on ``answer_id``: "new", "changed" or "same" (pressed again:
    counted once). A changed vote drops the old vote's reasons."""
    if get_answer(db, answer_id) is None:
        raise VoteRefused("That answer is no longer on record, so the vote was not counted.")
    row = db.conn.execute(
        "SELECT helpful FROM answer_votes WHERE answer_id = ? AND voter = ?", (answer_id, voter)
    ).fetchone()
    if row is not None and bool(row[0]) == helpful:
        return "same"
    db.conn.execute(
        "INSERT INTO answer_votes (answer_id, voter, helpful, reason, note, at) "
        "VALUES (?, ?, ?, NULL, NULL, ?) ON CONFLICT (answer_id, voter) DO UPDATE SET "
        "helpful = excluded.helpful, reason = NULL, note = NULL, at = excluded.at",
        (answer_id, voter, int(helpful), at.astimezone(dt.UTC).isoformat(timespec="seconds")),
    )
    return "new" if row is None else "changed"


def explain_vote(
    db: sqlite_utils.Database, answer_id: int, voter: str, reasons: Iterable[str], note: str
) -> None:
    """Add what was wrong to the voter's Not helpful vote (the optional form)."""
    chosen = tuple(dict.fromkeys(reasons))
    unknown = [r for r in chosen if r not in REASONS]
    if unknown:
        raise VoteRefused(f"Unknown reason {unknown[0]!r}; nothing was saved.")
    note = " ".join(note.split())
    if len(note) > MAX_NOTE:
        raise VoteRefused(f"Keep it to one line of at most {MAX_NOTE} characters.")
    cursor = db.conn.execute(
        "UPDATE answer_votes SET reason = ?, note = ? "
        "WHERE answer_id = ? AND voter = ? AND helpful = 0",
        (json.dumps(list(chosen)), note or None, answer_id, voter),
    )
    if cursor.rowcount == 0:
        raise VoteRefused(
            "This form does not match a Not helpful vote of yours; nothing was saved."
        )


def votes_on(db: sqlite_utils.Database, answer_id: int) -> list[Vote]:
    rows = db.conn.execute(
        "SELECT helpful, reason, note FROM answer_votes WHERE answer_id = ? ORDER BY at",
        (answer_id,),
    ).fetchall()
    return [
        Vote(answer_id, bool(helpful), tuple(json.loads(reason or "[]")), note)
        for helpful, reason, note in rows
    ]
