"""Understanding what was asked: ``/cyber TEXT`` to an intent and its subject.

The grammar is small and forgiving: a leading command word picks the intent, question
phrasing ("who is", "what's", "tell me about") is dropped, and anything else is a search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from cyberbrief.knowledge.normalize import fold

PLACE_NOUNS = ("place", "city", "country", "town", "capital")
"""Nouns that ask for a place ("in which city was ...")."""


class Intent(Enum):
    HELP = "help"
    LOOKUP = "lookup"  # who/what is X, or bare X
    QUOTES = "quotes"  # quotes by or about X
    WHO_SAID = "who_said"  # who said PHRASE
    FACTS = "facts"  # facts about X, or a question about figures
    EVENTS = "events"  # upcoming then recent events
    EVENT = "event"  # one event
    INITIATIVES = "initiatives"
    INITIATIVE = "initiative"
    ATTRIBUTE = "attribute"  # X's budget, head of X, where was EVENT held, how long was EVENT
    EXPLAIN = "explain"  # why/what/how: a short cited briefing


@dataclass(frozen=True)
class Query:
    intent: Intent
    subject: str
    text: str
    topic: str = ""
    """For quotes: what they should be about ("what did Gates say about rules of the road")."""
    attribute: str = ""
    """For ATTRIBUTE: what of the subject was asked ("budget", "location", "head")."""


_RULES: list[tuple[Intent, re.Pattern[str]]] = [
    (Intent.HELP, re.compile(r"^(help|\?|usage|commands|how do i use this)$")),
    (
        Intent.EVENTS,
        re.compile(
            r"^(list |show |all |upcoming |next |recent |future |past )?(events|conferences|"
            r"summits|meetings)( coming up| upcoming| soon)?$|^what'?s( is)? (coming up|on|"
            r"happening|next)$"
        ),
    ),
    (
        Intent.EVENTS,
        re.compile(
            r"^(what (happened|happens|is happening|was held|took place|is on)|(list |show )?"
            r"(events|conferences|summits|meetings)( held| taking place)?) in (?P<s>.+)$"
        ),
    ),
    (Intent.INITIATIVES, re.compile(r"^(list |show |all )?(initiatives|programmes|programs)$")),
    (
        Intent.WHO_SAID,
        re.compile(
            r"^(who (said|says|say|stated|wrote|warned|argued|called for|talked about|"
            r"spoke about|mentioned)|which \w+ said|who is quoted (as )?saying)\s+(?P<s>.+)$"
        ),
    ),
    (
        Intent.QUOTES,
        re.compile(
            r"^(quotes?|quotations?|statements?|sayings?)( (by|from|of|about|on))?\s+(?P<s>.+)$|"
            r"^what (did|has|have|does) (?P<s2>.+?) (say|said|says)( (about|on) (?P<t>.+))?$"
        ),
    ),
    (
        Intent.FACTS,
        re.compile(
            r"^(facts?|figures?|stats?|statistics|numbers?|data)( (about|on|for|of))?\s+(?P<s>.+)$"
        ),
    ),
    (Intent.EVENT, re.compile(r"^(event|conference|summit)\s+(?P<s>.+)$")),
    (Intent.INITIATIVE, re.compile(r"^(initiative|programme|program)\s+(?P<s>.+)$")),
]

_HOW_MUCH = (
    r"how (many|much|often|frequently|big|large|long|old)|"
    r"what (percentage|percent|proportion|share|fraction|number|amount)|"
    r"(what('?s| is| are| was| were) the )?((annual|yearly|total|"
    r"estimated|overall|average|global|worldwide|monthly|daily) )?(cost|costs|price|number|size|"
    r"scale|value|amount|share|percentage) of"
)
COUNT_QUESTION = re.compile(rf"^({_HOW_MUCH})\b")
"""Questions only a figure answers ("how many members does NATO have")."""
_FACT_QUESTION = re.compile(
    rf"^({_HOW_MUCH}|when (did|was|were|is|will|does)|"
    r"where (did|was|were|is|will|does)|in what year|which year|which countries|"
    r"what (countries|nations|companies))\b"
)
_LEAD = re.compile(
    r"^(please |hey |ok |so )?(can you )?(tell me (about|who|what)( is| are)?|"
    r"(who|what|which)( exactly)?( is| are| was| were|'s|'re| s)|whos|whats|"
    r"info(rmation)? (on|about)|define|explain|describe|search( for)?|find|look ?up|"
    r"show( me)?|about|lookup)\s+"
)
_ARTICLE = re.compile(r"^(the|a|an)\s+")
_DOES = re.compile(
    r"^(what|who) (does|do|did) (?P<s>.+?) (do|does|mean|stand for|represent|work on|want)$|"
    r"^(what|who) (is|are|was|were) (?P<s2>.+?)'?s? (role|job|purpose|mission|mandate)$"
)
_FACT_LEAD = re.compile(
    r"^(how (many|much|often|big|large|long|old|important|powerful)|what (percentage|percent|"
    r"proportion|share|fraction|number|amount|size)( of)?)( \w+)?? (is|are|was|were|does|do|"
    r"did|has|have)\s+"
)
_ROLE_VERB = re.compile(
    r"^who (?P<v>runs|leads|heads|directs|chairs|manages|is in charge of|is running|is leading|"
    r"ran|led|headed|directed|chaired|managed|was in charge of|was running|was leading|"
    r"founded|started|created|set up) (?P<s>.+)$"
)
_FOUNDING_VERBS = {"founded", "started", "created", "set up"}
DATE_NOUNS = r"(?:year|date|day|night|evening|morning|afternoon|week|month|season)"
"""The nouns that ask for a time, from a year down to a part of a day ("in which season",
"on what night"): one list for every stage that reads a question for a date."""
_WHEN_WHERE = re.compile(
    rf"^(?P<w>(by )?when|where|what (date|day|time|place|city|country|year)|"
    rf"(in |on |during )?(what|which) {DATE_NOUNS}|(between|from) (what|which) (dates|days|years)|"
    r"in (what|which) (place|city|country|town|capital)) "
    r"(is|was|are|were|will|does|did)"
    r"( be)? (?P<s>.+?)( (be )?(held|taking place|take place|happen|happening|start|starting|"
    r"begin|beginning|launched|founded|formed|created|set up|located|based|speak|spoke|"
    r"talk|meet|end|finish|open|close|run))?$"
)
_DAY_OPENED = re.compile(
    rf"^(?P<w>(on |in )?(what|which) {DATE_NOUNS}) (is|was|are|were|will|does|did) (?P<s>.+?) "
    r"(open|close|start|begin|end|finish)$"
)
"""The day something opened or closed ("which day did the London conference open"): a date
of the thing itself; not "on what day did the head of GCHQ warn ...", a date of what he did."""
_HOW_LONG = re.compile(
    r"^how long (is|was|will|did|does) (?P<s>.+?)( (last|run|take|go on|be|going to last)"
    r"( for)?)?$"
)
_HOW_MANY_DAYS = re.compile(
    r"^(for |over )?how many days (is|was|were|will|did|does) (?P<s>.+?) (be )?(last|run|"
    r"take|go on|held|take place|taking place|going to last)( in [\w -]+)?$"
)
"""How long an event lasted, in days ("for how many days did WCIT-12 run in Dubai")."""
_POSSESSIVE = re.compile(
    r"^(?P<w>who|what|how much|how big)( exactly)?( is| are| was| were|'s| s) (the )?"
    r"(?P<s>[^']+?)'s? (?P<a>[^']+)$"
)
_EXPLAIN = re.compile(
    r"^(why|how come|for what reason|what (is|are) the reasons?)\b|"
    r"^what (holds|held|is holding|are holding) back\b|"
    r"^what (hinders|hampers|prevents|stops|blocks|slows|limits|drives|causes|worries|"
    r"concerns|explains|makes|motivates|threatens|undermines)\b|"
    r"^what (is|are) (?P<s>.+) (for|about)$|"
    r"^how (do|does|did|can|could|should|would|will|is|are)\b"
)
_PLACE_WORDS = {"where", "what place", "what city", "what country"} | {
    f"in {which} {noun}" for which in ("what", "which") for noun in PLACE_NOUNS
}
_HOSTED = re.compile(
    r"^(which|what) (city|country|place|town|capital) (hosted|held|staged|saw) (?P<s>.+)$"
)
"""Where something was held, asked as which place hosted it."""


_NOW = re.compile(
    r"\s*,?\s*\b(currently|presently|right now|now|today|nowadays|these days|at present|"
    r"at the moment)\b(?=\s|$)"
)
"""Words that ask about the present: dropped from the subject, since every answer says when
what it states was last on record ("As of 1 Nov 2011: Iain Lobban")."""


def _clean(text: str) -> str:
    text = fold(text).strip()
    text = re.sub(r"[\s?!.]+$", "", text)
    text = text.replace("’", "'")
    text = re.sub(r"\s+", " ", text)
    return _NOW.sub("", text).strip() or text


def strip_question(text: str) -> str:
    """Drop leading question words and articles: "who is the ITU?" -> "itu"."""
    text = _clean(text)
    previous = None
    while previous != text:
        previous = text
        text = _LEAD.sub("", text)
        text = _ARTICLE.sub("", text)
    return text.strip(" '\"“”")


def parse(text: str) -> Query:
    """The intent and subject of ``/cyber`` text; never fails."""
    cleaned = _clean(text)
    if not cleaned:
        return Query(Intent.HELP, "", text)
    for intent, pattern in _RULES:
        m = pattern.match(cleaned)
        if m:
            groups = m.groupdict()
            subject = groups.get("s") or groups.get("s2") or ""
            if intent in (Intent.WHO_SAID,):
                return Query(intent, subject.strip(" '\"“”"), text)
            topic = (groups.get("t") or "").strip(" '\"“”")
            return Query(intent, strip_question(subject), text, topic)
    m = _DOES.match(cleaned)
    if m:
        return Query(Intent.LOOKUP, strip_question(m["s"] or m["s2"]), text)
    m = _ROLE_VERB.match(cleaned)
    if m:
        role = "founder" if m["v"] in _FOUNDING_VERBS else "head"
        return Query(Intent.LOOKUP, f"{role} of {strip_question(m['s'])}", text)
    m = _WHEN_WHERE.match(cleaned) or _DAY_OPENED.match(cleaned)
    if m:
        what = "location" if m["w"] in _PLACE_WORDS else "date"
        return Query(Intent.ATTRIBUTE, strip_question(m["s"]), text, attribute=what)
    m = _HOSTED.match(cleaned)
    if m:
        return Query(Intent.ATTRIBUTE, strip_question(m["s"]), text, attribute="location")
    m = _HOW_LONG.match(cleaned) or _HOW_MANY_DAYS.match(cleaned)
    if m:
        return Query(Intent.ATTRIBUTE, strip_question(m["s"]), text, attribute="duration")
    if _EXPLAIN.match(cleaned) and not _FACT_QUESTION.match(cleaned):
        return Query(Intent.EXPLAIN, cleaned, text)
    m = _POSSESSIVE.match(cleaned)
    if m and not _FACT_QUESTION.match(cleaned):
        attribute = m["a"].strip()
        if m["w"] == "who":
            attribute = f"who:{attribute}"
        return Query(Intent.ATTRIBUTE, strip_question(m["s"]), text, attribute=attribute)
    if _FACT_QUESTION.match(cleaned):
        return Query(Intent.FACTS, cleaned, text, attribute="question")
    return Query(Intent.LOOKUP, strip_question(cleaned), text)


def fact_subject(text: str) -> str:
    """What a figures question is about: "how big is the ITU" -> "itu"."""
    return strip_question(_FACT_LEAD.sub("", _clean(text)))
