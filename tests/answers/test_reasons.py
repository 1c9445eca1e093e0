"""The reason check on its own: which side of a connective says what is asked decides whether
a record explains it (``reasons.reason_in``), without a meaning model."""

from __future__ import annotations

from cyberbrief.answers.reasons import STRONG, WEAK, according_to, reason_in, wanted_head
from cyberbrief.answers.verify import asked_terms

RECORD = (
    "CERTs often get overloaded with calls, so responses are frequently delayed; "
    "the delays illustrate the larger challenges of adequate funding."
)


def _reason(question: str, text: str = RECORD) -> tuple[int, str] | None:
    found = reason_in(text, asked_terms(question, []), None, question)
    return (found.strength, found.sentence) if found else None


def test_the_effect_asked_is_explained_by_its_cause() -> None:
    found = _reason("why are responses delayed")
    assert found == (
        STRONG,
        "CERTs often get overloaded with calls, so responses are frequently delayed",
    )


def test_a_cause_asked_about_is_no_strong_reason() -> None:
    """ "why are CERTs overloaded": the record says what follows from it, not why."""
    found = _reason("why are certs overloaded with calls")
    assert found is not None and found[0] == WEAK


def test_a_record_saying_nothing_asked_gives_no_reason() -> None:
    assert _reason("why did Hague resign") is None


def test_a_purpose_in_front_explains_what_follows() -> None:
    text = "To make further progress, all sides need to put greater emphasis on building up trust."
    found = _reason("why build up trust", text)
    assert found is not None and found[0] == STRONG


def test_according_to_splits_the_speaker_off_either_end() -> None:
    assert according_to("why is it hard, according to the head of GCHQ?") == (
        "why is it hard",
        "the head of GCHQ",
    )
    assert according_to("according to Lyons, why is it hard") == ("why is it hard", "Lyons")
    assert according_to("why is it hard") is None


def test_a_reason_for_wanting_something_says_what_is_wanted() -> None:
    """Why an agreement is a long way off is no reason for wanting funding, though it says
    most of the question's words: the sentence that says the funding is."""
    barriers = (
        "An international agreement on cyber security is a long way off because there are too "
        "many barriers in the way."
    )
    funding = (
        "Nations lack cyber resilience, so international funding for cyber security is needed."
    )
    question = "why does he want international funding for cyber security"
    assert _reason(question, barriers) is None
    assert _reason(question, f"{barriers} {funding}") == (STRONG, funding)
    assert _reason("why is an international agreement a long way off", barriers) is not None


def test_what_is_wanted_ends_where_its_complements_start() -> None:
    question = "why does Gates want a more open dialogue among countries about cyber threats"
    head = wanted_head(question, asked_terms(question, ["Gates"]))
    assert head is not None and head.word == "dialogue"
    named = "why did Fox want London to hold a conference"
    assert wanted_head(named, asked_terms(named, ["Fox"])) is None  # a name is wanted
    assert wanted_head("why is progress slow", asked_terms("why is progress slow", [])) is None
