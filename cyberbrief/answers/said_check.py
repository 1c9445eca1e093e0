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

NamesIn = Callable[[str], list[Ref]]
NamesOf = Callable[[Ref], list[str]]


def _plain(text: str) -> str:
    text = fold(text).lower()
    months = [f" {_MONTHS[int(m[2]) - 1]} {m[1]}" for m in ISO_MONTH.finditer(text)]
    return text + "".join(months)


def _holds(text: str, names: list[str]) -> bool:
    return any(n and fold(n).lower() in text for n in names)


def said_as_asked(
    question: str,
    answer: Answer,
    names_in: NamesIn,
    names_of: NamesOf,
    speaker_of: NamesIn | None = None,
) -> Answer | None:
    """None when ``answer`` passes (or the question sets no speaker and constraint); else
    the refusal that replaces it. ``speaker_of`` finds the speaker a mistyped name means."""
    m = SAID.match(question.replace("’", "'"))
    if m is None or answer.status is not Status.FOUND:
        return None
    speakers = [r for r in names_in(m["who"]) if r.kind in ("person", "organisation")]
    if not speakers and speaker_of is not None:
        speakers = speaker_of(m["who"])
    rest = TOPIC.sub("", m["rest"])
    places = [r for r in names_in(rest) if r not in speakers]
    years = YEAR.findall(rest)
    months = [w.lower() for w in MONTH.findall(rest)]
    if not speakers:
        return None  # no one named to have said it: "what did the conference say"
    by_speaker: list[Line] = []
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
