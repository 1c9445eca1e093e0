"""Whose words a record reports, for "what did X say/write/tell ..." questions: a report of
speech answers only when the speech is X's. "What did Liang Guanglie say at the forum" is not
answered by "the forum, where Fox and Gates said ...; Liang Guanglie also attended": the
record reports speech and names Liang, but the speech is Fox's and Gates's.

The speech is X's when the record is X's quote, X's own description reporting it ("UK Prime
Minister who told the conference ..."), or a record that attributes a verb of speech to X:
X named before it in its clause, or right after it ("said Lyons").
"""

from __future__ import annotations

import re

from cyberbrief.answers.verify import SPEECH
from cyberbrief.knowledge.model import Ref
from cyberbrief.knowledge.normalize import fold

ASKED_SPEAKER = re.compile(
    r"^what (?:did|has|have|does|do|had) (?P<who>.+?) "
    r"(?:say|said|says|tell|told|write|wrote|warn|warned|argue|argued)\b"
)
"""The one a "what did X say" question asks the words of."""
TELLING = (
    r"tell|tells|telling|told|warn|warns|warned|remind|reminded|assure|assured|inform|"
    r"informed|convince|convinced|persuade|persuaded|promise|promised|advise|advised"
)
"""Verbs of telling someone something: "tell the forum that ..." names whom it was told to,
then what ("that all countries should ..."), not a forum described by a clause."""
AFTER_REACH = 40
"""How far after a verb of speech its speaker may be named ("said Lyons", "said Mr Hague")."""


def asked_speaker(question: str) -> str | None:
    """The words naming whose speech ``question`` asks for ("Liang Guanglie" in "what did
    Liang Guanglie say at the forum"), or None for any other question."""
    text = re.sub(r"\s+", " ", fold(question).lower().replace("’", "'")).strip(" ?!.")
    m = ASKED_SPEAKER.match(text)
    return m["who"] if m else None


def attributes_speech(text: str, names: list[str]) -> bool:
    """Whether ``text`` attributes a verb of speech to one of ``names``: named before the
    verb in its clause, or just after it ("said Lyons")."""
    lowered = [fold(n).lower() for n in names if n]
    for verb in SPEECH.finditer(text):
        begin = max(text.rfind(";", 0, verb.start()), text.rfind(". ", 0, verb.start())) + 1
        before = fold(text[begin : verb.start()]).lower()
        after = fold(text[verb.end() : verb.end() + AFTER_REACH]).lower().lstrip(" ,")
        if any(n in before or after.startswith(n) for n in lowered):
            return True
    return False


def speech_of(
    text: str, kind: str, about: list[Ref], speakers: list[Ref], names: list[str]
) -> bool:
    """Whether a record of ``kind`` reporting speech (``text``; ``about``: a quote's speaker
    first, a description's entity) reports that of one of ``speakers`` (their ``names``):
    X's quote, X's description, or a verb of speech attributed to X. True when the
    question names no speaker."""
    if not speakers:
        return True
    if kind == "quote":
        return bool(about) and about[0] in speakers
    if kind != "fact" and about and about[0] in speakers:
        return True  # the speaker's own description ("Prime Minister who told ...")
    return attributes_speech(text, names)


def addressed(question: str, span: str) -> bool:
    """Whether ``span`` ("the forum that all countries should ...") stands right after a
    verb of telling in ``question`` with "that" after its noun: whom something was told to
    and what, not an entity described by a relative clause."""
    head = re.match(r"(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?that\s", span, re.IGNORECASE)
    if head is None:
        return False
    told = rf"\b(?:{TELLING})\s+{re.escape(span)}"
    return re.search(told, question, re.IGNORECASE) is not None
