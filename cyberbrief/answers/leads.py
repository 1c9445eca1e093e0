"""The final check every answer passes: its first line states what was asked.

An answer to a who/which/where, when or how-many question leads with an expression of the
asked kind: a name the question does not already use (a place, from an event's location
field, for "where"), a date, a figure (of years for "how many years"; not a span of time
for a count of things). An answer whose first line only asks the question again, or names
what the question named, states nothing the user asked for, however close its records are:
it is refused instead, saying what is on record. The same check for every question of a
kind, whichever path produced the answer.
"""

from __future__ import annotations

import re

from cyberbrief.answers import roles
from cyberbrief.answers.described import PEOPLE_ONLY, PERSON_NOUNS
from cyberbrief.answers.enumerations import COUNT_WORDS
from cyberbrief.answers.expressions import (
    FIGURE,
    FREQUENCY,
    MONEY,
    NUMBER,
    OFTEN,
    SPANS,
    counted_noun,
    in_units_asked,
    units_asked,
)
from cyberbrief.answers.lead_verbs import (
    leads_about_asked,
    names_only,
    names_over_quote,
    speaker_named,
    verb_said,
)
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.query import Query
from cyberbrief.answers.textsearch import STOPWORDS, stems, terms, words
from cyberbrief.answers.verify import (
    DATE,
    EXPECTED_NOUN,
    NAME,
    TYPE_WORDS,
    Expect,
    expected,
)
from cyberbrief.knowledge.model import Answer, Line, Section, Status
from cyberbrief.knowledge.normalize import fold

IDENTITY = re.compile(
    r"^(who|what)( exactly)? (is|are|was|were|'s|'re) (?!(the )?(one|ones|person|people)\b)"
    r"(?!\w+ (by|to|for|with|from|in|at|on|as|after|behind)\b)",
    re.IGNORECASE,
)
""""who is Robert Gates", "what was the London Agenda": a question for what a named thing
is, answered by its card, whose first line is its name. Not "who was blamed for ..."."""
SHOWN = 3
PLACE_FIELD = re.compile(r"^Where: \w")
"""The first line of an answer giving a record's location field ("Where: Budapest."), which
states the place even when the question names it too ("where was the Budapest Conference")."""
PLACE_ASKED = re.compile(
    r"^(in |at )?(what|which) (place|city|country|town|capital)\b", re.IGNORECASE
)
"""A question for a place by its noun ("in which city was ...", "which country hosted ...")."""
THING_ASKED = re.compile(
    r"^(in |at |for |by |with )?(what|which) (conference|summit|forum|meeting|event|gathering|"
    r"organi[sz]ation|agency|body|company|firm|group|alliance|institute|think tank|department|"
    r"office|union|team|survey|report|book|programme|program|initiative|treaty)s?\b",
    re.IGNORECASE,
)
"""A question for a thing by its noun ("which conference was held ...", "which think tank
published ..."): like a place, never answered by a person's name."""
DESCRIBED = re.compile(r"\s\((?=[A-Z][^:()]*: ).*\)$")
"""The end of a two-step answer's first line: "(The group that ...: APEC)"."""
"""Lines of what is on record shown under a refusal."""
REASON_WORDS = 3
"""Content words a why-answer's first line says beyond the question: a reason is a clause."""


def _plain(text: str) -> str:
    text = fold(text).lower().replace("’", "'")
    return re.sub(r"\s+", " ", re.sub(r"[^\w' -]+", " ", text)).strip()


def first_line(answer: Answer) -> str:
    """What the user reads first: the lead, else the title."""
    return answer.lead or answer.title


def beyond_question(line: str, question: str) -> str:
    """The first line without the question asked again in it."""
    asked = _plain(question)
    said = _plain(line)
    return said.replace(asked, " ") if len(asked) > 3 else said


def _names_beyond(line: str, question: str) -> list[str]:
    """Names in ``line`` not written in the question (compared word by word)."""
    asked = set(_plain(question).split())
    rest = line
    if len(_plain(question)) > 3:
        rest = re.sub(re.escape(question.strip().rstrip("?")), " ", rest, flags=re.IGNORECASE)
    return [
        m.group()
        for m in NAME.finditer(rest)
        if not set(_plain(m.group()).split()) <= asked and _plain(m.group())
    ]


