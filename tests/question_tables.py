"""Our tables of questions (``tests/data/questions/*.jsonl``), read as pytest parameters.

A row says what the answer must contain (``all`` / ``any``, and optionally what its first line
leads with, ``lead``) or, for a question of a no-answer kind, that the bot must say it does not
know. A row marked ``known_miss`` is one we do not get right yet, with the reason: a strict
xfail, so one that starts passing must have its mark removed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

TABLES = Path(__file__).parent / "data" / "questions"
NO_ANSWER = ("nearmiss", "nomatch", "refuse")
"""Kinds whose questions must be refused."""


def question_rows(*names: str) -> list[Any]:
    """Every row of the named tables, each a pytest parameter named by its question."""
    rows = []
    for name in names:
        for line in (TABLES / name).read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            miss = case.get("known_miss")
            marks = [pytest.mark.xfail(reason=miss, strict=True)] if miss else []
            rows.append(pytest.param(case, id=case["q"], marks=marks))
    return rows
