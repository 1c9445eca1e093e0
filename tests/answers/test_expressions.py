"""What a date or figure answer leads with: counts of what a record lists, figures in words,
dates worked out from the record's own date (table tests)."""

from __future__ import annotations

import pytest

from cyberbrief.answers.constraints import question_figures
from cyberbrief.answers.enumerations import enumeration
from cyberbrief.answers.expressions import date_lead, figures_in
from cyberbrief.answers.textsearch import terms
from cyberbrief.knowledge.model import Citation

LISTS = [
    (
        "Private sector companies including McAfee, Trend Micro, Core Security Technologies, "
        "Visa Europe, Transactis and Article10 were expected to support the ICSPA.",
        "companies expected",
        "six: McAfee, Trend Micro, Core Security Technologies, Visa Europe, Transactis and "
        "Article10",
    ),
    (
        "The major cyber powers, the U.S., China and Russia, disagree about national control.",
        "cyber powers disagree",
        "three: U.S., China and Russia",
    ),
    (
        "The thorny issues of attribution, third party involvement and the role of non-state "
        "actors complicate international agreement on cybersecurity.",
        "thorny issues complicate",
        "three: attribution, third party involvement and role of non-state actors",
    ),
    (
        "Other initiatives include the UN Group of Governmental Experts, the London Process, "
        "and work within the ITU, OECD, APEC and NATO.",
        "organisations hosting work",
        "four: ITU, OECD, APEC and NATO",
    ),
    (
        "It may backfire when a copycat, modified Flame or Stuxnet weapon reaches them.",
        "cyber weapons",
        "two: modified Flame and Stuxnet",
    ),
    # A list that is not of what is asked, or no list at all.
    ("McAfee, Trend Micro and Visa Europe were expected to support it.", "governments", None),
    ("Hillary Clinton cancelled her trip after her mother fell ill.", "trip", None),
]


@pytest.mark.parametrize(("text", "asked", "counted"), LISTS)
def test_items_of_one_enumeration_are_counted(text: str, asked: str, counted: str | None) -> None:
    anchors = {a for t in terms(asked) for a in t.alternatives}
    listed = enumeration(text, anchors)
    assert (listed.counted() if listed else None) == counted


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("five hundred member states", [500.0]),
        ("made up of twenty-one nations", [21.0]),
        ("£650m of additional funding", [650e6]),
        ("$114 billion", [114e9]),
        ("WCIT-12 in Dubai, Article10", []),
        ("arrested in 2002", []),
    ],
)
def test_figures_in_words_or_digits(text: str, values: list[float]) -> None:
    assert [v for v, _ in figures_in(text)] == values


@pytest.mark.parametrize(
    ("question", "constraints"),
    [
        ("which organisation has five hundred member states", [("five hundred", 500.0, False)]),
        ("which UN agency has almost two hundred members", [("two hundred", 200.0, True)]),
        ("which two countries did the envoy blame", []),  # counts the answer
        ("what are the two camps in the debate", []),
        ("which one was it", []),
    ],
)
def test_figures_a_question_sets(question: str, constraints: list[tuple[str, float, bool]]) -> None:
    assert question_figures(question) == constraints


def test_a_date_relative_to_an_event_is_the_records_own_date() -> None:
    bbc = Citation("London hosts cyberspace security conference", "BBC News", "2011-11-01")
    assert date_lead("The day before", bbc, "2011-10-31") == "31 Oct 2011 (“The day before”)"
    assert date_lead("on Monday", bbc).startswith("Monday 31 Oct 2011 (the BBC News report")
    assert date_lead("2011-11-01", bbc) == "1 Nov 2011"
    assert date_lead("in 2002", bbc, "2011-11-01") == "in 2002"
