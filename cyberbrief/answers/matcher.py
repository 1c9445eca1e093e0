"""Fuzzy matching of what a user typed against every name, acronym and alias in the store.

rapidfuzz's WRatio finds candidates quickly in C; a small re-scoring pass then applies what
WRatio cannot know: an exact name or acronym beats everything, short acronyms must match
exactly (so "EU" never matches "ENISA"), and a surname alone is good but not perfect.

The index follows the store: it remembers the last change it saw and replays newer changes
to the ``names`` table from the change journal, so a running bot sees loads at once.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import sqlite_utils
from rapidfuzz import fuzz, process

from cyberbrief.knowledge.normalize import norm

CONFIDENT = 86.0
"""A match at or above this answers directly."""
SUGGEST = 62.0
"""Matches between this and CONFIDENT are offered as "did you mean"."""
AMBIGUOUS_GAP = 2.5
"""Distinct entities scoring within this of the best are offered as choices."""
FULL_SCAN_LIMIT = 5_000
"""Up to this many names, every name is scored; above it, trigram candidates are."""
CANDIDATES = 256
"""How many trigram candidates are re-scored with rapidfuzz."""


@dataclass(frozen=True, slots=True)
class NameEntry:
    kind: str
    entity_id: int
    text: str
    norm: str
    type: str


@dataclass(frozen=True)
class Match:
    kind: str
    entity_id: int
    score: float
    text: str
    type: str


def _is_acronymish(entry: NameEntry) -> bool:
    return entry.type == "acronym" or (" " not in entry.norm and len(entry.norm) <= 5)


def score(query: str, entry: NameEntry) -> float:
    """How well normalised ``query`` names ``entry``, 0-100."""
    if query == entry.norm:
        return 96.0 if entry.type == "surname" else 100.0
    if _is_acronymish(entry) or len(query.replace(" ", "")) <= 3:
        # Short strings: one wrong letter is a different organisation.
        if len(query) <= 4 or len(entry.norm) <= 4:
            return 0.0
        return fuzz.ratio(query, entry.norm) * 0.95
    value = fuzz.WRatio(query, entry.norm)
    if entry.type == "surname":
        value = min(value, fuzz.ratio(query, entry.norm)) * 0.96
    return float(value)


def trigrams(text: str) -> set[str]:
    """Character trigrams of a normalised name, padded so word starts and ends count."""
    padded = f" {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class TrigramIndex:
    """Candidate generation for large stores: names sharing the most trigrams with a query.

    Postings are numpy arrays, so a query costs a few array concatenations and one
    ``bincount`` instead of a rapidfuzz pass over every name. Typos still share most
    trigrams, so the true match is almost always among the candidates; rapidfuzz then
    re-ranks just those. Names added after the build go to small Python postings that are
    folded into the arrays once they grow, so a load never rebuilds the whole index.
    """

    def __init__(self, choices: Sequence[str]) -> None:
        # (gram, position) pairs in compact C arrays, grouped by one stable sort: one flat
        # positions array with offsets per gram, instead of a Python list per gram.
        vocabulary: dict[str, int] = {}
        grams = array("i")
        positions = array("i")
        for position, choice in enumerate(choices):
            for gram in trigrams(choice):
                grams.append(vocabulary.setdefault(gram, len(vocabulary)))
                positions.append(position)
        gram_ids = np.frombuffer(grams, dtype=np.int32)
        order = np.argsort(gram_ids, kind="stable")
        self._flat = np.frombuffer(positions, dtype=np.int32)[order]
        counts = np.bincount(gram_ids, minlength=len(vocabulary))
        self._offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        self._vocabulary = vocabulary
        self._size = len(choices)
        self._postings: dict[str, np.ndarray] = {}
        self._added: dict[str, list[int]] = {}
        self._added_count = 0

    def _base(self, gram: str) -> np.ndarray | None:
        gram_id = self._vocabulary.get(gram)
        if gram_id is None:
            return self._postings.get(gram)
        base = self._flat[self._offsets[gram_id] : self._offsets[gram_id + 1]]
        extra = self._postings.get(gram)
        return base if extra is None else np.concatenate((base, extra))

    def add(self, position: int, choice: str) -> None:
        """Index one more name at ``position`` (positions only grow)."""
        for gram in trigrams(choice):
            self._added.setdefault(gram, []).append(position)
        self._size = max(self._size, position + 1)
        self._added_count += 1
        if self._added_count > max(20_000, self._size // 10):
            self._fold()

    def _fold(self) -> None:
        """Move names added since the build into per-gram arrays beside the flat postings."""
        for gram, positions in self._added.items():
            extra = np.asarray(positions, dtype=np.int32)
            known = self._postings.get(gram)
            self._postings[gram] = extra if known is None else np.concatenate((known, extra))
        self._added = {}
        self._added_count = 0

    def candidates(self, query: str, limit: int = CANDIDATES) -> list[int]:
        """Positions sharing the most trigrams with ``query``.

        Trigrams found in more than a twentieth of all names (" in", "ion") say little and
        cost the most, so they are left out when the query has enough rarer ones.
        """
        found = []
        for gram in trigrams(query):
            base = self._base(gram)
            added = self._added.get(gram)
            if added:
                extra = np.asarray(added, dtype=np.int32)
                base = extra if base is None else np.concatenate((base, extra))
            if base is not None and len(base):
                found.append(base)
        if not found:
            return []
        common = max(self._size // 20, 50)
        rare = [a for a in found if len(a) <= common]
        arrays = rare if len(rare) >= 3 else found
        positions, counts = np.unique(np.concatenate(arrays), return_counts=True)
        if len(positions) > limit:
            top = np.argpartition(counts, -limit)[-limit:]
            positions = positions[top]
        return [int(p) for p in positions]


class NameIndex:
    """All names of all entities, kept in step with the store's change journal.

    Positions in the candidate structures only grow: a removed or changed name leaves a
    blank at its old position (skipped when scoring) and a changed one is appended anew, so
    applying a load costs time in proportion to the load, not to the store. Once blanks are
    a quarter of the index it is rebuilt compactly.
    """

    def __init__(self) -> None:
        self._entries: dict[int, NameEntry] = {}
        self._position: dict[int, int] | None = None
        """Row id to position, built on the first removal (most indexes never need it)."""
        self._ids: list[int | None] = []
        self._choices: list[str] = []
        self._by_norm: dict[str, int | list[int]] = {}
        """Exact names: a position, or a list of them when names repeat (small memory)."""
        self._trigrams: TrigramIndex | None = None
        self._blanks = 0
        self.seen_change = 0

    @classmethod
    def from_db(cls, db: sqlite_utils.Database) -> NameIndex:
        index = cls()
        index.seen_change = int(
            db.conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()[0]
        )
        for row_id, kind, entity_id, text, key, type_ in db.conn.execute(
            "SELECT id, kind, entity_id, text, norm, type FROM names"
        ):
            index._entries[row_id] = NameEntry(kind, entity_id, text, key, type_)
        index._rebuild()
        return index

    def refresh(self, db: sqlite_utils.Database) -> bool:
        """Apply changes made since the index last looked; returns whether any applied."""
        rows = db.conn.execute(
            "SELECT r.change_id, r.row_id, r.after FROM change_rows r"
            " WHERE r.change_id > ? AND r.tbl = 'names' ORDER BY r.id",
            (self.seen_change,),
        ).fetchall()
        latest = db.conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()[0]
        for _, row_id, after in rows:
            self._remove(row_id)
            if after is not None:
                a = json.loads(after)
                entry = NameEntry(a["kind"], a["entity_id"], a["text"], a["norm"], a["type"])
                self._entries[row_id] = entry
                self._append(row_id, entry)
        self.seen_change = int(latest)
        if self._blanks > max(1000, len(self._choices) // 4):
            self._rebuild()
        return bool(rows)

    def __len__(self) -> int:
        return len(self._entries)

    def _rebuild(self) -> None:
        row_ids = list(self._entries)
        self._ids = list(row_ids)
        self._position = None
        self._choices = [self._entries[i].norm for i in row_ids]
        self._by_norm = {}
        for position, choice in enumerate(self._choices):
            self._note_norm(choice, position)
        large = len(self._choices) > FULL_SCAN_LIMIT
        self._trigrams = TrigramIndex(self._choices) if large else None
        self._blanks = 0

    def _append(self, row_id: int, entry: NameEntry) -> None:
        position = len(self._choices)
        self._ids.append(row_id)
        self._choices.append(entry.norm)
        if self._position is not None:
            self._position[row_id] = position
        self._note_norm(entry.norm, position)
        if self._trigrams is not None:
            self._trigrams.add(position, entry.norm)
        elif len(self._choices) > FULL_SCAN_LIMIT:
            self._rebuild()

    def _note_norm(self, key: str, position: int) -> None:
        current = self._by_norm.get(key)
        if current is None:
            self._by_norm[key] = position
        elif isinstance(current, int):
            self._by_norm[key] = [current, position]
        else:
            current.append(position)

    def _exact(self, key: str) -> list[int]:
        current = self._by_norm.get(key)
        if current is None:
            return []
        return [current] if isinstance(current, int) else list(current)

    def _remove(self, row_id: int) -> None:
        if row_id not in self._entries:
            return
        if self._position is None:
            self._position = {r: i for i, r in enumerate(self._ids) if r is not None}
        entry = self._entries.pop(row_id)
        position = self._position.pop(row_id, None)
        if position is None:
            return
        left = [p for p in self._exact(entry.norm) if p != position]
        if not left:
            self._by_norm.pop(entry.norm, None)
        else:
            self._by_norm[entry.norm] = left[0] if len(left) == 1 else left
        self._ids[position] = None
        self._choices[position] = ""
        self._blanks += 1

    def search(self, text: str, kinds: Iterable[str] | None = None, limit: int = 5) -> list[Match]:
        """The best-matching entities for ``text``, best first, one match per entity."""
        query = norm(text)
        if not query:
            return []
        wanted = set(kinds) if kinds is not None else None
        positions = self._candidates(query, limit)
        # Exact names are always candidates, however many near-misses there are.
        positions.update(self._exact(query))
        best: dict[tuple[str, int], Match] = {}
        for position in positions:
            row_id = self._ids[position]
            if row_id is None:
                continue
            entry = self._entries[row_id]
            if wanted is not None and entry.kind not in wanted:
                continue
            value = score(query, entry)
            key = (entry.kind, entry.entity_id)
            if value > 0 and (key not in best or value > best[key].score):
                best[key] = Match(entry.kind, entry.entity_id, value, entry.text, entry.type)
        ranked = sorted(best.values(), key=lambda m: (-m.score, m.kind, m.entity_id))
        return ranked[:limit]

    def _candidates(self, query: str, limit: int) -> set[int]:
        """Positions worth scoring exactly: rapidfuzz's best, from all names or trigram hits."""
        if self._trigrams is None:
            pool = self._choices
            back = None
        else:
            back = self._trigrams.candidates(query)
            pool = [self._choices[i] for i in back]
        found = process.extract(
            query, pool, scorer=fuzz.WRatio, limit=max(50, limit * 10), score_cutoff=40
        )
        return {position if back is None else back[position] for _, _, position in found}
