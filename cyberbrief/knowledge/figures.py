"""Figures a newer source changes: "The OSCE has 57 participating States" in 2024 and "... 58
..." in 2026 are the same statement with another figure. Both stay on record (history is never
overwritten); answers give the newest first and mark the ones before it, and the review queue
says which figure on record a drafted fact updates.
"""

from __future__ import annotations

import dataclasses
import re

import sqlite_utils

from cyberbrief.knowledge.model import Line
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.timeline import human_date

_NUMBER = re.compile(r"\b\d+(?: \d{3})*(?: \d+)?\b")
"""A number in normal form ("1,000.5" is "1 000 5" there): one run of digit groups."""
_AS_OF = re.compile(r"\s*\((?:as of|in) [^()]*\)$")
"""The "(as of 1 May 2024)" an answer's line ends with: not part of the statement."""
EARLIER = "Before that: "


def figure_shape(text: str) -> str | None:
    """The statement with its figures masked ("the osce has # participating states"), or None
    when it holds no figure."""
    folded = norm(_AS_OF.sub("", text))
    masked = _NUMBER.sub("#", folded)
    return masked if masked != folded else None


def _newer(date: str | None, than: str | None) -> bool:
    if not date or not than:
        return bool(date) and not than
    n = min(len(date), len(than))
    return date[:n] > than[:n]


def newest_first(lines: list[Line]) -> list[Line]:
    """``lines`` in their order, except that statements of one figure from several sources
    come newest first (where the first of them stood), the older ones marked "Before that:"."""
    groups: dict[str, list[Line]] = {}
    for line in lines:
        shape = figure_shape(line.text)
        if shape is not None:
            groups.setdefault(shape, []).append(line)
    out: list[Line] = []
    placed: set[str] = set()
    for line in lines:
        shape = figure_shape(line.text)
        group = groups.get(shape or "", [])
        if shape is None or len(group) < 2:
            out.append(line)
            continue
        if shape in placed:
            continue
        placed.add(shape)
        dates = {id(g): g.citation.date if g.citation else None for g in group}
        ordered = sorted(group, key=lambda g: dates[id(g)] or "", reverse=True)
        if any(not dates[id(g)] for g in group) or len(set(dates.values())) < len(group):
            out.extend(group)  # undated or of one date: which is newer is not on record
            continue
        out.append(ordered[0])
        out.extend(dataclasses.replace(g, text=EARLIER + g.text) for g in ordered[1:])
    return out


def updated_figure(db: sqlite_utils.Database, text: str, date: str | None) -> str:
    """For the review queue: the figure on record a drafted fact changes ("updates “... 57
    ...” (as of 1 May 2024): kept as history"), or empty when it changes none."""
    shape = figure_shape(text)
    if shape is None:
        return ""
    pattern = shape.replace("#", "%")
    rows = db.conn.execute(
        "SELECT f.text, f.norm, s.date FROM facts f LEFT JOIN sources s ON s.id = f.source_id"
        " WHERE f.norm LIKE ? AND f.norm != ? ORDER BY s.date DESC",
        (pattern, norm(text)),
    ).fetchall()
    for stored, stored_norm, stored_date in rows:
        if figure_shape(stored_norm) != shape:
            continue
        as_of = f" (as of {human_date(str(stored_date))})" if stored_date else ""
        if date and stored_date and not _newer(date, str(stored_date)):
            return f"older than the figure on record: “{stored}”{as_of}"
        return f"updates “{stored}”{as_of}: kept as history"
    return ""
