"""A date a fact's own words do not give, taken from the article's sentence the fact was
written from ("cancelled the trip on Monday night"): only from the clause of that sentence
that says everything asked, so the date of one happening is never given for another told in
the same sentence ("... on Monday night after her mother fell ill": no date of the illness).
"""

from __future__ import annotations

import datetime as dt
import re

from cyberbrief.answers.query import DATE_NOUNS
from cyberbrief.answers.textsearch import Term, stems
from cyberbrief.answers.verify import SPEECH, Expect, Verdict, verify
from cyberbrief.knowledge.model import Citation
from cyberbrief.knowledge.timeline import human_date

CLAUSES = re.compile(r"[;:]|\s+(?:after|before|because|until|while|when|as|since|that)\s+")
"""Where a clause of an article's sentence ends and another, about another happening, starts:
a date in one is not a date of the other ("but" joins two things one subject did)."""
_SAID_THAT = re.compile(rf"{SPEECH.pattern}\s+that\s+$", re.IGNORECASE)
"""What someone is reported to have said ("Fox announced that London will host a conference
later this year") dates the thing said, never the saying: such a clause gives no date."""


_NAME_WORD = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]*")
"""A capitalised word that does not open a sentence: part of a name ("London", "Conference")."""


def scene_terms(fact: str, asked: list[Term]) -> list[Term]:
    """The terms of ``asked`` that ``fact`` says as part of a name: where and at what it
    happened ("her trip to the London Conference"). The fact was written from the article's
    sentence, so the sentence's clause need not name the place again ("cancelled the trip on
    Monday night"); what happened it must still say."""
    named = stems(" ".join(_NAME_WORD.findall(fact)))
    return [t for t in asked if t.alternatives & named]


def dated_by_support(
    support: str,
    asked: list[Term],
    own: list[str],
    money: bool,
    counted: str,
    fact: str = "",
) -> Verdict | None:
    """The date in the one clause of ``support`` that says every term of ``asked`` (see
    :func:`~cyberbrief.answers.verify.verify`) but those the ``fact`` written from it names
    (:func:`scene_terms`), and is not what someone is reported to have said, or None."""
    scene = scene_terms(fact, asked)
    if len(scene) < len(asked):  # the clause must still say what happened
        asked = [t for t in asked if t not in scene]
    breaks = list(CLAUSES.finditer(support))
    starts = [0, *(m.end() for m in breaks)]
    ends = [*(m.start() for m in breaks), len(support)]
    for start, end in zip(starts, ends, strict=True):
        if _SAID_THAT.search(support[:start]):
            continue  # what was said, after "announced that"
        verdict = verify(support[start:end], Expect.DATE, asked, own, money, counted)
        if verdict is not None:
            return verdict
    return None


_SAYING = (
    r"say|tell|announce|warn|claim|write|state|declare|add|reveal|argue|urge|insist|stress|"
    r"predict|promise|talk|speak|describe|comment|mention|explain|critici[sz]e|admit|suggest|"
    r"accuse|complain|deny|acknowledge|note|single|call|name"
)
_ASKING_WHEN = rf"(?:(?:by )?when|(?:(?:on|in|during) )?(?:what|which) {DATE_NOUNS})"
"""The words that ask for a time: "when", "on what day", "which night", "in what month"."""
_WHEN_SAID = re.compile(
    rf"^{_ASKING_WHEN} (?:did|does|do|was|were|has|have|had) .+?\b(?:{_SAYING})s?\b",
    re.IGNORECASE,
)
_WHEN_SAID_VERB = re.compile(rf"(?:{_SAYING})s?", re.IGNORECASE)
"""A question of when someone spoke: every verb of saying, asked in its base form."""


