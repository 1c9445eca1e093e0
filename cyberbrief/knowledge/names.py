"""Exact look-ups of entities by any of their names, and keeping the ``names`` table in step.

The ``names`` table is what both reference resolution (loader) and fuzzy matching (matcher)
read, so every entity write goes through :func:`sync_names`.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from cyberbrief.knowledge.normalize import norm
from cyberbrief.store.journal import Change

NAME_KIND_ORDER = ("organisation", "person", "event", "initiative")
_TYPE_RANK = {"name": 0, "acronym": 1, "alias": 2, "surname": 3}


def find(
    db: sqlite_utils.Database, text: str, kinds: Iterable[str] = NAME_KIND_ORDER
) -> list[tuple[str, int]]:
    """Entities one of whose names equals ``text`` once normalised, best-named first.

    A canonical name beats an acronym, which beats an alias, which beats a surname, so
    "Gates" finds Robert Gates unless something is actually called Gates.
    """
    key = norm(text)
    if not key:
        return []
    kinds = tuple(kinds)
    marks = ", ".join("?" for _ in kinds)
    rows = db.conn.execute(
        f"SELECT kind, entity_id, type FROM names WHERE norm = ? AND kind IN ({marks})",
        (key, *kinds),
    ).fetchall()
    rows.sort(key=lambda r: (_TYPE_RANK[r[2]], kinds.index(r[0]), r[1]))
    seen: list[tuple[str, int]] = []
    for kind, entity_id, _ in rows:
        if (kind, entity_id) not in seen:
            seen.append((kind, entity_id))
    if seen:
        best = _TYPE_RANK[rows[0][2]]
        return [
            (k, i)
            for k, i in seen
            if min(_TYPE_RANK[r[2]] for r in rows if (r[0], r[1]) == (k, i)) == best
        ]
    return seen


def surname(name: str) -> str | None:
    """A person's surname, matched automatically ("Gates" for "Robert Gates")."""
    words = name.split()
    return words[-1] if len(words) > 1 else None


def sync_names(
    change: Change,
    kind: str,
    entity_id: int,
    *,
    name: str,
    acronym: str | None,
    aliases: Iterable[str] = (),
) -> None:
    """Make the entity's ``names`` rows match its name, acronym, aliases and surname.

    Aliases only accumulate (an update that omits them keeps the old ones); the name,
    acronym and surname rows follow the entity's current values.
    """
    wanted: dict[tuple[str, str], str] = {}

    def want(text: str | None, type_: str) -> None:
        if text and norm(text) and (norm(text), type_) not in wanted:
            wanted[(norm(text), type_)] = text

    want(name, "name")
    want(acronym, "acronym")
    if kind == "person":
        want(surname(name), "surname")
    existing = change.db.conn.execute(
        "SELECT id, norm, type, text FROM names WHERE kind = ? AND entity_id = ?",
        (kind, entity_id),
    ).fetchall()
    for _, _key, type_, text in existing:
        if type_ == "alias":
            want(text, "alias")
    for alias in aliases:
        want(alias, "alias")
    # An alias equal to the name or acronym adds nothing.
    taken = {key for key, type_ in wanted if type_ != "alias"}
    wanted = {k: v for k, v in wanted.items() if k[1] != "alias" or k[0] not in taken}
    have = {(key, type_): row_id for row_id, key, type_, _ in existing}
    for key_type, row_id in have.items():
        if key_type not in wanted:
            change.delete("names", row_id)
    for (key, type_), text in wanted.items():
        if (key, type_) not in have:
            change.insert(
                "names",
                {"kind": kind, "entity_id": entity_id, "text": text, "norm": key, "type": type_},
            )