def _figure_of_asked(line: str, question: str) -> bool:
    """A figure in ``line`` of the kind asked: for "how many years", a number of years that
    is no sum of money nor an age; for a count of things, a figure that is no span of time."""
    noun = counted_noun(question)
    listed = re.match(rf"^\s*({'|'.join(COUNT_WORDS)}|\d+): ", line)
    if noun not in SPANS and listed:
        if not re.search(rf"(?<![\w.,]){re.escape(listed[1])}(?![\w])", line[listed.end() :]):
            return True  # "six: McAfee, Trend Micro, ...": a count of the things listed
        line = line[listed.end() :]  # "21: ... 21 nations": the figure in its own words
    for m in FIGURE.finditer(line):
        if not NUMBER.search(m.group()):
            continue
        after = " ".join(re.findall(r"[\w'’-]+", line[m.end() : m.end() + 20])[:2]).lower()
        said = f"{m.group()} {after}".lower()
        span = bool(re.search(r"\b(years?|days?|months?|weeks?|hours?|minutes?)\b", said))
        age = "-year-old" in m.group().lower() or re.match(r"(years? old|-year-old)", after)
        if noun in SPANS:
            if noun.rstrip("s") in said and not MONEY.search(m.group()) and not age:
                return True
            continue
        if noun and span and noun.rstrip("s") not in said:
            continue  # "six years" counts no crocodiles
        if noun and not span and _counts_other(line[m.end() : m.end() + 40], noun):
            continue  # "21 nations" counts no companies
        return True
    return False


RELATIONAL = frozenset(
    "member members participant participants attendee attendees delegate delegates "
    "delegation delegations signatory signatories party parties partner partners "
    "representative representatives".split()
)
"""Nouns that count whoever fills a place in a group or at an event ("how many members does
APEC have"): a figure of nations, firms or people can fill it, so none contradicts it."""


def _counts_other(after: str, noun: str) -> bool:
    """Whether the words after a figure count another kind of thing than ``noun`` (what a
    "how many" question counts): a plural noun that is neither it nor a synonym ("21
    nations" for "how many companies are members of APEC"). A figure followed by no plural
    noun, or asked of a place in a group (:data:`RELATIONAL`), contradicts nothing."""
    if noun in RELATIONAL:
        return False
    wanted = {a for t in terms(noun) for a in t.alternatives} | stems(noun)
    following = re.findall(r"[A-Za-z][\w'’-]*", after)[:3]
    if wanted & stems(" ".join(following)):
        return False
    return any(
        len(w) > 3
        and w.lower().endswith("s")
        and not w.lower().endswith("ss")
        and w.lower() not in STOPWORDS
        for w in following
    )


WHICH = re.compile(r"^\s*(?:which|what)\s+(?P<rest>.*)$", re.IGNORECASE)
AUXILIARIES = frozenset("did does do is was are were has have had will can could would".split())
WHICH_NOUN_WORDS = 3
"""How far after "which" its noun is looked for ("which Cisco VP", "which UK government
minister"): a role noun further on belongs to the rest of the question."""


def which_person_noun(question: str) -> str:
    """The role or person noun a which/what question asks for a person by ("which Cisco VP":
    vp, "what minister"), or ""; none when the noun is owned ("which firm's vice-president":
    the firm is asked) or comes after an auxiliary ("what did the minister say")."""
    match = WHICH.match(question)
    if match is None:
        return ""
    for token in match["rest"].split()[:WHICH_NOUN_WORDS]:
        if token.endswith(("'s", "’s", "s'")):
            return ""
        word = re.sub(r"[^\w-]", "", token.lower())
        if word in AUXILIARIES:
            return ""
        if word in PERSON_NOUNS or word in PEOPLE_ONLY or roles.role_nouns(word):
            return word
    return ""


def person_asked(question: str) -> bool:
    """Whether a which/what question asks for a person by a role or person noun."""
    return bool(which_person_noun(question))


