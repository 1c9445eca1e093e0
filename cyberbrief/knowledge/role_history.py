"""Roles a person held before the current one: kept when a newer source changes a role.

William Hague was "Foreign Secretary" in a BBC article of Nov 2011 and "Chancellor" in one of
26 Nov 2024: the person's role is the newer one, and the older is kept here with its date
(its source's) and source, so an answer says what was true before and ``export`` / ``undo``
keep it (rows are written through the change journal).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from cyberbrief.knowledge import names
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.timeline import human_date
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


def role_note(db: sqlite_utils.Database, data: dict[str, Any], source_date: str | None) -> str:
    """What approving a drafted person does to the role the store has for them, in words for
    the review queue: "was Foreign Secretary, as of 1 Nov 2011: kept as history". Empty for a
    person the store does not have, or has without a role."""
    if not data.get("role"):
        return ""
    for text in [data["name"], *data.get("aliases", [])]:
        found = names.find(db, text, ("person",))
        if found:
            break
    else:
        return ""
    row = db.conn.execute(
        "SELECT p.role, s.date FROM people p LEFT JOIN sources s ON s.id = p.source_id"
        " WHERE p.id = ?",
        (found[0][1],),
    ).fetchone()
    if not row or not row[0]:
        return ""
    role, date = str(row[0]), row[1]
    as_of = f", as of {human_date(str(date))}" if date else ""
    if norm(role) == norm(data["role"]):
        return f"the role on record{as_of}: its date is brought up to this article's"
    if older(source_date, date):
        return f"older than the role on record ({role}{as_of}): kept as history only"
    return f"was {role}{as_of}: kept as history"
