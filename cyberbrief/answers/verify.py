"""Checking a candidate record against a question, instead of against a similarity score.

Question analysis gives the kind of answer expected (a date for "when", a figure for "how
many", a name for "who", a cause for "why", a report of speech for "what did X say") and
what the question asks beyond the names it uses. A record verifies when it holds an
expression of the expected kind and every word of what is asked (or a synonym); the
expression it holds is what the answer leads with ("2002: Gary McKinnon was arrested ...").
These checks are the same for every question of a kind: no threshold is tuned per question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from rapidfuzz.distance import OSA

from cyberbrief.answers.enumerations import enumeration
from cyberbrief.answers.expressions import (
    DATE,
    FIGURE,
    FREQUENCY,
    MONEY,
    NUMBER,
    NUMBER_WORDS,
    OFTEN,
    SPANS,
    asks_money,
    counted_noun,
    figure_value,
    holds_figure,
    in_name,
    meets,
    of_noun,
    one_of,
)
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.query import COUNT_QUESTION
from cyberbrief.answers.textsearch import STOPWORDS, Term, stems, terms, words
from cyberbrief.knowledge.normalize import fold

__all__ = ["DATE", "MONEY", "NUMBER", "asks_money", "counted_noun", "holds_figure"]
"""Expressions found in records live in :mod:`cyberbrief.answers.expressions`; these names
are kept importable from here."""


class Expect(Enum):
    """The kind of expression a question asks for."""

    DATE = "date"
    FIGURE = "figure"
    NAME = "name"  # who / which: a person, organisation or place named in the record
    REASON = "reason"
    SPEECH = "speech"  # what did X say: a record reporting X's words
    ACTION = "action"  # what should / could be done: a record saying what should be done
    ANY = "any"


EXPECTED_NOUN = {
    Expect.DATE: "date",
    Expect.FIGURE: "figure",
    Expect.NAME: "name that answers it",
    Expect.REASON: "reason",
    Expect.SPEECH: "report of what was said",
    Expect.ACTION: "recommendation",
    Expect.ANY: "answer",
}

SPEECH = re.compile(
    r"\b(said|says|say|saying|warned|warns|revealed|announced|argued|urged|told|added|called "
    r"for|claimed|stated|noted|wrote|cited|appeared to agree|insisted|stressed|declared|"
    r"explained|concluded|according to)\b",
    re.IGNORECASE,
)
"""A report of what someone said."""
REASON = re.compile(
    r"\b(because|since|due to|owing to|as a result|lacks?|lacking|fail\w*|barriers?|problems?|"
    r"disagree\w*|hinder\w*|hamper\w*|unlikely|difficult\w*|complicat\w*|obstacles?|"
    r"mistrust|incompatible)\b",
    re.IGNORECASE,
)
"""Words that give a cause or a difficulty: "why did the Budapest conference fail" is not
answered by where the conference was held, however close the two are in meaning. Cue words
for why-questions, as in answer-type work on why-QA."""
CAUSE = re.compile(
    rf"{REASON.pattern}|(,\s+so|\b(therefore|thus|hence|which is why|leads? to|led to|results? in|"
    r"resulted in|caus\w*|when|after|without|plagued))\b",
    re.IGNORECASE,
)
"""A cause or a consequence in a record: the cue words of :data:`REASON` and the connectives
that join a cause to what it explains ("overloaded with calls, so responses are delayed")."""
NAME = re.compile(r"\b[A-Z][\w'’-]*[A-Z0-9]\w*\b|\b[A-Z][a-z’'-]+(?!\w)(?: [A-Z][a-z’'-]+(?!\w))*")
"""A name in a record's text: a capitalised word or run of them, or an acronym (FBI); whole
words only ("Gary McKinnon" is no name "Gary Mc")."""

ADVICE = re.compile(
    r"\b(should|must|needs?|needed|would be|will require|requires?|required|could|has to|"
    r"have to|call(s|ed)? for|urg(e|es|ed)|path forward|focus(ing)? on|emphasis)\b",
    re.IGNORECASE,
)
"""What should, could or must be done, in a record: "all sides need to place a greater
emphasis on trust", "it will require significant effort", "CBMs could define off-limits
areas". A question for what to do is not answered by a record that only states a fact."""
_ACTION = re.compile(
    r"^(what|how) (should|could|can|must|might|would|will) .*\b(do|done|doing|help|helps)\b|"
    r"^what (is|are|was|were) (needed|required|necessary)\b|^what (would|could|might) help\b"
)
"""A question for what should or could be done ("what should be done while talks stall")."""

