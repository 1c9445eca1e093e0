"""What ``/cyber subscribe`` and ``/cyber digest`` accept after the command word: a post time
(``at 7:30``, ``7.30am``), a time zone (an IANA name or a place; an offset is refused with the
zone to use), topics, ``days N`` and ``always``/``quiet``. Forgiving in spelling, never
guessing: anything unclear is ``Invalid`` with a message that shows what to type.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from dataclasses import dataclass
from typing import Any

from cyberbrief.digests import zones
from cyberbrief.digests.content import clean_topics
from cyberbrief.digests.subscriptions import MAX_TOPICS, MAX_WINDOW_DAYS
from cyberbrief.digests.zones import BadTime, UnknownZone, parse_time, zone
from cyberbrief.slack.numbers import whole_number

ZONE_EXAMPLES = "Use an IANA name such as `Europe/Brussels`, `America/New_York` or `UTC`."
_TIME_LIKE = re.compile(r"^\d{1,2}([:.h]\d{2})?\s*(am|pm)?$", re.IGNORECASE)


class Invalid(ValueError):
    """Sub-command arguments that make no sense; the message says what to type instead."""


@dataclass(frozen=True)
class Options:
    """What the user typed; None means "not given" (keep the current value or the default)."""

    post_time: dt.time | None = None
    timezone: str | None = None
    topics: tuple[str, ...] | None = None
    window_days: int | None = None
    always_post: bool | None = None


def _words(text: str) -> list[str]:
    text = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    try:
        raw = shlex.split(text)
    except ValueError:
        raw = text.replace('"', " ").split()
    words: list[str] = []
    for word in raw:
        if " " in word:  # a quoted phrase is one topic
            words.append(word.strip(" ,"))
        else:
            words.extend(w for w in word.split(",") if w)
    return [w for w in words if w]


def _days(value: str) -> int:
    days = whole_number(value, 4)
    if days is None or not 1 <= days <= MAX_WINDOW_DAYS:
        raise Invalid(
            f"'{value}' is not a number of days; use 1 to {MAX_WINDOW_DAYS}, e.g. `days 7`."
        )
    return days


def _zone_name(text: str) -> str:
    try:
        return zone(text).key
    except UnknownZone:
        why = zones.zone_refusal(text)
        if why is not None:
            raise Invalid(f"{why}.") from None
        raise Invalid(f"I don't know the time zone '{text}'. {ZONE_EXAMPLES}") from None


def parse_options(text: str) -> Options:
    """``[at HH:MM] [ZONE] [TOPIC ...] [days N] [always|quiet] [all]``, in any order.

    A zone is ``UTC``, ``GMT``, a name with a slash (``Europe/Brussels``), or right after the
    time any zone name (``at 9:00 CET``) or a place only one zone is named after (``at 7:30
    Brussels``, shown back as ``Europe/Brussels``); other words are topics, so ``Japan`` or
    ``Brussels`` alone is a topic, not a zone. Offsets (``UTC+2``) are refused: they ignore
    daylight saving.
    """
    words = _words(text)
    found: dict[str, Any] = {}
    topics: list[str] = []
    clear_topics = False
    i = 0
    while i < len(words):
        word = words[i]
        low = word.lower()
        if low == "at" or (_TIME_LIKE.match(word) and (":" in word or low.endswith(("am", "pm")))):
            i = _read_time(words, i, found)
        elif zones.is_offset(word):
            raise _offset_refused(word)
        elif "/" in word or low in ("utc", "gmt"):
            if "timezone" in found:
                raise Invalid(f"Give one time zone only. {ZONE_EXAMPLES}")
            found["timezone"] = _zone_name(word)
        elif low in ("days", "--days", "window") or low.startswith(("days=", "--days=")):
            value = low.partition("=")[2]
            if not value:
                i += 1
                value = words[i] if i < len(words) else ""
            found["window_days"] = _days(value)
        elif low.isdecimal() and i + 1 < len(words) and words[i + 1].lower() in ("days", "day"):
            found["window_days"] = _days(low)
            i += 1
        elif low == "for" and i + 1 < len(words) and words[i + 1].isdecimal():
            pass
        elif low in ("always", "--always", "always-post"):
            found["always_post"] = True
        elif low in ("quiet", "--quiet"):
            found["always_post"] = False
        elif low in ("all", "everything", "--all"):
            clear_topics = True
        else:
            topics.append(word)
        i += 1
    if topics or clear_topics:
        found["topics"] = _topics(topics, clear_topics)
    return Options(**found)


def _read_time(words: list[str], i: int, found: dict[str, Any]) -> int:
    """``[at] 7:30 [am|pm] [ZONE]`` starting at ``words[i]`` into ``found``; returns the index
    of the last word it used."""
    word = words[i]
    if word.lower() == "at":
        i += 1
        if i >= len(words):
            raise Invalid("Say when after `at`, e.g. `/cyber subscribe at 07:30`.")
        word = words[i]
        if whole_number(word, 2) is not None:  # "at 9" is clear enough: 09:00
            word += ":00"
    if i + 1 < len(words) and words[i + 1].lower() in ("am", "pm"):
        i += 1
        word += words[i]
    if "post_time" in found:
        raise Invalid("Give one time only, e.g. `at 07:30`.")
    try:
        found["post_time"] = parse_time(word)
    except BadTime as bad:
        raise Invalid(f"{bad}.") from None
    following = words[i + 1] if i + 1 < len(words) else ""
    if zones.is_zone_name(following):
        i += 1
        found["timezone"] = _zone_name(following)
    elif place := zones.zone_for_place(following):  # "at 07:30 Brussels"
        i += 1
        found["timezone"] = place
    elif why := zones.zone_refusal(following):  # "at 07:30 Europe"
        raise Invalid(f"{why}.")
    return i


def _offset_refused(word: str) -> Invalid:
    fixed = zones.fixed_zone_for(word)
    return Invalid(
        f"'{word}' is an offset, not a time zone, and would be an hour out for half "
        "the year where clocks change. Use the place's zone, e.g. `Europe/Brussels`"
        + (f", or `{fixed}` for a fixed {word}." if fixed else ".")
    )


def _topics(topics: list[str], clear: bool) -> tuple[str, ...]:
    """The topics given (cleaned and checked), or none for ``all``."""
    if topics and clear:
        raise Invalid("Give topics or `all`, not both.")
    if not topics:
        return ()
    cleaned = clean_topics(topics)
    if len(cleaned) > MAX_TOPICS:
        raise Invalid(f"That is {len(cleaned)} topics; {MAX_TOPICS} at most.")
    if any(len(t) > 60 for t in cleaned):
        raise Invalid("Topics are words or short phrases (60 characters at most).")
    return tuple(cleaned)
