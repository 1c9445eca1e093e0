"""Questions as analysts ask them, on the bundled pack: qualifiers kept, honest refusals,
roles, places and lengths, why/what briefings and paraphrases.

Written from the seed articles (not the evaluation set): each row is a question and what a
user must see in the answer, or that the bot must say it does not know.
"""

from __future__ import annotations

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.knowledge.model import Line, Status


@pytest.mark.parametrize(
    ("question", "known"),
    [
        # A role nobody at the organisation holds: refused, naming who is on record there.
        ("who is the CEO of Cisco", "Brad Boston"),
        ("who is the president of Facebook", "Joanna Shields"),
        ("who heads Cisco", "Brad Boston"),
        # A figure the store does not have: refused, with what it knows about the subject.
        ("what is GCHQ's budget", "intelligence agency"),
        ("what is the ICSPA's headcount", "International Cyber Security Protection Alliance"),
        # Quotes on a topic the speaker never spoke about, or by someone never quoted.
        ("what did Jimmy Wales say about China", "Jimmy Wales"),
        ("what did Brad Boston say", "Cisco vice-president"),
        ("what did Cisco say", "Cisco"),
    ],
)
def test_a_qualifier_is_never_dropped(answerer: Answerer, question: str, known: str) -> None:
    answer = answerer.answer(question)
    text = render(answer)
    assert answer.status is Status.NOT_FOUND, text
    assert answer.title.startswith("No "), text
    assert known in text, "the refusal names what is known"


@pytest.mark.parametrize(
    "question",
    [
        "who is the head of Interpol",
        "what did Angela Merkel say about cyberspace",
        "what is Interpol's budget",
        "why did the Christchurch Call fail",
        "what holds back the Paris Call for Trust and Security",
        "how long was the Munich Security Conference",
        "where was the Tallinn summit held",
    ],
)
def test_what_the_store_does_not_know_is_not_found(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.NOT_FOUND, render(answer)


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("who is the British defence secretary", "Liam Fox"),
        ("who is the US defense secretary", "Robert Gates"),
        ("who is the US secretary of state", "Hillary Clinton"),
        ("who is America's vice president", "Joe Biden"),
        ("who is the UK foreign secretary", "William Hague"),
        ("who was Cisco's representative at the London conference", "Brad Boston"),
        ("who is the chief executive of the ICSPA", "John Lyons"),
    ],
)
def test_roles_find_the_person_who_holds_them(
    answerer: Answerer, question: str, title: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND, render(answer)
    assert answer.title == title


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("where was the London Conference on Cyberspace held", "Where: London"),
        ("where is WCIT held", "Where: Dubai"),
        ("how long did the London conference last", "2 days"),
        ("how long was the Shangri-La Dialogue 2011", "3 days"),
        ("when was the Seoul Conference on Cyberspace", "2013-10-17"),
        ("where did Robert Gates speak", "Shangri-La Dialogue 2011"),
    ],
)
def test_where_when_and_how_long_answer_exactly_that(
    answerer: Answerer, question: str, says: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND
    assert says in render(answer)


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("what did Wales say about government policy", "overreaching government policy"),
        ("what did Gates say about rules of the road", "rules of the road"),
        ("what did Lyons say about McKinnon", "extradited"),
    ],
)
def test_quotes_on_a_topic_are_only_those_on_it(
    answerer: Answerer, question: str, says: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND, render(answer)
    lines = [line.text for section in answer.sections for line in section.lines]
    assert lines and all(says.split()[0] in line.lower() or says in line for line in lines[:1])
    assert any(says in line for line in lines)


def found_saying(answerer: Answerer, question: str, says: str) -> list[Line]:
    """The answer's lines, after checking it is found, says ``says`` and cites each line."""
    answer = answerer.answer(question)
    text = render(answer)
    assert answer.status is Status.FOUND, text
    assert says in text
    lines = [line for section in answer.sections for line in section.lines]
    assert all(line.citation for line in lines), "every line carries its source"
    return lines


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("why does Anderson think defensive measures are not enough", "ecology of cybercrime"),
        ("why is a cyber security agreement between nations a long way off", "own cyber"),
        ("why are CERT responses often delayed", "overloaded"),
        ("who delivered Clinton's speech", "Joe Biden"),
        ("which companies are expected to support the ICSPA", "Trend Micro"),
    ],
)
def test_why_and_what_questions_get_a_cited_briefing(
    answerer: Answerer, question: str, says: str
) -> None:
    lines = found_saying(answerer, question, says)
    assert 1 <= len(lines) <= 4, "a short briefing, not a card"


