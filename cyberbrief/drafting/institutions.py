"""An institution named by its head noun alone ("the Commission", "the ministry"): the one
the article names in full with that noun ("European Commission", "Kenya's Ministry of
Information"), or none when two fit.
"""

from __future__ import annotations

import re

_NOT_A_DAY = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b)"
)
"""'The European Commission on Thursday': a day is no part of its name."""
_CAPITALS = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}"
_QUALIFIER = rf"\s+(?:of|for|on)\s+(?:the\s+)?{_NOT_A_DAY}{_CAPITALS}"


def _full_names(noun: str) -> re.Pattern[str]:
    """An institution's full name with ``noun`` as its head ("European Commission",
    "Ministry of Information")."""
    return re.compile(
        rf"\b(?:(?:[A-Z][\w’'-]*\s+){{1,3}}{noun}(?:{_QUALIFIER})?|{noun}{_QUALIFIER})"
    )


def _institution(name: str) -> str:
    """A full name without what opened its sentence or a country's possessive ("Kenya's
    Ministry of Information" is the Ministry of Information)."""
    name = re.sub(r"^(?:The|A|An|In|On|At|By)\s+", "", name)
    return re.sub(r"^[A-Z][\w-]*['’]s\s+(?=[A-Z])", "", name)


def short_org(text: str, noun: str) -> str | None:
    """ "the Commission": the one institution the article names in full with that head
    noun ("European Commission"), when every other mention of the noun is "the Commission"
    (or opens a headline); "China's foreign ministry" beside "the Ministry of Defence"
    makes it anyone's."""
    names: set[str] = set()
    covered: list[tuple[int, int]] = []
    for found in _full_names(noun).finditer(text):
        name = _institution(found.group())
        if name != noun:
            names.add(name)
            covered.append(found.span())
    if len(names) != 1:
        return None
    for mention in re.finditer(rf"\b{noun}\b", text, re.IGNORECASE):
        inside = any(a <= mention.start() < b for a, b in covered)
        lead = text[max(0, mention.start() - 5) : mention.start()]
        capitalised = mention.group()[:1].isupper()
        if inside or re.search(r"(?:\b[Tt]he\s+|^|\n|[.!?]\s+)$", lead):
            continue
        if not (capitalised and re.search(r"\b[Aa]\s+$", lead)):
            return None  # "China's foreign ministry": another one ("A Commission official"
            # is of the one named)
    return names.pop()


def org_just_named(noun: str, before: str) -> str | None:
    """ "Kenya's Ministry of Information proposed ... . The ministry said the idea was
    "..."": the one institution with that head noun named in full just before, in the
    same paragraph, though the article names others ("the Swiss foreign ministry")."""
    mentions = list(re.finditer(rf"\b{noun}\b", before, re.IGNORECASE))
    names = [(found, _institution(found.group())) for found in _full_names(noun).finditer(before)]
    if not mentions or len({name for _, name in names}) != 1:
        return None  # "the Ministry of Defence and the Ministry of Finance": which?
    found, name = names[0]
    last = mentions[-1].start()
    return name if found.start() <= last < found.end() and name != noun else None


_FULL_NAME = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|for|the|and|on)\s+)*[A-Z][\w’'-]*){1,7}")


def spelt_out(acronym: str, text: str) -> str | None:
    """The one name written out in ``text`` whose capitalised words' initials are
    ``acronym`` ("Information Commissioner's Office" for "ICO"), or None: an acronym an
    article never defines in brackets still names the body it spelt out before."""
    if not re.fullmatch(r"[A-Z]{2,6}", acronym):
        return None
    names = set()
    for found in _FULL_NAME.finditer(text):
        words = list(re.finditer(r"[A-Z][\w’'-]*", found.group()))
        for first in range(len(words) - len(acronym) + 1):
            window = words[first : first + len(acronym)]
            if "".join(w.group()[0] for w in window) == acronym:
                names.add(found.group()[window[0].start() : window[-1].end()])
    return names.pop() if len(names) == 1 else None
