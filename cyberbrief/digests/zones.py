"""Post times and time zones as people type them: "9am" or "17:30", IANA names ("Europe/Brussels"),
places ("Brussels"), fixed offsets ("UTC+2"), and the refusal that says what to type instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


class BadTime(ValueError):
    """A post time that is not a time of day."""


class UnknownZone(ValueError):
    """A time zone name that is not in the IANA database."""


def parse_time(text: str) -> dt.time:
    """``07:30``, and the other ways people write it: ``7:30``, ``7.30``, ``7h30``, ``7:30am``.

    A bare hour needs am/pm (``7am``), since ``7`` alone could be a topic or a typo.
    """
    match = _TIME.match(text.strip())
    if not match:
        raise BadTime(f"'{text}' is not a time of day; use HH:MM, e.g. 07:30 or 17:45")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = (match.group(3) or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            raise BadTime(f"'{text}' is not a time of day; with am/pm the hour is 1 to 12")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    elif match.group(2) is None:
        raise BadTime(f"'{text}' is not a time of day; use HH:MM, e.g. 07:30 or 17:45")
    if hour > 23 or minute > 59:
        raise BadTime(f"'{text}' is not a time of day; use HH:MM between 00:00 and 23:59")
    return dt.time(hour, minute)


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name`` (``UTC`` and ``Europe/Brussels`` style), case-insensitively.

    Only real zones: not folders of the zone database (``Europe``, ``America/Argentina``), not
    the machine's ``localtime``, and not ``Factory``, ``posixrules`` or the ``right/`` and
    ``posix/`` variants, which name no place's clock."""
    cleaned = name.strip()
    if cleaned.upper() in ("UTC", "GMT", "Z"):
        return ZoneInfo("UTC")
    # Typed as "europe/brussels" or "America/New_york": find the canonical spelling.
    canonical = _zone_names().get(cleaned.lower())
    if canonical is None:
        raise UnknownZone(name)
    try:
        return ZoneInfo(canonical)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownZone(name) from None


NOT_PLACES = frozenset({"localtime", "factory", "posixrules"})
"""Entries of the zone database that are not a place's clock."""


@functools.cache
def _zone_names() -> dict[str, str]:
    from zoneinfo import available_timezones

    return {
        name.lower(): name
        for name in available_timezones()
        if name.lower() not in NOT_PLACES and not name.startswith(("right/", "posix/"))
    }


@functools.cache
def _folders() -> frozenset[str]:
    return frozenset(
        name.lower().rsplit("/", depth)[0]
        for name in _zone_names().values()
        for depth in range(1, name.count("/") + 1)
    )


def zone_refusal(text: str) -> str | None:
    """Why ``text``, which looks like a zone database entry, is not a zone we accept (None
    when it is not one of those): a folder of zones, or an entry that is no place's clock."""
    low = text.strip().lower().rstrip("/")
    if low in _folders():
        return (
            f"'{text}' is a region of the time zone database, not a time zone; name the "
            "zone of a city in it, e.g. Europe/Brussels or America/Argentina/Buenos_Aires"
        )
    if low in NOT_PLACES or low.startswith(("right/", "posix/")):
        return f"'{text}' is not a place's time zone; use one like Europe/Brussels"
    return None


@functools.cache
def _places() -> dict[str, str]:
    """City or region part of each IANA name (``brussels``, ``new_york``) → the zone, for
    the places only one zone is named after."""
    found: dict[str, set[str]] = {}
    for name in _zone_names().values():
        if "/" in name and not name.startswith(("Etc/", "SystemV/")):
            found.setdefault(name.rsplit("/", 1)[1].lower(), set()).add(name)
    return {place: next(iter(names)) for place, names in found.items() if len(names) == 1}


def zone_for_place(text: str) -> str | None:
    """The zone named after a place (``Brussels`` → ``Europe/Brussels``, ``new york`` →
    ``America/New_York``), if exactly one is."""
    return _places().get("_".join(text.strip().lower().split()))


_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+−-])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def is_offset(text: str) -> bool:
    """``UTC+2``, ``GMT-5``, ``+02:00``: an offset, which daylight saving would make wrong
    half the year, so it is refused with a pointer to the place's zone."""
    return bool(_OFFSET.match(text.strip()))


def fixed_zone_for(offset: str) -> str | None:
    """The IANA name of a whole-hour fixed offset (``UTC+2`` → ``Etc/GMT-2``: POSIX signs are
    inverted), for people who really want no daylight saving."""
    match = _OFFSET.match(offset.strip())
    if not match or int(match.group(3) or 0) or int(match.group(2)) > 12:
        return None
    hours = int(match.group(2))
    if hours == 0:
        return "UTC"
    return f"Etc/GMT{'-' if match.group(1) == '+' else '+'}{hours}"


def is_zone_name(text: str) -> bool:
    """Whether ``text`` names a time zone (so the subscribe parser can tell it from a topic)."""
    try:
        zone(text)
    except UnknownZone:
        return False
    return True
