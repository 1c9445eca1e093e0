"""The kind a which-noun asks for, held to by the names an answer leads with.

"Which newspaper did Misha Glenny write for" asks for a newspaper: Dark Market, the book his
record names, is no answer, however well the record matches his name and "write". A name an
answer leads with answers a which-noun only when it is a thing of that kind: a stored entity
the noun fits (:func:`~cyberbrief.answers.described.fits`: its record kind, the head of its
name, role or description, "The Times: Newspaper in which ..."), or, for a name the store
holds no record of, one that a record shown calls by the noun (or a synonym) in the clause
that names it. The check is the same for every noun; nouns that ask for a place, a time or
a figure ("which city", "what year") are left to the checks of those kinds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cyberbrief.answers.constraints import refused
from cyberbrief.answers.described import KIND_NOUNS, PEOPLE_ONLY, PERSON_NOUNS, fits
from cyberbrief.answers.jobs import AUTHOR_OF, WORK
from cyberbrief.answers.leads import DESCRIBED
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.place_names import PLACES as PLACE_FORMS
from cyberbrief.answers.query import PLACE_NOUNS
from cyberbrief.answers.roles import role_nouns
from cyberbrief.answers.textsearch import STOPWORDS, stems, terms
from cyberbrief.answers.verify import (
    NAME,
    TYPE_WORDS,
    Expect,
    expected,
    unsaid,
)
from cyberbrief.knowledge.model import Answer, Status
from cyberbrief.knowledge.normalize import fold
from cyberbrief.knowledge.repository import Repository

WHICH_NOUN = re.compile(
    r"^\s*(?:(?:in|for|at|from|with|to|by|on|of) )?(?:which|what) (?P<words>[a-z][\w-]*"
    r"(?: [a-z][\w-]*){0,3})",
    re.IGNORECASE,
)
"""A question for a thing by its noun: "which newspaper did ...", "for which paper ..."."""
AUXILIARIES = frozenset(
    "is are was were be been do does did has have had will would can could should may might "
    "must".split()
)
GENERAL = frozenset(
    "one ones kind kinds sort type types way ways thing things part parts word words name "
    "names".split()
)
"""Nouns that ask for no kind of thing in particular ("which one", "what kind of ...")."""
PLACES = frozenset({*PLACE_NOUNS, "nation", "state", "region", "continent"})
"""Nouns for places: a place's name is checked by the checks for places."""
CHECKED = frozenset({"employer", "work", "job"})
"""Answers from a person's own record whose paths hold the noun themselves: an employer
the noun fits, the book their role or description says they are the author of, their job."""
POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
CLAUSE = re.compile(r"[;:.]\s|,\s(?:which|who|whose|and|but)\b|\s\(")
"""Where a clause of a record ends, for what it calls a name."""


def asked_noun(question: str) -> str:
    """The head noun a which/what question asks for ("newspaper"; "agency" in "which UN
    agency has ..."), or "" when it asks for no kind of thing (a place, a time, a figure,
    "what did ...")."""
    noun = _noun_written(question)
    single = _single(noun)
    if {noun, single} & (STOPWORDS | TYPE_WORDS | GENERAL | PERSON_NOUNS | PLACES):
        return ""
    return noun


