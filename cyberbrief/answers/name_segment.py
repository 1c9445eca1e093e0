"""A compact trigram index over many names: a handful of numpy arrays, built without a
per-name Python loop.

A million names held as Python objects (an entry, two strings and a dict slot each) cost
about 600 MB and 20 s to build. Here the names are two byte buffers (normalised and as
written) with offsets, ids and codes in typed arrays; trigrams are integer codes (normalised
names only hold ``a-z``, ``0-9`` and spaces), so postings need no vocabulary. A trigram found
in more than a twentieth of the names is kept as a bitset instead of a posting list (smaller,
and cheap to add up), which is also when a query leaves it out if it has rarer ones.
"""

from __future__ import annotations

import ctypes
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Bytes = npt.NDArray[np.uint8]
Codes = npt.NDArray[np.uint16]

SEPARATOR = 10
"""Byte ending every padded name in the norms buffer (a normalised name never holds it)."""
RADIX = 39
"""Symbols in a trigram code: separator, space, ``a-z``, ``0-9`` and anything else."""
COMMON_SHARE = 20
"""A trigram in more than 1/COMMON_SHARE of the names is common."""
CHUNK = 16_384
"""Names handled per step of the build, bounding its transient memory (a multiple of 8)."""


def _symbols() -> Bytes:
    table = np.full(256, RADIX - 1, dtype=np.uint8)
    table[SEPARATOR] = 0
    table[ord(" ")] = 1
    table[ord("a") : ord("z") + 1] = np.arange(2, 28, dtype=np.uint8)
    table[ord("0") : ord("9") + 1] = np.arange(28, 38, dtype=np.uint8)
    return table


SYMBOLS = _symbols()


def gram_codes(text: str) -> list[int]:
    """The distinct trigram codes of a normalised name, padded as the index pads names."""
    symbols = SYMBOLS[np.frombuffer(f" {text} ".encode(), dtype=np.uint8)].astype(np.int64)
    codes = symbols[:-2] * RADIX * RADIX + symbols[1:-1] * RADIX + symbols[2:]
    return sorted({int(c) for c in codes})


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


def _narrow(values: Ints) -> npt.NDArray[np.int32] | Ints:
    """int32 when every value fits: half the memory for ids and offsets."""
    if len(values) == 0 or (values.min() >= -(2**31) and values.max() < 2**31):
        return values.astype(np.int32)
    return values


