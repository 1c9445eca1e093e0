"""Forms from rounds 115-117 (a consultation's responses, a joint news conference, an annual
general meeting) that credited a quote to the wrong speaker or to nobody, or a role to nobody,
as they came; each checked on copy of its own, with a case the rule must leave alone."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def draft(text: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    result = draft_article(text, {"title": "t"})
    quotes = [(q["text"][:8], q["speaker"]) for q in result.quotes]
    return quotes, {p["name"]: p.get("role", "") for p in result.people}


def test_a_consortium_speaks_as_a_body_never_as_a_person() -> None:
    text = (
        'In its submission, the British Retail Consortium said reporting would "finally give '
        'the government a picture of the problem". "Retailers have faced this alone," the '
        "consortium wrote."
    )
    quotes, roles = draft(text)
    assert quotes == [
        ("finally ", "British Retail Consortium"),
        ("Retailer", "British Retail Consortium"),
    ]
    assert "Retail Consortium" not in roles


def test_sir_and_a_given_name_is_the_knight_the_article_names() -> None:
    text = (
        "Sir Robert Ainslie, who has chaired the bank since 2021, opened the meeting. "
        '"We are sorry," he said. "We let you down."\n\n'
        "Morag Kerr, the chief executive, said the buck stopped with her.\n\n"
        'Sir Robert closed the meeting with a promise. "You will hold us to this," he said.'
    )
    quotes, roles = draft(text)
    assert ("We let y", "Robert Ainslie") in quotes
    assert ("You will", "Robert Ainslie") in quotes
    assert "Sir Robert" not in roles
    assert roles["Robert Ainslie"] == "Chair of the bank"


def test_sir_and_a_given_name_two_knights_share_is_nobody() -> None:
    text = (
        "Sir Robert Ainslie chairs the bank and Sir Robert Dunmore chairs its audit committee. "
        'Sir Robert said the board was sorry. "You will hold us to this," he said.'
    )
    quotes, _ = draft(text)
    assert not [q for q in quotes if q[1] not in ("Robert Ainslie", "Robert Dunmore")]
    assert not [q for q in quotes if q[0] == "You will" and q[1] == "Robert Ainslie"]


def test_who_led_is_what_someone_did_but_who_has_chaired_is_a_role() -> None:
    text = (
        "Sen. Tom Kessler, R-Kan., who led the opposition, argued against the bill. Jane "
        "Moray, who has chaired the committee since 2019, backed it."
    )
    _, roles = draft(text)
    assert "opposition" not in roles.get("Tom Kessler", "")
    assert roles["Jane Moray"] == "Chair of the committee"


def test_an_adjective_that_is_a_role_noun_does_not_end_a_role() -> None:
    text = (
        "The Association of British Insurers backed the plans. Its director of general "
        "insurance policy, Mervyn Skeet, welcomed the change."
    )
    _, roles = draft(text)
    assert roles["Mervyn Skeet"] == "Director of general insurance policy"
