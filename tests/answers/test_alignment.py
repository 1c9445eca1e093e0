"""A question in everyday words aligned word by word to a record: every content word must
align (as written, a synonym, a word the store defines, or a word close in meaning), the
kind asked for must be there, and the record must be the clear best."""

from __future__ import annotations

import pytest

from cyberbrief.answers.alignment import (
    Alignment,
    align,
    best_aligned,
    clear_best,
    content_terms,
    equivalents,
    unhedged,
)
from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.plaintext import render
from cyberbrief.answers.textsearch import terms
from cyberbrief.knowledge.model import Status

RECORD = "As many as 5% of PCs are infected with malware."
DEFINITION = "Malware is short for malicious software."


def test_a_word_the_store_defines_aligns_to_the_words_defining_it() -> None:
    defined = equivalents([DEFINITION])
    asked = content_terms(terms("what share of computers have malicious software"))
    assert [t.word for t in asked] == ["computers", "malicious", "software"]  # not "share"
    assert align(asked, RECORD, None, defined).unaligned == ()
    # Without the store's definition, "malicious software" is not said by "malware".
    assert align(asked, RECORD, None, {}).unaligned == ("malicious", "software")


def test_every_word_must_align_not_most() -> None:
    asked = content_terms(terms("what share of mobile phones have malicious software"))
    left = align(asked, RECORD, Meaning(), equivalents([DEFINITION])).unaligned
    assert set(left) == {"mobile", "phones"}


def test_two_answers_aligned_about_equally_are_no_answer() -> None:
    full = Alignment((), 0.9)
    assert clear_best([(full, "5%", "a"), (Alignment((), 0.85), "21", "b")]) is None
    assert clear_best([(full, "5%", "a"), (Alignment((), 0.5), "21", "b")]) == "a"
    # The same answer twice (a fact and a description saying it) is no rival.
    assert clear_best([(full, "5%", "a"), (Alignment((), 0.9), "5%", "b")]) == "a"
    assert clear_best([(Alignment(("x",), 1.0), "5%", "a")]) is None


def test_the_kind_asked_for_must_be_in_the_aligned_record() -> None:
    asked = content_terms(terms("what share of computers have malicious software"))
    candidates = [(DEFINITION, "definition"), (RECORD, "record")]
    assert best_aligned(asked, candidates, None, lambda text, _: None) is None
    found = best_aligned(asked, candidates, None, lambda text, _: "5%" if "5%" in text else None)
    assert found == "record"


@pytest.mark.parametrize(
    "question",
    [
        "what share of computers have malicious software",
        "what proportion of computers are infected with viruses",
        "roughly what share of computers are infected with viruses",  # a hedge before it
    ],
)
def test_a_figure_asked_in_other_words_is_answered(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND
    assert render(answer).splitlines()[0].startswith("5%")


@pytest.mark.parametrize(
    "question",
    [
        "what share of laptops have malicious software",  # each word near some word of APEC's
        "what share of mobile phones have malicious software",
        "what proportion of mobile phones are infected with viruses",
        # Found by the evidence gate's fallback, which once took half of the words as enough:
        "what proportion of phones are infected with viruses",  # was "5%" (of PCs)
        "how much do online crooks take from ordinary people each year",  # was the UK's £650m
        "roughly what share of phones are infected with viruses",
    ],
)
def test_a_near_miss_in_other_words_is_refused(answerer: Answerer, question: str) -> None:
    assert answerer.answer(question).status is Status.NOT_FOUND


def test_a_hedge_opening_a_question_is_not_what_it_asks() -> None:
    assert unhedged("roughly what share of PCs are infected") == "what share of PCs are infected"
    assert unhedged("About how many nations attended") == "how many nations attended"
    assert unhedged("about the ITU") == "about the ITU"  # not a question word after it


def test_words_said_for_emphasis_or_a_word_mentioned_are_not_what_is_asked() -> None:
    assert unhedged("what does the term CBM really mean") == "what does CBM mean"
    assert unhedged("who are the gangs hiring these days") == "who are the gangs hiring"
    assert unhedged("what is the term for a CBM") == "what is the term for a CBM"  # used
    assert unhedged("is it even so") == "is it even so"  # "even so", "even if": not emphasis
    assert unhedged("actually") == "actually"  # nothing left: the question as typed


@pytest.mark.parametrize(
    "question",
    ["what does the term malware really stand for", "what does malware actually stand for"],
)
def test_a_question_with_emphasis_is_answered_as_without(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND
    assert "malicious software" in render(answer).lower()