OPINION = re.compile(
    r"^why (do|does|did|would|should) .+? (think|believe|say|argue|feel|consider|call|"
    r"urge|warn|insist|suggest)\b",
    re.IGNORECASE,
)
"""A why-question about someone's view: what they said is their reason (not "why did Fox
want a conference": his announcing it gives no motive)."""
_WHEN = re.compile(
    r"^(when|since when|(what|which) (year|date|day|night|evening|morning|week|month|time)"
    r"('?s)?|(in|on|by|during) (what|which) (year|date|day|night|evening|morning|week|month))\b"
)
_WHY = re.compile(
    r"^(why|how come|for what reason|what (is|are|was|were) the (reasons?|causes?|problems?|"
    r"obstacles?|limitations?|limits|weaknesses|barriers?|difficult(y|ies)|drawbacks?))\b"
)
"""A question for a cause, or for the difficulties that explain something."""
_SAY = re.compile(r"^what (did|has|have|does|do) .+ (say|said|says|tell|told|write|wrote)\b")
_WHO = re.compile(
    r"^(who|whom|whose|which|what (person|people|organisation|organization|"
    r"company|companies|firms?|countries|nations|agency|body|group)|where|"
    r"in (which|what) (place|city|country|town|capital))\b"
)
TYPE_WORDS = frozenset(
    "year years date day month time when many much number amount figure place city country "
    "who whom whose which where why reason reasons what happen happened done".split()
)
"""Words that say which kind of answer is wanted, not what the record must be about."""
CONNECTIVES = frozenset("while whilst although though unless until whether".split())
"""Words that join a question's clauses ("what should be done while talks stall"): they say
how its parts relate, never what a record must contain."""
PARTICLES = frozenset("out up off down".split())
"""The particles of phrasal verbs ("read out", "pulled out", "set up"): the verb carries
what is asked; a record says "delivered", not "delivered out"."""


def expected(question: str) -> Expect:
    """The kind of expression ``question`` asks for."""
    text = re.sub(r"\s+", " ", fold(question).lower().replace("’", "'")).strip(" ?!.")
    text = re.sub(r"^(and|so|ok|please|tell me|can you tell me|do you know),? ", "", text)
    text = re.sub(r"^(for|over|during|within) (?=how )", "", text)  # "for how many days"
    if _WHEN.match(text):
        return Expect.DATE
    if COUNT_QUESTION.match(text):
        return Expect.FIGURE
    if _WHY.match(text):
        return Expect.REASON
    if _SAY.match(text):
        return Expect.SPEECH
    if _ACTION.match(text):
        return Expect.ACTION
    if _WHO.match(text):
        return Expect.NAME
    return Expect.ANY


_WHO_DID = re.compile(r"^who (?!(?:is|was|are|were|'s|else is)\b)[a-z]")
"""A who-question whose verb is not "to be" ("who replaced X", "who did X meet")."""


def asks_for_another(question: str) -> bool:
    """Whether ``question`` asks who did something to or with the person it names, whose
    answer is therefore someone else: "who took over from Hague" is never Hague, while "who
    is Hague" and "who was Cisco's representative" are answered by the one named."""
    text = re.sub(r"\s+", " ", fold(question).lower().replace("’", "'")).strip(" ?!.")
    text = re.sub(r"^(and|so|ok|please|tell me|can you tell me|do you know),? ", "", text)
    return bool(_WHO_DID.match(text))


@dataclass(frozen=True)
class Verdict:
    """A record that verified, and the expression it answers with."""

    expression: str
    clause: str
    """The part of the record (up to a semicolon) holding the expression."""


def asked_terms(question: str, names: list[str]) -> list[Term]:
    """What ``question`` asks beyond the names it uses and the words naming the kind of
    answer: "arrested" in "when was Gary McKinnon arrested"."""
    named = stems(" ".join(names))
    name_words = {w for n in names for w in words(n) if len(w) >= NAME_TYPO_LENGTH}
    return [
        t
        for t in terms(question)
        if t.word not in TYPE_WORDS | PARTICLES | CONNECTIVES
        and not (t.alternatives & named)
        and not _misspelt_name(t.word, name_words)
    ]


NAME_TYPO_LENGTH = 5
"""Words this long or longer can be a name's word typed with one slip ("hilary" for
"Hillary"); shorter ones are too easily another word."""


def _misspelt_name(word: str, name_words: set[str]) -> bool:
    """Whether ``word`` is a word of a name the question uses, typed with one letter wrong,
    missing, added or two swapped: the name matcher found the entity by it, so no record
    need say it ("when did hilary clinton cancel her trip")."""
    if len(word) < NAME_TYPO_LENGTH:
        return False
    return any(OSA.distance(word, n, score_cutoff=1) <= 1 for n in name_words)


