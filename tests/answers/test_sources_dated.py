"""A source named by its kind and year ("according to the 2012 commentary") is one document in
particular (issue 18, why8): the answer must come from it, as from a source named by title."""

from __future__ import annotations

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.sources_asked import source_asked


def test_a_kind_of_document_and_its_year_name_the_stored_document(answerer: Answerer) -> None:
    asked = source_asked(
        "why do talks stall, according to the 2012 commentary", answerer.db, answerer.names
    )
    assert asked is not None and not asked.generic
    assert [t for t in asked.publishers if "commentary" in t]


def test_without_a_year_or_a_document_of_that_year_it_names_no_source(answerer: Answerer) -> None:
    bare = source_asked(
        "why do talks stall, according to the commentary", answerer.db, answerer.names
    )
    other_year = source_asked(
        "why do talks stall, according to the 1999 report", answerer.db, answerer.names
    )
    assert bare is not None and bare.generic
    assert other_year is not None and other_year.generic


def test_a_reason_from_another_source_is_no_answer(answerer: Answerer) -> None:
    answer = answerer.answer(
        "why did Hillary Clinton cancel her trip, according to the 2012 commentary"
    )
    assert not answer.answered
