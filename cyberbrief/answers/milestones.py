"""When a process reached one of its steps: "what year did the London Process move on to
Korea", "when was the London Process due to reach Seoul".

An initiative's dated milestones ("2013-10-17: Continued at the Seoul Conference on Cyberspace
(Korea)") each state one step. A when-question about the initiative that names something
beyond it (a place, an event) is answered by the one milestone that says every such name;
its date leads. Without a name, every asked word must be said by it ("when was the London
Process launched"). Two milestones that fit, or none, answer nothing: the question is then
refused as before.
"""

from __future__ import annotations

import re

from cyberbrief.answers.relative_dates import day_text
from cyberbrief.answers.textsearch import STOPWORDS, stems, terms, words
from cyberbrief.knowledge.model import Answer, Line, Ref, Section, Status
from cyberbrief.knowledge.repository import Repository
from cyberbrief.knowledge.rows import Milestone

_CAPITALISED = re.compile(r"(?<!^)\b[A-Z][\w'’-]*")
"""A word written with a capital, not the question's first word: a name ("Korea")."""


def _says(text: str, asked: list[str]) -> bool:
    have = stems(text)
    return all(t.alternatives & have for w in asked for t in terms(w))


def step_asked(question: str, asked: list[str], steps: list[Milestone]) -> Milestone | None:
    """The one milestone that says every name among ``asked`` (the question's words beyond
    the initiative's own names), or every asked word when it names nothing."""
    capitalised = {w for m in _CAPITALISED.finditer(question) for w in words(m.group())}
    content = [w for w in asked if w not in STOPWORDS]
    names = [w for w in content if w in capitalised]
    wanted = names or content
    if not wanted:
        return None
    fitting = [m for m in steps if _says(m.text, wanted)]
    return fitting[0] if len(fitting) == 1 else None


def milestone_answer(
    repo: Repository, question: str, ref: Ref, asked: list[str], source_id: int | None
) -> Answer | None:
    """The answer to a when-question about initiative ``ref`` from its milestones, if one
    milestone is the step asked about (:func:`step_asked`)."""
    if ref.kind != "initiative":
        return None
    step = step_asked(question, asked, repo.milestones(ref.id))
    if step is None:
        return None
    cited = repo.citation(source_id)
    return Answer(
        Status.FOUND,
        question,
        ref.label,
        lead=f"{day_text(step.date)}: {ref.label}: {step.text}",
        sections=[Section("On record", [Line(f"{step.date}: {step.text}", cited, ref)])],
        citations=[cited] if cited is not None else [],
        subject=ref,
        related=[ref],
    )
