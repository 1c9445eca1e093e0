"""Keyword search over fact and quote text, for questions that name no single entity.

"how many nations attended the london conference" has no entity called that; its content
words (nations, attended, london, conference) do appear in one fact. Words are stemmed,
a few synonyms are folded together, and rare words weigh more than common ones (IDF), so
a fact that shares the distinctive words wins and a question sharing none finds nothing.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from cyberbrief.knowledge.normalize import norm

STOPWORDS = frozenset(
    """a an the of in on at to for from by with and or but not no is are was were be been being
    do does did doing have has had having it its this that these those there their they them
    he she his her him i me my we our you your who whom whose what which when where why how
    many much more most some any all each every other such than then so as if about into over
    under again further once can could should would will shall may might must also just only
    very too own same s t tell say said says please know anyone someone ever get got make made
    according per cent""".split()
)
_SYNONYMS = {
    "country": "nation",
    "state": "nation",
    "nation": "nation",
    "costs": "cost",
    "worth": "cost",
    "loss": "cost",
    "money": "fund",
    "funding": "fund",
    "budget": "fund",
    "spend": "fund",
    "invest": "fund",
    "investment": "fund",
    "attend": "attend",
    "gather": "attend",
    "participate": "attend",
    "participant": "attend",
    "delegate": "attend",
    "representative": "attend",
    "member": "member",
    "membership": "member",
    "infect": "infect",
    "compromise": "infect",
    "pc": "computer",
    "machine": "computer",
    "crime": "crime",
    "criminal": "crime",
    "cybercriminal": "cybercrime",
    "attack": "attack",
    "cyberattack": "attack",
    "hack": "attack",
    "hacker": "attack",
    "uk": "britain",
    "british": "britain",
    "us": "america",
    "usa": "america",
    "american": "america",
}


def stem(word: str) -> str:
    """A crude English stemmer: enough to meet "nations" with "nation", "attended" with "attend"."""
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            if suffix == "es" and not word.endswith(("ses", "xes", "ches", "shes")):
                word = word[:-1]
            else:
                word = word[: -len(suffix)] + replacement
            break
    return _SYNONYMS.get(word, word)


def terms(text: str) -> list[str]:
    """Content words of ``text``, stemmed, without stopwords."""
    return [stem(w) for w in norm(text).split() if w not in STOPWORDS]


@dataclass(frozen=True)
class Hit:
    id: int
    score: float
    """Weighted share of the query's words found, 0-1."""
    matched: int


class TermIndex:
    """An inverted index of stemmed terms over short documents (facts or quotes)."""

    def __init__(self, documents: list[tuple[int, str]]) -> None:
        self._terms: dict[int, frozenset[str]] = {i: frozenset(terms(t)) for i, t in documents}
        frequency: Counter[str] = Counter()
        for words in self._terms.values():
            frequency.update(words)
        self._postings: dict[str, list[int]] = {}
        for doc_id, words in self._terms.items():
            for word in words:
                self._postings.setdefault(word, []).append(doc_id)
        n = max(len(self._terms), 1)
        self._idf = {w: math.log(1 + n / f) for w, f in frequency.items()}
        self._max_idf = math.log(1 + n)

    def _resolve(self, term: str) -> list[str]:
        """The index's words for a query word: itself, or close spellings for typos."""
        if term in self._postings:
            return [term]
        if len(term) < 5:
            return []
        return [w for w in self._postings if len(w) >= 5 and fuzz.ratio(term, w) >= 85]

    def search(self, text: str, limit: int = 5) -> list[Hit]:
        query = list(dict.fromkeys(terms(text)))
        if not query:
            return []
        weights = {t: self._idf.get(t, self._max_idf) for t in query}
        total = sum(weights.values())
        scores: dict[int, float] = {}
        matched: Counter[int] = Counter()
        for term in query:
            docs: set[int] = set()
            for word in self._resolve(term):
                docs.update(self._postings[word])
            for doc_id in docs:
                scores[doc_id] = scores.get(doc_id, 0.0) + weights[term]
                matched[doc_id] += 1
        hits = [Hit(d, s / total, matched[d]) for d, s in scores.items()]
        hits.sort(key=lambda h: (-h.score, -h.matched, h.id))
        return hits[:limit]