def _single(noun: str) -> str:
    """The noun in the singular, as far as a plain "-s" / "-ies" says ("countries")."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun if noun.endswith(("ss", "us", "is", "news")) else noun.removesuffix("s")


def _noun_written(question: str) -> str:
    """The head noun of "which/what <noun> <verb> ...", whatever it names, or ""."""
    m = WHICH_NOUN.match(fold(question))
    if m is None:
        return ""
    said = m["words"].lower().split()
    # The noun phrase ends before its verb: an auxiliary ("which newspaper did"), else the
    # first word read as a verb after it ("which Cambridge professor talked").
    ends = [i for i, w in enumerate(said) if w in AUXILIARIES]
    ends = ends or [i for i, w in enumerate(said) if i and re.search(r"(ed|[^s]s)$", w)]
    if not ends or ends[0] == 0:
        return ""  # "what is ...", "what hinders ...": no noun asked for
    return said[ends[0] - 1]


def _of_kind(
    repo: Repository, kind: str, entity_id: int, noun: str, meaning: Meaning | None
) -> bool:
    """Whether a stored entity can be what ``noun`` asks for, by the store's record kinds:
    a noun for a person ("minister", "hacker") is a person; a noun that says only a kind
    ("organisation", "event") must fit it (:func:`fits`); any other noun ("agency",
    "newspaper") is a thing a record of an organisation, event or initiative may be, never
    a person."""
    if noun in PEOPLE_ONLY or role_nouns(noun):
        return kind == "person"
    if any(noun in nouns for nouns in KIND_NOUNS.values()):
        return fits(repo, kind, entity_id, noun, meaning)
    return kind != "person"


def leading_names(answer: Answer, question: str) -> list[str]:
    """The names an answer's first line gives that the question does not use (not the
    entity a description in it was taken to be: "(China's minister: Liang Guanglie)")."""
    line = DESCRIBED.sub("", answer.lead or answer.title)
    asked = stems(question)
    rest = line.replace(question.strip().rstrip("?"), " ")
    return [m.group() for m in NAME.finditer(rest) if not stems(m.group()) <= asked]


def _called(name: str, noun: str, texts: list[str]) -> bool:
    """Whether a record's clause that names ``name`` calls it by ``noun`` or a synonym."""
    wanted = {a for t in terms(noun) for a in t.alternatives} | stems(noun)
    for text in texts:
        for clause in CLAUSE.split(text):
            if name in clause and wanted & stems(clause.replace(name, " ")):
                return True
            # What someone is the author of is a written work ("author of Dark Market").
            authored = [m["title"] for m in AUTHOR_OF.finditer(clause)]
            if name in authored and WORK.fullmatch(noun):
                return True
    return False


def hold_to_kind(
    question: str,
    answer: Answer,
    repo: Repository,
    stored: Callable[[str], list[tuple[str, int]]],
    meaning: Meaning | None,
) -> Answer:
    """``answer`` unless every name it leads with is a thing of another kind than the
    which-noun asks for; then a refusal saying what is on record. ``stored``: the entities
    whose stored names a text writes."""
    noun = asked_noun(question)
    if answer.status is not Status.FOUND or not noun or answer.kind in CHECKED:
        return answer
    if expected(question) is not Expect.NAME:
        return answer  # "what share of PCs": a figure, checked as figures are
    names = leading_names(answer, question)
    if not names:
        return answer
    lines = [line for section in answer.sections for line in section.lines]
    texts = [line.text for line in lines]
    # What the question names, possessives too ("the ITU's members" names the ITU).
    named = set(stored(question)) | set(stored(POSSESSIVE.sub("", question)))
    leading = [e for e in stored(", ".join(names)) if e not in named]
    if any(_of_kind(repo, k, i, noun, meaning) for k, i in leading):
        return answer
    known = " ".join(n for k, i in leading for n in [repo.label(k, i), *repo.names(k, i)])
    unstored = [n for n in names if not stored(n) and n not in known]
    if any(_called(n, noun, texts) for n in unstored):
        return answer
    # A record shown may name one of the kind that the first line does not lead with.
    about = [r for r in [*answer.about, *answer.related] if (r.kind, r.id) not in named]
    if any(_of_kind(repo, r.kind, r.id, noun, meaning) for r in about if r.kind != "person"):
        return answer
    shown, one = ", ".join(dict.fromkeys(names)), _single(noun)
    return refusal(
        answer,
        f"No {one} on record answers that",
        (
            f"The closest records name {shown}, which they do not say is {_a(one)}: they "
            "do not answer a question for one."
        ),
    )


def refusal(answer: Answer, title: str, summary: str) -> Answer:
    """The refusal for a found answer that does not answer what was asked, about what the
    answer named and was about."""
    return refused(answer, title, summary, list(dict.fromkeys([*answer.entities(), *answer.about])))


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


OWNED = re.compile(
    r"^\s*what (?:is|was|are|were) (?:the )?(?P<owner>.+?)['’]s? (?P<noun>[a-z][\w-]*)\W*$",
    re.IGNORECASE,
)
"""A question for what something has: "what is Iain Lobban's salary", "what was Hillary
Clinton's mother's name" (the last noun is what is asked)."""


def attribute_asked(question: str) -> str:
    """The noun of what a question asks a named thing has or is ("name", "nationality"),
    or "" for another question."""
    m = OWNED.match(fold(question))
    if m is not None:
        return m["noun"].lower()
    said = WHICH_NOUN.match(fold(question))
    if said is None or not set(said["words"].lower().split()[1:3]) & AUXILIARIES:
        return ""  # "what lets hackers escape": no noun before an auxiliary
    return asked_noun(question)


