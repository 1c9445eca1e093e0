"""When something was said, from a quote that holds no date of its own: the report's day,
said as such, and never a date of a quote that says the opposite of what is asked."""

from __future__ import annotations

from cyberbrief.answers.support_dates import (
    event_days,
    on_weekday,
    quote_reported_on,
    said_otherwise,
)
from cyberbrief.answers.textsearch import terms
from cyberbrief.knowledge.model import Citation

QUOTE = (
    "“it wanted to develop a set of international rules of the road in cyberspace” — UK "
    "Government (at London Conference on Cyberspace)"
)
DAILY = Citation("London hosts cyberspace security conference", "BBC News", "2011-11-01")


def test_an_undated_quote_is_dated_by_the_report_that_tells_it() -> None:
    found = quote_reported_on(QUOTE, DAILY, terms("wanted rules of the road"))
    assert found is not None and found.expression == "reported 1 Nov 2011 (BBC News)"


def test_only_a_quote_saying_what_is_asked_and_a_report_dated_to_a_day() -> None:
    assert quote_reported_on(QUOTE, DAILY, terms("wanted a treaty")) is None
    yearly = Citation("Efforts to fight cyber crime", None, "2011")
    assert quote_reported_on(QUOTE, yearly, terms("wanted rules of the road")) is None
    public = Citation("Public record", None, "2011-11-01", background=True)
    assert quote_reported_on(QUOTE, public, terms("wanted rules of the road")) is None


def test_a_word_said_only_after_a_negation_is_said_otherwise() -> None:
    text = "The biggest threat to the internet is not cybercriminals, but government policy"
    assert said_otherwise(text, terms("cybercriminals biggest threat"))
    assert not said_otherwise(text, terms("government policy biggest threat"))


def test_the_days_of_an_event_date_what_was_said_at_it() -> None:
    assert event_days("2011-06-03", "2011-06-05") == "3–5 Jun 2011"
    assert event_days("2011-11-01", None) == "1 Nov 2011"
    assert event_days("2012", None) is None  # known by its year: no day of it
    # the report is dated one of its days: that day says more precisely when
    assert event_days("2011-11-01", "2011-11-02", "2011-11-01") is None


def test_a_question_for_a_day_is_answered_with_its_day_of_the_week() -> None:
    asked = "on which day did Baroness Neville-Jones name Russia and China"
    assert on_weekday("31 Oct 2011", asked) == "Monday 31 Oct 2011"
    assert on_weekday("31 Oct 2011", "when did she name them") == "31 Oct 2011"
    assert on_weekday("Oct 2011", asked) == "Oct 2011"  # no day to name
