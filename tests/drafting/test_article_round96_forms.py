"""Forms from rounds 96-98 (an inquest report, a police appeal, a school story) that lost a
speaker or a role as they came, each with the case that must name nobody."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def speakers(text: str) -> list[tuple[str, str]]:
    return [(q["text"][:8], q["speaker"]) for q in draft_article(text, {"title": "t"}).quotes]


def roles(text: str) -> dict[str, str]:
    return {p["name"]: p.get("role", "") for p in draft_article(text, {"title": "t"}).people}


def test_a_short_quote_repeated_then_the_rest_is_the_repeaters() -> None:
    text = (
        "Under questioning by the family's barrister, Lucy Amos, the witness accepted the fix "
        'had been scheduled.\n\n"Scheduled," Ms Amos repeated. "While a known hole stayed open '
        'in a service on which lives depended."'
    )
    assert speakers(text) == [("Schedule", "Lucy Amos"), ("While a ", "Lucy Amos")]


def test_a_coroner_and_a_headteacher_are_roles() -> None:
    text = (
        "Recording a narrative conclusion, the area coroner for Kent, Catherine Mills, said the "
        "delay had contributed. Ysgol Glan Taf's headteacher, Gareth Rees, wrote to parents."
    )
    found = roles(text)
    assert "coroner" in found["Catherine Mills"].lower()
    assert "headteacher" in found["Gareth Rees"].lower()


def test_a_board_named_in_apposition_speaks_for_itself() -> None:
    text = (
        'The Welsh exam board, WJEC, said it would work with the school on "any special '
        'consideration that may be needed".'
    )
    assert speakers(text) == [("any spec", "WJEC")]


def test_a_speaker_with_an_age_and_a_clause_after_the_name_is_the_he_after_it() -> None:
    text = (
        "Lewis Jenkins, 17, who is in Year 13, said most classmates kept copies. "
        '"The teachers kept telling us to save everything twice," he said.'
    )
    assert speakers(text) == [("The teac", "Lewis Jenkins")]


def test_a_role_of_a_body_named_in_apposition_before_the_name_keeps_the_body() -> None:
    text = (
        "The chief executive of the pathology provider, Synlab Kent, Graham Whitfield, told the "
        "inquest the company had followed national guidance."
    )
    assert roles(text)["Graham Whitfield"].startswith("Chief executive of the pathology provider")


def test_a_dateline_on_the_line_under_a_byline_is_no_part_of_the_writers_role() -> None:
    text = (
        "School closes after cyber attack\n\n"
        "By Nia Hughes, Education Reporter\n"
        "CARDIFF, 18 December 2026\n\n"
        "A secondary school in Cardiff has closed for the rest of the week."
    )
    draft = draft_article(text, {"title": "t"})
    assert {p["name"]: p.get("role") for p in draft.people} == {"Nia Hughes": "Education Reporter"}
    assert draft.source["date"] == "2026-12-18"
