"""A question in everyday words that changes the kind of one thing a record speaks of ("what
are tax laws around the world often like with each other", "what are climate accords between
states rooted in") shares every other word with that record, so the record covers it and a
briefing answered with it: a confident wrong answer about another topic.

What tells it apart is checkable: the question puts a word no record of the store says
anywhere (its document frequency is 0) straight before a word the record says ("tax" before
"laws"), so it asks about one kind of that thing the store knows nothing of; and the record
does not say that word in other words either (a synonym, a derived form, or a word close in
meaning by WordLlama's word vectors, :func:`~cyberbrief.answers.alignment.align`). Words the
store never says are common in a user's own words, but mostly verbs and idioms ("came to",
"turn into", "see eye to eye", "keep making"), which qualify no word of the record, or
nationalities in lower case ("the americans"); a hyphened word ("full-blown treaty") is one
word.
"""

from __future__ import annotations

import re

from cyberbrief.answers.alignment import KIND_WORDS, align
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.textsearch import STOPWORDS, Weights, stems, terms
from cyberbrief.answers.verb_forms import FORMS
from cyberbrief.drafting.demonyms import COUNTRIES

PARTICLES = frozenset(
    "about above across after against along among apart around away back before behind below "
    "beneath beside between beyond down during far inside into near off onto out outside over "
    "past since through throughout toward towards under underneath until up upon within "
    "without".split()
)
"""Prepositions and adverb particles: a word before one is a verb or an idiom ("stuck
between", "far off", "came to"), qualifying nothing."""
WORD = re.compile(r"^[a-z]+$")
"""A plain lower-case word: not a name, a figure or a hyphened word ("full-blown"). Both the
word and the one it qualifies must be: a word before a name ("facts ITU") asks about that
named thing, not a kind of it."""
POSSESSIVE = re.compile(r"['’]s$")
"""A possessive ending ("the health body's work"): the word is the same."""
VERB_BEFORE = frozenset("to can could may might must shall should will would do does did".split())
"""Words after which a verb comes ("to regret setting the rules", "treaties to guide national
efforts"): a verb before its object qualifies nothing."""


def qualifies_unsaid(question: str, text: str, weights: Weights, meaning: Meaning | None) -> str:
    """The word of ``question`` the store never says that qualifies a word ``text`` says
    ("tax" of "tax laws") and that ``text`` does not say in other words, or ""."""
    said = stems(text)
    split = [POSSESSIVE.sub("", w.strip('?!.,;:"“”()')) for w in question.split()]
    qualifying = {
        word
        for before, word, after in zip(["", *split[:-1]], split, [*split[1:], ""], strict=True)
        if WORD.match(word)
        and WORD.match(after) is not None
        and after not in STOPWORDS | PARTICLES
        and before.lower() not in VERB_BEFORE
        and not before[:1].isupper()  # "the GCHQ guy warned": a person the name describes
        and _said(after, said)
    }
    unseen = [
        t
        for t in terms(question)
        if t.word in qualifying
        and not t.name
        and not _verb_or_name(t.word)
        and t.word not in STOPWORDS | KIND_WORDS
        and not any(weights.document_frequency(t.alternatives).values())
    ]
    unaligned = align(unseen, text, meaning, {}).unaligned if unseen else ()
    return unaligned[0] if unaligned else ""


def _verb_or_name(word: str) -> bool:
    """Whether ``word`` is a form of an irregular verb ("keep making": it qualifies nothing) or
    a nationality written in lower case ("the americans call"): a name, not a kind of thing."""
    return word in FORMS or word in COUNTRIES or word.removesuffix("s") in COUNTRIES


def _said(word: str, said: frozenset[str]) -> bool:
    """Whether a record with ``said`` (its stems) says ``word``, as written or a synonym
    ("accords" by "agreements")."""
    return any(t.alternatives & said for t in terms(word)) or bool(stems(word) & said)