class Segment:
    """An immutable set of names with trigram candidates; names can only be marked dead."""

    def __init__(self, columns: Columns) -> None:
        self.size = len(columns.row_ids)
        self.kind_names = columns.kind_names
        self.type_names = columns.type_names
        self.kinds = columns.kinds
        self.types = columns.types
        self.entity_ids = _narrow(columns.entity_ids)
        self.row_ids = _narrow(columns.row_ids)
        ordered = len(columns.row_ids) < 2 or bool(np.all(np.diff(columns.row_ids) > 0))
        self._by_row = None if ordered else np.argsort(columns.row_ids, kind="stable")
        self._sorted_rows = self.row_ids if self._by_row is None else self.row_ids[self._by_row]
        self.alive = np.ones(self.size, dtype=bool)
        self.dead = 0
        self._padded = columns.padded
        buffer = np.frombuffer(columns.padded, dtype=np.uint8)
        starts = np.concatenate(([0], np.flatnonzero(buffer == SEPARATOR) + 1))
        self._starts = _narrow(starts)
        """Where each padded name starts in the buffer, and where the buffer ends."""
        self._texts = columns.texts
        self._text_ends = _narrow(columns.text_ends)
        self._build(buffer, starts)

    def lengths(self, positions: npt.NDArray[np.integer[Any]]) -> npt.NDArray[np.int64]:
        """Lengths of normalised names (their padding and separator left out)."""
        ends: npt.NDArray[np.int64] = self._starts[positions + 1].astype(np.int64)
        lengths: npt.NDArray[np.int64] = ends - self._starts[positions] - 3
        return lengths

    def _chunk_codes(self, buffer: Bytes, starts: Ints, first: int) -> tuple[Bytes, Codes]:
        """Symbols of names ``first`` .. + CHUNK, and the code of the trigram at each one."""
        last = min(first + CHUNK, self.size)
        symbols = SYMBOLS[buffer[int(starts[first]) : int(starts[last])]]
        wide = symbols.astype(np.uint16)
        codes = wide[:-2] * (RADIX * RADIX) + wide[1:-1] * RADIX + wide[2:]
        return symbols, codes

    def _chunk_grams(
        self, buffer: Bytes, starts: Ints, first: int
    ) -> tuple[Codes, npt.NDArray[np.int32]]:
        """(code, position) of every trigram of names ``first`` .. + CHUNK (a trigram twice
        in one name comes twice: counting it is a set operation either way)."""
        symbols, codes = self._chunk_codes(buffer, starts, first)
        owners = np.cumsum(symbols == 0, dtype=np.int32)[:-2] + first
        valid = (symbols[:-2] != 0) & (symbols[1:-1] != 0) & (symbols[2:] != 0)
        return codes[valid], owners[valid]

    def _build(self, buffer: Bytes, starts: Ints) -> None:
        """Two passes over the names: count each trigram's names, then fill postings/bitsets."""
        slots = RADIX**3
        frequency = np.zeros(slots, dtype=np.int64)
        firsts = range(0, self.size, CHUNK)
        for first in firsts:
            _, codes = self._chunk_codes(buffer, starts, first)
            frequency += np.bincount(codes, minlength=slots)
        # Codes spanning a separator are not trigrams: they have a 0 symbol (see SYMBOLS).
        spans = np.arange(slots)
        frequency[(spans // (RADIX * RADIX) == 0) | (spans // RADIX % RADIX == 0)] = 0
        frequency[spans % RADIX == 0] = 0
        self.frequency = frequency
        self.common = frequency > max(self.size // COMMON_SHARE, 50)
        rare_counts = np.where(self.common, 0, frequency)
        self._offsets = np.concatenate(([0], np.cumsum(rare_counts)))
        self._postings = np.empty(int(self._offsets[-1]), dtype=np.int32)
        common_codes = np.flatnonzero(self.common)
        self._bit_row = np.full(slots, -1, dtype=np.int64)
        self._bit_row[common_codes] = np.arange(len(common_codes))
        self._bits = np.zeros((len(common_codes), (self.size + 7) // 8), dtype=np.uint8)
        cursor = self._offsets[:-1].copy()
        for first in firsts:
            codes, owners = self._chunk_grams(buffer, starts, first)
            common = self.common[codes]
            width = min(CHUNK, self.size - first)
            bits = np.zeros(len(common_codes) * width, dtype=bool)
            bits[self._bit_row[codes[common]] * width + (owners[common] - first)] = True
            packed = np.packbits(bits.reshape(len(common_codes), width), axis=1)
            self._bits[:, first // 8 : first // 8 + packed.shape[1]] = packed
            del bits, packed
            rare = ~common
            codes, owners = codes[rare], owners[rare]
            order = np.argsort(codes, kind="stable")
            self._place(codes[order], owners[order], cursor)

    def _place(self, codes: Codes, owners: npt.NDArray[np.int32], cursor: Ints) -> None:
        """Append one chunk's (code, position) pairs, sorted by code, to each code's postings."""
        counts = np.bincount(codes, minlength=len(cursor))
        group_start = np.cumsum(counts) - counts
        rank = np.arange(len(codes)) - group_start[codes]
        self._postings[cursor[codes] + rank] = owners
        cursor += counts

    def counts(self, codes: Sequence[int]) -> npt.NDArray[np.uint8] | None:
        """Shared trigrams per name, over the query's rare trigrams when it has three or
        more (common ones say little and cost the most), otherwise over all of them."""
        known = [c for c in codes if self.frequency[c]]
        rare = [c for c in known if not self.common[c]]
        used = (rare if len(rare) >= 3 else known)[:255]
        if not used:
            return None
        total = np.zeros(self.size, dtype=np.uint8)
        for code in used:
            if self.common[code]:
                total += np.unpackbits(self._bits[self._bit_row[code]], count=self.size)
            else:
                total[self._postings[self._offsets[code] : self._offsets[code + 1]]] += 1
        total[~self.alive] = 0
        return total

    def candidates(self, codes: Sequence[int], length: int, limit: int) -> list[int]:
        """Positions sharing the most trigrams with the query; ties go to names closest in
        length to the query's ``length``."""
        total = self.counts(codes)
        if total is None:
            return []
        tally = np.bincount(total)
        tally[0] = 0
        above = np.cumsum(tally[::-1])[::-1]
        # The smallest count that still yields no more than ``limit`` names, and the tie below.
        fits = np.flatnonzero(above <= limit)
        floor = max(int(fits[0]), 1) if len(fits) else len(tally)
        chosen = np.flatnonzero(total >= floor) if floor < len(tally) else np.empty(0, np.int64)
        if floor > 1:
            ties = np.flatnonzero(total == floor - 1)
            room = limit - len(chosen)
            if len(ties) > room:
                gap = np.abs(self.lengths(ties) - length)
                ties = ties[np.argpartition(gap, room - 1)[:room]] if room > 0 else ties[:0]
            chosen = np.concatenate((chosen, ties))
        return [int(p) for p in chosen]

    def exact(self, query: str, codes: Sequence[int]) -> list[int]:
        """Live positions whose normalised name is exactly ``query``."""
        if any(not self.frequency[c] for c in codes):
            return []
        rarest = min(codes, key=lambda c: int(self.frequency[c]))
        holders: npt.NDArray[np.integer[Any]]
        if self.common[rarest]:
            holders = np.flatnonzero(
                np.unpackbits(self._bits[self._bit_row[rarest]], count=self.size)
            )
        else:
            holders = self._postings[self._offsets[rarest] : self._offsets[rarest + 1]]
        wanted = query.encode()
        holders = np.unique(holders)
        holders = holders[(self.lengths(holders) == len(wanted)) & self.alive[holders]]
        if not len(holders):
            return []
        buffer = np.frombuffer(self._padded, dtype=np.uint8)
        spans = self._starts[holders].astype(np.int64)[:, None] + 1 + np.arange(len(wanted))
        same = (buffer[spans] == np.frombuffer(wanted, dtype=np.uint8)).all(axis=1)
        return [int(p) for p in holders[same]]

    def norm(self, position: int) -> str:
        start, end = int(self._starts[position]) + 1, int(self._starts[position + 1]) - 2
        return self._padded[start:end].decode()

    def text(self, position: int) -> str:
        start = int(self._text_ends[position - 1]) if position else 0
        return self._texts[start : int(self._text_ends[position])].decode()

    def row(self, position: int) -> tuple[int, str, int, str, str, str]:
        """(row id, kind, entity id, text, norm, type) of one position."""
        return (
            int(self.row_ids[position]),
            self.kind_names[self.kinds[position]],
            int(self.entity_ids[position]),
            self.text(position),
            self.norm(position),
            self.type_names[self.types[position]],
        )

    def position(self, row_id: int) -> int | None:
        """The live position holding ``row_id``, if any."""
        at = int(np.searchsorted(self._sorted_rows, row_id))
        if at < self.size and self._sorted_rows[at] == row_id:
            position = at if self._by_row is None else int(self._by_row[at])
            return position if self.alive[position] else None
        return None

    def kill(self, row_id: int) -> bool:
        """Mark the name with ``row_id`` dead; whether it was here and alive."""
        position = self.position(row_id)
        if position is None:
            return False
        self.alive[position] = False
        self.dead += 1
        return True

    def live_rows(self) -> list[tuple[int, str, int, str, str, str]]:
        return [self.row(int(p)) for p in np.flatnonzero(self.alive)]


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
    parts: list[tuple[Ints, Ints, Ints, Ints]] = []
    padded, texts = [], []
    last = -(2**63)
    while True:
        top, count, ids, entities, codes, norms, written = conn.execute(
            query, [*kind_names, *type_names, last, chunk]
        ).fetchone()
        if not count:
            break
        lengths, content = _texts(conn, written, count, last, chunk)
        parts.append((_ints(ids), _ints(entities), _ints(codes), lengths))
        padded.append(norms)
        texts.append(content)
        last = top
    table = [np.concatenate(column) for column in zip(*parts, strict=True)]
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
    )


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
