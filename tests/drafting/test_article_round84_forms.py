"""Forms from rounds 84-89 (a reported speech, a panel write-up, a wire story's update, a
letters page, a news-in-brief round-up, a press review) that lost a speaker or a role as they
came, each with the case that must name nobody."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def roles(text: str) -> dict[str, str]:
    return {p["name"]: p.get("role", "") for p in draft_article(text, {"title": "t"}).people}


LETTERS = (
    "Letters: who pays\n\n"
    "Sir, Your report was right. The fund is too small.\n\n"
    "Dr Rebecca Hall\n"
    "Consultant anaesthetist, Royal Devon University Hospital, Exeter\n\n"
    "Sir, Copying a sensible law is no failure.\n\n"
    "Gwen Pritchard\n"
    "Cardiff\n"
)


def test_a_letter_writers_signature_gives_the_role_on_the_line_under_the_name() -> None:
    found = roles(LETTERS)
    assert "anaesthetist" in found["Rebecca Hall"].lower()
    assert "Gwen Pritchard" not in found  # a town says where, not who: no role, no person
    assert not any("Cardiff" in name or "Consultant" in name for name in found)


def test_a_countered_quote_is_the_speakers_named_before_it() -> None:
    text = (
        "Ingrid Falk, a Swedish MEP, disagreed sharply. "
        '"Every euro paid is a euro invested in the next attack," she countered.'
    )
    quotes = draft_article(text, {"title": "t"}).quotes
    assert [(q["speaker"]) for q in quotes] == ["Ingrid Falk"]


def test_appointed_as_a_role_without_its_is_the_new_role_not_the_old_one() -> None:
    text = (
        "Estonia's foreign ministry has appointed Kaja Rebane, until now the deputy head of its "
        "embassy in Washington, as ambassador-at-large for cyber diplomacy."
    )
    assert roles(text)["Kaja Rebane"] == "Ambassador-at-large for cyber diplomacy"


def test_appointed_as_a_role_for_a_time_keeps_the_time_out_of_the_role() -> None:
    text = "The agency has appointed Mark Lee, a former diplomat, as director for three years."
    assert roles(text)["Mark Lee"] == "Director"
