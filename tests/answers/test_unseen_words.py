"""A question that changes the kind of thing a record speaks of ("tax laws" for the record's
"laws") with a word the store never says: the record does not answer it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberbrief.answers.textsearch import Weights
from cyberbrief.answers.unseen_words import qualifies_unsaid
from cyberbrief.knowledge.seed import open_store

LAWS = 'Different laws around the world are often "incompatible", Lyons said.'
RULES = "Leaving cyber superpowers to set the rules may well backfire on them."


@pytest.fixture(scope="module")
def weights(tmp_path_factory: pytest.TempPathFactory) -> Weights:
    return Weights(open_store(Path(tmp_path_factory.mktemp("unseen")) / "k.db"))


def test_a_word_the_store_never_says_qualifying_the_records_word_is_unsaid(
    weights: Weights,
) -> None:
    assert qualifies_unsaid("what are tax laws around the world like", LAWS, weights, None) == "tax"
    # A synonym of the record's word is qualified the same way ("accords": "agreements").
    treaties = "There needs to be international treaties and common agreements between countries."
    assert qualifies_unsaid("what are climate accords rooted in", treaties, weights, None)


def test_words_the_store_says_or_that_qualify_nothing_are_no_reason_to_refuse(
    weights: Weights,
) -> None:
    # "national" is a word of the store; "different" is said by the record itself.
    assert qualifies_unsaid("what are national laws like", LAWS, weights, None) == ""
    assert qualifies_unsaid("what are different laws like", LAWS, weights, None) == ""
    # A verb after "to" before its object, an idiom before a particle, a hyphened word.
    assert (
        qualifies_unsaid("why might they come to regret setting the rules", RULES, weights, None)
        == ""
    )
    assert qualifies_unsaid("which laws are stuck between countries", LAWS, weights, None) == ""
    assert qualifies_unsaid("is a full-blown laws change coming", LAWS, weights, None) == ""


def test_a_word_before_a_name_is_no_kind_of_it(weights: Weights) -> None:
    itu = "The ITU comprises 193 UN member states and over 700 private companies."
    assert qualifies_unsaid("facts ITU", itu, weights, None) == ""


def test_a_possessive_is_the_word_it_ends(weights: Weights) -> None:
    body = "An international not-for-profit body formed to work for law enforcement units."
    assert qualifies_unsaid("what is the health body's work based on", body, weights, None)
