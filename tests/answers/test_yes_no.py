"""Yes/no questions: the claim is verified against what the records say, never answered yes
from a record that is merely about the same entities; a record that says otherwise is what
the answer leads with (never a bare "no")."""

from __future__ import annotations

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.answers.textsearch import terms
from cyberbrief.answers.yesno import Sense, claim_of, sense
from cyberbrief.knowledge.model import Status


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        ("Was Joanna Shields at the London conference?", "Joanna Shields at the London conference"),
        ("did McAfee back the ICSPA", "McAfee back the ICSPA"),
        ("is it true that APEC met the Bogor goals", "APEC met the Bogor goals"),
        ("who is Joanna Shields", None),
        ("why did Clinton cancel", None),
        ("can you tell me who heads GCHQ", None),
        ("do you know when McKinnon was arrested", None),
        # put to one speaker's account: what that speaker said
        ("according to John Lyons, is a treaty far off", "john lyons said a treaty far off"),
        ("is a treaty far off, according to Lyons?", "lyons said a treaty far off"),
        ("according to Lyons, what is needed", None),
    ],
)
def test_only_a_question_led_by_an_auxiliary_is_a_claim(question: str, claim: str | None) -> None:
    assert claim_of(question) == (claim.lower() if claim else None)


@pytest.mark.parametrize(
    ("record", "claim", "read"),
    [
        ("APEC has failed to meet the Bogor goals", "APEC meet the Bogor goals", Sense.CONTRADICTS),
        ("McAfee was expected to support the ICSPA", "McAfee support the ICSPA", Sense.EXPECTED),
        (
            "She had been due to attend the conference but cancelled when her mother fell ill",
            "she attend the conference",
            Sense.CONTRADICTS,
        ),
        (
            # the negation is about something else in the clause, far from what is claimed
            "The conference, which no treaty came out of in the end, was attended by delegates",
            "delegates attended",
            Sense.STATES,
        ),
        (
            # an idiom that affirms: "no question that" is no negation
            "There is no question that our systems are under attack",
            "our systems under attack",
            Sense.STATES,
        ),
    ],
)
def test_a_record_is_read_for_the_sense_it_gives_the_claim(
    record: str, claim: str, read: Sense
) -> None:
    found = sense(record, claim, [t for t in terms(claim) if t.word not in ("apec", "mcafee")], [])
    assert found is not None and found[0] is read, found


def test_a_yes_leads_with_the_record_that_states_it_and_cites_it(answerer: Answerer) -> None:
    answer = answerer.answer("was Joanna Shields at the London Conference on Cyberspace")
    first = render(answer).splitlines()[0]
    assert answer.status is Status.FOUND
    assert first.startswith("On record: yes — ") and "Joanna Shields" in first
    assert first.endswith("[1]")


def test_another_figure_on_record_is_said_instead_of_a_yes(answerer: Answerer) -> None:
    """193 member states on record: "190" is never confirmed; the answer says 193 (as what
    is on record instead, or as the closest record of a refusal)."""
    answer = answerer.answer("does the ITU have 190 member states")
    text = render(answer)
    assert not text.splitlines()[0].startswith("On record: yes"), text
    assert "193" in text


@pytest.mark.parametrize(
    "question",
    [
        "was Joe Biden at the London conference",  # Clinton's record names him, not as attending
        "was Iain Lobban at the London Conference on Cyberspace",  # about both, says neither
        "is Japan getting better at cyber defence",  # a record listing Japan among APEC's members
        "did McAfee fund the ICSPA",  # expected to support it: not funding
        "did Clinton deliver her speech",  # "her speech was delivered by Joe Biden"
    ],
)
def test_a_record_merely_about_the_same_entities_never_answers_yes(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.NOT_FOUND, render(answer)
    assert render(answer).splitlines()[0].startswith("Nothing on record says that")


@pytest.mark.parametrize(
    "question",
    [
        # a warning against something is said by a record that warns of its risks
        "did Jimmy Wales warn against government overreach",
        # ... and by one that says it must not be done
        "did David Cameron warn against using cyber security as an excuse for censorship",
        "did Hague urge a global co-ordinated response",  # a surname only he has
    ],
)
def test_a_claim_in_other_words_is_confirmed(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert render(answer).splitlines()[0].startswith("On record: yes — "), render(answer)