def _echoes(question: str, answer: Answer) -> bool:
    """Whether an answer's first line is the question asked again and nothing more."""
    line = fold(answer.lead or answer.title).lower().strip().rstrip("?!. ")
    return bool(line) and line == fold(question).lower().strip().rstrip("?!. ")


def hold_to_attribute(question: str, answer: Answer, meaning: Meaning | None) -> Answer:
    """``answer`` unless it is a briefing under the question asked again whose first record
    does not say the attribute asked ("what nationality is Joanna Shields": her records say
    where she worked, not her nationality); then a refusal saying what is on record."""
    if answer.status is not Status.FOUND or not _echoes(question, answer):
        return answer
    noun = attribute_asked(question)
    lines = [line for section in answer.sections for line in section.lines]
    if not noun or not lines:
        return answer
    if not unsaid(lines[0].text, terms(noun), meaning):
        return answer  # its word, a synonym, or one close in meaning ("92-year-old": age)
    return refusal(
        answer,
        f"No {noun} on record answers that",
        f"The closest records do not say the {noun} asked for.",
    )


MEASURED = re.compile(
    r"\b(?:share|proportion|percentage|fraction|chance|risk|odds|likelihood|probability)s?"
    r"(?: is there)? (?:of|that) |\bhow (?:likely|probable) is it that ",
    re.IGNORECASE,
)
"""What introduces the thing a share or a chance is of: "what share of servers", "the chance
that a given phone ...", "how likely is it that my computer ..."."""
DETERMINERS = frozenset("a an the any my your our one some every each given single".split())


def measured_of(question: str) -> list[str]:
    """The words naming what a share or chance is asked of (up to three, after "a", "any",
    "given": "home computers", "phone"), or none for another question."""
    m = MEASURED.search(fold(question))
    if m is None:
        return []
    said = re.findall(r"[a-z][\w'’-]*", question[m.end() :].lower())
    while said and said[0] in DETERMINERS:
        said = said[1:]
    phrase: list[str] = []
    for w in said[:3]:
        if w in STOPWORDS or w in AUXILIARIES:
            break
        phrase.append(w)
    return phrase


def hold_to_measured(question: str, answer: Answer) -> Answer:
    """``answer`` unless its leading record does not say what the share or chance asked is
    of, in its words or a synonym (never a word merely close in meaning: a phone is not a
    computer): "the chance that a given phone is sending spam" is not answered by the one in
    20 risk of any given computer, nor "the share of servers" by 5% of PCs."""
    phrase = measured_of(question)
    lines = [line for section in answer.sections for line in section.lines]
    if answer.status is not Status.FOUND or not phrase or not lines:
        return answer
    first = stems(lines[0].text)
    if any(t.alternatives & first for w in phrase for t in terms(w)):
        return answer
    shown = " ".join(phrase)
    return refusal(
        answer,
        f"Nothing on record is of {shown}",
        f"The closest records hold figures of something else, not of {shown}.",
    )


COUNTRY_NOUNS = frozenset({"country", "nation"})


def hold_to_country(
    question: str,
    answer: Answer,
    repo: Repository,
    stored: Callable[[str], list[tuple[str, int]]],
) -> Answer:
    """``answer`` to "which countries ..." unless none of the names it leads with is a
    country: one named as a country is (a place word, "Canada"), and so is a stored entity
    one of whose names is ("UK Government": Britain); "which countries does APEC include" is
    not answered by the ITU and the UN, organisations a record lists beside APEC."""
    if answer.status is not Status.FOUND or _single(_noun_written(question)) not in COUNTRY_NOUNS:
        return answer
    names = leading_names(answer, question)
    lines = [line for section in answer.sections for line in section.lines]
    if not names or expected(question) is not Expect.NAME:
        return answer
    if lines and any(w.lower() in PLACE_FORMS for w in re.findall(r"[\w-]+", lines[0].text)):
        return answer  # the leading record names countries ("Russia and China ... culprits")
    for name in names:
        said = [name, *(n for k, i in stored(name) for n in [repo.label(k, i), *repo.names(k, i)])]
        if any(w.lower() in PLACE_FORMS for n in said for w in re.findall(r"[\w-]+", n)):
            return answer
    return refusal(
        answer,
        "No country on record answers that",
        f"The closest records name {', '.join(dict.fromkeys(names))}, which are not countries.",
    )
