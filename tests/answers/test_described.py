"""Entities described instead of named are resolved first, then the question is answered
about them (two steps); a description the store cannot resolve is never a guess."""

from __future__ import annotations

import pytest

from cyberbrief.answers import roles
from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.described import Resolved, names_in, resolve
from cyberbrief.answers.described_phrase import Unknown, resolve_phrase
from cyberbrief.answers.plaintext import render
from cyberbrief.answers.support_dates import is_saying_verb
from cyberbrief.knowledge.model import Status
from cyberbrief.knowledge.repository import Repository


@pytest.mark.parametrize(
    ("question", "entity"),
    [
        ("who is the chief executive of the alliance that works with Europol", "ICSPA"),
        ("who convened the conference that Hillary Clinton was due to attend", "London"),
        ("what did the man who delivered Clinton's speech warn against", "Biden"),
    ],
)
def test_a_description_resolves_to_the_entity_it_describes(
    answerer: Answerer, question: str, entity: str
) -> None:
    found = resolve(answerer.db, Repository(answerer.db), question)
    assert found is not None and entity in found.ref.label


def test_the_entity_named_in_the_description_is_not_the_one_described(
    answerer: Answerer,
) -> None:
    found = resolve(
        answerer.db, Repository(answerer.db), "who heads the alliance that works with Europol"
    )
    assert found is not None and "Europol" not in found.ref.label


