"""Candidates by meaning: the stored vectors nearest a question, found by brute force.

Full-text search only finds records sharing the question's words; a question worded
differently from the record ("which firms back the new cybercrime alliance" against "Microsoft
and Cisco joined the partnership") is found here. Every stored vector's first
:data:`PREFIX` dimensions are held in memory (WordLlama's vectors are trained so that a prefix
is itself an embedding): a product with the question ranks them all in a few milliseconds,
and the best :data:`RERANK` are scored again with their full 256 dimensions read from the
store. The matrix is read once (``serve`` reads it in the background at start) and then
follows the store's changes: the records each new change touched are read again, so a load
or an undo is seen by the next question without reading every vector again.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager

import numpy as np
import sqlite_utils

from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.textsearch import CODE_OF, Hit, Weights, record_of, score
from cyberbrief.knowledge.embedding import embed
from cyberbrief.knowledge.vectors import changed_records, embedded_text, unpack

PREFIX = 64
"""Dimensions held in memory: 64 float32 is 256 bytes a record, 51 MB at 200k records."""
RERANK = 200
"""How many of the prefix's nearest are scored again with every dimension."""
RERANK_PER_WANTED = 5
"""For several phrases at once (:meth:`VectorIndex.nearest_each`): this many prefix-nearest
rows per record wanted are scored again with every dimension."""
READ_CHUNK = 20_000
AT_ONCE = 20_000
"""Up to this many vectors are read while a question waits; more (a first read of a large
store, or a bulk load) are read in the background when a reader is given (``serve``),
meanwhile questions use what is held (full-text search still finds new records by their
words). Without a reader (``bot.py ask``) a large store is not read at all."""

Reader = Callable[[], AbstractContextManager[sqlite_utils.Database]]


