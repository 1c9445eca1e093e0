"""Forms from rounds 123-126 (a radio phone-in, a military exercise feature, a year in review
in quotes, a data-breach notice story) that credited a quote to the wrong speaker or to
nobody, or a role to nobody, as they came; each checked on copy of its own, with a case the
rule must leave alone."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def draft(text: str) -> tuple[list[tuple[str, str]], dict[str, str], list[str]]:
    result = draft_article(text, {"title": "t"})
    quotes = [(q["text"][:8], q["speaker"]) for q in result.quotes]
    roles = {p["name"]: p.get("role", "") for p in result.people}
    return quotes, roles, result.unattributed


def test_a_quote_standing_alone_is_whoever_the_dash_line_after_it_credits() -> None:
    text = (
        "March\n\n"
        '"If you connect it, you protect it."\n\n'
        "— Jane Whitcombe, the UK's security minister, introducing the bill on 17 March.\n\n"
        "June\n\n"
        '"Half of it worked. The half that was already friends."\n\n'
        "— Kristjan Magi, Estonia's former foreign minister, on the defence pact.\n\n"
        "September\n\n"
        '"The treaty is not dead. It is resting."\n\n'
        "— An unnamed European diplomat, speaking to reporters in New York."
    )
    quotes, roles, unattributed = draft(text)
    assert quotes == [("If you c", "Jane Whitcombe"), ("Half of ", "Kristjan Magi")]
    assert unattributed == ["The treaty is not dead. It is resting."]
    assert roles["Jane Whitcombe"] == "UK's security minister"
    text = (
        'Jane Whitcombe, the security minister, spoke first. "We will legislate," she said.\n\n'
        '"And we will do it this year."'
    )
    quotes, _, _ = draft(text)
    assert quotes == [("We will ", "Jane Whitcombe"), ("And we w", "Jane Whitcombe")]


def test_a_caller_known_by_a_first_name_is_no_one_a_pronoun_reaches_past() -> None:
    text = (
        "Gary Holt, the presenter, read out a list of services still offline. "
        '"You have had four weeks. When does it end?" he asked.\n\n'
        "Alison Pryce, the minister for local government, said she understood. "
        '"Nobody thinks four weeks is acceptable," she said.\n\n'
        "The first caller, Dave from Gillingham, said his mother's care visits had been "
        'cancelled. "She just knows nobody came," he said.\n\n'
        'The minister said she was "very sorry to hear that" and would look into it.\n\n'
        "Another caller, Bernadette, a school business manager from Chatham, asked why "
        'councils were not audited. "Who audits the council, then?" she asked.'
    )
    quotes, _, unattributed = draft(text)
    assert quotes == [
        ("You have", "Gary Holt"),
        ("Nobody t", "Alison Pryce"),
        ("very sor", "Alison Pryce"),
    ]
    assert unattributed == ["She just knows nobody came", "Who audits the council, then?"]


def test_someone_brought_in_by_a_clause_is_who_he_may_mean() -> None:
    text = (
        '"It is not a competition," said Lieutenant Colonel Kadri Vaher, the exercise '
        "director.\n\n"
        "The red team is led by a civilian contractor who asked to be identified only by his "
        'call sign. "On day one we are gentle," he said.\n\n'
        "Maj. Tomas Lindgren, who captains the Swedish team, said his team had been surprised. "
        '"We had planned for the grid," he said.'
    )
    quotes, roles, unattributed = draft(text)
    assert quotes == [("It is no", "Kadri Vaher"), ("We had p", "Tomas Lindgren")]
    assert unattributed == ["On day one we are gentle"]
    assert roles["Tomas Lindgren"] == "Captain of the Swedish team"


def test_an_ordinal_rank_is_no_part_of_the_name() -> None:
    text = (
        "Sgt. 1st Class Maria Delgado of U.S. Army Cyber Command was watching the alerts. "
        '"Where else can you break a substation?" she said.'
    )
    quotes, roles, _ = draft(text)
    assert quotes == [("Where el", "Maria Delgado")]
    assert "Class Maria Delgado" not in roles


def test_whoever_presents_a_programme_is_its_presenter() -> None:
    text = (
        "Alison Pryce was the guest on Radio Medway's Morning Call programme, presented by "
        'Gary Holt. "When does it end?" Holt asked.'
    )
    quotes, roles, _ = draft(text)
    assert roles["Gary Holt"] == "Presenter"
    assert quotes == [("When doe", "Gary Holt")]


def test_it_added_after_the_email_said_is_the_emails_author() -> None:
    text = (
        "In an email to customers on Tuesday, Wanderly's chief executive, Tom Reyner, wrote: "
        '"I am deeply sorry."\n\n'
        "The email said card details had not been taken. "
        '"We have no evidence that any of your information has been misused," it added.'
    )
    quotes, _, _ = draft(text)
    assert quotes == [("I am dee", "Tom Reyner"), ("We have ", "Tom Reyner")]
    text = (
        "Tom Reyner, the chief executive, apologised on Tuesday.\n\n"
        "The company said card details had not been taken. "
        '"We have no evidence that any of your information has been misused," it added.'
    )
    quotes, _, _ = draft(text)
    assert ("We have ", "Tom Reyner") not in quotes
