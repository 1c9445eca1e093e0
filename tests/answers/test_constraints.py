"""A year in the question is a constraint the answer must hold: a record of another year
is refused, saying what is on record; a record of that year still answers."""

from __future__ import annotations

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.constraints import ranked, years
from cyberbrief.answers.kinds_asked import measured_of
from cyberbrief.answers.plaintext import render
from cyberbrief.knowledge.model import Status


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("how many nations attended the London Conference on Cyberspace in 2019", "60 nations"),
        ("what was agreed at the 2025 London conference on cyberspace", "London"),
        ("how many member states did the ITU have in 2022", "193"),
    ],
)
def test_a_year_the_record_does_not_hold_is_refused_saying_what_is_on_record(
    answerer: Answerer, question: str, said: str
) -> None:
    answer = answerer.answer(question)
    text = render(answer)
    assert answer.status is Status.NOT_FOUND, text
    assert said.lower() in text.lower()
    assert "not 20" in text  # names the year asked about that the record is not of


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("what happened in Hungary in 2012", "London Process"),
        ("Korea 2013 cyber conference", "London"),
        ("what did the 2011 Symantec survey find", "114"),
    ],
)
def test_a_year_the_record_holds_still_answers(
    answerer: Answerer, question: str, said: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND, render(answer)
    assert said.lower() in render(answer).lower()


def test_years_are_years_not_amounts_or_figures() -> None:
    assert years("the 2025 London summit, £2000m, 1994 goals, 193 states, 2011-11-01") == {
        "2025",
        "1994",
        "2011",
    }


@pytest.mark.parametrize(
    "question",
    [
        "who currently runs GCHQ",
        "who is the head of GCHQ today",
        "who is the foreign secretary now",
    ],
)
def test_now_asks_for_the_holder_on_record_and_says_as_of_when(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND, render(answer)
    assert answer.lead and answer.lead.startswith("As of")


@pytest.mark.parametrize(
    ("question", "ranks"),
    [
        ("what was the last conference of the London Process", ["last"]),
        ("who gave the conference's first speech", ["first"]),
        ("what is the most common kind of cybercrime", ["most"]),
        ("which was the largest company to back the ICSPA", ["largest"]),
        ("how long did the London conference last", []),  # a verb, not a rank
        ("what did Hague say last year", []),  # a time
        ("do most attacks come from abroad", []),  # "the greater part", not a ranking
        ("why might the countries with the most cyber power regret it", []),  # a premise
    ],
)
def test_a_ranking_is_read_only_where_the_question_ranks(question: str, ranks: list[str]) -> None:
    assert [word for word, _ in ranked(question)] == ranks


@pytest.mark.parametrize(
    ("question", "of"),
    [
        ("what is the chance that a given phone is sending spam", ["phone"]),
        ("what share of home computers have nasty software on them", ["home", "computers"]),
        ("how likely is it that my pc is sending junk mail", ["pc"]),
        ("how many nations attended", []),
    ],
)
def test_what_a_share_or_chance_is_of(question: str, of: list[str]) -> None:
    assert measured_of(question) == of


@pytest.mark.parametrize(
    "question",
    [
        "what is the chance that a given phone is sending spam",
        "who did GCHQ warn about the disturbing levels of cyberattacks",
        "what was the last conference of the London Process",
    ],
)
def test_a_record_that_does_not_say_what_is_asked_of_it_is_refused(
    answerer: Answerer, question: str
) -> None:
    """A computer's risk is no phone's; GCHQ's warning names no one warned; three meetings of
    the London Process on record say none was the last."""
    answer = answerer.answer(question)
    assert answer.status is Status.NOT_FOUND, render(answer)
    assert "What is on record" in render(answer)  # what the closest records say instead
