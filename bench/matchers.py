"""The matchers compared: this project's indexed matcher and the baselines, on one name list."""

from __future__ import annotations

from collections.abc import Callable

from cyberbrief.answers.matcher import CONFIDENT, NameIndex
from cyberbrief.knowledge.normalize import norm

from .data import Entry

Lookup = Callable[[str], "int | None"]
"""A query to the entity id it answers with, or None for "no confident answer"."""


def name_rows(pool: list[Entry]) -> list[tuple[int, str, str]]:
    """(entity id, text, type) rows, as knowledge/names.py derives them."""
    rows = []
    for entry in pool:
        rows.append((entry.entity_id, entry.name, "name"))
        if entry.acronym:
            rows.append((entry.entity_id, entry.acronym, "acronym"))
        if entry.kind == "person":
            rows.append((entry.entity_id, entry.name.split()[-1], "surname"))
    return rows


def cyberbrief(pool: list[Entry]) -> Lookup:
    kinds = {e.entity_id: e.kind for e in pool}
    index = NameIndex.from_rows(
        [
            (row_id, kinds[entity_id], entity_id, text, norm(text), type_)
            for row_id, (entity_id, text, type_) in enumerate(name_rows(pool), 1)
        ]
    )

    def lookup(query: str) -> int | None:
        found = index.search(query, limit=3)
        return found[0].entity_id if found and found[0].score >= CONFIDENT else None

    return lookup


def rapidfuzz_scan(pool: list[Entry]) -> Lookup:
    from rapidfuzz import fuzz, process

    rows = name_rows(pool)
    choices = [norm(text) for _, text, _ in rows]
    ids = [entity_id for entity_id, _, _ in rows]

    def lookup(query: str) -> int | None:
        found = process.extractOne(norm(query), choices, scorer=fuzz.WRatio, score_cutoff=CONFIDENT)
        return ids[found[2]] if found else None

    return lookup


def thefuzz_scan(pool: list[Entry]) -> Lookup:
    from thefuzz import process  # type: ignore[import-untyped]

    rows = name_rows(pool)
    choices = {i: norm(text) for i, (_, text, _) in enumerate(rows)}
    ids = [entity_id for entity_id, _, _ in rows]

    def lookup(query: str) -> int | None:
        found = process.extractOne(norm(query), choices, score_cutoff=int(CONFIDENT))
        return ids[found[2]] if found else None

    return lookup


def exact_dict(pool: list[Entry]) -> Lookup:
    table = {norm(text): entity_id for entity_id, text, _ in name_rows(pool)}
    return lambda query: table.get(norm(query))


MATCHERS: dict[str, Callable[[list[Entry]], Lookup]] = {
    "cyberbrief (indexed)": cyberbrief,
    "rapidfuzz full scan": rapidfuzz_scan,
    "thefuzz": thefuzz_scan,
    "exact dict": exact_dict,
}
