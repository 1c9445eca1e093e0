"""A claim said in a record's other words: a group's members listed after "including", a
qualifier said in its opposite sense."""

from __future__ import annotations

import pytest

from cyberbrief.answers.claim_checks import (
    is_membership,
    listed_member,
    not_in_person,
    opposed,
    spoke_for,
)
from cyberbrief.answers.claim_relations import related
from cyberbrief.answers.textsearch import terms
from cyberbrief.answers.verify import unsaid

GROUP = "The Pacific Forum is a group of 12 states, including Fiji, Samoa and Tonga."


@pytest.mark.parametrize(
    ("text", "obj", "listed"),
    [
        (GROUP, "Samoa", True),
        (GROUP, "Vanuatu", False),  # a partial list: not on record either way
        # the list belongs to the companies, not to the group named after it
        ("Firms including Acme and Initech back the Pacific Forum.", "Acme", False),
        # a list elsewhere in the text, in another sentence
        ("The Pacific Forum met in May. Delegates came from Fiji and Samoa.", "Samoa", False),
    ],
)
def test_a_member_is_stated_only_by_a_list_attached_to_the_group(
    text: str, obj: str, listed: bool
) -> None:
    found = listed_member(text, ["Pacific Forum"], terms(obj))
    assert (found is not None) is listed


def test_membership_is_a_claim_of_being_in_a_group() -> None:
    assert is_membership(terms("Samoa a member of the Pacific Forum"))
    assert is_membership(terms("Samoa part of the Pacific Forum"))
    assert not is_membership(terms("Samoa attend the Pacific Forum"))


@pytest.mark.parametrize(
    ("record", "claim", "qualifier"),
    [
        ("The Forum is a not-for-profit body.", "the forum a for-profit company", "for-profit"),
        ("Its rules are non-binding.", "its rules binding", "binding"),
        ("Its commitments are voluntary.", "its commitments binding", "binding"),
        ("The talks were informal.", "the talks formal", "formal"),
        ("Its rules are binding.", "its rules binding", None),
        # the qualifier said as well: the record opposes nothing
        ("Some rules are binding, others voluntary.", "its rules binding", None),
        ("The Forum is a company.", "the forum a for-profit company", None),
    ],
)
def test_a_qualifier_said_in_the_opposite_sense(
    record: str, claim: str, qualifier: str | None
) -> None:
    assert opposed(record, claim) == qualifier


@pytest.mark.parametrize(
    ("record", "names", "describes_it", "away"),
    [
        # took part from elsewhere: named in the clause, or the description's own entity
        ("The minister spoke by video link from Paris.", ["The minister"], False, True),
        ("Envoy who addressed the summit via video from Rome.", ["Ana Ruiz"], True, True),
        # someone else delivered the speech: named, or "her" after the name
        ("Ana Ruiz stayed home; her speech was read by her deputy.", ["Ana Ruiz"], False, True),
        ("Deputy who delivered Ana Ruiz's speech to the summit.", ["Ana Ruiz"], False, True),
        ("The deputy spoke on behalf of Ana Ruiz.", ["Ana Ruiz"], False, True),
        # nothing says she was elsewhere
        ("Ana Ruiz attended the summit in Rome.", ["Ana Ruiz"], False, False),
        ("Ana Ruiz spoke; Ben Ode joined by video link.", ["Ana Ruiz"], False, False),
        ("Ana Ruiz read Ben Ode's speech.", ["Ana Ruiz"], False, False),
    ],
)  # fmt: skip
def test_a_record_saying_someone_was_not_there_in_person(
    record: str, names: list[str], describes_it: bool, away: bool
) -> None:
    assert (not_in_person(record, names, describes_it) is not None) is away


@pytest.mark.parametrize(
    ("claim", "word", "record_word"),
    [
        ("russia treat cyber attacks as a military issue", "treat", "considers"),
        ("the uk call for a full treaty", "call", "wanted"),
        ("the alliance work with the police", "work", "cooperating"),
        ("she go to the summit", "go", "attended"),
    ],
)
def test_a_verb_is_matched_by_the_verbs_of_its_relation(
    claim: str, word: str, record_word: str
) -> None:
    asked = [t for t in related(terms(claim), claim) if t.word == word]
    assert asked and not unsaid(record_word, asked)


@pytest.mark.parametrize(
    ("claim", "word", "record_word"),
    [
        ("what russia calls information security", "calls", "wanted"),  # naming, no call for
        ("gates see the threat", "see", "considers"),  # seeing, not regarding as
        ("the work of the alliance", "work", "cooperating"),
    ],
)
def test_a_verb_outside_its_relation_keeps_its_own_words(
    claim: str, word: str, record_word: str
) -> None:
    asked = [t for t in related(terms(claim), claim) if t.word == word]
    assert asked and unsaid(record_word, asked)


@pytest.mark.parametrize(
    ("record", "describes_it", "spoke"),
    [
        ("Ana Ruiz fell ill; her speech was read by Ben Ode.", False, True),
        ("Deputy who delivered Ana Ruiz's speech to the summit.", True, True),
        ("Ben Ode spoke on behalf of Ana Ruiz.", False, True),
        # the other way round, or someone else speaking for her
        ("Ben Ode fell ill; his speech was read by Ana Ruiz.", False, False),
        ("Ana Ruiz fell ill; her speech was read by Cy Park.", False, False),
        ("Ben Ode spoke by video link.", False, False),
    ],
)  # fmt: skip
def test_a_record_saying_someone_spoke_for_another(
    record: str, describes_it: bool, spoke: bool
) -> None:
    found = spoke_for(record, ["Ben Ode"], ["Ana Ruiz"], describes_it)
    assert (found is not None) is spoke
