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


def test_an_account_quoting_someone_as_saying_gives_them_every_quote_of_the_sentence() -> None:
    text = (
        "China's foreign ministry made no mention of hacking. It quoted President Xi Jinping as "
        'saying the two countries "should be partners, not rivals", and that the United States '
        'should "stop smearing China on cyber security issues".'
    )
    assert speakers(text) == [("should b", "Xi Jinping"), ("stop sme", "Xi Jinping")]


def test_a_verb_of_saying_after_had_names_its_subject() -> None:
    text = (
        "President Xi Jinping spoke for an hour. The Chinese readout said Xi had stressed that "
        'Taiwan was "the first red line that must not be crossed".'
    )
    assert speakers(text) == [("the firs", "Xi Jinping")]
