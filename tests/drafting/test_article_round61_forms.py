"""Forms from rounds 61-66 (an analysis with anonymous officials, a live blog, a trade-press
story, a committee hearing, a story in translation, a profile with a Jr. and a Sr.) that credited
quotes to the wrong speaker as they came, each with the case that must name nobody."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def speakers(text: str) -> list[tuple[str, str]]:
    return [(q["text"][:8], q["speaker"]) for q in draft_article(text, {"title": "t"}).quotes]


PROFILE = (
    "The first thing Thomas Reyes Jr. did after his confirmation was call his father.\n\n"
    '"He asked me whether I had read the statute," Reyes says.\n\n'
    "Thomas Reyes Sr., 81, spent 34 years at the National Security Agency.\n\n"
    '"I told him to read it again and again," Reyes Sr. says by phone.\n\n'
)


def test_a_father_and_son_of_one_name_are_two_people_and_reyes_alone_is_the_son() -> None:
    # The article calls the father "Reyes Sr.": "Reyes" alone is the son it profiles, and
    # "Reyes Sr." is never a person of its own.
    assert speakers(PROFILE) == [
        ("He asked", "Thomas Reyes Jr."),
        ("I told h", "Thomas Reyes Sr."),
    ]


def test_a_surname_the_son_and_father_share_names_neither_when_neither_is_told_apart() -> None:
    text = (
        "Thomas Reyes Jr. and Thomas Reyes Sr. both worked at the agency.\n\n"
        '"We never talked about work at dinner," Reyes says.'
    )
    draft = draft_article(text, {"title": "t"})
    assert draft.quotes == []
    assert any("talked about work" in t for t in draft.unattributed)


def test_a_sister_introduced_as_kin_leaves_the_surname_to_the_subject() -> None:
    text = PROFILE + (
        "Reyes's sister, Maria Reyes, a federal prosecutor, remembers the family computer. "
        '"Dad was furious when he took it apart," she says.\n\n'
        '"I was nine and very curious," Reyes says.'
    )
    got = speakers(text)
    assert ("Dad was ", "Maria Reyes") in got
    assert ("I was ni", "Thomas Reyes Jr.") in got


def test_a_pronoun_after_an_asked_by_clause_is_never_the_asker() -> None:
    text = (
        "Sarah Penhaligon, chief information security officer at Severn Water, said the "
        "programme would take ten years.\n\n"
        "Asked by the Labour MP for Walsall North, Kwame Asante, whether customers would pay "
        'through their bills, she said: "Ultimately, yes. There is no other money."'
    )
    assert speakers(text) == [("Ultimate", "Sarah Penhaligon")]


def test_an_asked_by_clause_naming_two_people_leaves_the_pronoun_open() -> None:
    text = (
        "Helen Okonjo, the chief executive of the centre, gave evidence first.\n\n"
        "Asked by Kwame Asante whether Sarah Penhaligon's programme was fast enough, she "
        'said: "Nobody, anywhere, does this in under five years."'
    )
    draft = draft_article(text, {"title": "t"})
    assert draft.quotes == []
    assert any("Nobody, anywhere" in t for t in draft.unattributed)


def test_a_verb_of_saying_opening_the_next_sentence_is_a_new_statement() -> None:
    # British copy ends the sentence outside the quote marks; "Wang says China is ..." then
    # says something else, and is no attribution of the quote before it.
    text = (
        "Kristina Lindqvist, the EU's special envoy for cyber, and Wang Lei, China's deputy "
        "permanent representative, left the hall together.\n\n"
        'The envoy called the deal "a modest step, but in the right direction". Wang says '
        'China is "satisfied that the intergovernmental character has been preserved".'
    )
    got = speakers(text)
    assert ("satisfie", "Wang Lei") in got
    assert all(speaker != "Wang Lei" for words, speaker in got if words == "a modest")


def test_a_closing_attribution_after_the_full_stop_still_attributes() -> None:
    text = (
        "Wang Lei, China's deputy permanent representative, spoke last.\n\n"
        'The text was "an intergovernmental process from start to finish". Wang said.'
    )
    assert speakers(text) == [("an inter", "Wang Lei")]
