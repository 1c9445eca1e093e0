"""Another event of a series, a publication's date and the speaker at an event, asked as a
user would, over the seed store."""

from __future__ import annotations

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.knowledge.model import Status


def test_a_refusal_about_another_event_of_a_series_says_what_is_on_record(
    answerer: Answerer,
) -> None:
    """The London Process's card says "continued in Korea", but not who opened the Seoul
    conference: the Korean leg is taken to be the Seoul conference (series_member), and the
    question about it refused, saying which event it was taken to be."""
    answer = answerer.answer("who opened the Korean leg of the London Process")
    text = render(answer)
    assert answer.status is Status.NOT_FOUND, text
    assert "Korean leg of the London Process: Seoul Conference on Cyberspace" in text
    assert "William Hague" not in text.split("\n")[0]


def test_a_place_no_member_of_the_series_is_at_is_refused(answerer: Answerer) -> None:
    """No event of the London Process is in Paris: nothing is dated for it."""
    answer = answerer.answer("when was the Paris leg of the London Process")
    assert answer.status is Status.NOT_FOUND, render(answer)
    assert "2012" not in render(answer).split("\n")[0]


def test_a_place_of_the_entity_itself_is_no_other_event(answerer: Answerer) -> None:
    answer = answerer.answer("how many nations attended the London Conference in London")
    assert answer.status is Status.FOUND and "60" in render(answer), render(answer)


def test_a_document_not_on_record_has_no_publication_date(answerer: Answerer) -> None:
    """Only a source the question's records cite, named by its title and publisher."""
    assert answerer.answer("when was Dark Market published").status is Status.NOT_FOUND
    guardian = answerer.answer("when was the Guardian report on the London conference published")
    assert guardian.status is Status.NOT_FOUND, render(guardian)


def test_the_speaker_at_an_event_where_several_spoke_is_not_guessed(answerer: Answerer) -> None:
    answer = answerer.answer("what job did the speaker at the London conference have")
    assert answer.status is Status.NOT_FOUND, render(answer)
    assert "London Conference on Cyberspace" in render(answer)


def test_a_member_of_a_series_not_on_record_is_refused_with_the_members_that_are(
    answerer: Answerer,
) -> None:
    """ "The fifth conference of the London Process" is none of its members on record: the
    refusal lists them (Budapest, Seoul), never one of them as the fifth."""
    answer = answerer.answer("when was the fifth conference of the London Process")
    text = render(answer)
    assert answer.status is Status.NOT_FOUND, text
    assert "Nothing on record is the fifth conference" in text
    assert "Budapest Conference on Cyberspace" in text and "Seoul Conference on Cyberspace" in text
