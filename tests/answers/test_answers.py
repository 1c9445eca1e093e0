"""Answering questions from a small store: matching, grammar and honesty about misses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.knowledge.model import Status
from tests.helpers import FakeClock, mini_store


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    db = mini_store(Path(tmp_path_factory.mktemp("answers")) / "k.db")
    return Answerer(db, today=lambda: dt.date(2026, 11, 24))


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("who is ICSPA", "International Cyber Security Protection Alliance (ICSPA)"),
        ("who is the icspa?", "International Cyber Security Protection Alliance (ICSPA)"),
        ("What's GCHQ", "Government Communications Headquarters (GCHQ)"),
        ("tell me about the foreign office", "Foreign and Commonwealth Office (FCO)"),
        ("who is wiliam hauge", "William Hague"),
        ("hague", "William Hague"),
        ("who is Lobban", "Iain Lobban"),
        ("international telecomunication union", "International Telecommunication Union (ITU)"),
        ("event london conference", "London Conference on Cyberspace"),
        ("initiative london agenda", "London Agenda"),
    ],
)
def test_names_acronyms_aliases_typos_and_partial_names(
    answerer: Answerer, question: str, title: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND
    assert answer.title == title
    assert answer.all_citations(), "every answer cites its source"


@pytest.mark.parametrize(
    "question",
    [
        "who is Batman",
        "who is Darth Vader",
        "zzzz yyyy",
        "what is the weather in Paris",
        "ITV",
        "quote Batman",
    ],
)
def test_nonsense_gets_no_confident_answer(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.NOT_FOUND
    assert "No " in answer.title


def test_near_miss_suggests_did_you_mean(answerer: Answerer) -> None:
    answer = answerer.answer("who is William Hogg")
    assert answer.status is Status.NOT_FOUND
    assert [r.label for r in answer.choices] == ["William Hague"]


def test_ambiguous_name_lists_the_choices(answerer: Answerer) -> None:
    answer = answerer.answer("london")
    assert answer.status is Status.CHOICES
    assert {r.label for r in answer.choices} == {"London Conference on Cyberspace", "London Agenda"}


def test_person_card_shows_role_organisation_quotes_and_source(answerer: Answerer) -> None:
    text = render(answerer.answer("who is William Hague"))
    assert "Role: Foreign Secretary" in text
    assert "Organisation: Foreign and Commonwealth Office (FCO)" in text
    assert "greatest challenges we face" in text
    assert "BBC News, “London hosts cyberspace security conference”, 2011-11-01" in text


def test_quotes_by_person_and_who_said(answerer: Answerer) -> None:
    quotes = render(answerer.answer("quote lobban"))
    assert "“a very real threat to our prosperity”" in quotes
    assert "writing in the Times" in quotes
    said = answerer.answer("who said very real threat")
    assert said.status is Status.FOUND
    assert "Iain Lobban" in said.title


def test_fact_questions_find_figures(answerer: Answerer) -> None:
    assert "60 nations" in render(
        answerer.answer("how many nations attended the london conference")
    )
    assert "193" in render(answerer.answer("how many member states does the ITU have"))
    assert "£600bn" in render(answerer.answer("cost of cybercrime"))
    assert "193" in render(answerer.answer("facts ITU"))


def test_events_lists_upcoming_before_recent_as_of_today(answerer: Answerer) -> None:
    answer = answerer.answer("events")
    headings = [s.heading for s in answer.sections]
    assert headings == ["Upcoming", "Recent"]
    assert "Future Cyber Summit" in answer.sections[0].lines[0].text
    assert "London Conference on Cyberspace" in answer.sections[1].lines[0].text


def test_help_and_empty_text_explain_the_grammar(answerer: Answerer) -> None:
    for text in ("help", ""):
        answer = answerer.answer(text)
        assert answer.status is Status.HELP
        assert any("who is ICSPA" in line.text for line in answer.sections[0].lines)


def test_initiatives_list(answerer: Answerer) -> None:
    answer = answerer.answer("initiatives")
    assert [line.text.split(" — ")[0] for line in answer.sections[0].lines] == ["London Agenda"]


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("who is the head of GCHQ", "Iain Lobban"),
        ("who runs gchq", "Iain Lobban"),
        ("who is the foreign secretary", "William Hague"),
        ("when was the london conference", "London Conference on Cyberspace"),
        ("where is the future cyber summit held", "Future Cyber Summit"),
    ],
)
def test_people_by_role_and_events_by_when_or_where(
    answerer: Answerer, question: str, title: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND, render(answer)
    assert answer.title == title


def test_a_role_nobody_holds_finds_nobody(answerer: Answerer) -> None:
    assert answerer.answer("who is the head of the ITU").status is not Status.FOUND


def test_events_by_place(answerer: Answerer) -> None:
    answer = answerer.answer("what happened in London")
    assert answer.status is Status.FOUND
    assert "London Conference on Cyberspace" in render(answer)
    assert "Future Cyber Summit" not in render(answer)


def test_quotes_about_a_topic_come_first(tmp_path: Path) -> None:
    from cyberbrief.knowledge.loader import load_records, parse_text

    clock = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
    db = mini_store(tmp_path / "k.db", clock)
    records = parse_text(
        "extra.yaml",
        b"quotes:\n"
        b"  - {text: We must protect our networks from every threat, speaker: William Hague,"
        b" source: bbc}\n",
    )
    load_records(db, records, actor="test", origin="extra.yaml", clock=clock)
    answerer = Answerer(db, today=lambda: dt.date(2026, 11, 24))
    for question in ("what did hague say about networks", "quotes by hague on networks"):
        lines = [line.text for s in answerer.answer(question).sections for line in s.lines]
        assert "protect our networks" in lines[0], (question, lines)
    lines = [line.text for s in answerer.answer("quote hague").sections for line in s.lines]
    assert "generations to come" in lines[0]


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("what does GCHQ do", "Government Communications Headquarters (GCHQ)"),
        ("what is the ITU's role", "International Telecommunication Union (ITU)"),
    ],
)
def test_questions_about_what_an_entity_does(answerer: Answerer, question: str, title: str) -> None:
    assert answerer.answer(question).title == title


def test_how_big_is_finds_the_figures_about_an_entity(answerer: Answerer) -> None:
    answer = answerer.answer("how big is the ITU")
    assert answer.status is Status.FOUND
    assert "193" in render(answer)
