"""Numbers typed into ``/cyber`` or carried in buttons, read strictly.

``str.isdigit`` accepts ``²`` and ``①``, which ``int`` then refuses with a ValueError; and a
thousand-digit "id" overflows SQLite's integers. Both reach us from users and forged payloads.
"""

from __future__ import annotations

MAX_DIGITS = 18
"""Every id and count fits: SQLite's integers stop at 19 digits."""


def whole_number(text: str, max_digits: int = MAX_DIGITS) -> int | None:
    """``text`` as a non-negative whole number in ASCII digits, else None."""
    if not text or len(text) > max_digits or not text.isascii() or not text.isdigit():
        return None
    return int(text)
