"""An article as text: paragraphs with hard line wraps undone, sentences split where they end
(not at "Mr." or "U.S."), and the date its header lines give.
"""

from __future__ import annotations

import datetime as dt
import re

from cyberbrief.drafting.people import ROLE_NOUN, people_in

_ABBREVIATIONS = (
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sir", "U.S", "U.K", "No", "vs", "Gen", "Lt", "Col",
    "Sgt", "Capt", "Maj", "Adm", "Det", "Supt", "Insp", "Sen", "Rep", "Gov", "Amb", "Jr", "Sr",
    "Cmdr", "Rev", "Hon",
)  # fmt: skip


def short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def paragraphs(text: str) -> list[str]:
    """Paragraphs with hard line wraps undone; text with one paragraph a line (no blank lines
    between) is split at its line ends."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*" + _TIME + r"\s*\n)", text):
        stamp = re.match(r"\s*" + _TIME + r"\s*\n", block)
        if stamp:  # a live blog's entry time, on its own line, heads the entry: its own line
            out.append(squash(stamp.group()))
            block = block[stamp.end() :]
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        pieces = [" ".join(lines)] if _hard_wrapped(lines) else lines
        out.extend(
            _name_in_capitals(_english_marks(squash(p))).lstrip("•*-–· ").strip()
            for p in pieces
            if p.strip(" •*-–·")
        )
    return [p for p in out if p]


_CAPITALS_NAME = re.compile(
    r"^(?P<lead>[A-Z][a-z]+(?:\s+[a-z]+){0,3},\s+)?"
    r"(?P<name>[A-Z][A-Z’'-]+(?:\s+[A-Z][A-Z’'-]+){1,3})(?=,\s|\s+\([A-Z])"
)


def _name_in_capitals(paragraph: str) -> str:
    """ "HELENA MARTINS, Assistant Secretary-General ..., said" ("Also briefing, SAMIRA
    HADDAD, founder of ..."): a name printed in capitals at the start of a paragraph (UN
    meetings coverage) as a name is written elsewhere ("Helena Martins"), same length, so it
    is read as one."""
    found = _CAPITALS_NAME.match(paragraph)
    if not found:
        return paragraph
    name = found["name"].title()
    after = paragraph[found.end() :]
    apposed = re.match(r",\s+([^,]{1,80})", after)
    introduced = after.lstrip()[:1] == "(" or (apposed and ROLE_NOUN.search(apposed[1]))
    if [p.name for p in people_in(name)] != [name] or not introduced:
        return paragraph  # "NATO ALLIES, meeting in ...": no person's name, left as printed
    return paragraph[: found.start("name")] + name + paragraph[found.end() :]


def _english_marks(paragraph: str) -> str:
    """German „...“ and guillemets («...», or »...« as German books print them) as English
    curly marks, mark for mark (so offsets and quoted words stay as written): a translation
    that keeps its source's typography is quoted like any other copy."""
    if "„" in paragraph:
        paragraph = paragraph.replace("“", "”").replace("„", "“")
    opening = re.search(r"[«»]", paragraph)
    if opening:
        closing = "»" if opening.group() == "«" else "«"
        paragraph = paragraph.replace(opening.group(), "“").replace(closing, "”")
    return paragraph


_TIME = r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?|\d{1,2}\s*[ap]\.?m\.?)"
"""A live blog's entry time alone on a line: "17:30", "10.15am", "14:05 GMT"."""


WRAP_WIDTH = 100
"""Lines wrapped by hand or by an e-mail client are at most about this long."""


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of one paragraph wrapped at a width, not paragraphs one per line: all short,
    and most of them ending mid-sentence."""
    if len(lines) < 2:
        return True
    if max(len(line) for line in lines) > WRAP_WIDTH or _signed(lines):
        return False
    if any(_DATELINE_ALONE.match(line) for line in lines[1:]):
        return False  # "By X, Education Reporter" / "CARDIFF, 18 December 2026": header lines
    mid_sentence = sum(not line.endswith((".", "!", "?", "”", '"', ":")) for line in lines[:-1])
    return mid_sentence * 2 >= len(lines) - 1


_DATELINE_ALONE = re.compile(
    r"^[A-Z][A-Z’'./ -]{2,40}(?:,\s+[A-Z][\w.]*){0,2},\s+(?:\d{1,2}\s+[A-Z][a-z]+\.?"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2})(?:,?\s+\d{4})?$"
)
"""A dateline on a line of its own ("CARDIFF, 18 December 2026", "DUBLIN, Dec. 15")."""


def _signed(lines: list[str]) -> bool:
    """A signature under a letter or a column: a name alone on its line, then a line or two
    saying who or where the writer is ("Dr Rebecca Hall" / "Consultant anaesthetist, ...");
    lines of their own, never one name run with the role's first word."""
    first = lines[0]
    named = list(people_in(first))
    return (
        len(lines) <= 3
        and len(first.split()) <= 5
        and len(named) == 1
        and named[0].end == len(first)
        and not first.endswith((".", ",", ":"))
    )


def sentences(paragraph: str) -> list[str]:
    """Split on sentence ends, not on "Mr." or "U.S." and not inside quotation marks."""
    out: list[str] = []
    start = 0
    depth = 0
    for i, char in enumerate(paragraph):
        if char in "“":
            depth += 1
        elif char == "”":
            depth = max(depth - 1, 0)
        if char in ".!?" and depth == 0:
            nxt = paragraph[i + 1 : i + 3]
            if not (len(nxt) == 2 and nxt[0] == " " and (nxt[1].isupper() or nxt[1] in '“"')):
                continue
            word = paragraph[start:i].rsplit(" ", 1)[-1]
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                continue
            out.append(paragraph[start : i + 1].strip())
            start = i + 2
    if paragraph[start:].strip():
        out.append(paragraph[start:].strip())
    return out


_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for m in names
}  # fmt: skip
_MONTH = r"(?P<month>[A-Z][a-z]{2,8})\.?"
_HEADER_DATES = (
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}),\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
)
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,30},\s")
"""A wire story's dateline opening its first paragraph: "WASHINGTON, June 3, 2027 (AP) —"."""
_PROSE = re.compile(r"^(?:\S+\s+){5,}\S*[a-z0-9][.!?]$")
"""A sentence of six words or more ending in a full stop: the body, not a dateline (a page's
text from a link starts with its first paragraph)."""
HEADER_LINES = 6
"""A dateline sits with the headline; dates further down are what the article is about."""


def header_date(text: str) -> str | None:
    """The publication date printed near the top ("Commentary | April 30, 2012"), as
    YYYY-MM-DD, or None."""
    lines = [line for line in text.splitlines()[:40] if line.strip()][:HEADER_LINES]
    for line in lines:
        if len(line) > 120:
            if not _DATELINE.match(line):
                continue  # prose, not a dateline
            line = line[:60]  # "WASHINGTON, June 3, 2027 (AP) — The United States ..."
        elif _PROSE.search(line) and not _DATELINE.match(line):
            continue  # "She takes up the post on 1 April 2027.": what it is about
        for pattern in _HEADER_DATES:
            m = pattern.search(line)
            if not m:
                continue
            month_text = m["month"]
            month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
            try:
                return dt.date(int(m["year"]), month or 0, int(m["day"])).isoformat()
            except ValueError:
                continue
    return None