def reported_on(fact: str, citation: Citation | None, asked: list[Term]) -> Verdict | None:
    """For "when did X warn about Y": a fact that reports X saying it ("..., Iain Lobban
    warned") and holds no date of the saying is dated by the report that tells it, said as
    such ("reported 1 Nov 2011 (BBC News)"), never by a date inside what was said.
    The question's verb of saying need not be the record's ("talk about" / "warned")."""
    if citation is None or citation.background or not SPEECH.search(fact):
        return None
    day = citation.date or ""
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", day):
        return None  # a report dated only by its year may tell what was said months before
    have = stems(fact)
    said = without_saying(asked)
    if not said or any(not (t.alternatives & have) for t in said):
        return None
    by = f" ({citation.publisher})" if citation.publisher else ""
    return Verdict(f"reported {human_date(day)}{by}", fact)


def quote_reported_on(quote: str, citation: Citation | None, asked: list[Term]) -> Verdict | None:
    """For "when did X say Y": X's undated quote that says every word of Y (``asked``, the
    verb of saying left out: a quote is the saying itself) is dated by the report that
    tells it, said as such ("reported 1 Nov 2011 (BBC News)"), when the report is dated to
    a day (a report dated by its year may tell what was said months before)."""
    if citation is None or citation.background:
        return None
    day = citation.date or ""
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", day):
        return None
    if not says_all(quote, asked):
        return None
    by = f" ({citation.publisher})" if citation.publisher else ""
    return Verdict(f"reported {human_date(day)}{by}", quote)


def says_all(text: str, asked: list[Term]) -> bool:
    """Whether ``text`` says every word asked (its word or a synonym), and something is."""
    have = stems(text)
    return bool(asked) and all(t.alternatives & have for t in asked)


def event_days(starts: str, ends: str | None, reported: str | None = None) -> str | None:
    """The days an event ran, "3–5 Jun 2011" or "1 Nov 2011", to date what was said at it;
    None unless its first day is on record (an event known by its year dates nothing said at
    it to the day), or when the report telling it is dated one of those days (``reported``:
    that day says more precisely when, see :func:`quote_reported_on`)."""
    day = r"\d{4}-\d\d-\d\d"
    if not re.fullmatch(day, starts):
        return None
    if reported and re.fullmatch(day, reported) and starts <= reported <= (ends or starts):
        return None
    if not ends or ends == starts or not re.fullmatch(day, ends):
        return human_date(starts)
    if ends[:7] == starts[:7]:
        return f"{int(starts[8:])}–{human_date(ends)}"
    return f"{human_date(starts)} – {human_date(ends)}"


NEGATION = re.compile(r"\b(?:not|no|never|nor|fail|fails|failed)\b|n['’]t\b", re.IGNORECASE)
OPPOSED = re.compile(rf"{NEGATION.pattern}|\bagainst\b", re.IGNORECASE)
"""A question's own negation: "not", or what it is "against" ("warn against using it")."""
NEGATION_REACH = 2
"""Words after a negation it reaches: "is not cybercriminals", "not the biggest"."""


def said_otherwise(text: str, asked: list[Term], question: str = "") -> bool:
    """Whether ``text`` says a word asked only right after a negation the question does not
    make itself: "the biggest threat to the internet is not cybercriminals" does not say
    that cybercriminals are, so it dates no such saying; "governments must not use cyber
    security as an excuse" says what "when did he say governments must not use it" asks."""
    for term in asked:
        if _only_negated(question, term, OPPOSED):
            continue  # the question says it negated too ("warn against using")
        if _only_negated(text, term):
            return True
    return False


def _only_negated(text: str, term: Term, negation: re.Pattern[str] | None = None) -> bool:
    """Whether ``text`` says ``term``, and only right after a negation (``negation``)."""
    places = [m for m in re.finditer(r"[\w'’-]+", text) if term.alternatives & stems(m.group())]
    return bool(places) and all(_negated(text[: m.start()], negation) for m in places)


def _negated(before: str, negation: re.Pattern[str] | None = None) -> bool:
    """Whether the last few words of ``before`` hold a negation."""
    tail = re.findall(r"[\w'’-]+", before)[-NEGATION_REACH:]
    return bool((negation or NEGATION).search(" ".join(tail)))


