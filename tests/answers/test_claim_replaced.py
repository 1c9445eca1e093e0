"""A record putting one thing in place of another ("not A, but B", "B rather than A")
states a claim about B and contradicts one about A; one affirming both ("not only A but also
B") does neither; a view the record gives to another contradicts the subject's claim only
when the subject's own view is something else."""

from __future__ import annotations

import pytest

from cyberbrief.answers.claim_relations import regarded_otherwise, view_unsaid
from cyberbrief.answers.claim_replaced import put_in_place
from cyberbrief.answers.claim_sense import Sense
from cyberbrief.answers.textsearch import terms

RECORD = "The main risk to trade is not tariffs, but weak courts."


@pytest.mark.parametrize(
    ("record", "claim", "read"),
    [
        (RECORD, "weak courts the main risk to trade", Sense.STATES),
        (RECORD, "tariffs the main risk to trade", Sense.CONTRADICTS),
        (RECORD, "weak courts a bigger risk to trade than tariffs", Sense.STATES),
        (RECORD, "tariffs a bigger risk to trade than weak courts", Sense.CONTRADICTS),
        ("The panel asked for talks rather than a binding treaty.", "the panel ask for a treaty",
         Sense.CONTRADICTS),
        ("The panel wants talks instead of sanctions.", "the panel want talks", Sense.STATES),
        ("We see threats from many sources, not just one country.",
         "we see threats from one country only", Sense.CONTRADICTS),
        # both affirmed, or the record says something else of them than the claim asks
        ("The risk is not only tariffs but also weak courts.", "tariffs a risk", None),
        (RECORD, "weak courts the cause of inflation", None),
        ("It asked for rules, short of a full treaty.", "it ask for a treaty", Sense.CONTRADICTS),
        ("It asked for rules, short of a full treaty.", "it ask for rules", Sense.STATES),
    ],
)  # fmt: skip
def test_one_thing_in_place_of_another(record: str, claim: str, read: Sense | None) -> None:
    found = put_in_place(record, claim, terms(claim), None)
    assert (found[0] if found else None) is read


VIEWS = "Spain considers the tax a burden while Peru sees it as a benefit."


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("peru see the tax as a burden", True),  # Peru's view is another
        ("spain treat the tax as a benefit", True),
        ("peru see the tax as a benefit", False),  # said, not contradicted
        ("chile see the tax as a burden", False),  # nothing about Chile
        ("peru see the tax as a threat", False),  # no view of a threat is on record
    ],
)
def test_a_view_given_to_another_contradicts_only_the_subjects_other_view(
    claim: str, contradicted: bool
) -> None:
    assert (regarded_otherwise(VIEWS, claim) is not None) is contradicted


@pytest.mark.parametrize(
    ("claim", "unsaid"),
    [
        ("spain see the tax as a threat", True),  # Spain's view is a burden, not a threat
        ("spain treat the tax as a burden", False),
        ("chile see the tax as a threat", False),  # no view of Chile's on record
    ],
)
def test_a_view_is_said_only_in_its_words(claim: str, unsaid: bool) -> None:
    assert view_unsaid(VIEWS, claim) is unsaid
