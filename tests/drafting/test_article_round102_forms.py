"""Forms from rounds 102-106 (a council meeting, a US indictment, a regulator's fine, a book
review, Sunday TV politics shows) that credited a quote to nobody or a role to nobody as they
came; each checked on copy of its own, with a case the rule must leave alone."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def draft(text: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    result = draft_article(text, {"title": "t"})
    quotes = [(q["text"][:8], q["speaker"]) for q in result.quotes]
    return quotes, {p["name"]: p.get("role", "") for p in result.people}


def test_a_councillor_with_party_and_ward_in_brackets_keeps_the_role_around_them() -> None:
    text = (
        "The leader of the council, Cllr Ann Whitfield (Labour, Castle Ward), told the chamber "
        'that the authority had "followed every step in the national guidance". '
        "Cllr Graham Pell (Conservative, Moorside), leader of the opposition group, said "
        'residents had been left "without any word for days".\n\n'
        'Moving the amendment, Cllr Priya Lal (Lib Dem, Hollins) said: "We were warned."'
    )
    quotes, roles = draft(text)
    assert ("followed", "Ann Whitfield") in quotes
    assert ("without ", "Graham Pell") in quotes
    assert roles["Ann Whitfield"] == "Leader of the council"
    assert roles["Graham Pell"] == "Leader of the opposition group"
    assert roles["Priya Lal"] == "Councillor"  # "Cllr" alone says the office
    assert "Castle Ward" not in roles


def test_the_short_form_of_a_role_is_its_holder_when_the_pronoun_fits_only_them() -> None:
    text = (
        "The leader of the council, Cllr Ann Whitfield, spoke first. "
        '"I share the anger in this room," she said.\n\n'
        "The leader of the opposition, Cllr Graham Pell, replied. "
        '"The first we heard was a notice on the door," he said.\n\n'
        "Independent councillor Derek Hume asked whether the council had paid a ransom. "
        'The leader said it had not. "We do not pay criminals, and we never will," she said.'
    )
    quotes, _ = draft(text)
    assert ("We do no", "Ann Whitfield") in quotes


def test_the_short_form_of_a_role_names_nobody_when_the_pronoun_fits_two() -> None:
    text = (
        "The leader of the council, Cllr Ann Whitfield, spoke first. The leader of the "
        "opposition, Cllr Grace Pell, spoke next. Independent councillor Derek Hume asked "
        'whether the council had paid a ransom. The leader said it had not. "We do not pay '
        'criminals, and we never will," she said.'
    )
    quotes, _ = draft(text)
    assert not [q for q in quotes if q[0] == "We do no"]


def test_a_pronoun_after_an_asked_clause_is_not_whom_the_question_names() -> None:
    text = (
        "Health Secretary Rachel Amos said the ban applied to everyone.\n\n"
        'Security Minister Peter Lowell said the government "would not fund organised '
        'crime". Asked whether that contradicted Ms Amos, he said: "There is no contradiction '
        'at all."'
    )
    quotes, _ = draft(text)
    assert ("There is", "Peter Lowell") in quotes


def test_a_lede_giving_the_office_names_its_holder_in_the_next_paragraph() -> None:
    text = (
        "Minister refuses to rule out ransom\n\n"
        "The health secretary has refused to rule out the government paying a ransom to the "
        "criminals behind last week's cyber attack on NHS blood testing services.\n\n"
        "Speaking on the BBC's The Sunday Programme, Rachel Amos said the policy was not to "
        "pay.\n\n"
        '"The ban applies to everyone, including the NHS," the health secretary replied.'
    )
    quotes, roles = draft(text)
    assert roles["Rachel Amos"] == "Health secretary"
    assert ("The ban ", "Rachel Amos") in quotes


def test_a_lede_that_names_someone_gives_nobody_its_office() -> None:
    text = (
        "Minister refuses to rule out ransom\n\n"
        "The health secretary has refused to rule out paying a ransom, telling Nadia Rahman "
        "that every option was being considered to protect patients.\n\n"
        "Speaking later, Daniel Brooke said the government was making it up as it went along."
    )
    _, roles = draft(text)
    assert not roles.get("Daniel Brooke")


def test_an_apposition_opening_with_a_role_and_a_place_is_a_role() -> None:
    text = (
        "A lawyer for Kuzmenko in Amsterdam, Joost de Waal, said his client would fight "
        'extradition. "My client is a software developer," de Waal told The Associated Press.'
    )
    quotes, roles = draft(text)
    assert roles["Joost de Waal"] == "Lawyer for Kuzmenko in Amsterdam"
    assert ("My clien", "Joost de Waal") in quotes


def test_an_adverb_between_the_speaker_and_the_verb() -> None:
    text = (
        "Two of the defendants, Andrei Voloshin and Pavel Kuzmenko, were arrested.\n\n"
        "The indictment quotes from messages in which Voloshin allegedly told an affiliate to "
        '"hit the ones that cannot afford to wait."'
    )
    quotes, _ = draft(text)
    assert quotes == [("hit the ", "Andrei Voloshin")]


def test_the_regulator_is_the_body_the_lede_opens_with() -> None:
    text = (
        "Regulator fines telecoms group\n\n"
        "DUBLIN, Dec 7 (Reuters) - Ireland's Data Protection Commission fined Nordlys Telecom "
        "48 million euros on Monday over a 2025 breach in which hackers stole the call "
        "records of 3.1 million customers.\n\n"
        'In its decision, the regulator said Nordlys had "failed to implement appropriate '
        'technical and organisational measures" and was late.'
    )
    quotes, _ = draft(text)
    assert quotes == [("failed t", "Data Protection Commission")]


def test_the_regulator_is_nobody_when_the_lede_opens_with_a_company() -> None:
    text = (
        "Telecoms group fined\n\n"
        "DUBLIN, Dec 7 (Reuters) - Nordlys Telecom appealed on Monday against a fine of 48 "
        "million euros over a 2025 breach in which hackers stole the call records of its "
        "customers.\n\n"
        'In its decision, the regulator said Nordlys had "failed to implement appropriate '
        'technical and organisational measures" and was late.'
    )
    quotes, _ = draft(text)
    assert quotes == []
