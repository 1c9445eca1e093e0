"""Which one was meant: a name alone that several entries fit gets a menu of them; a question
about something several entries fit is asked back, with the entries as buttons, and never
answered about one of them picked by another path ("where was the cyberspace conference": the
London, Budapest and Seoul conferences are all on record)."""

from __future__ import annotations

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.knowledge.model import Status

ASKED_OF_SEVERAL = [
    "where was the cyberspace conference",
    "how long was the conference",
    "when was the conference on cyberspace",
    "how many days did the cyberspace conference last",
    "when did the conference start",
    "which city hosted the cyberspace conference",
    "when did the conference end",
]
NAMES_ALONE = ["london", "cyberspace conference", "the conference", "what is the conference"]


@pytest.mark.parametrize("question", ASKED_OF_SEVERAL)
def test_a_question_about_one_of_several_is_asked_back(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    text = render(answer)
    assert answer.status is Status.NOT_FOUND, text  # `cyberbrief ask` exits 1: not answered
    assert answer.title.startswith("Which “"), text
    assert len(answer.choices) >= 2, text  # the entries, as buttons in Slack
    listed = text.split("\n", 2)[1]
    assert all(ref.label in listed for ref in answer.choices), text


@pytest.mark.parametrize("question", NAMES_ALONE)
def test_a_name_alone_gets_the_menu(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.CHOICES, render(answer)
    assert len(answer.choices) >= 2


def test_a_question_naming_one_of_them_in_full_is_answered(answerer: Answerer) -> None:
    answer = answerer.answer("where was the seoul conference on cyberspace held")
    assert answer.status is Status.FOUND, render(answer)
    assert "Seoul" in render(answer).splitlines()[0]
