"""Fuzzy matching of what a user typed against every name, acronym and alias in the store.

rapidfuzz's WRatio finds candidates quickly in C; a small re-scoring pass then applies what
WRatio cannot know: an exact name or acronym beats everything, short acronyms must match
exactly (so "EU" never matches "ENISA"), and a surname alone is good but not perfect.

The index follows the store: it remembers the last change it saw and replays newer changes
to the ``names`` table from the change journal, so a running bot sees loads at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlite_utils
from rapidfuzz import fuzz, process

from cyberbrief.answers import name_cache
from cyberbrief.answers.name_columns import Columns, read_columns, release_freed_memory
from cyberbrief.answers.name_grams import gram_codes
from cyberbrief.answers.name_segment import Segment
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
TRANSPOSED = 90.0
"""An acronym typed with two neighbouring letters swapped ("OCSE" for "OSCE")."""
MIN_SCORE = 40
"""rapidfuzz's WRatio below which a name is not a candidate at all."""


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


def swaps(query: str) -> list[str]:
    """Every spelling of a one-word ``query`` of 4-8 letters with two neighbouring letters
    swapped: the one slip of the fingers that keeps all of an acronym's letters.

    Three letters are too few ("FIB" is not the FBI), and longer words are left to rapidfuzz.
    """
    if not 4 <= len(query) <= 8 or not query.isalnum():
        return []
    found = {query[:i] + query[i + 1] + query[i] + query[i + 2 :] for i in range(len(query) - 1)}
    found.discard(query)
    return sorted(found)


def score(query: str, entry: NameEntry) -> float:
    """How well normalised ``query`` names ``entry``, 0-100."""
    if query == entry.norm:
        return 96.0 if entry.type == "surname" else 100.0
    if entry.type == "acronym" and entry.norm in swaps(query):
        return TRANSPOSED
    if _is_acronymish(entry) or len(query.replace(" ", "")) <= 3:
        # Short strings: one wrong letter is a different organisation.
        if len(query) <= 4 or len(entry.norm) <= 4:
            return 0.0
        return fuzz.ratio(query, entry.norm) * 0.95
    value = fuzz.WRatio(query, entry.norm)
    if entry.type == "surname":
        value = min(value, fuzz.ratio(query, entry.norm)) * 0.96
    return float(value)


@dataclass(frozen=True)
class _TailScan:
    """The scanned tail as every search reads it, made once per change of the tail instead
    of copied into new lists on every search (4,197 names at 100k facts and quotes)."""

    tail: dict[int, NameEntry]
    """The tail this was made from (a reload replaces the dict)."""
    changes: int
    """How many changes that tail had seen when it was read."""
    entries: list[NameEntry]
    norms: list[str]
    """Each entry's normalised name, in the same order: what rapidfuzz scores."""
    positions: dict[str, list[int]]
    """Where each normalised name is in ``entries``: the exact lookups."""
    distinct: list[str]
    """Each normalised name once, in order of its first place in ``entries``: what rapidfuzz
    scores (several entries share a name: 3,889 distinct of 4,197 at 100k facts and quotes)."""
    distinct_at: list[list[int]]
    """Where each of ``distinct`` is in ``entries``, in order."""

    @classmethod
    def of(cls, tail: dict[int, NameEntry], changes: int) -> _TailScan:
        # A copy (atomic under the GIL): another thread may be applying a load meanwhile.
        entries = list(tail.values())
        positions: dict[str, list[int]] = {}
        for position, entry in enumerate(entries):
            positions.setdefault(entry.norm, []).append(position)
        norms = [e.norm for e in entries]
        return cls(
            tail, changes, entries, norms, positions, list(positions), list(positions.values())
        )

    def best(self, query: str, limit: int) -> list[tuple[float, int]]:
        """rapidfuzz's ``limit`` best of ``norms`` for ``query`` as (score, position), best
        first, equal scores in order of position: what ``process.extract`` over ``norms`` gives,
        with each distinct name scored once. Exact: a name among the ``limit`` best has fewer
        than ``limit`` entries before it, and each distinct name ranked before its own has its
        first entry there, so its name is among the ``limit`` best distinct ones."""
        found = process.extract(
            query, self.distinct, scorer=fuzz.WRatio, limit=limit, score_cutoff=MIN_SCORE
        )
        ranked = [(value, at) for _, value, d in found for at in self.distinct_at[d]]
        ranked.sort(key=lambda sa: (-sa[0], sa[1]))
        return ranked[:limit]


