"""Our own questions of the evaluation's kinds, written from the seed articles: paraphrases,
why-questions and near misses that must get no answer. Each row says what the answer must
contain (``all`` / ``any``) or, for a near miss, that the bot must say it does not know.

Rows marked ``known_miss`` are answers we do not get right yet, with the reason; they are
expected to fail (strictly: one that starts passing must have its mark removed). Two of them
are confident wrong answers ("why did the London conference fail"), listed in the README.
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

QUESTIONS = Path(__file__).parents[1] / "data" / "questions" / "own.jsonl"
NO_ANSWER = ("nearmiss", "nomatch", "refuse")


def _rows() -> list[Any]:
    rows = []
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        miss = case.get("known_miss")
        marks = [pytest.mark.xfail(reason=miss, strict=True)] if miss else []
        rows.append(pytest.param(case, id=case["q"], marks=marks))
    return rows


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    db = open_store(Path(tmp_path_factory.mktemp("own")) / "k.db")
    return Answerer(db, today=lambda: dt.date(2026, 11, 24))


@pytest.mark.parametrize("case", _rows())
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
