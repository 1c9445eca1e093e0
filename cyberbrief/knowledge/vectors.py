"""Stored meaning vectors: one per fact, quote and entity description, written with it.

A record's vector embeds the text full-text search holds for it (its own words and the names
it is by or about), so both signals see the same record. Vectors are written in the
transaction of every load (:func:`cyberbrief.knowledge.loader.load_records`) for the rows
that load touched; a deleted record's vector goes with it (a trigger). An undo writes rows at
the store layer, which cannot embed: :func:`after_change` brings the rows it touched up to
date, and :func:`refresh` at start catches anything else (the stored hash of the embedded text
tells a stale vector from a current one).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import sqlite_utils

from cyberbrief.knowledge.embedding import DIMS, Model, embed, shared_model
from cyberbrief.store import journal
from cyberbrief.store.connection import Store, transaction
from cyberbrief.store.journal import ChangeInfo, Clock

EMBEDDED_CODES = (1, 2, 3, 4, 5, 6)
"""Kinds whose records carry a vector (search rowid % 8): facts, quotes and the four kinds of
entity (by description). Bare names (7) are the name matcher's."""
CHUNK = 500
"""Rows read or written per statement (SQLite's variable limit is far above)."""

ENTITY_CODES = {"organisations": 3, "people": 4, "events": 5, "initiatives": 6}


def text_hash(text: str) -> int:
    """A 64-bit hash of the embedded text (signed, to fit SQLite's INTEGER)."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def pack(vector: np.ndarray) -> bytes:
    """A unit vector as 256 little-endian float16 (512 bytes): cosines stay within 1e-3."""
    return np.asarray(vector, dtype="<f2").tobytes()


def unpack(blobs: list[bytes]) -> np.ndarray:
    """Stored vectors as float32 rows."""
    if not blobs:
        return np.zeros((0, DIMS), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype="<f2").reshape(len(blobs), -1).astype(np.float32)


def embedded_text(body: str, who: str) -> str:
    """What a record's vector means: its text and who it is by or about."""
    return f"{body} {who}".strip()


@dataclass(frozen=True)
class Refreshed:
    """What a refresh did: vectors written, vectors removed, records checked."""

    written: int
    removed: int
    checked: int


def _stale(
    db: sqlite_utils.Database, records: list[int] | None
) -> tuple[list[tuple[int, str, int]], list[int], int]:
    """Records whose vector is missing or stale (with the text and its hash), and vectors to
    remove (their record has no text any more)."""
    codes = ", ".join(str(c) for c in EMBEDDED_CODES)
    base = (
        "SELECT s.rowid, s.body, s.who, v.hash FROM search s"
        " LEFT JOIN vectors v ON v.record = s.rowid"
    )
    if records is None:
        rows: Iterable[tuple[int, str, str, int | None]] = db.conn.execute(
            f"{base} WHERE s.rowid % 8 IN ({codes})"
        )  # streamed: 200k records' texts never sit in memory at once
    else:
        wanted = sorted({r for r in records if r % 8 in EMBEDDED_CODES})
        rows = [
            row
            for i in range(0, len(wanted), CHUNK)
            for row in db.conn.execute(
                f"{base} WHERE s.rowid IN ({', '.join('?' for _ in wanted[i : i + CHUNK])})",
                wanted[i : i + CHUNK],
            )
        ]
    stale: list[tuple[int, str, int]] = []
    empty: list[int] = []
    checked = 0
    for record, body, who, held in rows:
        checked += 1
        if not (body or "").strip():
            if held is not None:
                empty.append(int(record))
            continue
        text = embedded_text(body or "", who or "")
        digest = text_hash(text)
        if digest != held:
            stale.append((int(record), text, digest))
    return stale, empty, checked


def refresh(
    db: sqlite_utils.Database,
    records: Iterable[int] | None = None,
    model: Model | None = None,
) -> Refreshed:
    """Embed the given records (search rowids; all when None) whose vector is missing or no
    longer matches their text, and drop vectors of records left without text. Runs inside the
    caller's transaction; without a model nothing is written."""
    model = model or shared_model()
    if model is None:
        return Refreshed(0, 0, 0)
    stale, empty, checked = _stale(db, None if records is None else list(records))
    for i in range(0, len(stale), CHUNK * 4):
        part = stale[i : i + CHUNK * 4]
        vectors = embed(model, [text for _, text, _ in part])
        db.conn.executemany(
            "INSERT OR REPLACE INTO vectors (record, hash, vector) VALUES (?, ?, ?)",
            [(r, h, pack(v)) for (r, _, h), v in zip(part, vectors, strict=True)],
        )
    for i in range(0, len(empty), CHUNK):
        gone = empty[i : i + CHUNK]
        marks = ", ".join("?" for _ in gone)
        db.conn.execute(f"DELETE FROM vectors WHERE record IN ({marks})", gone)
    return Refreshed(len(stale), len(empty), checked)


