"""What a figure asked for is OF and FOR: "how much does cybercrime cost businesses" is not
answered by a figure for individuals, nor "cost Britain" by a worldwide one. Read from the
question, checked against a record's words (or words close in meaning)."""

from __future__ import annotations

import re

from cyberbrief.answers.expressions import UNIT_WORDS
from cyberbrief.answers.figures_asked import said_per_unit
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.textsearch import STOPWORDS, Term
from cyberbrief.answers.verify import asked_terms, unsaid

QUALIFIED = re.compile(
    r"\b(?:costs?|costing|cost to|to cost) (?P<whom>(?:[\w'’-]+ ){0,3}?[\w'’-]+?)"
    r"(?= (?:in|each|every|per|a|an|according|over|between|since|from|this|last|by)\b|$)"
    r"|\b(?:costs?|losses|damage) of (?:[\w'’-]+ ){1,3}?to "
    r"(?P<whom_to>(?:[\w'’-]+ ){0,3}?[\w'’-]+?)"
    r"(?= (?:in|each|every|per|a|an|according|over|between|since|from|this|last|by)\b|$)"
    r"|\b(?:in|across|among|throughout) (?P<where>(?:[\w'’-]+ ){0,3}?[\w'’-]+?)"
    r"(?= (?:each|every|per|a|an|according|over|between|since|from|this|last|by|to|for)\b|$)",
    re.IGNORECASE,
)
"""Whom a figure is for and where, as a question qualifies it: the object of "cost" ("cost
businesses", "cost individuals"), whom the cost of something is to ("the cost of cyber crime
to governments") and a place or group after "in" / "among" ("in 24 major countries")."""


def qualifiers(question: str, names: list[str]) -> list[Term]:
    """What a figure asked for must be of and for: the measured "cost" and whom and where
    it is for (:data:`QUALIFIED`, the head noun of each), beyond the names the record is
    about, years (a constraint of their own) and words naming the kind of answer."""
    text = question.strip().rstrip("?!. ")
    # The head of each (its last word): "24 large countries" is for countries; a modifier
    # the record words otherwise ("major") does not change whom a figure is for.
    spans = [
        (m["whom"] or m["whom_to"] or m["where"]).split()[-1] for m in QUALIFIED.finditer(text)
    ]
    if re.search(r"\bcosts?\b", text, re.IGNORECASE):
        spans.append("cost")
    return [
        t
        for t in asked_terms(" ".join(spans), names)
        if not t.word[:1].isdigit() and t.word not in STOPWORDS | UNIT_WORDS
    ]


def qualifies(text: str, question: str, names: list[str], meaning: Meaning | None) -> bool:
    """Whether a record says what a figure asked for is OF and FOR, as the question qualifies
    it (:func:`qualifiers`), in its words, a synonym or a word close in meaning. "How much
    does cybercrime cost Britain" is not answered by the UK's £650m of funding, nor "what
    does it cost businesses" by a figure for individuals; ``names`` (the record's own
    entities and the question's) need not be repeated in its text."""
    return said_per_unit(text, question) and not unqualified(text, question, names, meaning)


def unqualified(text: str, question: str, names: list[str], meaning: Meaning | None) -> list[str]:
    """The question's qualifiers of a figure that ``text`` does not say (see
    :func:`qualifies`), to tell the asker what the figures on record are not for."""
    return [t.word for t in unsaid(text, qualifiers(question, names), meaning)]
