"""Reasons in a record: the clause that gives a cause for what a why-question asks.

A record answers "why did X do Y" only when it says Y (the asked event or state, in its
words or words close in meaning) and joins it to a cause: "Y because / since / after /
due to / in order to C" (what is asked comes first), "C, which is why / so / which makes /
leads to Y" (it comes after). A connective whose asked side says something else explains
something else: "London would host a conference, which may lead to a legal framework" gives
no reason why London wanted to host it. Words naming a difficulty ("barriers",
"incompatible", "mistrust") in a sentence that says what is asked are weaker reasons; a
speaker's own words are theirs when the question asks why they hold a view. The same check
for every why-question, whoever or whatever it names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cyberbrief.answers.evidence import MEANING
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.textsearch import Term, stems, terms
from cyberbrief.answers.verify import unsaid
from cyberbrief.answers.why_predicate import (
    LIGHT_VERBS,
    MOTIVE,
    Predicate,
    says_predicate,
    says_verb,
)

ASKED_FIRST = re.compile(
    r"\b(because(?: of)?|since(?! \d)|due to|owing to|as a result of|after|given that|"
    r"in order to|so as to|so that|aimed at|in an attempt to|for fear|when(?! \w+ing\b))\b",
    re.IGNORECASE,
)
"""Connectives after what they explain: "cancelled her trip after her mother fell ill",
"is a global problem because ...", and purposes ("... in order to ...")."""
CAUSE_FIRST = re.compile(
    r"\b(which is why|that is why|this is why|which makes|which made|therefore|thus|hence|"
    r"leads? to|led to|results? in|resulted in|causes?|caused|if)\b|"
    r",\s*(so|meaning)\b(?! far| called)",
    re.IGNORECASE,
)
"""Connectives before what they explain: "overloaded with calls, so responses are delayed",
"incompatible, which makes it difficult to bring suspects to justice", and the good a
condition does ("tensions could be avoided if there were rules": why want rules)."""
PURPOSE_TO = re.compile(
    r"(?<=[a-z]) to (?=[a-z]+\b)(?!(?:the|a|an|their|its|his|her|our|be|have)\b)"
)
"""A purpose after what it is for: "body formed to work for law enforcement cyber crime
units", "taken a number of steps to try and protect ourselves" (not "to the conference")."""
PURPOSE_FIRST = re.compile(r"^(?:in order )?to\s+[^,;]+,", re.IGNORECASE)
"""A purpose in front of what it explains: "To make further progress, all sides need ..."."""
DIFFICULTY = re.compile(
    r"\b(lacks?|lacking|lack of|fail\w*|barriers?|problems?|disagree\w*|hinder\w*|hamper\w*|"
    r"difficult\w*|complicat\w*|obstacles?|mistrust|incompatible|plagued|overloaded)\b",
    re.IGNORECASE,
)
"""Words that name a difficulty: a reason when said of what is asked ("ITU initiatives are
voluntary ... so they lack a concrete legal framework")."""
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'])|;\s+")
"""Where a sentence of a record ends (not the stop of "U.S.")."""
CLAUSE = re.compile(r",\s+|:\s+|;\s+|\s+[—–]\s+")
"""Where a clause of a sentence ends."""
OWN_CLAUSE = 3
"""Content words of a clause that says something of its own (not "on the whole")."""
STRONG, WEAK = 2, 1
"""How well a record gives the reason: by a connective whose asked side says what is asked,
or by a difficulty (or the speaker's own view) in a sentence that says it."""


@dataclass(frozen=True)
class Reason:
    """The sentence of a record that gives the reason, and how well it gives it."""

    sentence: str
    strength: int
    explained: str = ""
    """What the sentence gives a reason for: the side of its connective that says what is
    asked, or the whole sentence for a difficulty or a view ("" for the sentence)."""


def _said(text: str, asked: list[Term], meaning: Meaning | None) -> int:
    """How many of the asked words ``text`` says: its word, a synonym or a word close in
    meaning."""
    return len(asked) - len(unsaid(text, asked, meaning))


def _says(
    text: str, asked: list[Term], meaning: Meaning | None, question: str, half: bool = False
) -> bool:
    """Whether ``text`` says what is asked: more than half of its words (``half``: half is
    enough, for the side of a connective that says more of it than the other), or (for a
    record saying it in other words: "cancelled her trip" for "miss the conference") as
    close in meaning to the question as evidence must be (:data:`MEANING`). Nothing asked
    beyond names: any text says it."""
    said = _said(text, asked, meaning) * 2
    if not asked or said > len(asked) or (half and said == len(asked)):
        return True
    return meaning is not None and meaning.similarity(question, [text])[0] >= MEANING