BRIDGE = 0.3
"""Cosine of two words' WordLlama vectors at which a question's word counts as said by a
record's word in other words. Unrelated words sit near 0.1; near synonyms and derived forms
reach it ("sick"/"ill" 0.61, "global"/"international" 0.59, "official"/"minister" 0.3),
verbs that only share a topic do not ("gave"/"delivered" 0.2, "first"/"delivered" 0.05)."""


APPROXIMATE = frozenset("almost nearly about around roughly approximately some over under".split())
"""Words that make a figure approximate ("almost two hundred" is met by 193)."""


def figures_said(text: str, asked: list[Term]) -> set[str]:
    """The words of an approximate figure asked ("almost", "two", "hundred") when ``text``
    holds a figure within :data:`~cyberbrief.answers.expressions.CLOSE` of it: a derived
    form of the same amount."""
    asked_words = [t.word for t in asked]
    if not APPROXIMATE & set(asked_words):
        return set()
    parts = [w for w in asked_words if w in NUMBER_WORDS or w[:1].isdigit()]
    wanted = figure_value(" ".join(parts))
    if not wanted:
        return set()
    held = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]
    if not meets(wanted, True, held):
        return set()
    return {*parts, *(APPROXIMATE & set(asked_words))}


def unsaid(text: str, asked: list[Term], meaning: Meaning | None = None) -> list[Term]:
    """What is asked that ``text`` does not say: not its word, a synonym or a derived form
    (an approximate figure met by a close one), nor (with ``meaning``) a word of the record
    close to it in meaning (:data:`BRIDGE`)."""
    have = stems(text)
    figures = figures_said(text, asked)
    missing = [t for t in asked if not (t.alternatives & have) and t.word not in figures]
    if meaning is None or not missing:
        return missing
    among = sorted({w for w in words(text) if w not in STOPWORDS and len(w) > 2})
    close = meaning.close_words([t.word for t in missing], among, BRIDGE)
    return [t for t in missing if t.word not in close]


def says_most(text: str, asked: list[Term], meaning: Meaning | None = None) -> bool:
    """Whether ``text`` says more than half of what is asked (each word, a synonym, or with
    ``meaning`` a word close in meaning): a record found by meaning alone must still share
    most of the question's predicate, so "who replaced Lobban" is not answered by a record
    about Lobban that replaces nobody. Words close in meaning only add to what the record
    says in the question's own words: it must share one at least ("members" is no figure of
    the OSCE's however close a record's "organisations" is to it)."""
    literal = unsaid(text, asked)
    if len(literal) == len(asked):
        return False
    return len(unsaid(text, asked, meaning)) * 2 < len(asked)


def _clause_with(text: str, start: int) -> str:
    """The semicolon-separated part of ``text`` that holds position ``start``."""
    begin = text.rfind(";", 0, start) + 1
    end = text.find(";", start)
    return text[begin : end if end >= 0 else len(text)].strip()


def _nearest(matches: list[re.Match[str]], text: str, asked: list[Term]) -> re.Match[str]:
    """The expression closest to where the record says what was asked."""
    spots = [
        m.start()
        for m in re.finditer(r"[\w'’-]+", text)
        if any(t.alternatives & stems(m.group()) for t in asked)
    ]
    if not spots:
        return matches[0]

    def said_beside(m: re.Match[str]) -> int:
        """How many asked words the expression's own clause says: "often in the hands of
        private sector companies", not "often conflicting national imperatives"."""
        clause = stems(_clause_with(text, m.start()))
        return sum(1 for t in asked if t.alternatives & clause)

    return min(matches, key=lambda m: (-said_beside(m), min(abs(m.start() - s) for s in spots)))


def _said_by(text: str, verb: re.Match[str], speakers: list[str]) -> bool:
    """Whether a speaker is who the speech verb is attributed to: named before it in the
    same clause ("Neil Thompson, director of ..., revealed"), or just after ("said Lyons")."""
    begin = max(text.rfind(";", 0, verb.start()), text.rfind(". ", 0, verb.start())) + 1
    before = fold(text[begin : verb.start()]).lower()
    after = fold(text[verb.end() : verb.end() + 40]).lower()
    names = [fold(s).lower() for s in speakers if s]
    return any(n in before or after.lstrip(" ,").startswith(n) for n in names)


