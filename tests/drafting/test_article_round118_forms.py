"""Forms from rounds 118-122 (an extradition hearing, a think tank's launch, a county's
emergency exercise, an analysis quoting earlier statements, a round-up of reactions from
capitals) that left a quote or a role to nobody as they came; each checked on copy of its own,
with a case the rule must leave alone."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def draft(text: str) -> tuple[list[tuple[str, str]], dict[str, str], list[str]]:
    result = draft_article(text, {"title": "t"})
    quotes = [(q["text"][:8], q["speaker"]) for q in result.quotes]
    roles = {p["name"]: p.get("role", "") for p in result.people}
    return quotes, roles, result.unattributed


def test_a_preposition_in_capitals_makes_a_body_never_a_person() -> None:
    text = (
        "Caroline Bell, director of the campaign group Justice Across Borders, which supports "
        'the family, said the law should change. "The bar was meant to protect him," she said.'
    )
    quotes, roles, _ = draft(text)
    assert "Across Borders" not in roles
    assert quotes == [("The bar ", "Caroline Bell")]
    _, roles, _ = draft('Beyond that, Maria Lopez, a lawyer, said: "We will appeal at once."')
    assert roles["Maria Lopez"] == "Lawyer"


def test_the_statement_is_the_one_its_paragraph_gives_it_to() -> None:
    text = (
        "Ben Hollis KC read part of a witness statement from his client, in which Mr Kovalenko "
        'said he had built software. "I did not know who they were," the statement said.\n\n'
        "Artem Kovalenko, 34, denies the charges."
    )
    quotes, _, _ = draft(text)
    assert quotes == [("I did no", "Artem Kovalenko")]
    text = (
        "Ben Hollis KC and Rachel Kent read a statement to the court. "
        '"I did not know who they were," the statement said.'
    )
    quotes, _, unattributed = draft(text)
    assert quotes == []
    assert unattributed == ["I did not know who they were"]


def test_an_institution_speaks_after_a_date_a_dateline_a_possessive_or_an_aside() -> None:
    text = (
        'On 14 June the Port of Liepaja Authority said in a statement that it "will not '
        'negotiate with criminals".\n\n'
        "BERLIN - Germany's Federal Office for Information Security (BSI), which led the "
        'investigation, said the listings "confirm our technical findings".\n\n'
        "The Crown Prosecution Service, in a decision letter dated 14 May, concluded that "
        '"the United States is the more appropriate forum".'
    )
    quotes, _, _ = draft(text)
    assert quotes == [
        ("will not", "Port of Liepaja Authority"),
        ("confirm ", "Federal Office for Information Security"),
        ("the Unit", "Crown Prosecution Service"),
    ]
    text = (
        "On 14 June the Port of Liepaja Authority said Janis Berzins had called the demand "
        '"an insult to every worker here".'
    )
    quotes, _, _ = draft(text)
    assert ("an insul", "Port of Liepaja Authority") not in quotes


def test_a_possessive_role_and_a_name_after_the_quote_name_the_speaker() -> None:
    text = (
        '"From today, an attack on one of us is an attack on all of us," Estonia\'s then '
        "foreign minister, Kristjan Magi, told reporters in Tallinn."
    )
    quotes, roles, _ = draft(text)
    assert quotes == [("From tod", "Kristjan Magi")]
    assert roles["Kristjan Magi"] == "Estonia's former foreign minister"
    text = (
        'The UN Secretary-General, Ricardo Almeida, called her "one of the quiet architects of '
        'the peace." Sweden\'s foreign minister, Elin Strand, wrote that she had "shown what a '
        'small country can do."'
    )
    quotes, _, _ = draft(text)
    assert ("one of t", "Elin Strand") not in quotes


def test_a_role_held_at_a_ministry_before_the_name_is_drafted() -> None:
    text = (
        "Norway's position had been set out months earlier. In a speech in Oslo on 3 March "
        "2026, the state secretary at the Norwegian defence ministry, Henrik Aasland, said the "
        'pact was "a framework for solidarity, not a trip-wire". He added: "Every request will '
        'be judged on its merits."'
    )
    quotes, roles, _ = draft(text)
    assert quotes == [("a framew", "Henrik Aasland"), ("Every re", "Henrik Aasland")]
    assert roles["Henrik Aasland"] == "State secretary at the Norwegian defence ministry"


def test_a_lede_about_one_person_by_trade_gives_the_role_to_the_name_after_it() -> None:
    lede = (
        "Ransomware suspect fights extradition\n\n4 December 2026\n\n"
        "A software developer accused by the United States of laundering ransom payments for "
        "a cyber gang should not be sent to stand trial in America, a court in London heard.\n\n"
    )
    _, roles, _ = draft(
        lede + "Artem Kovalenko, 34, of Croydon, south London, is wanted in Texas on charges."
    )
    assert roles["Artem Kovalenko"] == "Software developer"
    _, roles, _ = draft(
        lede + "The court heard from Artem Kovalenko's lawyer, Ben Hollis, on Thursday."
    )
    assert "developer" not in roles.get("Artem Kovalenko", "")


def test_words_named_as_what_someone_called_are_their_quote_however_short() -> None:
    text = (
        "Hungary's foreign minister, Gabor Szalai, said his government had agreed and warned "
        'against what he called "a sanctions reflex".'
    )
    quotes, _, _ = draft(text)
    assert quotes == [("a sancti", "Gabor Szalai")]
    text = 'Gabor Szalai, the foreign minister, said the plan was "very bold".'
    quotes, _, _ = draft(text)
    assert quotes == []