def _who_of_a_thing(question: str, answer: Answer) -> bool:
    """Whether a "who is/was ..." question is answered with the card of an event or an
    initiative: what it asks is a person or an organisation, never the conference its words
    name ("who was the Cisco exec at the London conference")."""
    subject = answer.subject
    if not question.strip().lower().startswith("who") or subject is None:
        return False
    if subject.kind not in ("event", "initiative"):
        return False
    # "who is the London Process" asks for nothing but the thing's name: its card says it.
    names = " ".join([subject.label, *(v for k, v in answer.fields if k == "Also known as")])
    asked = [t for t in terms(IDENTITY.sub("", question.strip().rstrip("?!. "))) if not t.name]
    have = stems(names)
    return any(not t.alternatives & have for t in asked)


def states_asked(question: str, answer: Answer, meaning: Meaning | None = None) -> bool:
    """Whether a found answer's first line states what ``question`` asks for; ``meaning``
    tells a record's word close to the question's verb (see :func:`verb_said`)."""
    if answer.status is not Status.FOUND:
        return True
    expect = expected(question)
    line = first_line(answer)
    rest = beyond_question(line, question)
    if expect is Expect.DATE:
        if not (DATE.search(rest) and re.search(r"\d|[a-z]{3}", rest)):
            return False
        return _day_given(line, question) and _date_of_asked(line, question)
    if expect is Expect.FIGURE:
        if counted_noun(question) == OFTEN:
            return bool(FREQUENCY.search(rest))  # how often: a rate, as a record says it
        if re.match(r"^\s*((for|over) )?how (big|large|old|long)\b", question.lower()):
            return True  # sizes and lengths are said in many ways
        checked = DESCRIBED.sub("", line)  # which entity a description meant: said after
        if any(units_asked(question)) and not any(
            in_units_asked(m.group(), question) for m in FIGURE.finditer(checked)
        ):
            return False  # "in pounds", "how many billion": a sum in that unit answers
        own = [r.label for r in answer.entities()]
        return _figure_of_asked(line, question) and figure_of_named(checked, question, own)
    if expect in (Expect.REASON, Expect.ACTION) and not rest.strip():
        return leads_about_asked(question, answer, meaning)
    if expect is Expect.NAME:
        if IDENTITY.match(question.strip()) and _who_of_a_thing(question, answer):
            return False  # "who was the Cisco exec at <the conference>": no event is a who
        if IDENTITY.match(question.strip()) or PLACE_FIELD.match(line):
            return True  # what a thing is; a place from the record's location field
        beyond = _names_beyond(line, question)
        if (
            beyond
            and (
                names_only(line, question)
                or speaker_named(line, question, answer)
                or names_over_quote(line)
            )
            and not verb_said(question, answer, meaning)
        ):
            return False  # names from a record that does not say what they did
        if person_asked(question):
            # "which Cisco VP came to the conference": a person, never the event's own card.
            persons = [set(words(r.label)) for r in answer.entities() if r.kind == "person"]
            return any(set(words(n)) <= person for n in beyond for person in persons)
        if PLACE_ASKED.match(question.strip()) or THING_ASKED.match(question.strip()):
            # "in which city was the forum ...", "which conference was held the year after
            # ...": a person's name is never a place, an event or an organisation.
            people = {_plain(r.label) for r in answer.entities() if r.kind == "person"}
            beyond = [n for n in beyond if _plain(n) not in people]
        return bool(beyond)
    if expect is Expect.REASON:
        # A why-question's answer leads with the reason; its question asked again states
        # nothing ("Why do crooks slip through the net?" above a loosely related record).
        said = [w for w in words(DESCRIBED.sub("", rest)) if w not in STOPWORDS]
        return len(said) >= REASON_WORDS
    return True


DAY_ASKED = re.compile(r"^(on |in )?(what|which) (day|date|night|evening|morning)\b", re.I)
"""A question for a day ("which day did the conference open", "what night did she cancel"),
not for a year or a month."""
DAY_SAID = re.compile(
    r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}\b|"
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.I,
)
"""A date precise to the day: "2011-11-01", "1 Nov 2011", "November 1", "Monday"."""
DATE_LEAD = re.compile(r"^(?P<date>[^:]*?\d[^:]*?)(?:\s\([^)]*\))?: (?P<clause>.+)$")
"""A first line that leads with a date and then the record's words that hold it: "31 Oct
2011 (“The day before”): The day before the London Conference ..., GCHQ warned ..."."""