@pytest.mark.parametrize(
    ("question", "says"),
    [
        # Everyday words for the store's words (thesaurus groups), both ways.
        ("why is a cyber treaty so hard", "long way off"),
        ("which security firms are expected to back the ICSPA", "Trend Micro"),
        ("which journalist wrote about criminal gangs moving into cyber", "Misha Glenny"),
        # Derivations the porter stemmer keeps apart: economies / economic.
        ("which regional body of Pacific economies created the Shanghai Declaration", "APEC"),
        # Abbreviated amounts meet words: "£650m" / "650 million".
        ("who said the government was setting aside 650 million pounds", "William Hague"),
        # Fused and split words meet: cybercrime / cyber crime.
        ("why is cyber crime a global problem", "other than their own"),
        # Who said something the store reports in other words than a quote.
        ("who said politicians should resist being heavy-handed", "David Cameron"),
    ],
)
def test_questions_in_other_words_find_what_the_store_says(
    answerer: Answerer, question: str, says: str
) -> None:
    found_saying(answerer, question, says)


@pytest.mark.parametrize(
    "question",
    [
        # A figure question needs a record with a figure in it.
        "how many members does NATO have",
        "how much does Europol spend on cybercrime",
        "how much did the Seoul conference cost",  # its only figures are years
        # Synonyms never stand in for names.
        "why is the Munich cyber treaty so hard",
        "which firms back the Christchurch alliance",
        # A who/which answer names someone: what is asked must be on record, not just the
        # names around it.
        "who replaced Lobban at GCHQ",
        "which journalist was arrested in London",
        "which firms left the ICSPA",
        # The head of something the store does not know: no record naming no head answers.
        "who heads the alliance that fights piracy at sea",
    ],
)
def test_other_words_do_not_make_an_answer_out_of_nothing(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.NOT_FOUND, render(answer)


def test_a_question_about_a_named_thing_is_answered_only_if_the_store_says(
    answerer: Answerer,
) -> None:
    # The card answers what it says ...
    went = answerer.answer("who from Facebook went to the conference")
    assert went.status is Status.FOUND
    assert "Joanna Shields" in render(went)
    # ... and a typo of the name is still the name, not a question about it.
    typo = answerer.answer("wiliam hauge")
    assert typo.status is Status.FOUND and typo.title.startswith("William Hague")
    # What is asked about the conference is not on record: refused, naming what is.
    funded = answerer.answer("who funded the Budapest conference")
    text = render(funded)
    assert funded.status is Status.NOT_FOUND, text
    assert "Budapest Conference" in text and "funded" in text


@pytest.mark.parametrize(
    ("question", "named", "not_named"),
    [
        # The title names what was asked for, not the first thing the evidence mentions.
        ("which firms back the new cybercrime alliance", "McAfee", "Protection Alliance"),
        ("which journalist wrote about organised crime moving online", "Misha Glenny", "BBC"),
        ("who spoke by video link from Washington", "Joe Biden", "Hillary Clinton"),
    ],
)
def test_a_who_or_which_briefing_names_what_was_asked_for(
    answerer: Answerer, question: str, named: str, not_named: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND, render(answer)
    # The first line leads with what was asked for; an entity the question described
    # may follow in brackets ("... (The new cybercrime alliance: ICSPA)").
    leading = render(answer).splitlines()[0].split(" (")[0]
    assert named in leading and not_named not in leading, leading


def test_a_role_at_an_organisation_named_only_in_part_is_not_put_on_another(
    answerer: Answerer,
) -> None:
    # "Britain" matches the UK Government by name, but the question is about its signals
    # intelligence agency: the refusal must not say who heads the UK Government.
    answer = answerer.answer("who is in charge of Britain's signals intelligence")
    assert answer.status is Status.NOT_FOUND
    assert not answer.title.startswith("No head of UK Government"), answer.title
    assert "David Cameron" not in render(answer)
