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


def speakers(text: str) -> list[tuple[str, str]]:
    return [(q["text"][:8], q["speaker"]) for q in draft_article(text, {"title": "t"}).quotes]


def test_a_papers_editorial_voice_is_the_papers_and_it_said_after_it_too() -> None:
    text = (
        "In Paris, Le Monde's editorial called the delay \"a gift to the laggards paid for by "
        'the diligent". The paper argued that firms were now at a disadvantage. "Brussels has '
        'taught industry that deadlines are opening bids," it said.\n\n'
        "The Financial Times, in a leader, said the real test would come in 2028. "
        '"Europe has a habit of writing the rules and then enforcing them slowly," the paper '
        'said. "This delay will be forgiven if it is the last."'
    )
    assert speakers(text) == [
        ("a gift t", "Le Monde"),
        ("Brussels", "Le Monde"),
        ("Europe h", "Financial Times"),
        ("This del", "Financial Times"),
    ]


def test_a_columnist_named_after_the_papers_voice_is_not_the_paper() -> None:
    text = (
        "Le Monde's editorial was sharp, but its columnist Paul Roux was sharper. "
        '"Brussels has taught industry that deadlines are opening bids," he wrote.\n\n'
        "The paper's editorial board said it hoped for better. \"This delay will be forgiven "
        'if it is the last," one reader wrote.'
    )
    assert speakers(text) == [("Brussels", "Paul Roux")]


def test_a_role_with_what_its_holder_did_between_is_the_role_before_who() -> None:
    text = (
        "Corriere della Sera ran a long interview with the MEP who steered the act through "
        "Parliament, Lucia Bianchi, a member of the European People's Party."
    )
    assert roles(text)["Lucia Bianchi"].startswith("MEP")


def test_a_clause_about_another_person_after_a_name_is_not_its_role() -> None:
    text = (
        "Writing in the Frankfurter Allgemeine Zeitung, the columnist Jonas Weber took the "
        "opposite view. Politiken in Copenhagen quoted Denmark's digital minister, Mette Lund, "
        "who agreed."
    )
    found = roles(text)
    assert "Frankfurter Allgemeine Zeitung" not in found
    assert found["Mette Lund"] == "Denmark's digital minister"
