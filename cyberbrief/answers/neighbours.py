"""Candidates by meaning: the stored vectors nearest a question, found by brute force.

Full-text search only finds records sharing the question's words; a question worded
differently from the record ("which firms back the new cybercrime alliance" against "Microsoft
and Cisco joined the partnership") is found here. Every stored vector's first
:data:`PREFIX` dimensions are held in memory (WordLlama's vectors are trained so that a prefix
is itself an embedding): a product with the question ranks them all in a few milliseconds,
and the best :data:`RERANK` are scored again with their full 256 dimensions read from the
store. The matrix is read lazily, on the first question that needs it, and again after the
store changed.
"""

from __future__ import annotations

import threading

import numpy as np
import sqlite_utils

from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.textsearch import CODE_OF, Hit, Weights, record_of, score
from cyberbrief.knowledge.embedding import embed
from cyberbrief.knowledge.vectors import embedded_text, unpack

PREFIX = 64
"""Dimensions held in memory: 64 float32 is 256 bytes a record, 51 MB at 200k records."""
RERANK = 200
"""How many of the prefix's nearest are scored again with every dimension."""
READ_CHUNK = 20_000


class VectorIndex:
    """Every stored vector's prefix, in memory; shared by every thread's answers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records = np.zeros(0, dtype=np.int64)
        self._matrix = np.zeros((0, PREFIX), dtype=np.float32)
        self._fresh = False

    def invalidate(self) -> None:
        """The store's vectors changed: read them again before the next question."""
        with self._lock:
            self._fresh = False

    def _load(self, db: sqlite_utils.Database) -> None:
        """Read every vector's prefix, a chunk at a time (no list of every blob at once)."""
        count = int(db.conn.execute("SELECT count(*) FROM vectors").fetchone()[0])
        records = np.zeros(count, dtype=np.int64)
        matrix = np.zeros((count, PREFIX), dtype=np.float32)
        cursor = db.conn.execute(
            f"SELECT record, substr(vector, 1, {PREFIX * 2}) FROM vectors ORDER BY record"
        )
        done = 0
        while done < count:
            rows = cursor.fetchmany(READ_CHUNK)
            if not rows:
                break
            rows = rows[: count - done]
            records[done : done + len(rows)] = [r for r, _ in rows]
            matrix[done : done + len(rows)] = np.frombuffer(
                b"".join(v for _, v in rows), dtype="<f2"
            ).reshape(len(rows), PREFIX)
            done += len(rows)
        norms = np.linalg.norm(matrix[:done], axis=1, keepdims=True)
        matrix[:done] /= np.maximum(norms, 1e-9)
        self._records, self._matrix = records[:done], matrix[:done]
        self._fresh = True

    def nearest(
        self,
        db: sqlite_utils.Database,
        question: np.ndarray,
        codes: tuple[int, ...],
        limit: int = 10,
    ) -> list[tuple[int, float]]:
        """The ``limit`` records (search rowids of the given kind codes) closest in meaning to
        the question's unit vector, with their cosine, closest first."""
        with self._lock:
            if not self._fresh:
                self._load(db)
            records, matrix = self._records, self._matrix
        if not len(records):
            return []
        prefix = question[:PREFIX] / max(float(np.linalg.norm(question[:PREFIX])), 1e-9)
        scores = matrix @ prefix.astype(np.float32)
        if len(codes) < 6:
            scores[~np.isin(records % 8, codes)] = -2.0
        take = min(RERANK, len(scores))
        best = np.argpartition(-scores, take - 1)[:take]
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
