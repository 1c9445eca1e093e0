"""Our own questions of the evaluation's kinds, written from the seed articles: paraphrases,
why-questions and near misses that must get no answer. Each row says what the answer must
contain (``all`` / ``any``) or, for a near miss, that the bot must say it does not know.

Rows marked ``known_miss`` are answers we do not get right yet, with the reason; they are
expected to fail (strictly: one that starts passing must have its mark removed). Two of them
are confident wrong answers ("why did the London conference fail"), listed in the README.
"""

from __future__ import annotations

from typing import Any

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.knowledge.model import Status
from tests.question_tables import NO_ANSWER, question_rows


@pytest.mark.parametrize("case", question_rows("own.jsonl"))
def test_our_question(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = answerer.answer(case["q"])
    text = render(answer).lower()
    if case["cat"] in NO_ANSWER:
        assert answer.status is Status.NOT_FOUND, text
        return
    assert answer.status is Status.FOUND, text
    assert all(w.lower() in text for w in case.get("all", [])), text
    wanted = case.get("any", [])
    assert not wanted or any(w.lower() in text for w in wanted), text


@pytest.mark.parametrize("case", question_rows("no_entity.jsonl", "everyday.jsonl"))
def test_question_naming_no_entity(answerer: Answerer, case: dict[str, Any]) -> None:
    """Questions in everyday words that name nothing the store has by name ("which alliance
    is backed by antivirus firms", "what share of computers have malicious software"),
    why-questions and "what should be done": the answer leads with who or what answers
    (``lead``), or the bot refuses a near miss ("... of mobile phones")."""
    answer = answerer.answer(case["q"])
    text = render(answer).lower()
    if case["cat"] in NO_ANSWER:
        assert answer.status is Status.NOT_FOUND, text
        return
    assert answer.status is Status.FOUND, text
    assert case.get("lead", "").lower() in text.splitlines()[0], text
    assert all(w.lower() in text for w in case.get("all", [])), text
    wanted = case.get("any", [])
    assert not wanted or any(w.lower() in text for w in wanted), text


@pytest.mark.parametrize(
    "case",
    question_rows(
        "everyday_clauses.jsonl",
        "everyday_unnamed.jsonl",
        "everyday_open.jsonl",
        "everyday_open_2.jsonl",
        "everyday_open_3.jsonl",
        "everyday_open_4.jsonl",
    ),
)
def test_question_in_everyday_clauses(answerer: Answerer, case: dict[str, Any]) -> None:
    """A new user's own words for a whole clause of a record ("do hackers get away with it
    because every country has its own laws" for "different laws ... difficult to bring suspects
    to justice"): answered with that record, yes/no questions included; the same words about
    another country, year or group ("... in Africa", "... small businesses") are refused."""
    answer = answerer.answer(case["q"])
    text = render(answer).lower()
    if case["cat"] in NO_ANSWER:
        assert answer.status is Status.NOT_FOUND, text
        return
    assert answer.answered, text
    first = text.splitlines()[0]
    assert case.get("lead", "").lower() in first, text
    if "in other words" in first:
        assert "[1]" in first and "yes" not in first, text  # cited, and never a yes
    assert all(w.lower() in text for w in case.get("all", [])), text
    wanted = case.get("any", [])
    assert not wanted or any(w.lower() in text for w in wanted), text
