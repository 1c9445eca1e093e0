"""What a news lede's subject lets later copy leave out: the role it gives before the name
("The health secretary has refused to rule out ..." and, in the next paragraph, "Speaking on
the BBC's ..., Rachel Amos said ..."), and the body it names that copy then calls "the
regulator" ("Ireland's Data Protection Commission fined ..." / "the regulator said").

British and wire copy often opens with the office alone and names its holder in the second
paragraph; a careful reader takes the role for the one person that paragraph names as the
subject of a verb of saying, when the lede names nobody and that person is given no role of
their own. A regulator or watchdog opening the lede is who "the regulator" means after it.
"""

from __future__ import annotations

import re

from cyberbrief.drafting.article_text import sentences
from cyberbrief.drafting.attribution_patterns import SAY
from cyberbrief.drafting.people import NOT_A_NAME, ROLE_NOUNS, is_title, people_in
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
_ROLE_TOPIC = re.compile(
    r"\b(?:its|their|the|a|an)\s+(?P<role>(?:[a-z][\w-]*\s+){0,3}?"
    rf"(?:{ROLE_NOUNS})(?:\s+(?:of|for)\s+[a-z][a-z -]{{1,40}}?)?)\s+"
    r"(?:after|when|because|as|until|before)\s+(?:she|he)\b"
)
"""A lede about someone by office, then "she"/"he" ("A logistics company unfairly dismissed
its head of information security after she raised concerns ...")."""
_ONE_PERSON_LEDE = re.compile(
    r"^(?:[A-Z][A-Z .,/'-]{2,40}(?:\([^()]{1,30}\))?\s*[-—–]+\s*)?An?\s+"
    rf"(?P<role>(?:[a-z][\w-]*\s+){{0,2}}?(?:{ROLE_NOUNS}))\s+"
    r"(?:accused|charged|wanted|convicted|jailed|sentenced|who|has|had|is|was|will)\b"
)
"""A lede about one person by what they do ("A software developer accused by the United
States of laundering ... should not be sent ..."), named in the next paragraph."""
_OPENS_WITH_NAME = re.compile(
    r"(?:,\s*\d{1,3},)?(?:\s+(?:of|from)\s+[^,.;“”\"]{1,40}(?:,\s+[^,.;“”\"]{1,30})?,)?"
    r"\s+(?:was|is|has|had|[a-z]+ed)\b"
)
"""The next paragraph opening with a name (and an age, and where they live) as its subject
("Deborah Okonjo, 46, was sacked by ...", "X, 34, of Croydon, south London, is wanted")."""


def _lede(paragraphs: list[str]) -> int | None:
    for index, paragraph in enumerate(paragraphs):
        if len(paragraph.split()) >= LEDE_WORDS and paragraph.rstrip("\"”’'")[-1:] in ".!?":
            return index
    return None


def lede_role(paragraphs: list[str]) -> tuple[str, str, str] | None:
    """(name, role, sentence) when the lede's subject is an office and the next paragraph's
    first sentence has one person, the subject of a verb of saying, or the lede is about one
    office holder ("its head of X after she ...") and the next paragraph opens with a name as
    its subject; else None (the caller gives the role only to someone drafted with none)."""
    index = _lede(paragraphs)
    if index is None or index + 1 >= len(paragraphs):
        return None
    lede = paragraphs[index]
    found = _ROLE_LEDE.match(lede)
    topics = list(_ROLE_TOPIC.finditer(lede)) if not found else []
    topics = topics or ([] if found else list(_ONE_PERSON_LEDE.finditer(lede)))
    if (not found and len(topics) != 1) or any(True for _ in people_in(lede)):
        return None
    first = sentences(paragraphs[index + 1])[:1]
    if not first:
        return None
    if topics:  # "... its head of information security after she ..." / "X, 46, was sacked"
        opening = next(iter(people_in(first[0])), None)
        if opening and opening.start == 0 and _OPENS_WITH_NAME.match(first[0], opening.end):
            return opening.name, topics[0]["role"], first[0]
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
    return (named[0].name, found["role"], first[0]) if found else None


_BODY_LEDE = re.compile(
    r"^(?:[A-Z][\w .,/'-]{2,40}\([A-Za-z ]{2,20}\)\s*[-—–]+\s*)?(?:[A-Z][\w-]*['’]s\s+)?"
    r"(?P<org>[A-Z][\w&’'-]*(?:\s+(?:(?:of|for|and)\s+)?[A-Z][\w&’'-]*){0,6})"
    r"\s+(?:on\s+[A-Z][a-z]+day\s+)?(?:has\s+|have\s+)?[a-z]+(?:ed|s)\b"
)
"""A lede opening with a body as the subject ("DUBLIN, Dec 7 (Reuters) - Ireland's Data
Protection Commission fined ...")."""
_WATCHDOG = r"(?:[a-z]+\s+)?(?:regulator|watchdog)"
WATCHDOG_SAID_BEFORE = re.compile(
    rf"(?:^|[.!?]\s+)(?:[A-Z][^.!?,“”\"]{{0,40}},\s+)?[Tt]he\s+{_WATCHDOG}\s+(?:also\s+)?"
    rf"(?:{SAY})\b[^.!?“”\"]{{0,120}}$"
)
"""'In its 96-page decision, the regulator said Nordlys had "..."'."""
WATCHDOG_SAID_AFTER = re.compile(
    rf"^[,.]?\s*(?:(?:{SAY})\s+the\s+{_WATCHDOG}|the\s+{_WATCHDOG}\s+(?:also\s+)?(?:{SAY}))\b"
)
"""'"...," the regulator said'."""


def lede_body(paragraphs: list[str], *, public: bool = True) -> str | None:
    """The body the lede opens with as its subject, when it is a public body's name (a
    regulator's head word in it, no person's): whom "the regulator" means later; with
    ``public`` False any body's ("Harbourside City have apologised ..."), whom "the club"
    means."""
    index = _lede(paragraphs)
    found = _BODY_LEDE.match(paragraphs[index]) if index is not None else None
    if not found or any(True for _ in people_in(found["org"])):
        return None
    if found["org"].split()[0] in NOT_A_NAME or is_title(found["org"].split()[0]):
        return None  # "Its owners, X and Y, have apologised": no body's name
    return found["org"] if not public or set(found["org"].split()) & _PUBLIC_BODY else None


_PUBLIC_BODY = {
    "Commission", "Authority", "Office", "Agency", "Board", "Council", "Regulator", "Ombudsman",
    "Inspectorate", "Directorate", "Bureau", "Commissioner", "Administration", "Watchdog",
}  # fmt: skip
"""A regulator's head word: a company the lede opens with ("Nordlys Telecom appealed ...") is
no "regulator"."""
