"""Which words meet which: derived forms and fused words meet, look-alikes do not."""

from __future__ import annotations

import pytest

from cyberbrief.answers.textsearch import keys, stems, terms


@pytest.mark.parametrize(
    ("asked", "stored"),
    [
        ("economies", "economic"),
        ("strategy", "strategic"),
        ("politicians", "political"),
        ("companies", "company"),
    ],
)
def test_derived_forms_meet(asked: str, stored: str) -> None:
    assert keys(asked) & keys(stored)


@pytest.mark.parametrize(
    ("asked", "stored"), [("policy", "police"), ("internet", "international"), ("digit", "dig")]
)
def test_look_alikes_do_not_meet(asked: str, stored: str) -> None:
    assert not keys(asked) & keys(stored)


def test_fused_and_split_words_meet_both_ways() -> None:
    [fused] = terms("cybercrime")
    assert fused.alternatives & stems("a rise in cyber crime")
    cyber, crime = terms("cyber crime")
    have = stems("the cost of cybercrime")
    assert cyber.alternatives & have and crime.alternatives & have


def test_a_name_meets_only_its_synonym_group() -> None:
    [britain] = terms("what did Britain pledge")[:1] or [None]
    assert britain is not None and britain.name
    assert britain.alternatives & stems("the UK pledged")
    [munich] = [t for t in terms("why is the Munich treaty hard") if t.word == "munich"]
    assert munich.alternatives == {"munich"}
