"""Who or which things a record lists as doing what a question asks ("who funds the ICSPA":
"the EU, the US, Canada, Australia, New Zealand and Britain"), so that the answer leads with
the listed things and the sentence that lists them, not with every name the record holds
("Europol" is named beside the funders, as a partner) nor with the question's own subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyberbrief.answers.enumerations import enumeration
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.reasons import SENTENCE
from cyberbrief.answers.textsearch import STOPWORDS, Term, stems, terms, words
from cyberbrief.answers.verify import BRIDGE, NAME, unsaid

ASKS_WHO = re.compile(r"^\s*(?:who|whom|which|what)\b", re.IGNORECASE)
STRANDED = re.compile(r"\b(with|for|from|against|by)\s*\??\s*$", re.IGNORECASE)
"""A who-question ending in its verb's preposition ("who will the ICSPA work with"): the
answer is what the record has right after that verb and preposition."""
REACH = 6
"""How many words before the preposition an asked word may be ("co-ordinate its policy
with"): further, the preposition is another verb's."""


@dataclass(frozen=True)
class Listing:
    """The things a sentence lists for what is asked, and the sentence."""

    items: tuple[str, ...]
    sentence: str

    def lead(self) -> str:
        """ "EU, US, Canada and Britain: <the sentence>"."""
        *first, last = self.items
        listed = f"{', '.join(first)} and {last}" if first else last
        return f"{listed}: {self.sentence}"


def listing(
    text: str,
    question: str,
    asked: list[Term],
    own: list[str],
    meaning: Meaning | None,
    about_own: bool = False,
    noun: str = "",
) -> Listing | None:
    """The list in one sentence of ``text`` that says all a who/which ``question``
    ``asks`` (one word at least as the question has it or a synonym, the rest may be close in
    meaning: "seek funding" for "who funds") and lists things right after an asked word
    ("funding from A, B and C") or the asked ``noun`` ("companies including A, B and C").
    The sentence names one of the question's own entities (``own``: their names) unless the
    record is about one (``about_own``); no item is one of them, which never answer it.
    None when no sentence does."""
    if not ASKS_WHO.match(question) or not (asked or noun):
        return None
    own_stems = [stems(n) for n in own if n]
    kind = {a for t in terms(noun) for a in t.alternatives}
    for sentence in (s.strip() for s in SENTENCE.split(text) if s.strip()):
        if asked and len(unsaid(sentence, asked)) == len(asked):
            continue  # none of what is asked in the question's words or their synonyms
        if unsaid(sentence, asked, meaning):
            continue  # something asked that it does not say, even in other words
        if not about_own and not _is_own(sentence, own_stems):
            continue  # a list of something else's
        listed = enumeration(sentence, _anchors(sentence, asked, meaning) | kind)
        if listed is None:
            object_ = _object_of(sentence, question, asked, own_stems)
            if object_:
                return Listing(object_, sentence)
            continue
        if any(_is_own(item, own_stems) for item in listed.items):
            continue
        if not _things(listed.items, kind):
            continue  # "convened it, led its session and urged ...": no one is listed
        return Listing(listed.items, sentence)
    return None


def _object_of(
    sentence: str, question: str, asked: list[Term], own_stems: list[frozenset[str]]
) -> tuple[str, ...]:
    """For a question ending in its verb's preposition ("who will the ICSPA work with"), the
    names the sentence has after an asked word and that preposition ("planned to work with
    Europol"; "co-ordinate its policy with its partners including the US"), up to the
    clause's end; none of the question's own."""
    stranded = STRANDED.search(question)
    if stranded is None:
        return ()
    preposition = stranded[1].lower()
    wanted = {a for t in asked for a in t.alternatives}
    for found in re.finditer(rf"\b{preposition}\b", sentence):
        before = re.findall(r"[\w'’-]+", sentence[: found.start()])[-REACH:]
        if not any(wanted & stems(w) for w in before):
            continue
        phrase = re.split(r"[,;:.(]|\band\s+(?:planned|will|was|said)\b", sentence[found.end() :])[
            0
        ]
        names = [m.group() for m in NAME.finditer(phrase) if not _is_own(m.group(), own_stems)]
        if names:
            return tuple(dict.fromkeys(names))
    return ()


def _things(items: tuple[str, ...], kind: set[str]) -> bool:
    """Whether the items are things of the kind asked: each a name (a capital or a digit in
    it: "McAfee", "Article10"), or for "which treaties" one of them that noun or a synonym
    (``kind``: their stems; "international treaties, bilateral treaties and common
    agreements")."""
    if all(re.search(r"\b[A-Z0-9]", item) for item in items):
        return True
    return bool(kind) and any(kind & stems(item) for item in items)


def _anchors(sentence: str, asked: list[Term], meaning: Meaning | None) -> set[str]:
    """The stems a list may open after: the asked words and their synonyms, and the words of
    the sentence close in meaning to one ("funding" for "money")."""
    anchors = {a for t in asked for a in t.alternatives}
    if meaning is None:
        return anchors
    among = sorted({w for w in words(sentence) if w not in STOPWORDS and len(w) > 2})
    close = meaning.closest(among, [t.word for t in asked]) or []
    for word, nearness in zip(among, close, strict=False):
        if nearness >= BRIDGE:
            anchors |= stems(word)
    return anchors


def _is_own(item: str, own_stems: list[frozenset[str]]) -> bool:
    have = stems(item)
    return any(s and s <= have for s in own_stems)