def _day_given(line: str, question: str) -> bool:
    """For a question for a day, whether the first line's date names one: "When: 2012." (the
    year of an event) does not say which day it opened."""
    lead = DATE_LEAD.match(line)
    if MONTH_ASKED.match(question.strip()):
        # "in which month was the ICSPA launched": "When: 2011." says no month.
        return bool(MONTH_SAID.search(lead["date"] if lead else line))
    if not DAY_ASKED.match(question.strip()):
        return True
    return bool(DAY_SAID.search(lead["date"] if lead else line))


MONTH_ASKED = re.compile(r"^(in |during )?(what|which) month\b", re.I)
MONTH_SAID = re.compile(
    r"\b\d{4}-\d\d\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I
)
"""A date precise to the month: "2011-06", "June 2011", "1 Nov 2011"."""


OCCURRED = re.compile(
    r"\b(open|opened|opens|start|started|starts|begin|began|begins|commenced?|end|ended|ends|"
    r"close|closed|closes|finish|finished|conclude|concluded)\b",
    re.I,
)
"""Verbs that say an event opened or closed: a date of such a verb is the event's own (its
card's first or last day), or a record's that says that verb of it. Not "take place" or
"held": what took place is often a record's own noun ("the arrest", "the conference")."""


def _date_of_asked(line: str, question: str) -> bool:
    """Whether a date that leads with a record's words is a date of what the question asks,
    when it asks when an event opened or closed: those words say that verb, not
    only name the event. "The day before the London Conference on Cyberspace, GCHQ warned
    ..." dates GCHQ's warning, not the day the conference opened or ended. A card's own
    date field ("Opened: ...", "When: ...") is its event's."""
    lead = DATE_LEAD.match(line)
    if lead is None:
        return True
    said = stems(lead["clause"])
    return all(stems(m.group()) & said for m in OCCURRED.finditer(question))


def refused_for_lead(question: str, answer: Answer) -> Answer:
    """The refusal for a found answer that does not state what was asked: the closest
    records are shown as what is on record."""
    noun = EXPECTED_NOUN[expected(question)]
    known: list[Line] = [line for s in answer.sections for line in s.lines][:SHOWN]
    asked = question.strip().rstrip("?")
    return Answer(
        Status.NOT_FOUND,
        answer.query,
        f"Nothing on record answers “{asked}”",
        summary=f"No record found states the {noun} asked for"
        + ("; the closest are below." if known else "."),
        sections=[Section("What is on record", known)] if known else [],
        about=answer.entities(),
        kind=answer.kind,
    )


QUESTION_WORDS = frozenset(
    "who whom whose what whats which where when why how is are was were".split()
)


def names_something(query: Query) -> bool:
    """Whether a question names anything to look up: a word of its subject (or, without one,
    of the question) that is not a pronoun, a function word or a word asking for the kind of
    answer ("where was it held", "what did she say about it", "who is -" name nothing)."""
    said = words(query.subject or query.text)
    return any(w not in STOPWORDS | TYPE_WORDS | QUESTION_WORDS for w in said)


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘])|;\s*")


def figure_of_named(text: str, question: str, own: list[str]) -> bool:
    """Whether a record's figure is of what the question names: a name the question uses
    that the record writes (as a name) must be in a sentence that holds a figure, unless it
    is a name of what the record is about. "how many nations took part in the conference in
    Hungary" is not answered by the London conference's 60 nations, though its record says,
    a sentence later, that the London Process "continued in Hungary"."""
    named = {w for m in NAME.finditer(text) for w in words(m.group())}
    mine = {w for n in own for w in words(n)}
    asked = [w for w in words(question) if w in named and w not in mine | STOPWORDS]
    if not asked:
        return True
    held = [set(words(s)) for s in _SENTENCE.split(text) if NUMBER.search(s)]
    return not held or any(all(w in s for w in asked) for s in held)
