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

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from cyberbrief.answers.name_columns import Columns
from cyberbrief.answers.name_grams import REAL, SEPARATOR, SLOTS, SYMBOLS, codes_of

Ints = npt.NDArray[np.int64]
Bytes = npt.NDArray[np.uint8]
Codes = npt.NDArray[np.uint16]

COMMON_SHARE = 20
"""A trigram in more than 1/COMMON_SHARE of the names is common."""
CHUNK = 16_384
"""Names handled per step of the build, bounding its transient memory (a multiple of 8)."""
POSTINGS_BUDGET = 150_000
"""Hits a query's rarest trigrams may bring before rarer ones suffice (see candidates)."""

STORED = (
    "kinds",
    "types",
    "entity_ids",
    "row_ids",
    "_padded",
    "_starts",
    "_texts",
    "_text_ends",
    "frequency",
    "common",
    "_offsets",
    "_postings",
    "_bit_row",
    "_bits",
)
"""The arrays that make a segment (besides which names are dead)."""


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
        buffer = np.frombuffer(columns.padded, dtype=np.uint8)
        self._padded = buffer
        self._padded_bytes = buffer.data
        starts = np.concatenate(([0], np.flatnonzero(buffer == SEPARATOR) + 1))
        self._starts = _narrow(starts)
        """Where each padded name starts in the buffer, and where the buffer ends."""
        self._texts = np.frombuffer(columns.texts, dtype=np.uint8)
        self._text_ends = _narrow(columns.text_ends)
        self._build(buffer, starts, columns.frequency)

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        """What a saved copy holds (see :mod:`cyberbrief.answers.name_cache`)."""
        held = {name: getattr(self, name) for name in STORED}
        if self._by_row is not None:
            held["_by_row"] = self._by_row
        return held

    @classmethod
    def restore(
        cls, kind_names: list[str], type_names: list[str], arrays: dict[str, npt.NDArray[Any]]
    ) -> Segment:
        """A segment from the arrays :meth:`arrays` gave (read-only ones will do)."""
        segment = cls.__new__(cls)
        segment.kind_names, segment.type_names = kind_names, type_names
        for name in STORED:
            setattr(segment, name, arrays[name])
        segment.size = len(segment.row_ids)
        segment._by_row = arrays.get("_by_row")
        by_row = segment._by_row
        segment._sorted_rows = segment.row_ids if by_row is None else segment.row_ids[by_row]
        segment._padded_bytes = segment._padded.data
        segment.alive = np.ones(segment.size, dtype=bool)
        segment.dead = 0
        return segment

    def lengths(self, positions: npt.NDArray[np.integer[Any]]) -> npt.NDArray[np.int64]:
        """Lengths of normalised names (their padding and separator left out)."""
        ends: npt.NDArray[np.int64] = self._starts[positions + 1].astype(np.int64)
        lengths: npt.NDArray[np.int64] = ends - self._starts[positions] - 3
        return lengths

    def _chunk_codes(self, buffer: Bytes, starts: Ints, first: int) -> tuple[Bytes, Codes]:
        """Symbols of names ``first`` .. + CHUNK, and the code of the trigram at each one."""
        last = min(first + CHUNK, self.size)
        symbols = SYMBOLS[buffer[int(starts[first]) : int(starts[last])]]
        return symbols, codes_of(symbols)

    def _chunk_grams(
        self, buffer: Bytes, starts: Ints, first: int
    ) -> tuple[Codes, npt.NDArray[np.int32]]:
        """(code, position) of every trigram of names ``first`` .. + CHUNK (a trigram twice
        in one name comes twice: counting it is a set operation either way)."""
        symbols, codes = self._chunk_codes(buffer, starts, first)
        owners = np.cumsum(symbols == 0, dtype=np.int32)[:-2] + first
        valid = (symbols[:-2] != 0) & (symbols[1:-1] != 0) & (symbols[2:] != 0)
        return codes[valid], owners[valid]

    def _build(self, buffer: Bytes, starts: Ints, frequency: Ints | None) -> None:
        """Two passes over the names: count each trigram's names (unless reading the table
        did), then fill postings/bitsets."""
        slots = SLOTS
        firsts = range(0, self.size, CHUNK)
        if frequency is None:
            frequency = np.zeros(slots, dtype=np.int64)
            for first in firsts:
                _, codes = self._chunk_codes(buffer, starts, first)
                frequency += np.bincount(codes, minlength=slots)
            frequency[~REAL] = 0
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

    def candidates(self, codes: Sequence[int], length: int, limit: int) -> list[int]:
        """Live positions sharing the most trigrams with the query (ties go to names closest
        in length to the query's ``length``).

        A query with three or more rare trigrams counts only its rarest ones, as many as fit
        in POSTINGS_BUDGET hits (common trigrams say little and cost the most; the rarest
        few already single out the name a typo or a partial name means). Otherwise every
        trigram counts, common ones through their bitsets.
        """
        known = [c for c in codes if self.frequency[c]]
        rare = sorted((c for c in known if not self.common[c]), key=self.frequency.item)
        if len(rare) >= 3:
            used: list[int] = []
            hits = 0
            for code in rare:
                if len(used) >= 3 and hits + int(self.frequency[code]) > POSTINGS_BUDGET:
                    break
                used.append(code)
                hits += int(self.frequency[code])
        else:
            used = known[:255]
        if not used:
            return []
        total = np.zeros(self.size, dtype=np.uint8)
        for code in used:
            if self.common[code]:
                total += np.unpackbits(self._bits[self._bit_row[code]], count=self.size)
            else:
                total[self._postings[self._offsets[code] : self._offsets[code + 1]]] += 1
        if self.dead:
            total[~self.alive] = 0
        positions = np.flatnonzero(total)
        counts = total[positions]
        if len(positions) > limit:
            # The highest count that still lets through ``limit`` names, then the best of them.
            at_least = np.cumsum(np.bincount(counts)[::-1])[::-1]
            keep = counts >= np.flatnonzero(at_least >= limit)[-1]
            positions, counts = positions[keep], counts[keep]
        if len(positions) > limit:
            gap = np.minimum(np.abs(self.lengths(positions) - length), 1023)
            rank = counts.astype(np.int64) * 1024 - gap
            positions = positions[np.argpartition(-rank, limit - 1)[:limit]]
        result: list[int] = positions.tolist()
        return result

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
        buffer = self._padded
        spans = self._starts[holders].astype(np.int64)[:, None] + 1 + np.arange(len(wanted))
        same = (buffer[spans] == np.frombuffer(wanted, dtype=np.uint8)).all(axis=1)
        return [int(p) for p in holders[same]]

    def norms(self, positions: list[int]) -> list[str]:
        """Normalised names of many positions (what rapidfuzz scores), in one pass."""
        where = np.asarray(positions, dtype=np.int64)
        starts = (self._starts[where] + 1).tolist()
        ends = (self._starts[where + 1] - 2).tolist()
        buffer = self._padded_bytes
        return [str(buffer[a:b], "utf-8") for a, b in zip(starts, ends, strict=True)]

    def norm(self, position: int) -> str:
        start, end = int(self._starts[position]) + 1, int(self._starts[position + 1]) - 2
        return self._padded[start:end].tobytes().decode()

    def text(self, position: int) -> str:
        start = int(self._text_ends[position - 1]) if position else 0
        return self._texts[start : int(self._text_ends[position])].tobytes().decode()

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
