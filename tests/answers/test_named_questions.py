"""Questions that name two or more entities, and questions for one attribute of an entity,
written from the seed articles (issue 18, two failure classes of the answer path).

Two entities named in a question ("what did Gates say at the Asia-Pacific security forum")
ask about both, never which one was meant: the answer is a record about all of them, or a
refusal saying what is on record. An attribute asked ("where was Lobban born", "how much
money", "what year") is answered only by a record that states that attribute.

Yes/no questions ("was Joanna Shields at the London conference") are answered "yes" only from
a record that states the claim; a record that states otherwise ("contradicted": she cancelled,
another year) is what the answer says instead, never a bare yes. Entities described instead of
named ("Liam Fox's American counterpart") are judged by what they are.

Same table form as ``test_own_questions``: ``all``/``any`` must be in the answer, ``lead`` in
its first line (or every item of a ``lead`` list) and ``not_lead`` not; ``starts`` must begin
the first line (after "As of <date>:"), so the answer comes before any other name; a row of a
no-answer kind must be refused; ``known_miss`` rows are strict xfails, with the reason.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.knowledge.model import Status
from tests.question_tables import NO_ANSWER, question_rows

FILES = (
    "two_entities.jsonl",
    "attribute_slots.jsonl",
    "who_did.jsonl",
    "yes_no.jsonl",
    "yes_no_subject.jsonl",
    "yes_no_replaced.jsonl",
    "yes_no_other_words.jsonl",
    "near_misses.jsonl",
    "described.jsonl",
    "described_paraphrase.jsonl",
    "described_everyday.jsonl",
    "figure_qualifiers.jsonl",
    "gate.jsonl",
    "employers.jsonl",
    "office_years.jsonl",
    "person_roles.jsonl",
    "employer_phrases.jsonl",
    "dates_in_support.jsonl",
    "series_members.jsonl",
    "two_step.jsonl",
    "related_dates.jsonl",
    "acronym_typos.jsonl",
    "when_said.jsonl",
    "source_named.jsonl",
    "asked_plainly.jsonl",
    "name_typos.jsonl",
    "event_named.jsonl",
    "date_words.jsonl",
    "presence.jsonl",
    "role_claims.jsonl",
    "series_described.jsonl",
    "document_named.jsonl",
    "speaker_verbs.jsonl",
    "lead_asked.jsonl",
    "figure_groups.jsonl",
    "yes_no_described.jsonl",
    "quote_leads.jsonl",
    "date_day.jsonl",
    "described_roles.jsonl",
    "described_kinds.jsonl",
    "two_step_attributes.jsonl",
    "described_dates.jsonl",
    "when_reported.jsonl",
    "why_when_refuse.jsonl",
    "listed.jsonl",
    "yes_no_counted.jsonl",
    "contractions.jsonl",
    "how_leads.jsonl",
    "near_misses_lead.jsonl",
    "described_words.jsonl",
    "two_step_records.jsonl",
    "described_figures.jsonl",
    "near_misses_2.jsonl",
    "near_misses_3.jsonl",
    "near_misses_4.jsonl",
    "described_countries.jsonl",
    "which_countries.jsonl",
    "said_where.jsonl",
    "who_verbs.jsonl",
    "whom_asked.jsonl",
    "described_who_is.jsonl",
    "office_places.jsonl",
    "which_person.jsonl",
    "which_office.jsonl",
    "said_places.jsonl",
    "what_leads.jsonl",
    "who_is_named.jsonl",
    "how_often.jsonl",
    "dates_asked.jsonl",
    "figures_asked.jsonl",
    "described_by.jsonl",
    "yes_no_shapes.jsonl",
    "two_step_shapes.jsonl",
    "where_places.jsonl",
    "which_one.jsonl",
    "described_asked.jsonl",
    "two_step_found.jsonl",
    "yes_no_on_record.jsonl",
    "dates_shapes.jsonl",
    "figures_shapes.jsonl",
    "dates_figures_refuse.jsonl",
)
AS_OF = re.compile(r"^as of [^:]+: ")
CONTRADICTED = "contradicted"
"""A yes/no question whose claim a record contradicts: answered with what is on record, or
refused saying it, but never with a yes."""


@pytest.mark.parametrize("case", question_rows(*FILES))
def test_named_question(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = answerer.answer(case["q"])
    text = render(answer).lower()
    assert answer.status is not Status.CHOICES, text  # a question, never "which one?"
    if case["cat"] in NO_ANSWER:
        assert answer.status is Status.NOT_FOUND, text
        return
    first = text.splitlines()[0]
    assert not set(map(str.lower, case.get("not_lead", []))) & set(re.findall(r"[\w']+", first)), (
        text
    )
    if case["cat"] != CONTRADICTED:
        assert answer.status is Status.FOUND, text
    for lead in leads_of(case):  # what it leads with
        assert any(w.lower() in first for w in lead), text
    # "starts": the answer itself comes first (after "As of <date>:"), not another name.
    assert AS_OF.sub("", first).startswith(case.get("starts", "").lower()), text
    assert all(w.lower() in text for w in case.get("all", [])), text
    wanted = case.get("any", [])
    assert not wanted or any(w.lower() in text for w in wanted), text


def leads_of(case: dict[str, Any]) -> list[list[str]]:
    """What the first line must hold: ``lead`` is one string, or a list of what must all be
    there (a two-step answer names the entity it found beside the answer), each a string or
    a list of alternatives ("ITU" or its full name)."""
    lead = case.get("lead", "")
    items = [lead] if isinstance(lead, str) else lead
    return [[item] if isinstance(item, str) else item for item in items]


def test_names_joined_by_and_are_each_described(answerer: Answerer) -> None:
    """ "who are Gates and Fox": both, each with what the store says it is; no menu."""
    answer = answerer.answer("who are Gates and Fox")
    text = render(answer)
    assert answer.status is Status.FOUND, text
    assert {r.label for r in answer.about} == {"Robert Gates", "Liam Fox"}
    assert "US Defence Secretary" in text and "British Defence Secretary" in text


def test_quotes_of_two_speakers_on_a_topic_say_who_has_none(answerer: Answerer) -> None:
    answer = answerer.answer("what did Gates and Fox say about rules of the road")
    text = render(answer)
    assert answer.status is Status.FOUND, text
    assert "establishing some rules of the road" in text
    assert "No quote by Liam Fox about rules of the road" in text


def test_one_name_shared_by_several_entries_is_still_a_choice(answerer: Answerer) -> None:
    """Two matches competing for the same words are a choice, not two things asked about."""
    assert answerer.answer("london").status is Status.CHOICES


def test_where_born_is_not_answered_by_where_they_spoke(answerer: Answerer) -> None:
    spoke = answerer.answer("where did Jimmy Wales speak")
    born = answerer.answer("where was Jimmy Wales born")
    assert spoke.status is Status.FOUND and "London Conference" in render(spoke)
    assert born.status is Status.NOT_FOUND, render(born)


def test_how_much_money_needs_an_amount_of_money(answerer: Answerer) -> None:
    """A count of nations does not say what a conference cost; £650m says what was set
    aside."""
    cost = answerer.answer("how much did the London Conference on Cyberspace cost")
    assert cost.status is Status.NOT_FOUND, render(cost)
    funds = answerer.answer("how much money has the UK government set aside for cyber threats")
    assert funds.status is Status.FOUND and "£650m" in render(funds), render(funds)


def test_a_figure_in_particular_is_not_every_figure_about_the_entity(answerer: Answerer) -> None:
    """ "how much did McAfee give": no record says; the digit in "Article10" is no figure."""
    answer = answerer.answer("how much did McAfee give the alliance")
    assert answer.status is Status.NOT_FOUND, render(answer)
    assert answerer.answer("how big is the ITU").status is Status.FOUND


def test_a_card_without_the_asked_year_does_not_answer_when(answerer: Answerer) -> None:
    answer = answerer.answer("what year did Misha Glenny publish Dark Market")
    assert answer.status is Status.NOT_FOUND, render(answer)
    assert "Misha Glenny" in render(answer)  # says what is on record about him


@pytest.mark.parametrize("case", question_rows("dates_figures.jsonl"))
def test_date_or_figure_stated_in_text(answerer: Answerer, case: dict[str, Any]) -> None:
    """Dates and figures a record states in its words (relative dates worked out against its
    source's date, spans, counts of what it lists, figures in words), or an honest no."""
    answer = answerer.answer(case["q"])
    text = render(answer).lower()
    if case["cat"] in NO_ANSWER:
        assert answer.status is Status.NOT_FOUND, text
        return
    assert answer.status is Status.FOUND, text
    assert case.get("lead", "").lower() in text.splitlines()[0], text
    assert all(w.lower() in text for w in case.get("all", [])), text
    wanted = case.get("any", [])
    assert not wanted or any(w.lower() in text for w in wanted), text