def other_names(text: str, question: str) -> list[str]:
    """Names written in ``text`` (not as its first word) that the question does not use."""
    asked = stems(question)
    return [
        m.group() for m in NAME.finditer(text) if m.start() > 0 and not stems(m.group()) <= asked
    ]


def verify(
    text: str,
    expect: Expect,
    asked: list[Term],
    own_names: list[str],
    money: bool = False,
    counted: str = "",
) -> Verdict | None:
    """Whether a record's ``text`` answers a question expecting ``expect`` and asking
    ``asked``; ``own_names`` are the question's own entities (never the answer to it);
    ``money``: a figure must be an amount of money (:func:`asks_money`); ``counted``: what a
    "how many" question counts (:func:`counted_noun`): the figure of that noun answers, or a
    count of the things the record lists when it gives no figure."""
    have = stems(text)
    if any(not (t.alternatives & have) for t in asked):
        return None  # it does not say what is asked
    if expect in (Expect.DATE, Expect.FIGURE) and any(only_unreal(text, t, asked) for t in asked):
        return None  # "awaited news of whether he would be extradited": no date of it
    return expression_in(text, expect, asked, own_names, money, counted)


UNREAL = frozenset("whether would due planned hoped may might could if".split())
"""Words that make what follows them not (yet) a fact: a record that says only "he awaited
news of whether he would be extradited", or "she had been due to attend", holds no date or
figure of the extradition or the attendance. Not "not": a record's negation is often what was
said ("governments must not use cyber security as an excuse")."""
UNREAL_REACH = 6
"""How many words before an asked word such a word reaches: a clause's length, enough for
"whether or not he’ll be extradited" (four words between)."""


def only_unreal(text: str, term: Term, asked: list[Term]) -> bool:
    """Whether every place ``text`` says ``term`` is made unreal by a word of :data:`UNREAL`
    just before it, one the question does not use itself ("would" in "when would ...")."""
    asked_words = {t.word for t in asked}
    places = []
    for clause in _CLAUSE_BREAK.split(text.lower()):
        tokens = re.findall(r"[\w'’-]+", clause)
        places += [
            tokens[max(0, i - UNREAL_REACH) : i]
            for i, w in enumerate(tokens)
            if term.alternatives & stems(w)
        ]
    if not places:
        return False
    return all(any(w in UNREAL and w not in asked_words for w in before) for before in places)


_CLAUSE_BREAK = re.compile(r"[;:]|,?\s+but\s+|,\s+(?:and|while|yet)\s+")
"""Where an unreal word stops reaching: "she had been due to attend, but cancelled the trip
on Monday night" states the cancellation."""


def expression_in(
    text: str,
    expect: Expect,
    asked: list[Term],
    own_names: list[str],
    money: bool = False,
    counted: str = "",
) -> Verdict | None:
    """The expression of the kind ``expect`` in ``text`` nearest to where it says what is
    ``asked`` (see :func:`verify`), whether or not it says all of it."""
    if expect is Expect.DATE:
        # "as of 2012" dates what was known, not what happened.
        found = [m for m in DATE.finditer(text) if not text[: m.start()].endswith("as of ")]
    elif expect is Expect.FIGURE and counted == OFTEN:
        found = list(FREQUENCY.finditer(text))  # a rate; a count says nothing of how often
    elif expect is Expect.FIGURE:
        found = [
            m
            for m in FIGURE.finditer(text)
            if NUMBER.search(m.group()) and not in_name(text, m) and not one_of(text, m)
        ]
        if money:
            found = [m for m in found if MONEY.search(text[m.start() : m.end() + 12])]
        found = [m for m in found if of_noun(text, m, counted)] or found
        if not found and counted and counted not in SPANS and not money:
            listed = enumeration(text, {a for t in asked for a in t.alternatives})
            if listed is not None:
                clause = _clause_with(text, text.find(listed.items[-1]))
                return Verdict(listed.counted(), clause)
    elif expect is Expect.REASON:
        found = list(CAUSE.finditer(text))
    elif expect is Expect.SPEECH:
        found = [m for m in SPEECH.finditer(text) if _said_by(text, m, own_names)]
    elif expect is Expect.ACTION:
        found = list(ADVICE.finditer(text))
    elif expect is Expect.NAME:
        own = stems(" ".join(own_names))
        found = [
            m
            for m in NAME.finditer(text)
            if m.start() > 0
            and not (stems(m.group()) <= own)
            and m.group().lower() not in ("the", "a", "an")
        ]
    else:
        found = [m for m in re.finditer(r"\S.*", text)]
    if not found:
        return None
    best = _nearest(found, text, asked)
    return Verdict(best.group().strip(), _clause_with(text, best.start()))
