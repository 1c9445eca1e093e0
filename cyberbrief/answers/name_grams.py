"""Trigrams of normalised names as integer codes, shared by reading the ``names`` table
(name_columns.py) and the index over it (name_segment.py).

A normalised name only holds ``a-z``, ``0-9`` and spaces, so a trigram is three symbols out of
RADIX and its code a number below RADIX³: no vocabulary to build or keep.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

SEPARATOR = 10
"""Byte ending every padded name in a buffer of names (a normalised name never holds it)."""
RADIX = 39
"""Symbols in a trigram code: separator, space, ``a-z``, ``0-9`` and anything else."""
SLOTS = RADIX**3


def _symbols() -> npt.NDArray[np.uint8]:
    table = np.full(256, RADIX - 1, dtype=np.uint8)
    table[SEPARATOR] = 0
    table[ord(" ")] = 1
    table[ord("a") : ord("z") + 1] = np.arange(2, 28, dtype=np.uint8)
    table[ord("0") : ord("9") + 1] = np.arange(28, 38, dtype=np.uint8)
    return table


SYMBOLS = _symbols()
_CODES = np.arange(SLOTS)
REAL = (_CODES // (RADIX * RADIX) != 0) & (_CODES // RADIX % RADIX != 0) & (_CODES % RADIX != 0)
"""Codes that are trigrams of one name: those spanning a separator have a 0 symbol."""


def codes_of(symbols: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint16]:
    """The code of the trigram starting at each symbol but the last two."""
    wide = symbols.astype(np.uint16)
    codes: npt.NDArray[np.uint16] = wide[:-2] * (RADIX * RADIX) + wide[1:-1] * RADIX + wide[2:]
    return codes


def gram_counts(padded: bytes, step: int = 1 << 20) -> npt.NDArray[np.int64]:
    """How often each trigram occurs in a buffer of padded names (``" name "`` + SEPARATOR),
    counted about ``step`` bytes at a time (whole names) to keep the temporaries small."""
    buffer = np.frombuffer(padded, dtype=np.uint8)
    counts = np.zeros(SLOTS, dtype=np.int64)
    start = 0
    while start < len(buffer):
        cut = padded.find(SEPARATOR.to_bytes(1, "little"), start + step)
        end = len(buffer) if cut < 0 else cut + 1
        counts += np.bincount(codes_of(SYMBOLS[buffer[start:end]]), minlength=SLOTS)
        start = end
    counts[~REAL] = 0
    return counts


def gram_codes(text: str) -> list[int]:
    """The distinct trigram codes of a normalised name, padded as the index pads names."""
    symbols = SYMBOLS[np.frombuffer(f" {text} ".encode(), dtype=np.uint8)]
    return sorted(set(codes_of(symbols).tolist()))
