"""Forms from rounds 99-101 (two governments' readouts of a call, a resignation, a joint
advisory) that credited a quote to the wrong speaker or to nobody as they came."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def speakers(text: str) -> list[tuple[str, str]]:
    return [(q["text"][:8], q["speaker"]) for q in draft_article(text, {"title": "t"}).quotes]


def test_a_name_inside_a_list_of_names_is_no_subject_of_the_verb_after_it() -> None:
    text = (
        "The advisory, published by CISA together with agencies in the UK, Canada, Australia, "
        'New Zealand, Japan and Germany, says the group has compromised "at least a dozen '
        'ground station operators".'
    )
    draft = draft_article(text, {"title": "t"})
    assert draft.quotes == []
    assert "New Zealand" not in {p["name"] for p in draft.people}


def test_a_named_body_with_its_head_in_apposition_still_speaks() -> None:
    text = (
        "The chief executive of Acme, John Smith, says the firm will appeal. "
        '"We have done nothing wrong," he said.'
    )
    assert speakers(text) == [("We have ", "John Smith")]
