"""Roles a person held before the current one: kept when a newer source changes a role.

William Hague was "Foreign Secretary" in a BBC article of Nov 2011 and "Chancellor" in one of
26 Nov 2024: the person's role is the newer one, and the older is kept here with its date
(its source's) and source, so an answer says what was true before and ``export`` / ``undo``
keep it (rows are written through the change journal).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from cyberbrief.store.journal import Change


@dataclass(frozen=True)
class FormerRole:
    """A role held before the current one, as of ``date`` (its source's), from ``source_id``."""

    role: str
    date: str | None
    source_id: int | None
    organisation_id: int | None


def former_roles(db: sqlite_utils.Database, person_id: int) -> list[FormerRole]:
    """The person's earlier roles, newest first (undated last)."""
    rows = db.conn.execute(
        "SELECT role, date, source_id, organisation_id FROM role_history WHERE person_id = ? "
        "ORDER BY date IS NULL, date DESC, id DESC",
        (person_id,),
    ).fetchall()
    return [FormerRole(str(r[0]), r[1], r[2], r[3]) for r in rows]


def source_date(db: sqlite_utils.Database, source_id: int | None) -> str | None:
    if source_id is None:
        return None
    row = db.conn.execute("SELECT date FROM sources WHERE id = ?", (source_id,)).fetchone()
    return str(row[0]) if row and row[0] else None


def older(date: str | None, than: str | None) -> bool:
    """Whether ``date`` is before ``than``, at the precision both have; False if either is
    unknown (an undated role is taken as the newer, as a load always was)."""
    if not date or not than:
        return False
    n = min(len(date), len(than))
    return date[:n] < than[:n]


def keep_role(
    change: Change,
    person_id: int,
    role: str,
    organisation_id: int | None,
    date: str | None,
    source_id: int | None,
) -> None:
    """Record a role the person held before, once (by role and date)."""
    if change.db.conn.execute(
        "SELECT 1 FROM role_history WHERE person_id = ? AND role = ? AND date IS ?",
        (person_id, role, date),
    ).fetchone():
        return
    change.insert(
        "role_history",
        {
            "person_id": person_id,
            "role": role,
            "organisation_id": organisation_id,
            "date": date,
            "source_id": source_id,
        },
    )
