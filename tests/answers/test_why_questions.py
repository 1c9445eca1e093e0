"""Why-questions written from the seed articles (issue 18, brief why5), by kind: a named person
or organisation (names misspelt too), a reason "according to" a described speaker, everyday
words naming nothing, and why-questions whose reason is not on record (to refuse); why_predicate
holds reasons in a quote, in another record than the subject's, or for a predicate said in other
words, and why-questions to refuse whose event, or reason, or actor is not on record;
why_shapes asks in other shapes ("how come", "what made", "what was the reason") for reasons
in a quote, another record or the same sentence (after "because", "since", "to"), and to
refuse: no reason on record, no such event, the reason another actor's or another year's;
why_sources holds them to a document named by its kind and year ("according to the 2012
commentary"): a reason from another source is no answer.

The answer leads with the reason: its first line holds one of ``any`` (the record giving the
cause, not a title echoing the question above a loosely related record). Rows of a no-answer
kind must be refused; ``known_miss`` rows are strict xfails with the reason.
"""

from __future__ import annotations

from typing import Any

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.knowledge.model import Status
from tests.question_tables import NO_ANSWER, question_rows


@pytest.mark.parametrize(
    "case",
    question_rows(
        "why.jsonl",
        "why_elsewhere.jsonl",
        "why_predicate.jsonl",
        "why_shapes.jsonl",
        "why_sources.jsonl",
    ),
)
def test_why_question(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = answerer.answer(case["q"])
    text = render(answer).lower()
    if case["cat"] in NO_ANSWER:
        assert answer.status is Status.NOT_FOUND, text
        return
    assert answer.status is Status.FOUND, text
    first = text.splitlines()[0]
    assert any(w.lower() in first for w in case["any"]), text  # leads with the reason