DAY_ASKED = re.compile(r"^\s*(?:on |in )?(?:what|which) (?:day|night|evening|morning)\b", re.I)
"""A question for a day of the week as well as a date ("on which day did she say it")."""
HUMAN_DAY = re.compile(r"^(\d{1,2}) (\w{3}) (\d{4})$")


def on_weekday(lead: str, question: str) -> str:
    """``lead`` ("31 Oct 2011") with its day of the week ("Monday 31 Oct 2011") when the
    question asks which day, as an article says it ("On Monday, ..."); else as it is."""
    m = HUMAN_DAY.match(lead)
    if m is None or not DAY_ASKED.match(question):
        return lead
    day = dt.datetime.strptime(lead, "%d %b %Y")
    return f"{day.strftime('%A')} {lead}"


_DAY_SAID = re.compile(
    r"\b\d{1,2} [A-Z][a-z]{2}\b|\b\d{4}-\d\d-\d\d\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.IGNORECASE,
)


def dated_enough(lead: str, question: str) -> bool:
    """Whether a date lead says a date in the calendar, to the day when the question asks
    which day: "31 Oct 2011" does, "The day before" (a date relative to something the
    record does not date) does not, nor "2011" for "on what day"."""
    if DAY_ASKED.match(question):
        return bool(_DAY_SAID.search(lead))
    return bool(re.search(r"\d", lead))


_SAYING_BASE = re.compile(rf"(?:{_SAYING})", re.IGNORECASE)


def is_saying_verb(word: str) -> bool:
    """Whether ``word`` is a verb of saying in its base form ("say", "warn"), as a question
    asks it after "did": never part of a description before it."""
    return bool(_SAYING_BASE.fullmatch(word))


def without_saying(asked: list[Term]) -> list[Term]:
    """``asked`` without the question's verb of saying: a quote is the saying itself, so
    "when did Wales speak" is dated by his quote, which never says "speak"."""
    return [t for t in asked if not _WHEN_SAID_VERB.fullmatch(t.word)]


def asks_when_said(question: str) -> bool:
    """Whether a question asks when something was said ("when did Fox announce that London
    would host a conference"), not when the thing said happens."""
    return bool(_WHEN_SAID.match(question.strip()))


def in_words_said(question: str, span: str) -> bool:
    """Whether ``span`` stands in what a when-said question says was said ("when did Hague
    say we are all linked by the connections of THE NETWORKED WORLD"): words of the saying,
    not a description of an entity to resolve first."""
    m = _WHEN_SAID.match(question.strip())
    if m is None:
        return False
    after = question.strip()[m.end() :].split()
    if not after or after[0].lower() in _TOLD_AT:
        return False  # "speak at the forum in Singapore": where, not what was said
    at = question.strip().lower().find(span.lower(), m.end())
    return at >= 0 and len(question.strip()[m.end() : at].split()) >= 1


_TOLD_AT = frozenset("at in to with before on during from about of for by".split())
"""Words after a verb of saying that say where, to whom or on what it was said."""


def in_reported(text: str, expression: str) -> bool:
    """Whether ``expression`` stands in ``text`` only inside what someone is reported to have
    said ("Fox said that London will host a conference later this year")."""
    at = text.find(expression)
    if at < 0:
        return False
    sentence = max(text.rfind(". ", 0, at), text.rfind("; ", 0, at), 0)
    ends = [i for i in (text.find(". ", at), text.find("; ", at)) if i >= 0]
    after = text[at : min(ends, default=len(text))]
    return bool(_SAID_THAT_IN.search(text[sentence:at]) or _SAID_AFTER.search(after))


_SAID_THAT_IN = re.compile(rf"{SPEECH.pattern}\s+that\b", re.IGNORECASE)
_SAID_AFTER = re.compile(
    rf",\s+(?:[A-Z][\w'’.-]*\s+){{1,5}}{SPEECH.pattern}\.?\s*$|\baccording to\b", re.IGNORECASE
)
"""The attribution after what was said ("..., Iain Lobban warned"): the whole clause before
it is what was said."""
