"""Questions that name two or more entities, and questions for one attribute of an entity,
written from the seed articles (issue 18, two failure classes of the answer path).

Two entities named in a question ("what did Gates say at the Asia-Pacific security forum")
ask about both, never which one was meant: the answer is a record about all of them, or a
refusal saying what is on record. An attribute asked ("where was Lobban born", "how much
money", "what year") is answered only by a record that states that attribute.

Same table form as ``test_own_questions``: ``all``/``any`` must be in the answer; a row of a
no-answer kind must be refused; ``known_miss`` rows are strict xfails, with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.knowledge.model import Status
from cyberbrief.knowledge.seed import open_store

TABLES = Path(__file__).parents[1] / "data" / "questions"
FILES = ("two_entities.jsonl", "attribute_slots.jsonl")
NO_ANSWER = ("nearmiss", "nomatch", "refuse")


def _rows() -> list[Any]:
    rows = []
    for name in FILES:
        for line in (TABLES / name).read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            miss = case.get("known_miss")
            marks = [pytest.mark.xfail(reason=miss, strict=True)] if miss else []
            rows.append(pytest.param(case, id=case["q"], marks=marks))
    return rows


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    db = open_store(Path(tmp_path_factory.mktemp("named")) / "k.db")
    return Answerer(db, today=lambda: dt.date(2026, 11, 24))


@pytest.mark.parametrize("case", _rows())
def test_named_question(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = answerer.answer(case["q"])
    text = render(answer).lower()
    assert answer.status is not Status.CHOICES, text  # a question, never "which one?"
    if case["cat"] in NO_ANSWER:
        assert answer.status is Status.NOT_FOUND, text
        return
    assert answer.status is Status.FOUND, text
    assert all(w.lower() in text for w in case.get("all", [])), text
    wanted = case.get("any", [])
    assert not wanted or any(w.lower() in text for w in wanted), text
