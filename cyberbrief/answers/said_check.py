"""The final check of a "what did X say/write" answer under a constraint.

"what did Jimmy Wales write in the Times", "what did Liam Fox say at the London Conference",
"what did John Lyons say in 2011": the answer must be X's quote, or a record reporting X's
words, that meets every constraint the question sets after its verb (an entity it names: an
event, a newspaper, a programme; a year; a month). Another person's record that shares the
constraint, or the newspaper's or the event's own record, does not report X's words; X's
words elsewhere do not meet the constraint. Either is refused, saying what X said elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.textsearch import Term
from cyberbrief.answers.verify import asked_terms, unsaid
from cyberbrief.knowledge.model import Answer, Line, Ref, Section, Status
from cyberbrief.knowledge.normalize import fold

SAID = re.compile(
    r"^\s*what (did|has|have|does|do) (?P<who>.+?) (say|said|says|tell|told|write|wrote|"
    r"warn|warned|announce|announced|reveal|revealed)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
MONTH = re.compile(rf"\b({'|'.join(_MONTHS)})\b", re.IGNORECASE)
ISO_MONTH = re.compile(r"\b(1[89]\d\d|20\d\d)-([01]\d)(?:-[0-3]\d)?\b")
TOPIC = re.compile(r"\s+(about|on the subject of|regarding|concerning)\s+.*$", re.IGNORECASE)
"""What the words are about: checked by the quote paths (coverage of the topic), not here."""
SHOWN = 3
"""What the speaker said elsewhere, shown under a refusal."""
CLAUSE = re.compile(r";\s*|(?<=[.!?])\s+(?=[A-Z])")
"""Where a clause of a record ends: a semicolon or the end of a sentence."""

NamesIn = Callable[[str], list[Ref]]
NamesOf = Callable[[Ref], list[str]]


def _plain(text: str) -> str:
    text = fold(text).lower()
    months = [f" {_MONTHS[int(m[2]) - 1]} {m[1]}" for m in ISO_MONTH.finditer(text)]
    return text + "".join(months)


def _holds(text: str, names: list[str]) -> bool:
    return any(n and fold(n).lower() in text for n in names)


def _topic(rest: str, names: list[str]) -> list[Term]:
    """What the words asked for are about ("about Russia in the Times": Russia), without
    the names of the constraints it sets."""
    m = TOPIC.search(rest)
    return asked_terms(m.group().split(None, 1)[1], names) if m is not None else []


def _about_topic(
    line: str, topic: list[Term], names: list[str], meaning: Meaning | None, theirs: bool
) -> bool:
    """Whether a speaker's line says a word of the topic (its word, a synonym or one close
    in meaning) where it reports their words: the quote itself, or the clause of a record
    that names them (``theirs``: the line is under a heading naming the speaker, one of
    their quotes). A forum's record where Fox spoke and China's minister attended says
    nothing Fox said about China."""
    if not topic:
        return True
    quoted = theirs or line.lstrip().startswith(("“", '"'))
    clauses = [line] if quoted else CLAUSE.split(line)
    return any(
        len(unsaid(c, topic, meaning)) < len(topic)
        for c in clauses
        if quoted or _holds(fold(c).lower(), names)
    )


def said_as_asked(
    question: str,
    answer: Answer,
    names_in: NamesIn,
    names_of: NamesOf,
    speaker_of: NamesIn | None = None,
    meaning: Meaning | None = None,
) -> Answer | None:
    """None when ``answer`` passes (or the question sets no speaker and constraint); else
    the refusal that replaces it. ``speaker_of`` finds the speaker a mistyped name means;
    ``meaning`` tells a word of the topic said in other words."""
    m = SAID.match(question.replace("’", "'"))
    if m is None or answer.status is not Status.FOUND:
        return None
    speakers = [r for r in names_in(m["who"]) if r.kind in ("person", "organisation")]
    if not speakers and speaker_of is not None:
        speakers = speaker_of(m["who"])
    rest = TOPIC.sub("", m["rest"])
    places = [r for r in names_in(rest) if r not in speakers]
    constraint_names = [n for r in [*speakers, *places] for n in names_of(r)]
    topic = _topic(
        m["rest"], [*constraint_names, *(n for r in names_in(m["rest"]) for n in names_of(r))]
    )
    years = YEAR.findall(rest)
    months = [w.lower() for w in MONTH.findall(rest)]
    if not speakers:
        return None  # no one named to have said it: "what did the conference say"
    by_speaker: list[Line] = []
    speaker_names = [n for r in speakers for n in names_of(r)]
    for section in answer.sections:
        for line in section.lines:
            said = _plain(f"{section.heading} {line.text}")
            if not any(_holds(said, names_of(s)) for s in speakers):
                continue  # another person's record, or the event's or newspaper's own
            by_speaker.append(line)
            if (
                all(_holds(said, names_of(p)) for p in places)
                and all(y in said for y in years)
                and all(mo in said for mo in months)
                and _about_topic(
                    line.text,
                    topic,
                    speaker_names,
                    meaning,
                    any(_holds(_plain(section.heading), names_of(s)) for s in speakers),
                )
            ):
                if (answer.lead or answer.title).rstrip().endswith("?"):
                    answer.lead = line.text  # the words reported, not the question again
                return None
    who = " and ".join(s.label for s in speakers)
    asked = m["rest"].strip()
    return Answer(
        Status.NOT_FOUND,
        answer.query,
        f"Nothing {who} said {asked} is on record",
        summary=f"No quote by {who} {asked}, and no record reporting their words there, is "
        "on record" + ("; what they said elsewhere is below." if by_speaker else "."),
        sections=[Section("What is on record", by_speaker[:SHOWN])] if by_speaker else [],
        about=[*speakers, *places],
        kind=answer.kind,
    )
