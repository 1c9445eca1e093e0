"""The role a news lede gives before the name: "The health secretary has refused to rule out
... " and, in the next paragraph, "Speaking on the BBC's ..., Rachel Amos said ...".

British and wire copy often opens with the office alone and names its holder in the second
paragraph; a careful reader takes the role for the one person that paragraph names as the
subject of a verb of saying, when the lede names nobody and that person is given no role of
their own.
"""

from __future__ import annotations

import re

from cyberbrief.drafting.article_text import sentences
from cyberbrief.drafting.people import ROLE_NOUNS, people_in
from cyberbrief.drafting.said_in_sentence import said_in_sentence

LEDE_WORDS = 20
"""The lede is the first paragraph of at least this many words that ends a sentence (a
headline, a standfirst without a full stop, a byline and a date are shorter or open)."""
_ROLE_LEDE = re.compile(
    r"^(?:[A-Z][A-Z .,/'-]{2,40}(?:\([^()]{1,30}\))?\s*[-—–]+\s*)?[Tt]he\s+"
    rf"(?P<role>(?:[a-z][\w-]*\s+){{0,3}}?(?:{ROLE_NOUNS}))\s+"
    r"(?:has|have|had|is|was|will|would|on|[a-z]+ed|[a-z]+s)\b"
)
"""A lede whose subject is an office in lower case ("The health secretary has refused",
"LONDON - The security minister said"), no name."""


def _lede(paragraphs: list[str]) -> int | None:
    for index, paragraph in enumerate(paragraphs):
        if len(paragraph.split()) >= LEDE_WORDS and paragraph.rstrip("\"”’'")[-1:] in ".!?":
            return index
    return None


def lede_role(paragraphs: list[str]) -> tuple[str, str, str] | None:
    """(name, role, sentence) when the lede's subject is an office and the next paragraph's
    first sentence has one person, the subject of a verb of saying; else None (the caller
    gives the role only to someone drafted with none)."""
    index = _lede(paragraphs)
    if index is None or index + 1 >= len(paragraphs):
        return None
    lede = paragraphs[index]
    found = _ROLE_LEDE.match(lede)
    if not found or any(True for _ in people_in(lede)):
        return None
    first = sentences(paragraphs[index + 1])[:1]
    if not first:
        return None
    said = said_in_sentence(first[0])[:1]
    if not said:
        return None
    subject = said[0].start("who")
    named = [  # a fronted clause's capitals ("Speaking on the BBC's The Sunday Programme,")
        p for p in people_in(first[0]) if p.end > subject or "," not in first[0][p.end : subject]
    ]
    if len(named) != 1 or not subject <= named[0].start < named[0].end <= said[0].end("who"):
        return None
    return named[0].name, found["role"], first[0]