@pytest.mark.parametrize(
    ("question", "said", "about"),
    [
        ("who convened the conference that Hillary Clinton was due to attend", "Hague", "London"),
        ("how many nations are in the group that failed to meet the Bogor goals", "21", "APEC"),
    ],
)
def test_two_steps_answer_about_the_described_entity_and_say_which_it_is(
    answerer: Answerer, question: str, said: str, about: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND, render(answer)
    assert said in render(answer)
    assert answer.lead and about in answer.lead  # says which entity the description meant
    assert any(about in r.label for r in answer.entities())


def test_a_description_the_store_cannot_resolve_is_refused(answerer: Answerer) -> None:
    answer = answerer.answer("who is the head of the alliance that works with Interpol")
    assert answer.status is Status.NOT_FOUND, render(answer)


def test_names_are_found_in_text_but_not_bare_surnames(answerer: Answerer) -> None:
    found = names_in(answerer.db, "John Lyons spoke in London; Hague did not")
    labels = {Repository(answerer.db).label(k, i) for k, i in found}
    assert "John Lyons" in labels
    assert "William Hague" not in labels


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # the description ends where the main question resumes ("say about a treaty")
        (
            "what did the head of the alliance that works with Europol say about barriers",
            "barriers",
        ),
        ("what year did the conference that Hague convened take place", "2011"),
        (
            "where does the not-for-profit whose chief spoke at National Security 2012 plan to "
            "get its money",
            "Canada",
        ),
    ],
)
def test_a_description_inside_a_longer_question_is_resolved_and_the_rest_answered(
    answerer: Answerer, question: str, said: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND, render(answer)
    assert said in render(answer)


def test_one_word_does_not_describe_an_entity(answerer: Answerer) -> None:
    found = resolve(
        answerer.db, Repository(answerer.db), "who is the head of the alliance that works with X"
    )
    assert found is None


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("who is Liam Fox's American counterpart", "Robert Gates"),
        ("who is Robert Gates's British counterpart", "Liam Fox"),
    ],
)
def test_a_counterpart_holds_the_named_persons_role_where_asked(
    answerer: Answerer, question: str, person: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND, render(answer)
    assert answer.subject is not None and answer.subject.label == person


@pytest.mark.parametrize(
    "question", ["who was Iain Lobban's successor", "who is Lobban's boss", "who is Hague's deputy"]
)
def test_a_relation_the_store_cannot_tell_is_refused_never_the_named_person(
    answerer: Answerer, question: str
) -> None:
    """Nobody is their own successor or boss: without a record of who is, the bot says so."""
    answer = answerer.answer(question)
    assert answer.status is Status.NOT_FOUND, render(answer)
    assert render(answer).splitlines()[0].startswith("Nothing on record says who")


@pytest.mark.parametrize(
    "question",
    [
        "who was blamed for the Foreign Office attack that Lobban warned about",
        "which company carried out the 2011 survey that put the cost at $114 billion",
    ],
)
def test_a_head_noun_is_judged_by_what_the_entity_is(answerer: Answerer, question: str) -> None:
    """GCHQ warned about attacks but is an agency, not an attack; Symantec ran a survey but
    is a company: a happening stated in a fact is not resolved as an entity (the question is
    answered from the fact instead)."""
    found = resolve(answerer.db, Repository(answerer.db), question)
    assert found is None, found


def test_a_noun_phrase_two_entities_fit_as_well_resolves_to_neither(answerer: Answerer) -> None:
    """ "the cyberspace conference": London, Budapest and Seoul each held one."""
    answerer.answer("who is the ITU")  # the indexes are read
    found = resolve_phrase(
        answerer.db,
        Repository(answerer.db),
        "who convened the cyberspace conference",
        answerer.meaning,
        answerer.indexes.vectors,
    )
    assert found is None


def test_a_noun_phrase_owned_by_a_name_the_store_never_uses_is_refused(
    answerer: Answerer,
) -> None:
    """Germany is in no name and no record: its defence minister is not Liam Fox, nor the
    forum it is asked about."""
    question = "what did Germany's defence minister say at the Singapore forum"
    found = resolve_phrase(
        answerer.db, Repository(answerer.db), question, answerer.meaning, answerer.indexes.vectors
    )
    assert isinstance(found, Unknown) and found.span == "Germany's defence minister"
    assert answerer.answer(question).status is Status.NOT_FOUND


@pytest.mark.parametrize(
    ("question", "entity"),
    [
        ("what did America's defence chief say about acts of war", "Robert Gates"),
        ("what did Britain's defence minister announce in Singapore", "Liam Fox"),
        ("when was the Pacific Rim trade group's Bogor goals set", "APEC"),
        ("who is Britain's top spy agency's boss", "GCHQ"),
        ("what did Britain's cyber security director say", "Neil Thompson"),
    ],
)
def test_a_noun_phrase_resolves_by_its_noun_names_and_words(
    answerer: Answerer, question: str, entity: str
) -> None:
    """The noun is what the entity is (a chief holds an office: the US Defence Secretary),
    its names are said by the entity's record (America: US), and an owner is resolved first
    ("Britain's top spy agency" in "Britain's top spy agency's boss")."""
    answerer.answer("who is the ITU")
    found = resolve_phrase(
        answerer.db, Repository(answerer.db), question, answerer.meaning, answerer.indexes.vectors
    )
    assert isinstance(found, Resolved) and entity in found.ref.label, found


def test_a_role_nobody_holds_at_a_named_organisation_is_refused(answerer: Answerer) -> None:
    """Cisco is on record, its chief is not (Brad Boston is a vice-president): the bot says
    so instead of quoting whoever speaks of a chief."""
    answer = answerer.answer("what did the Cisco chief say")
    assert answer.status is Status.NOT_FOUND
    assert "Nothing on record says who the Cisco chief is" in render(answer)


def test_an_office_written_as_initials_is_the_office_in_words() -> None:
    """ "the British PM" asks for a prime minister; a CEO is a chief executive."""
    assert roles.role_words("the British PM") == ["british", "prime", "minister"]
    assert "chief" in roles.role_nouns("CEO")


@pytest.mark.parametrize(
    ("question", "span", "person"),
    [
        ("what did the British PM say about censorship", "the British PM", "David Cameron"),
        ("what did the head of GCHQ say", "the head of GCHQ", "Iain Lobban"),
        (
            "what did the prime minister's cyber envoy say",
            "the prime minister's cyber envoy",
            "Pauline Neville-Jones",
        ),
    ],
)
def test_an_office_and_its_country_or_organisation_resolve_to_its_holder(
    answerer: Answerer, question: str, span: str, person: str
) -> None:
    """The envoy of a prime minister is the envoy, never the prime minister."""
    found = resolve_phrase(
        answerer.db,
        Repository(answerer.db),
        question,
        answerer.meaning,
        answerer.indexes.vectors,
        weights=answerer.weights,
    )
    assert isinstance(found, Resolved) and found.span == span, found
    assert found.ref.label == person


def test_an_office_on_record_only_for_another_country_is_nobody(answerer: Answerer) -> None:
    """The store has a British prime minister, not an Australian one: refused, never
    answered with David Cameron."""
    answer = answerer.answer("what did the Australian prime minister say about cyber attacks")
    assert answer.status is Status.NOT_FOUND
    assert "Nothing on record is the Australian prime minister" in render(answer)
    assert "Cameron" not in render(answer)


@pytest.mark.parametrize(
    ("question", "entity"),
    [
        ("when did the conference Jimmy Wales spoke at open", "London Conference"),
        ("who requested the arrest of the man Lyons gave as an example", "Gary McKinnon"),
    ],
)
def test_a_description_without_that_or_whom_is_resolved(
    answerer: Answerer, question: str, entity: str
) -> None:
    found = resolve(answerer.db, Repository(answerer.db), question)
    assert found is not None and entity in found.ref.label


def test_a_description_said_in_part_is_still_about_what_it_names(answerer: Answerer) -> None:
    """Hague convened the London conference, not the Seoul one."""
    repo = Repository(answerer.db)
    assert resolve(answerer.db, repo, "who is the man who convened the Seoul conference") is None


def test_the_verb_after_a_described_subject_is_not_part_of_it(answerer: Answerer) -> None:
    found = resolve(
        answerer.db,
        Repository(answerer.db),
        "what role did the woman who called Russia and China the worst culprits hold",
    )
    assert found is not None and found.ref.label == "Pauline Neville-Jones"
    assert not found.span.endswith("hold")


def test_which_firms_office_asks_for_the_firm(answerer: Answerer) -> None:
    answer = answerer.answer("which firm's vice-president attended the London conference")
    assert answer.status is Status.FOUND
    assert render(answer).splitlines()[0].startswith("Cisco")


def test_a_verb_of_saying_in_its_base_form() -> None:
    assert is_saying_verb("say") and is_saying_verb("warn")
    assert not is_saying_verb("said") and not is_saying_verb("convened")


def test_who_held_an_office_at_the_time_of_an_event_is_never_the_event(
    answerer: Answerer,
) -> None:
    """The event is the time; only a person answers (the event's card was the answer)."""
    answer = answerer.answer("who headed Britain's signals agency during the London conference")
    first = render(answer).splitlines()[0]
    assert answer.status is Status.FOUND and first.startswith("Iain Lobban"), first
