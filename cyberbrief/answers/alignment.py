"""Questions in everyday words that share no word with the record that answers them: each
content word of the question aligned to a word of the record.

"What share of computers have malicious software" names nothing and says none of "as many as
5% of PCs are infected with malware" as the question wrote it, so the no-entity path (which
wants one asked word as written) refuses it. A record still answers when EVERY content word of
the question aligns to something it says (not "most"):

- the same word, a synonym or a derived form (:func:`~cyberbrief.answers.textsearch.stems`);
- a word the store itself defines by it: "Malware is short for malicious software" aligns
  "malicious" and "software" to "malware" (:func:`equivalents`, read only from the candidates
  the question's one search and meaning scan already found);
- a word close in meaning (WordLlama word vectors, at least :data:`ALIGN`).

Words that only say which kind of answer is wanted ("share", "proportion") need no
alignment: the kind itself is checked (a figure for "how much", a name for "who"). The aligned
record must also be the clear best: when two records with different answers align about
equally (:data:`CLEAR`), the question is ambiguous and the bot refuses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.textsearch import STOPWORDS, Term, stems, words
from cyberbrief.answers.verify import figures_said

T = TypeVar("T")

KIND_WORDS = frozenset(
    "proportion proportions share percentage percent fraction ratio kind kinds sort sorts type "
    "types roughly approximately".split()
)
"""Words that say which kind of answer is wanted ("what share of", "what kind of") or how
exact it may be ("roughly"), never what the record must be about: the kind is checked on the
record itself."""
DEFINITION = re.compile(
    r"\b(?P<term>[A-Za-z][\w-]*),? (?:(?:is|are|was) )?(?:-\s*)?"
    r"(?:short for|an abbreviation (?:of|for)|another (?:word|name) for|"
    r"also (?:known as|called)) (?P<words>[\w\s-]+)",
    re.IGNORECASE,
)
"""A record defining one word by others: "Malware is short for malicious software",
"malware - short for malicious software"."""
ALIGN = 0.4
"""Cosine of WordLlama word vectors at which a question's word aligns to a record's word by
meaning alone. Stricter than :data:`~cyberbrief.answers.verify.BRIDGE` (0.3), which only adds
to words a record says as written: here no word need be. Measured on the seed store: words
that mean the same reach it ("danger"/"threat" 0.63, "soldiers"/"military" 0.60,
"virus"/"malware" 0.52, "court"/"legal" 0.40); pieces of unrelated words that share a token
sit just under it ("laptops"/"lacks" 0.32, "malicious"/"cybersecurity" 0.31)."""
HEDGE = re.compile(
    r"^\s*(?:roughly|approximately|about|around|more or less|just),? (?=(?:how|what|which)\b)",
    re.IGNORECASE,
)
"""A hedge opening a question ("roughly what share of computers ...", "about how many
nations ..."): the question asks for the same figure without it."""
FILLER = re.compile(
    r"\s*\b(?:actually|really|exactly|even|nowadays|these days)\b(?!\s+(?:if|though|so)\b)",
    re.IGNORECASE,
)
"""Words a speaker adds for emphasis or time of speaking ("what does malware actually stand
for", "who are the gangs recruiting these days"): no record says them, and the question asks
the same without them."""
MENTIONED = re.compile(
    r"\bthe (?:word|term|acronym|abbreviation) (?=[a-z][\w-]*)"
    r"(?!(?:for|of|that|which|used|they|we|you|people|in|on|to|is|are)\b)",
    re.IGNORECASE,
)
""""the word malware", "the term CBM": a word mentioned, not used; the question asks about
the word itself ("what does malware stand for")."""
CLEAR = 0.1
"""How much better (mean alignment of the question's words, 1 for a word the record says)
the best aligned record must be than the next one giving another answer. Two records that
align about equally are two readings of the question, and the bot does not pick one."""


@dataclass(frozen=True)
class Alignment:
    """How one record aligns to a question's content words."""

    unaligned: tuple[str, ...]
    """The question's words the record says nothing for (empty when it aligns fully)."""
    strength: float
    """Mean over the question's words of how they align: 1 as written, a synonym, a derived
    form or a defined word; the cosine of the closest record word when by meaning."""


def unhedged(question: str) -> str:
    """``question`` without a hedge opening it (:data:`HEDGE`), so its kind is read from its
    question word ("what share": a figure), without words said for emphasis (:data:`FILLER`)
    and with a word mentioned as the word itself (:data:`MENTIONED`)."""
    plain = MENTIONED.sub("", FILLER.sub("", HEDGE.sub("", question, count=1)))
    return plain if plain.strip() else question


def content_terms(asked: list[Term]) -> list[Term]:
    """What a record must say for ``asked`` (see :func:`~cyberbrief.answers.verify.asked_terms`):
    all of it but the words naming the kind of answer (:data:`KIND_WORDS`)."""
    return [t for t in asked if t.word not in KIND_WORDS and t.word not in STOPWORDS]


def defines(text: str) -> bool:
    """Whether ``text`` defines a word by others (:data:`DEFINITION`), so that
    :func:`equivalents` finds something in it."""
    return DEFINITION.search(text) is not None


def equivalents(texts: Sequence[str]) -> dict[str, frozenset[str]]:
    """What the store defines among ``texts``: for each defining word's stems, the stems of
    the word it defines ("malicious" and "software" to "malware")."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for m in DEFINITION.finditer(text):
            term = stems(m["term"])
            for word in words(m["words"]):
                if word not in STOPWORDS:
                    for key in stems(word):
                        found.setdefault(key, set()).update(term)
    return {k: frozenset(v) for k, v in found.items()}


def align(
    terms: list[Term],
    text: str,
    meaning: Meaning | None,
    defined: dict[str, frozenset[str]],
) -> Alignment:
    """How ``text`` aligns to each of ``terms`` (see the module's docstring)."""
    if not terms:
        return Alignment((), 0.0)
    have = stems(text)
    figures = figures_said(text, terms)
    strengths: dict[str, float] = {}
    for t in terms:
        defines = frozenset().union(*(defined.get(a, frozenset()) for a in t.alternatives))
        if t.alternatives & have or t.word in figures or defines & have:
            strengths[t.word] = 1.0
    missing = [t.word for t in terms if t.word not in strengths]
    among = sorted({w for w in words(text) if w not in STOPWORDS and len(w) > 2})
    closest = meaning.closest(missing, among) if meaning is not None and missing else None
    for word, best in zip(missing, closest or [], strict=False):
        if best >= ALIGN:
            strengths[word] = best
    unaligned = tuple(t.word for t in terms if t.word not in strengths)
    return Alignment(unaligned, sum(strengths.values()) / len(terms))


def clear_best(
    aligned: list[tuple[Alignment, str, T]],
) -> T | None:
    """The one fully aligned record that answers, from ``aligned`` (each with its answer's
    expression): the strongest, unless another answer aligns about as well (:data:`CLEAR`)."""
    full = sorted((a for a in aligned if not a[0].unaligned), key=lambda a: -a[0].strength)
    if not full:
        return None
    best = full[0]
    rivals = [a for a in full[1:] if a[1].lower() != best[1].lower()]
    if rivals and best[0].strength - rivals[0][0].strength < CLEAR:
        return None
    return best[2]


def best_aligned(
    terms: list[Term],
    candidates: list[tuple[str, T]],
    meaning: Meaning | None,
    answer: Callable[[str, T], str | None],
    can_answer: Callable[[str, T], bool] | None = None,
) -> T | None:
    """The candidate (text, item) that answers a question whose content words are
    ``terms``: every word aligns to its text (:func:`align`), ``answer`` finds the kind of
    expression asked for in it (None when it holds none), and it is the clear best
    (:func:`clear_best`). None when no candidate is, or two are about equally.

    ``can_answer``: a cheap check that ``answer`` needs to pass (the record holds an
    expression of the kind asked for at all), made before the candidate's words are aligned:
    aligning reads every word of a record in meaning, and most candidates of a question in
    everyday words hold no date or figure. It only skips work, never changes the result."""
    if not terms:
        return None
    defined = equivalents([text for text, _ in candidates])
    found: list[tuple[Alignment, str, T]] = []
    for text, item in candidates:
        if can_answer is not None and not can_answer(text, item):
            continue
        alignment = align(terms, text, meaning, defined)
        if alignment.unaligned:
            continue
        expression = answer(text, item)
        if expression is not None:
            found.append((alignment, expression, item))
    return clear_best(found)
