"""Classes of confident wrong answers and non-answers (issue 18), by kind, written from the
seed articles: a count made from an enumeration of something else (``count``), an answer
whose first line does not state what was asked (``lead``), what X said under a constraint
answered with records that do not report X's words (``said``), a figure of another entity
of the same kind (``figure``), "how many years" answered with something not a number of
years (``years``), a "which one did you mean?" menu for a question whose other words settle
it (``menu``), and refusals that echo an empty topic (``echo``).

Same table form as ``test_named_questions``: ``all``/``any`` must be in the answer and
``lead`` in its first line; a row of a no-answer kind must be refused; ``known_miss`` rows
are strict xfails, with the reason.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.knowledge.model import Status
from tests.question_tables import NO_ANSWER, question_rows


def _words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text.lower())


@pytest.mark.parametrize("case", question_rows("confident_wrong.jsonl"))
def test_no_confident_wrong_answer(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = answerer.answer(case["q"])
    text = render(answer)
    first = text.splitlines()[0]
    assert answer.status is not Status.CHOICES, text  # a whole question, never a menu
    assert not re.search(r"“\W*”", first), text  # never an empty topic echoed
    if case["cat"] in NO_ANSWER:
        assert answer.status is Status.NOT_FOUND, text
        if case["kind"] == "echo":  # says what was asked, as asked
            assert " ".join(_words(case["q"])) in " ".join(_words(first)), text
        return
    assert answer.status is Status.FOUND, text
    assert not first.rstrip().endswith("?"), text  # leads with an answer, not the question
    assert case.get("lead", "").lower() in first.lower(), text
    lowered = text.lower()
    assert all(w.lower() in lowered for w in case.get("all", [])), text
    wanted = case.get("any", [])
    assert not wanted or any(w.lower() in lowered for w in wanted), text