class NameIndex:
    """All names of all entities, kept in step with the store's change journal.

    Up to FULL_SCAN_LIMIT names sit in a plain list that rapidfuzz scores in full. Past it,
    names live in compact trigram segments (:mod:`cyberbrief.answers.name_segment`): a base
    segment built from the ``names`` table at start, and a delta segment for what loads add.
    A load costs time in proportion to the load: new and changed names join the scanned tail
    (folded into the delta past FULL_SCAN_LIMIT) and removed ones are marked dead; once dead
    and delta names are a quarter of the base, the index is rebuilt from the table. Each
    base build is saved beside the database (:mod:`cyberbrief.answers.name_cache`), so the
    next start reads it and replays only the changes made since.
    """

    def __init__(self) -> None:
        self._segments: list[Segment] = []
        self._tail: dict[int, NameEntry] = {}
        self._tail_changes = 0
        """Counts changes made to the tail in place (a new tail is a new dict)."""
        self._scan: _TailScan | None = None
        self.seen_change = 0

    @classmethod
    def from_db(cls, db: sqlite_utils.Database) -> NameIndex:
        index = cls()
        saved = name_cache.path_for(db)
        restored = name_cache.load(saved, db) if saved is not None else None
        if restored is not None:
            index._segments, index.seen_change = [restored[0]], restored[1]
            index.refresh(db)
            count = db.conn.execute("SELECT count(*) FROM names").fetchone()[0]
            if len(index) == count and name_cache.agrees(index._segments[0], db):
                return index
        index.seen_change = int(
            db.conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()[0]
        )
        index._load(db)
        return index

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[int, str, int, str, str, str]]) -> NameIndex:
        """From (row id, kind, entity id, text, norm, type) tuples, as the table holds them."""
        index = cls()
        if len(rows) > FULL_SCAN_LIMIT:
            index._segments = [Segment(Columns.from_lists(rows))]
        else:
            index._tail = {r[0]: NameEntry(*r[1:]) for r in rows}
        return index

    def _load(self, db: sqlite_utils.Database) -> None:
        """Build from the table. The new state replaces the old whole (segments first, then
        the tail), so a search running meanwhile sees one or the other, never neither."""
        count = int(db.conn.execute("SELECT count(*) FROM names").fetchone()[0])
        if count > FULL_SCAN_LIMIT:
            segment = Segment(read_columns(db.conn))
            self._segments, self._tail = [segment], {}
            saved = name_cache.path_for(db)
            mark = name_cache.stamp(db, self.seen_change)
            if saved is not None and mark is not None:
                name_cache.save(saved, mark, segment)
            release_freed_memory()
            return
        tail = {
            row_id: NameEntry(kind, entity_id, text, key, type_)
            for row_id, kind, entity_id, text, key, type_ in db.conn.execute(
                "SELECT id, kind, entity_id, text, norm, type FROM names"
            )
        }
        self._segments, self._tail = [], tail

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
                self._tail[row_id] = entry
                self._tail_changes += 1
        self.seen_change = int(latest)
        self._settle(db)
        return bool(rows)

    def _settle(self, db: sqlite_utils.Database) -> None:
        """Fold a grown tail into a segment; rebuild from the table once much has changed."""
        if len(self._tail) > FULL_SCAN_LIMIT:
            rows = [(r, e.kind, e.entity_id, e.text, e.norm, e.type) for r, e in self._tail.items()]
            kept = self._segments[:1]
            rows += [row for segment in self._segments[1:] for row in segment.live_rows()]
            self._segments = [*kept, Segment(Columns.from_lists(rows))]
            self._tail = {}
        if self._segments:
            base = self._segments[0]
            changed = sum(s.dead for s in self._segments) + sum(s.size for s in self._segments[1:])
            if changed > max(1000, base.size // 4):
                self._load(db)

    def __len__(self) -> int:
        return sum(s.size - s.dead for s in self._segments) + len(self._tail)

    def _remove(self, row_id: int) -> None:
        if self._tail.pop(row_id, None) is None:
            any(segment.kill(row_id) for segment in self._segments)
        else:
            self._tail_changes += 1

    def search(self, text: str, kinds: Iterable[str] | None = None, limit: int = 5) -> list[Match]:
        """The best-matching entities for ``text``, best first, one match per entity."""
        query = norm(text)
        if not query:
            return []
        wanted = set(kinds) if kinds is not None else None
        best: dict[tuple[str, int], Match] = {}
        for entry in self._candidates(query, limit):
            if wanted is not None and entry.kind not in wanted:
                continue
            value = score(query, entry)
            key = (entry.kind, entry.entity_id)
            if value > 0 and (key not in best or value > best[key].score):
                best[key] = Match(entry.kind, entry.entity_id, value, entry.text, entry.type)
        ranked = sorted(best.values(), key=lambda m: (-m.score, m.kind, m.entity_id))
        return ranked[:limit]

    def _candidates(self, query: str, limit: int) -> list[NameEntry]:
        """Entries worth scoring exactly: exact names, and rapidfuzz's best among the tail
        and each segment's trigram candidates."""
        codes = gram_codes(query)
        pool: list[str] = []
        owners: list[tuple[Segment, int] | NameEntry] = []
        exact: list[NameEntry] = []
        # A swapped pair of letters shares few trigrams with the name meant, so each
        # swapped spelling is looked up exactly (at most seven lookups).
        spellings = [(query, codes)] + [(s, gram_codes(s)) for s in swaps(query)]
        # The tail first: another thread may be applying a load meanwhile, and a name
        # moving from the tail to a segment is then seen twice rather than not at all.
        tail = self._tail_scan()
        segments = list(self._segments)
        for segment in segments:
            positions = segment.candidates(codes, len(query), CANDIDATES)
            pool += segment.norms(positions)
            owners += [(segment, position) for position in positions]
            for spelling, spelling_codes in spellings:
                found_at = segment.exact(spelling, spelling_codes)
                exact += [NameEntry(*segment.row(p)[1:]) for p in found_at]
        wanted = {spelling for spelling, _ in spellings}
        exact_at = sorted(p for spelling in wanted for p in tail.positions.get(spelling, ()))
        exact += [tail.entries[p] for p in exact_at]
        # rapidfuzz's best of the segments' candidates and the tail together, best first and
        # equal scores in order (the tail after the segments): each part's best, merged.
        scored = max(50, limit * 10)
        found = [
            (value, at)
            for _, value, at in process.extract(
                query, pool, scorer=fuzz.WRatio, limit=scored, score_cutoff=MIN_SCORE
            )
        ]
        found += [(value, len(pool) + at) for value, at in tail.best(query, scored)]
        found.sort(key=lambda sa: (-sa[0], sa[1]))
        owners += tail.entries
        chosen = exact
        for _, at in found[:scored]:
            owner = owners[at]
            if isinstance(owner, NameEntry):
                chosen.append(owner)
            else:
                segment, position = owner
                chosen.append(NameEntry(*segment.row(position)[1:]))
        return chosen

    def _tail_scan(self) -> _TailScan:
        """The tail as scanned, made again only when the tail has changed since."""
        changes, tail, scan = self._tail_changes, self._tail, self._scan
        if scan is None or scan.tail is not tail or scan.changes != changes:
            scan = self._scan = _TailScan.of(tail, changes)
        return scan
