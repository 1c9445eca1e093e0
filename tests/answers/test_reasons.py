"""The reason check on its own: which side of a connective says what is asked decides whether
a record explains it (``reasons.reason_in``), without a meaning model."""

from __future__ import annotations

from cyberbrief.answers.reasons import STRONG, WEAK, according_to, reason_in
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