def _explains(
    asked_side: str,
    other: str,
    asked: list[Term],
    meaning: Meaning | None,
    question: str,
) -> bool:
    """Whether a connective joins a cause to what is asked: its other side says something,
    its asked side says what is asked (:func:`_says`), and more of it than the other side
    (as many words: it is closer to the question in meaning)."""
    if not other.strip(" ,.;:“”\"'—-") or not asked_side.strip(" ,.;:“”\"'—-"):
        return False
    if not asked:
        return True
    if not _says(asked_side, asked, meaning, question, half=True):
        return False
    mine, theirs = _said(asked_side, asked, meaning), _said(other, asked, meaning)
    if mine != theirs or meaning is None:
        return mine > theirs
    near, far = meaning.similarity(question, [asked_side, other])
    return near > far


WANTED = re.compile(
    r"\b(?:wants?|wanted|wanting|needs?|needed)\s+(?:to\s+)?(?P<what>[^,;:?.!]+)", re.IGNORECASE
)
"""What a why-question says someone wants or needs ("why does Gates want a more open dialogue
among countries"): a reason for wanting it is about it."""
WANTED_ENDS = re.compile(
    r"\s(?:among|about|for|from|with|between|in|on|at|of|by|to|so|because|if|when|"
    r"according)\b",
    re.IGNORECASE,
)
"""Where the phrase for what is wanted ends, and its complements start."""


def wanted_head(question: str, asked: list[Term]) -> Term | None:
    """The head of what a why-question says is wanted or needed: the last asked word of the
    phrase after "want"/"need" ("dialogue" in "want a more open dialogue among countries",
    "funding" in "want international funding for cyber security"); None when the question
    asks for no want, or what is wanted is a name ("want London to host")."""
    m = WANTED.search(question)
    if m is None:
        return None
    phrase = WANTED_ENDS.split(f" {m['what']}", maxsplit=1)[0]
    have = stems(phrase)
    inside = [t for t in asked if t.alternatives & have]
    return inside[-1] if inside and not inside[-1].name else None


CONTRAST = re.compile(r",?\s+(?:but|however|yet|although|though|whereas)\s+", re.IGNORECASE)
"""Where a sentence turns from one thing to its contrary ("possible but hindered")."""


def _difficulty_of(sentence: str, predicate: Predicate | None, meaning: Meaning | None) -> bool:
    """Whether a difficulty a sentence names is one of what is asked: when the sentence turns
    ("..., but ..."), the part naming the difficulty must say the predicate's verb. "In 2002
    it created the Shanghai programme ..., but it still lacks clear policy statements" gives
    no reason why APEC set the programme up. Not checked for a predicate asked as its
    contrary (:attr:`~cyberbrief.answers.why_predicate.Predicate.direct` false: "why does the
    Council struggle to cooperate" is answered by "interest in cooperation but disagree")."""
    pieces = CONTRAST.split(sentence)
    if predicate is None or predicate.verb is None or not predicate.direct or len(pieces) < 2:
        return True
    return any(says_verb(piece, predicate, meaning) for piece in pieces if DIFFICULTY.search(piece))


def reason_in(
    text: str,
    asked: list[Term],
    meaning: Meaning | None,
    question: str,
    view: str | None = None,
    predicate: Predicate | None = None,
    about: str = "",
) -> Reason | None:
    """The first sentence of ``text`` :func:`_reasons` finds that says, when the question
    asks why someone wants or needs something, what is wanted (:func:`wanted_head`, in its
    word, a synonym or a word close in meaning): a problem of the cyber threat is no reason
    for wanting a dialogue about it, the barriers to an agreement none for wanting funding.
    None when there is no such sentence. Light verbs are not asked ("gets held up": a
    record says "hindered", not "gets")."""
    asked = [t for t in asked if t.word not in LIGHT_VERBS]
    head = wanted_head(question, asked)
    for reason in _reasons(text, asked, meaning, question, view):
        words = reason.sentence.split("” —")[0]  # a quote's words, not who said it where
        explained = f"{reason.explained or reason.sentence} {about}"
        if not says_predicate(explained, predicate, meaning):
            continue  # a reason for what its subject did or is, not for what is asked
        if not reason.explained and not _difficulty_of(reason.sentence, predicate, meaning):
            continue  # "created the programme, but still lacks ...": no reason for creating it
        if head is None or not unsaid(words, [head], meaning):
            return reason
    return None


