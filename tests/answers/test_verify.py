"""The verification stage: a record answers when it holds the kind of thing asked, about the
entity named, and says what is asked; the answer leads with what was asked."""

from __future__ import annotations

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.answers.textsearch import terms
from cyberbrief.answers.verify import Expect, expected, verify
from cyberbrief.knowledge.model import Status


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("when was Gary McKinnon arrested", Expect.DATE),
        ("in what year were the Bogor goals set", Expect.DATE),
        ("how many members does APEC have", Expect.FIGURE),
        ("why are CERT responses delayed", Expect.REASON),
        ("what did Neil Thompson say", Expect.SPEECH),
        ("who asked for McKinnon's arrest", Expect.NAME),
        ("tell me about ENISA", Expect.ANY),
    ],
)
def test_the_kind_of_answer_a_question_expects(question: str, kind: Expect) -> None:
    assert expected(question) is kind


def test_a_date_verifies_only_next_to_what_is_asked() -> None:
    text = "He was arrested in 2002 in London and, as of 2012, still awaited extradition."
    verdict = verify(text, Expect.DATE, terms("arrested"), ["Gary McKinnon"])
    assert verdict is not None and verdict.expression == "2002"
    assert verify(text, Expect.DATE, terms("convicted"), ["Gary McKinnon"]) is None
    assert verify("He was arrested in London.", Expect.DATE, terms("arrested"), []) is None


def test_speech_is_verified_only_when_attributed_to_the_speaker() -> None:
    text = "In June Liam Fox and Robert Gates said cooperation mattered; Liang Guanglie attended."
    assert verify(text, Expect.SPEECH, [], ["Liang Guanglie"]) is None
    assert verify(text, Expect.SPEECH, [], ["Robert Gates"]) is not None


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("when was Gary McKinnon arrested", "2002"),
        ("when were APEC's Bogor goals set", "1994"),
        ("when did APEC create the Shanghai Declaration Program of Action", "2002"),
    ],
)
def test_a_date_stated_in_a_record_answers_and_leads(
    answerer: Answerer, question: str, lead: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND, render(answer)
    assert render(answer).startswith(lead)  # the first line a user reads
    assert answer.all_citations()


@pytest.mark.parametrize(
    "question",
    ["what did Liang Guanglie say", "what did Neelie Kroes say", "what is Europol's budget"],
)
def test_a_record_that_does_not_say_what_is_asked_is_refused(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.NOT_FOUND, render(answer)
    assert answer.entities()  # says what it knows the question is about


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("who delivered Clinton's speech", "Joe Biden"),
        ("when was Gary McKinnon arrested", "Gary McKinnon"),
        ("who convened the conference that Hillary Clinton was due to attend", "William Hague"),
    ],
)
def test_the_entity_that_answers_comes_first_in_what_the_answer_is_about(
    answerer: Answerer, question: str, first: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND, render(answer)
    assert answer.entities()[0].label == first


def test_a_word_close_in_meaning_says_what_is_asked_only_beside_the_questions_own() -> None:
    """Word-level meaning bridges "sick" to "ill", but a record sharing none of what is
    asked in the question's own words does not say it, however close its words are."""
    from cyberbrief.answers.meaning import Meaning
    from cyberbrief.answers.verify import says_most, unsaid

    meaning = Meaning()
    asked = terms("her mother was sick")
    record = "She cancelled the trip when her 92-year-old mother fell ill"
    assert [t.word for t in unsaid(record, asked)] == ["sick"]
    assert unsaid(record, asked, meaning) == []
    assert says_most(record, asked, meaning)
    assert not says_most(record, asked)  # mother alone is not more than half
    assert not says_most("The trip was cancelled because of an illness", asked, meaning)


def test_an_approximate_figure_is_said_by_a_close_one_and_only_by_it() -> None:
    from cyberbrief.answers.verify import unsaid

    asked = terms("almost two hundred member countries")
    assert unsaid("193 UN member states", asked) == []  # states: a synonym of countries
    assert [t.word for t in unsaid("150 UN member states", asked)] == ["almost", "two", "hundred"]


def test_a_phrasal_verbs_particle_is_not_asked() -> None:
    from cyberbrief.answers.verify import asked_terms

    assert [t.word for t in asked_terms("who read out Clinton's speech", [])] == [
        "read",
        "clinton",
        "speech",
    ]
