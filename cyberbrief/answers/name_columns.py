"""Reading the ``names`` table into columns for :mod:`cyberbrief.answers.name_segment`
quickly: SQLite joins each chunk's values into a few big strings and numpy parses them,
instead of a Python tuple (and several objects) per row.
"""

from __future__ import annotations

import ctypes
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cyberbrief.answers.name_grams import SLOTS, gram_counts

Ints = npt.NDArray[np.int64]
Bytes = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class Columns:
    """Names as columns: what a segment is built from (rows in any order)."""

    row_ids: Ints
    entity_ids: Ints
    kinds: Bytes
    kind_names: list[str]
    types: Bytes
    type_names: list[str]
    padded: bytes
    """Every normalised name as ``" norm "`` followed by SEPARATOR."""
    texts: bytes
    text_ends: Ints
    frequency: Ints | None = None
    """How often each trigram code occurs, when counted while reading (else the build does)."""

    @classmethod
    def from_lists(cls, rows: Sequence[tuple[int, str, int, str, str, str]]) -> Columns:
        """From (row id, kind, entity id, text, norm, type) tuples."""
        kind_names = sorted({r[1] for r in rows})
        type_names = sorted({r[5] for r in rows})
        kind_code = {k: i for i, k in enumerate(kind_names)}
        type_code = {t: i for i, t in enumerate(type_names)}
        texts = [r[3].encode() for r in rows]
        return cls(
            row_ids=np.array([r[0] for r in rows], dtype=np.int64),
            entity_ids=np.array([r[2] for r in rows], dtype=np.int64),
            kinds=np.array([kind_code[r[1]] for r in rows], dtype=np.uint8),
            kind_names=kind_names,
            types=np.array([type_code[r[5]] for r in rows], dtype=np.uint8),
            type_names=type_names,
            padded="".join(f" {r[4]} \n" for r in rows).encode(),
            texts=b"".join(texts),
            text_ends=np.cumsum([len(t) for t in texts], dtype=np.int64),
        )


def read_columns(conn: sqlite3.Connection, chunk: int = 200_000) -> Columns:
    """Every row of the ``names`` table as columns: SQLite joins each chunk's values into a
    few strings and numpy parses them, rather than a Python tuple per row."""
    pairs = conn.execute("SELECT DISTINCT kind, type FROM names").fetchall()
    kind_names = sorted({k for k, _ in pairs})
    type_names = sorted({t for _, t in pairs})
    kind_case = "".join(f" WHEN ? THEN {i}" for i in range(len(kind_names))) or " WHEN 0 THEN 0"
    type_case = "".join(f" WHEN ? THEN {i}" for i in range(len(type_names))) or " WHEN 0 THEN 0"
    query = (
        "SELECT max(id), count(*), group_concat(id), group_concat(entity_id),"
        f" group_concat((CASE kind{kind_case} END) * 256 + (CASE type{type_case} END)),"
        " CAST(' ' || group_concat(norm, ' ' || char(10) || ' ') || ' ' || char(10) AS BLOB),"
        " CAST(group_concat(text, char(0)) AS BLOB)"
        " FROM (SELECT * FROM names WHERE id > ? ORDER BY id LIMIT ?)"
    )
    # Trigrams are counted chunk by chunk here, sparing the build a pass over the names.
    # (Parsing in a thread while SQLite joins the next chunk saved ~0.1 s of 3 at 1M names
    # and kept ~20 MB more resident: not worth it.)
    parts: list[tuple[Ints, Ints, Ints, Ints]] = []
    padded, texts = [], []
    text_lengths: list[Ints] = []
    last = -(2**63)
    while True:
        top, count, ids, entities, codes, norms, written = conn.execute(
            query, [*kind_names, *type_names, last, chunk]
        ).fetchone()
        if not count:
            break
        parts.append(_parse(ids, entities, codes, norms))
        sizes, content = _texts(conn, written, count, last, chunk)
        text_lengths.append(sizes)
        padded.append(norms)
        texts.append(content)
        last = top
    frequency = sum((part[3] for part in parts), np.zeros(SLOTS, dtype=np.int64))
    columns = [(*part[:3], size) for part, size in zip(parts, text_lengths, strict=True)]
    table = [np.concatenate(column) for column in zip(*columns, strict=True)]
    empty = np.zeros(0, dtype=np.int64)
    row_ids, entity_ids, codes, lengths = table or [empty] * 4
    return Columns(
        row_ids=row_ids,
        entity_ids=entity_ids,
        kinds=(codes // 256).astype(np.uint8),
        kind_names=kind_names,
        types=(codes % 256).astype(np.uint8),
        type_names=type_names,
        padded=b"".join(padded),
        texts=b"".join(texts),
        text_ends=np.cumsum(lengths),
        frequency=frequency,
    )


def _parse(ids: str, entities: str, codes: str, norms: bytes) -> tuple[Ints, Ints, Ints, Ints]:
    """One chunk's numbers, and how often each trigram occurs in its names."""
    return _ints(ids), _ints(entities), _ints(codes), gram_counts(norms)


def _ints(joined: str) -> Ints:
    return np.fromstring(joined, dtype=np.int64, sep=",")


def _texts(
    conn: sqlite3.Connection, written: bytes, count: int, after: int, chunk: int
) -> tuple[Ints, bytes]:
    """A chunk's texts as byte lengths and one buffer, split at the NUL bytes between them;
    asked of SQLite again when a text holds a NUL itself."""
    buffer = np.frombuffer(written, dtype=np.uint8)
    ends = np.flatnonzero(buffer == 0)
    if len(ends) == count - 1:
        lengths: Ints = np.diff(np.concatenate(([-1], ends, [len(buffer)]))) - 1
        return lengths, written.replace(b"\0", b"")
    joined, content = conn.execute(
        "SELECT group_concat(length(CAST(text AS BLOB))), CAST(group_concat(text, '') AS BLOB)"
        " FROM (SELECT text FROM names WHERE id > ? ORDER BY id LIMIT ?)",
        (after, chunk),
    ).fetchone()
    return _ints(joined), content


def release_freed_memory() -> None:
    """Hand back to the system what a build freed: glibc keeps freed heap memory for reuse,
    which would leave the process holding the build's peak. Elsewhere this does nothing."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