def _purpose_of_asked(before: str, after: str, asked: list[Term]) -> bool:
    """Whether "to" joins a purpose to what is asked: the word before it is a word of the
    question ("formed | to work for ...", "steps | to try and protect"), and the word after
    it is none (a purpose says something new; "threats | to cyber security" is where the
    threats are aimed, not what they are for)."""
    said_before, said_after = before.split(), after.split()
    if not said_before or not said_after:
        return False
    last, first = stems(said_before[-1]), stems(said_after[0])
    return any(t.alternatives & last for t in asked if not t.name) and not any(
        t.alternatives & first for t in asked
    )


def _reasons(
    text: str,
    asked: list[Term],
    meaning: Meaning | None,
    question: str,
    view: str | None = None,
) -> Iterator[Reason]:
    """The sentences of ``text`` giving a cause of what is ``asked`` in ``question`` (see
    the module's docstring), the best first. ``view``: the speaker's own words, when the
    question asks why they hold a view, which a clause of them may explain ("We need action
    against the whole ecology of cybercrime, not purely defensive measures"). None at all
    when the record gives no reason for what is asked."""
    sentences = [s.strip() for s in SENTENCE.split(text) if s.strip()]
    for sentence in sentences:
        fronted = PURPOSE_FIRST.match(sentence)
        after_purpose = sentence[fronted.end() :] if fronted else ""
        if fronted and _explains(after_purpose, fronted.group(), asked, meaning, question):
            yield Reason(sentence, STRONG, after_purpose)
        for m in ASKED_FIRST.finditer(sentence):
            before, after = sentence[: m.start()], sentence[m.end() :]
            if _explains(before, after, asked, meaning, question):
                yield Reason(sentence, STRONG, before)
        for m in CAUSE_FIRST.finditer(sentence):
            before, after = sentence[: m.start()], sentence[m.end() :]
            if _explains(after, before, asked, meaning, question):
                yield Reason(sentence, STRONG, after)
        for m in PURPOSE_TO.finditer(sentence):
            before, after = sentence[: m.start()], sentence[m.end() :]
            if _purpose_of_asked(before, after, asked) and _explains(
                before, after, asked, meaning, question
            ):
                yield Reason(sentence, WEAK, before)
    if not _says(text, asked, meaning, question):
        return
    for sentence in sentences:
        if DIFFICULTY.search(sentence) and _said(sentence, asked, meaning):
            yield Reason(sentence, WEAK)
    for sentence in sentences if MOTIVE.search(question) else []:
        # What is asked leads to the other side: the good or harm it does is why it is
        # wanted or feared ("may backfire on them when a copycat Stuxnet weapon ...").
        for m in ASKED_FIRST.finditer(sentence):
            if _explains(sentence[m.end() :], sentence[: m.start()], asked, meaning, question):
                yield Reason(sentence, WEAK, sentence[m.end() :])
        for m in CAUSE_FIRST.finditer(sentence):
            if _explains(sentence[: m.start()], sentence[m.end() :], asked, meaning, question):
                yield Reason(sentence, WEAK, sentence[: m.start()])
    for sentence in [s.strip() for s in SENTENCE.split(view or "") if s.strip()]:
        # A speaker's view and, in another clause of it, what they give for it: "We need
        # action against the whole ecology of cybercrime, not purely defensive measures".
        clauses = CLAUSE.split(sentence)
        if _said(sentence, asked, meaning) and any(
            len(terms(c)) >= OWN_CLAUSE and not _said(c, asked, meaning) for c in clauses
        ):
            yield Reason(sentence, WEAK)


ACCORDING = re.compile(
    r"^(?:according to (?P<first>[^,]+),\s*(?P<q1>.+?)|(?P<q2>.+?),?\s+according to\s+"
    r"(?P<last>[^,?]+?))\s*[?.!]*$",
    re.IGNORECASE,
)
"""A why-question held to what a speaker said: "why ..., according to the alliance's chief"."""


def according_to(question: str) -> tuple[str, str] | None:
    """The question without its "according to" and the speaker it names, or None."""
    m = ACCORDING.match(question.strip())
    if m is None:
        return None
    if m["first"]:
        return m["q1"], m["first"].strip()
    return m["q2"], m["last"].strip()
