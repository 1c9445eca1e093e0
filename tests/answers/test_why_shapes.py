"""Why-questions asked in other shapes ("how come", "what made", "what was the reason", "what
makes it so hard") are read as the why-questions they are (issue 18, why8): the same checks
hold them, and their answers lead with the reason."""

from __future__ import annotations

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.why_shapes import as_why


@pytest.mark.parametrize(
    ("asked", "why"),
    [
        ("how come Clinton didn't show up in London", "why didn't Clinton show up in London"),
        ("how come Neelie Kroes missed the conference", "why did Neelie Kroes miss the conference"),
        ("what made the minister push for a treaty", "why did the minister push for a treaty"),
        ("what was the reason APEC set up the programme", "why did APEC set up the programme"),
        ("what is the reason why the talks went nowhere", "why did the talks go nowhere"),
        ("for what reason did Fox call a conference", "why did Fox call a conference"),
        ("what makes it so hard to agree on norms", "why is it so hard to agree on norms"),
        (
            "what makes the problems of the cyber world so hard",
            "why are the problems of the cyber world so hard",
        ),
        ("what makes CERTs respond late", "why does CERTs respond late"),
    ],
)
def test_a_cause_asked_in_another_shape_is_asked_why(asked: str, why: str) -> None:
    assert as_why(asked) == why


@pytest.mark.parametrize(
    "asked",
    [
        "what makes up the ITU",
        "what is the reason for the delays",
        "what did Hague say about the conference",
        "how many nations came",
    ],
)
def test_other_questions_keep_their_shape(asked: str) -> None:
    assert as_why(asked) == asked


def test_a_what_makes_question_leads_with_the_reason(answerer: Answerer) -> None:
    answer = answerer.answer("what makes online security so unwieldy for nations to handle")
    assert answer.answered
    assert "different things to different people" in answer.title
