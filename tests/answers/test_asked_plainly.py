"""The wrapper people put around a question in Slack goes; the question itself stays."""

from __future__ import annotations

import pytest

from cyberbrief.answers.asked_plainly import asked_plainly


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("can you tell me who the head of GCHQ is?", "who is the head of GCHQ"),
        ("do you know when Gary McKinnon was arrested", "when was Gary McKinnon arrested"),
        ("could you please tell me what ENISA does", "what does ENISA do"),
        (
            "i'd like to know what Jimmy Wales said about governments",
            "what did Jimmy Wales say about governments",
        ),
        ("hey, quick q: who is John Lyons?", "who is John Lyons"),
        ("who is the head of GCHQ, please", "who is the head of GCHQ"),
        ("i want to know which companies back the ICSPA", "which companies back the ICSPA"),
        ("explain why a cyber treaty is so hard", "why is a cyber treaty so hard"),
    ],
)
def test_the_wrapper_goes(typed: str, asked: str) -> None:
    assert asked_plainly(typed) == asked


@pytest.mark.parametrize(
    "typed",
    [
        "who is the head of GCHQ?",
        "tell me about the ICSPA",  # the request is the question: the card
        "who delivered Hillary Clinton's speech",
        "how many nations attended the London conference",
        "so",
    ],
)
def test_a_plain_question_is_left_as_typed(typed: str) -> None:
    assert asked_plainly(typed) == typed
