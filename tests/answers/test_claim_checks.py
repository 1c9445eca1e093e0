"""A claim said in a record's other words: a group's members listed after "including", a
qualifier said in its opposite sense."""

from __future__ import annotations

import pytest

from cyberbrief.answers.claim_checks import is_membership, listed_member, opposed
from cyberbrief.answers.textsearch import terms

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
