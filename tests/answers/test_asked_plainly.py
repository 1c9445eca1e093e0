"""The wrapper people put around a question in Slack goes; the question itself stays."""

from __future__ import annotations

import pytest

from cyberbrief.answers.asked_plainly import (
    asked_plainly,
    context_and_question,
    uncontracted,
    unfronted,
)


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


@pytest.mark.parametrize(
    ("typed", "context", "question"),
    [
        ("The ICSPA. Who runs it?", "The ICSPA", "Who runs it?"),
        (
            "for my report: when was McKinnon arrested?",
            "for my report",
            "when was McKinnon arrested?",
        ),
        ("briefing note - who is Lobban", "briefing note", "who is Lobban"),
    ],
)
def test_a_scene_set_before_the_question_is_told_apart(
    typed: str, context: str, question: str
) -> None:
    assert context_and_question(typed) == (context, question)


@pytest.mark.parametrize(
    "typed",
    [
        "who is the head of GCHQ?",
        "what did Hague say. about treaties",
        "Who is Hague? What did he say?",
    ],
)
def test_one_question_has_no_scene(typed: str) -> None:
    assert context_and_question(typed) is None


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("In 2011, who was head of GCHQ?", "who was head of GCHQ In 2011?"),
        (
            "according to the BBC, how many nations attended",
            "how many nations attended according to the BBC",
        ),
        ("who was head of GCHQ in 2011?", "who was head of GCHQ in 2011?"),
        ("Hague, who is he", "Hague, who is he"),
    ],
)
def test_a_phrase_in_front_is_read_behind(typed: str, asked: str) -> None:
    assert unfronted(typed) == asked


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("who's Iain Lobban", "who is Iain Lobban"),
        ("who’s the head of GCHQ?", "who is the head of GCHQ?"),
        ("who's said cyber crime is growing", "who has said cyber crime is growing"),
        ("who's warned of disturbing levels", "who has warned of disturbing levels"),
        ("what're the Bogor goals", "what are the Bogor goals"),
        ("hey, where's the forum held", "hey, where is the forum held"),
        ("was it Lobban's warning", "was it Lobban's warning"),
    ],
)
def test_a_question_words_contraction_is_written_out(typed: str, written: str) -> None:
    """ "who's X" was read as a who-did question with no verb, and refused; a possessive
    ("Lobban's") is no contraction."""
    assert uncontracted(typed) == written