def pending(db: sqlite_utils.Database) -> int:
    """How many records need a vector written or removed (a read; for start and health)."""
    stale, empty, _ = _stale(db, None)
    return len(stale) + len(empty)


def missing(db: sqlite_utils.Database) -> list[int]:
    """Records with text and no vector (an undo at the store layer re-inserted them, or they
    predate stored vectors): found by SQLite alone, without hashing every record's text."""
    codes = ", ".join(str(c) for c in EMBEDDED_CODES)
    return [
        int(r)
        for (r,) in db.conn.execute(
            f"SELECT s.rowid FROM search s WHERE s.rowid % 8 IN ({codes})"
            " AND trim(s.body) != ''"
            " AND NOT EXISTS (SELECT 1 FROM vectors v WHERE v.record = s.rowid)"
        )
    ]


def backfill(
    store: Store, batch: int = 2000, model: Model | None = None, *, check_all: bool = False
) -> int:
    """Embed the records that lack a vector, as ``serve`` does at start (``check_all``: also
    every vector whose record's text changed since, by hash, which reads and hashes every
    record: 1 s at 200k). Found from one snapshot, written in short transactions of ``batch``
    records (each checked again inside), so other writers wait at most one batch. Returns
    how many records were brought up to date."""
    with store.read() as db:
        if check_all:
            stale, empty, _ = _stale(db, None)
            todo = sorted([r for r, _, _ in stale] + empty)
        else:
            todo = missing(db)
    for i in range(0, len(todo), batch):
        with store.write() as db:
            refresh(db, todo[i : i + batch], model)
    return len(todo)


CHANGED_RECORDS = """
SELECT row_id * 8 + 1 FROM change_rows WHERE change_id = :c AND tbl = 'facts'
UNION SELECT row_id * 8 + 2 FROM change_rows WHERE change_id = :c AND tbl = 'quotes'
UNION SELECT row_id * 8 + 3 FROM change_rows WHERE change_id = :c AND tbl = 'organisations'
UNION SELECT row_id * 8 + 4 FROM change_rows WHERE change_id = :c AND tbl = 'people'
UNION SELECT row_id * 8 + 5 FROM change_rows WHERE change_id = :c AND tbl = 'events'
UNION SELECT row_id * 8 + 6 FROM change_rows WHERE change_id = :c AND tbl = 'initiatives'
UNION SELECT json_extract(coalesce(after, before), '$.record_id') * 8 + 1
      FROM change_rows WHERE change_id = :c AND tbl = 'mentions'
      AND json_extract(coalesce(after, before), '$.record_kind') = 'fact'
UNION SELECT q.id * 8 + 2 FROM change_rows r JOIN quotes q
      ON q.speaker_id = r.row_id
      AND q.speaker_kind = CASE r.tbl WHEN 'people' THEN 'person' ELSE 'organisation' END
      WHERE r.change_id = :c AND r.tbl IN ('people', 'organisations')
"""
"""Search rows a change can have altered: its own records, facts whose mentions changed
(their names are part of their text), and quotes of a renamed speaker."""


def changed_records(db: sqlite_utils.Database, change_id: int) -> list[int]:
    return [int(r) for (r,) in db.conn.execute(CHANGED_RECORDS, {"c": change_id}) if r is not None]


def after_change(
    db: sqlite_utils.Database, change_id: int | None, model: Model | None = None
) -> Refreshed:
    """Bring the vectors of what one recorded change touched up to date (in the caller's
    transaction): after a load, an approval, or an undo."""
    if change_id is None:
        return Refreshed(0, 0, 0)
    return refresh(db, changed_records(db, change_id), model)


def undo(
    db: sqlite_utils.Database, change_id: int | None, *, actor: str, clock: Clock
) -> ChangeInfo:
    """Undo a change (see :func:`cyberbrief.store.journal.undo`) and, in the same transaction,
    give the records it brought back their vectors again (the store cannot embed)."""
    with transaction(db):
        done = journal.undo(db, change_id, actor=actor, clock=clock)
        after_change(db, done.id)
    return done
