"""Relative dates worked out against the record's source date (table tests)."""

from __future__ import annotations

import pytest

from cyberbrief.answers.relative_dates import RELATIVE, resolve, worked_out

# 1 Nov 2011 was a Tuesday.
CASES = [
    ("on Monday", "2011-11-01", "Monday 31 Oct 2011"),
    ("cancelled the trip on Monday night", "2011-11-01", "Monday 31 Oct 2011"),
    ("on Tuesday", "2011-11-01", "Tuesday 1 Nov 2011"),
    ("last Tuesday", "2011-11-01", "Tuesday 25 Oct 2011"),
    ("next Friday", "2011-11-01", "Friday 4 Nov 2011"),
    ("on Monday", "2011", None),  # a year says no day
    ("last week", "2011-11-01", "the week of 24 Oct 2011"),
    ("this week", "2011-11-01", "the week of 31 Oct 2011"),
    ("last month", "2011-11-01", "October 2011"),
    ("last month", "2012-01", "December 2011"),
    ("last month", "2011", None),
    ("earlier this year", "2011-11-01", "2011"),
    ("later this year", "2011", "2011"),
    ("the London Conference last year", "2012", "2011"),
    ("next year", "2012-04-30", "2013"),
    ("In March, the director had revealed", "2011-11-01", "March 2011"),
    ("in December", "2012-04-30", "December 2011"),
    ("In March", "2011", "March"),  # March 2011 or 2010: the year is not known
    ("In June this year", "2011", "June 2011"),
    ("in June last year", "2012-04-30", "June 2011"),
    ("over the summer", "2011-11-01", "summer 2011"),
    ("over the summer", "2012-04-30", "summer 2011"),
    ("over the summer", "2011", None),
    ("last summer", "2011-11-01", "summer 2010"),
    ("yesterday", "2011-11-01", "31 Oct 2011"),
    ("later in the day", "2011-11-01", "1 Nov 2011"),
    ("tomorrow", "2011-11-01", "2 Nov 2011"),
    ("on Monday", None, None),
    ("on Monday", "not a date", None),
    ("on Monday", "2011-02-30", None),
]


@pytest.mark.parametrize(("phrase", "source", "expected"), CASES)
def test_resolved_against_the_source_date(phrase: str, source: str | None, expected: str) -> None:
    assert resolve(phrase, source) == expected


@pytest.mark.parametrize(
    "text",
    ["in March 2011", "in 2002", "in May 2012", "a day after", "the summit", "the world today"],
)
def test_absolute_or_no_dates_are_not_relative(text: str) -> None:
    assert RELATIVE.search(text) is None, text


def test_the_answer_says_how_the_date_was_worked_out() -> None:
    assert worked_out("on Monday", "2011-11-01", "BBC News report") == (
        "Monday 31 Oct 2011 (the BBC News report of 1 Nov 2011 says “on Monday”)"
    )
    assert worked_out("In March", "2011", "report") == (
        "March (the report of 2011 says “In March”)"
    )


def test_no_date_is_invented_without_a_source_date() -> None:
    text = worked_out("on Monday", None, "report")
    assert text.startswith("“on Monday”") and "cannot be worked out" in text
    assert "Oct" not in text and "20" not in text