def lower_priority() -> None:
    """Let questions asked meanwhile come first (for a thread reading or embedding in the
    background): on Linux a thread has its own nice value; elsewhere this does nothing.
    SQLite and numpy release the GIL while they work, so the scheduler decides who runs."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def _revision(db: sqlite_utils.Database) -> int:
    return int(db.conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()[0])


def _prefixes(
    db: sqlite_utils.Database, where: str, args: list[int]
) -> tuple[np.ndarray, np.ndarray]:
    """Records and unit-length prefixes of the vectors ``where`` selects, read a chunk at a
    time into arrays sized up front (no second copy of the matrix at any point)."""
    count = int(db.conn.execute(f"SELECT count(*) FROM vectors {where}", args).fetchone()[0])
    records = np.zeros(count, dtype=np.int64)
    matrix = np.zeros((count, PREFIX), dtype=np.float32)
    cursor = db.conn.execute(
        f"SELECT record, substr(vector, 1, {PREFIX * 2}) FROM vectors {where}", args
    )
    done = 0
    while done < count and (rows := cursor.fetchmany(min(READ_CHUNK, count - done))):
        records[done : done + len(rows)] = np.fromiter((r for r, _ in rows), np.int64, len(rows))
        blob = b"".join(v for _, v in rows)
        matrix[done : done + len(rows)] = np.frombuffer(blob, "<f2").reshape(len(rows), PREFIX)
        done += len(rows)
    records, matrix = records[:done], matrix[:done]
    norms = np.sqrt(np.einsum("ij,ij->i", matrix, matrix))
    matrix /= np.maximum(norms, 1e-9)[:, None]
    return records, matrix


SHORTLIST = 8
"""Records of the kinds asked for are scanned on their own when they are fewer than one held
record in this many (a gather of their rows costs about what scoring them does)."""
SAMPLE_EVERY = 16
"""One score in this many is looked at first to find a floor for the highest (see
:func:`highest`)."""


def highest(scores: np.ndarray, take: int) -> np.ndarray:
    """The positions of the ``take`` highest scores, in no order: the same as
    ``argpartition(-scores, take - 1)[:take]``, in a fifth of its time at 200k scores.

    The ``take``-th highest of every :data:`SAMPLE_EVERY`-th score is a floor at least
    ``take`` scores reach (those sampled ones), so the highest are among the few thousand at
    or above it and only those are partitioned."""
    take = min(take, len(scores))
    sample = scores[::SAMPLE_EVERY]
    if len(sample) <= take * 2:
        return np.argpartition(-scores, take - 1)[:take]
    floor = np.partition(sample, len(sample) - take)[len(sample) - take]
    above = np.flatnonzero(scores >= floor)
    if len(above) < take:  # only if a score is not a number (nothing compares to NaN)
        return np.argpartition(-scores, take - 1)[:take]
    return above[np.argpartition(-scores[above], take - 1)[:take]]


class VectorIndex:
    """Every stored vector's prefix, in memory; shared by every thread's answers.

    ``reader`` (a committed snapshot of the store, e.g. ``Store.read``) lets large reads
    happen in the background; without it (``bot.py ask``, tests) they happen at once.
    """

    def __init__(self, reader: Reader | None = None) -> None:
        self.reader = reader
        self._lock = threading.Lock()
        self._set(np.zeros(0, dtype=np.int64), np.zeros((0, PREFIX), dtype=np.float32), -1)
        self._revision = -1
        """The change the held vectors are current with; -1 before the first read."""
        self._loading = False

    def invalidate(self) -> None:
        """Vectors changed outside any change (the start backfill): read them all again."""
        with self._lock:
            self._revision = -1

    def load(self, db: sqlite_utils.Database) -> None:
        """Read every vector from ``db``'s snapshot (``serve`` does this at start)."""
        revision = _revision(db)
        records, matrix = _prefixes(db, "ORDER BY record", [])
        with self._lock:
            self._set(records, matrix, revision)

    def _set(self, records: np.ndarray, matrix: np.ndarray, revision: int, more: int = 0) -> None:
        """Hold these vectors, with room for ``more`` and for later loads to add to without
        a copy."""
        room = len(records) + more + max(1024, (len(records) + more) // 8)
        self._records_room = np.full(room, -1, dtype=np.int64)
        self._matrix_room = np.zeros((room, PREFIX), dtype=np.float32)
        self._records_room[: len(records)] = records
        self._matrix_room[: len(records)] = matrix
        self._size = len(records)
        self._views()
        self._revision = revision

    def _views(self) -> None:
        self._records = self._records_room[: self._size]
        self._matrix = self._matrix_room[: self._size]
        self._codes = (self._records % 8).astype(np.int8)
        self._codes[self._records < 0] = -1  # a freed row
        self._rows_of: dict[tuple[int, ...], np.ndarray | None] = {}
        self._others_of: dict[tuple[int, ...], np.ndarray] = {}

    def _rows(self, codes: tuple[int, ...]) -> np.ndarray | None:
        """The rows holding records of ``codes`` when they are a small part of the held
        ones (entities' descriptions among 200k facts and quotes): only those are scanned.
        None: most rows are of these kinds, so every row is scanned and the others masked.
        Kept until the held vectors change (under the lock)."""
        if codes not in self._rows_of:
            allowed = np.zeros(9, dtype=bool)  # by kind code; a freed row's -1 is the last
            allowed[list(codes)] = True
            rows = np.flatnonzero(allowed[self._codes])
            self._rows_of[codes] = rows if len(rows) * SHORTLIST < len(self._codes) else None
        return self._rows_of[codes]

    def _others(self, codes: tuple[int, ...]) -> np.ndarray:
        """The rows holding no record of ``codes`` (other kinds, freed rows), whose scores a
        scan of every row sets aside: found once per change of the held vectors instead of
        on every scan (0.3-0.4 ms at 200k rows). Kept until the held vectors change."""
        if codes not in self._others_of:
            allowed = np.zeros(9, dtype=bool)  # by kind code; a freed row's -1 is the last
            allowed[list(codes)] = True
            self._others_of[codes] = np.flatnonzero(~allowed[self._codes])
        return self._others_of[codes]

    def _in_background(self) -> None:
        assert self.reader is not None
        lower_priority()
        try:
            with self.reader() as db:
                self.load(db)
        finally:
            with self._lock:
                self._loading = False

    def _catch_up(self, db: sqlite_utils.Database, revision: int) -> None:
        """Bring the held vectors up to ``revision`` (under the lock)."""
        if self._revision < 0:
            probe = f"SELECT count(*) FROM (SELECT 1 FROM vectors LIMIT {AT_ONCE + 1})"
            if int(db.conn.execute(probe).fetchone()[0]) <= AT_ONCE:
                self._set(*_prefixes(db, "ORDER BY record", []), revision)
            elif self.reader is not None:
                self._start_loading()
            # else a large store and one question to answer (``bot.py ask``): reading every
            # vector would take longer than the question, so full-text search answers alone.
            return
        changes = [
            int(c)
            for (c,) in db.conn.execute(
                "SELECT id FROM changes WHERE id > ? AND id <= ?", (self._revision, revision)
            )
        ]
        touched = sorted({r for c in changes for r in changed_records(db, c)})
        if len(touched) > AT_ONCE and self.reader is not None:
            self._start_loading()
            return
        self._update(db, touched)
        self._revision = revision

    def _start_loading(self) -> None:
        if not self._loading:
            self._loading = True
            threading.Thread(target=self._in_background, daemon=True).start()

    def _update(self, db: sqlite_utils.Database, touched: list[int]) -> None:
        """Re-read the vectors of ``touched`` records in place: their rows are freed, then
        filled again (or past the end) with the vectors they have now; a deleted record's row
        stays free. No copy of the whole matrix, unless the room runs out."""
        if not touched:
            return
        found = [
            _prefixes(db, f"WHERE record IN ({', '.join('?' for _ in part)})", part)
            for part in (touched[i : i + 500] for i in range(0, len(touched), 500))
        ]
        records = np.concatenate([r for r, _ in found])
        matrix = np.concatenate([m for _, m in found])
        freed = np.flatnonzero(np.isin(self._records, np.array(touched, dtype=np.int64)))
        free = np.concatenate([freed, np.flatnonzero(self._records < 0)])[: len(records)]
        self._records_room[freed] = -1
        self._matrix_room[freed] = 0.0
        into = len(free)
        self._records_room[free] = records[:into]
        self._matrix_room[free] = matrix[:into]
        extra = len(records) - into
        if self._size + extra > len(self._records_room):
            held = self._size
            self._set(
                self._records[:held].copy(), self._matrix[:held].copy(), self._revision, extra
            )
        self._records_room[self._size : self._size + extra] = records[into:]
        self._matrix_room[self._size : self._size + extra] = matrix[into:]
        self._size += extra
        self._views()

    def nearest(
        self,
        db: sqlite_utils.Database,
        question: np.ndarray,
        codes: tuple[int, ...],
        limit: int = 10,
        revision: int | None = None,
    ) -> list[tuple[int, float]]:
        """The ``limit`` records (search rowids of the given kind codes) closest in meaning to
        the question's unit vector, with their cosine, closest first. ``revision`` is the
        newest change in ``db``'s snapshot (read from it when not given)."""
        revision = _revision(db) if revision is None else revision
        with self._lock:
            if self._revision < revision and not self._loading:
                self._catch_up(db, revision)
            records, codes_of, matrix = self._records, self._codes, self._matrix
            kept = self._rows(codes) if len(records) else None
            others = self._others(codes) if kept is None else None
        if not len(records):
            return []
        prefix = question[:PREFIX] / max(float(np.linalg.norm(question[:PREFIX])), 1e-9)
        if kept is not None:
            # A few kinds among many records: only their rows are scored, no pass over all.
            if not len(kept):
                return []
            records, codes_of, matrix = records[kept], codes_of[kept], matrix[kept]
        # einsum's own loop, not BLAS: BLAS's threads fight the server's on a busy machine
        # (13 ms against 2.5 ms for 200k rows with the load average at 9).
        scores = np.einsum("ij,j->i", matrix, prefix.astype(np.float32))
        if others is not None and (len(codes) < 6 or (codes_of < 0).any()):
            scores[others] = -2.0
        best = highest(scores, RERANK)
        best = best[scores[best] > -2.0]
        if not len(best):
            return []
        wanted = [int(r) for r in records[best]]
        marks = ", ".join("?" for _ in wanted)
        rows = db.conn.execute(
            f"SELECT record, vector FROM vectors WHERE record IN ({marks})", wanted
        ).fetchall()
        if not rows:
            return []
        full = unpack([v for _, v in rows]) @ question.astype(np.float32)
        ranked = sorted(
            zip((int(r) for r, _ in rows), full.tolist(), strict=True), key=lambda rc: -rc[1]
        )
        return ranked[:limit]

    def nearest_each(
        self,
        db: sqlite_utils.Database,
        vectors: np.ndarray,
        codes: tuple[int, ...],
        limit: int,
    ) -> list[list[tuple[int, float]]]:
        """For each of several unit vectors (a question's candidate noun phrases), the
        ``limit`` records (search rowids of the given kind codes) nearest it, with their
        cosine, nearest first: one pass over the kinds' held rows for all of them together,
        never one scan of every stored vector per phrase."""
        revision = _revision(db)
        with self._lock:
            if self._revision < revision and not self._loading:
                self._catch_up(db, revision)
            records, codes_of, matrix = self._records, self._codes, self._matrix
            few = self._rows(codes) if len(records) else None
        if not len(vectors) or not len(records):
            return [[] for _ in vectors]
        if few is not None:
            rows = few  # the kinds' rows, found once per change of the held vectors
        else:
            allowed = np.zeros(9, dtype=bool)  # by kind code; a freed row's -1 is the last
            allowed[list(codes)] = True
            rows = np.flatnonzero(allowed[codes_of])
        if not len(rows):
            return [[] for _ in vectors]
        prefixes = vectors[:, :PREFIX].astype(np.float32)
        prefixes /= np.maximum(np.linalg.norm(prefixes, axis=1), 1e-9)[:, None]
        scores = matrix[rows] @ prefixes.T
        take = min(max(limit * RERANK_PER_WANTED, limit), len(rows))
        best = [records[rows[highest(scores[:, i], take)]] for i in range(len(vectors))]
        wanted = sorted({int(r) for b in best for r in b})
        marks = ", ".join("?" for _ in wanted)
        held = dict(
            db.conn.execute(
                f"SELECT record, vector FROM vectors WHERE record IN ({marks})", wanted
            ).fetchall()
        )
        found: list[list[tuple[int, float]]] = []
        for vector, near in zip(vectors, best, strict=True):
            kept = [int(r) for r in near if int(r) in held]
            full = unpack([held[r] for r in kept]) @ vector.astype(np.float32) if kept else []
            ranked = sorted(zip(kept, list(full), strict=True), key=lambda rc: -float(rc[1]))
            found.append([(r, float(s)) for r, s in ranked[:limit]])
        return found


def closeness(
    db: sqlite_utils.Database, meaning: Meaning, question: np.ndarray, hits: list[Hit]
) -> list[float]:
    """How close each hit is in meaning to the question's vector, from the hits' stored
    vectors; a record without one yet (written by another process a moment ago) is embedded
    here instead."""
    if not hits:
        return []
    records = [record_of(h) for h in hits]
    marks = ", ".join("?" for _ in records)
    held = dict(
        db.conn.execute(
            f"SELECT record, vector FROM vectors WHERE record IN ({marks})", records
        ).fetchall()
    )
    close = [0.0] * len(hits)
    found = [i for i, r in enumerate(records) if r in held]
    if found:
        sims = unpack([held[records[i]] for i in found]) @ question.astype(np.float32)
        for i, sim in zip(found, sims.tolist(), strict=True):
            close[i] = float(sim)
    missing = [i for i, r in enumerate(records) if r not in held]
    model = meaning.model
    if missing and model is not None:
        live = embed(model, [embedded_text(hits[i].text, hits[i].extra) for i in missing])
        for i, sim in zip(missing, (live @ question.astype(np.float32)).tolist(), strict=True):
            close[i] = float(sim)
    return close


def nearest_hits(
    db: sqlite_utils.Database,
    index: VectorIndex,
    question: str,
    vector: np.ndarray,
    kinds: tuple[str, ...],
    weights: Weights,
    limit: int = 10,
) -> list[Hit]:
    """The ``limit`` records of ``kinds`` nearest the question in meaning, as hits scored
    like full-text search's own (how much of the question each covers), nearest first.
    Whether a hit is evidence stays the caller's decision (the coverage thresholds)."""
    codes = tuple(sorted(CODE_OF[k] for k in kinds))
    near = [r for r, _ in index.nearest(db, vector, codes, limit)]
    order = {r: i for i, r in enumerate(near)}
    hits = score(db, question, near, weights)
    return sorted(hits, key=lambda h: order[record_of(h)])
