"""Forms from rounds 127-130 (a football club's data breach, a state visit, a start-up's
funding round, a televised debate) that left a quote or a role to nobody as they came; each
checked on copy of its own, with a case the rule must leave alone."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def draft(text: str) -> tuple[list[tuple[str, str]], dict[str, str], list[str]]:
    result = draft_article(text, {"title": "t"})
    quotes = [(q["text"][:8], q["speaker"]) for q in result.quotes]
    roles = {p["name"]: p.get("role", "") for p in result.people}
    return quotes, roles, result.unattributed


_CLUB = (
    "Club apologises to fans\n\n6 December 2026\n\n"
    "{lede} have apologised to supporters after hackers stole the names, addresses and bank "
    "details of more than 18,000 season-ticket holders from the ticketing system.\n\n"
    "The Championship club said in a statement on Friday that it had found the breach on "
    'Tuesday. "We are truly sorry. Our supporters deserved better," the statement said.'
)


def test_the_clubs_statement_is_the_body_the_lede_opens_with() -> None:
    quotes, roles, _ = draft(_CLUB.format(lede="Harbourside City"))
    assert quotes == [("We are t", "Harbourside City")]
    assert "Harbourside City" not in roles
    quotes, _, unattributed = draft(_CLUB.format(lede="Its owners, Tom Reyner and Ann Lowe,"))
    assert quotes == []
    assert unattributed == ["We are truly sorry. Our supporters deserved better"]


def test_a_body_that_confirmed_and_said_speaks_by_the_name_it_was_spelt_out_with() -> None:
    text = (
        "The club reported the breach to the Information Commissioner's Office on Tuesday.\n\n"
        "The ICO confirmed that it had received a report and said it would "
        '"assess the information provided".'
    )
    quotes, _, _ = draft(text)
    assert quotes == [("assess t", "Information Commissioner's Office")]
    text = 'The ICO said Tom Reyner had called the report "a complete waste of everyone\'s time".'
    quotes, _, _ = draft(text)
    assert ("a comple", "ICO") not in quotes


def test_a_place_in_the_attribution_names_no_new_speaker() -> None:
    text = (
        'Ledgerlock was founded by Hannah Pike, a former fraud investigator. "Invoice fraud is '
        'quiet," Pike said in an interview at the office near Leeds station. "Most companies '
        'have been hit at least once."'
    )
    quotes, _, _ = draft(text)
    assert quotes == [("Invoice ", "Hannah Pike"), ("Most com", "Hannah Pike")]


def test_a_house_and_a_city_are_places_and_clubs_never_people() -> None:
    text = (
        "At a dinner at Lancaster House, the Foreign Secretary, Amelia Grant, toasted what she "
        'called "the digital trust between our two peoples".'
    )
    quotes, roles, _ = draft(text)
    assert quotes == [("the digi", "Amelia Grant")]
    assert "Lancaster House" not in roles


def test_a_role_held_at_a_body_of_several_words_is_drafted() -> None:
    text = (
        "The round also included several angel investors, among them the former chief "
        "executive of the Payment Systems Regulator, Julian Marsh."
    )
    _, roles, _ = draft(text)
    assert roles["Julian Marsh"] == "Former chief executive of the Payment Systems Regulator"


def test_the_founders_are_the_people_the_article_says_founded_it() -> None:
    text = (
        "Ledgerlock was founded in 2023 by Hannah Pike, a former fraud investigator, and Tunde "
        "Bakare, who built payment systems.\n\n"
        "Rebecca Stahl, a partner at Northgate, and Julian Marsh, a former regulator, also "
        "invested.\n\n"
        "The founders said they had turned down an offer to sell. "
        '"We were asked to name our price," they said in a joint statement.'
    )
    quotes, _, _ = draft(text)
    assert sorted(quotes) == [("We were ", "Hannah Pike"), ("We were ", "Tunde Bakare")]
    text = text.replace("Ledgerlock was founded in 2023 by", "Ledgerlock employs")
    quotes, _, _ = draft(text)
    assert quotes == []


def test_a_vice_chancellor_introduced_in_apposition_is_drafted_and_speaks() -> None:
    text = (
        "In an email to students, the vice-chancellor, Professor Alan Birch, said the "
        'university was sorry. "We will write to every affected person," he wrote.'
    )
    quotes, roles, _ = draft(text)
    assert quotes == [("We will ", "Alan Birch")]
    assert roles["Alan Birch"] == "Professor, vice-chancellor"


def test_a_ministry_whose_name_lists_its_portfolios_speaks_for_itself() -> None:
    text = (
        "The Ministry of Housing, Communities and Local Government said it had given councils "
        '£19 million and was "working closely with the sector".'
    )
    quotes, _, _ = draft(text)
    assert quotes == [("working ", "Ministry of Housing, Communities and Local Government")]
    text = (
        "The Ministry of Defence, Britain's armed forces and the police said they were "
        '"working closely with the sector".'
    )
    quotes, _, _ = draft(text)
    assert not [q for q in quotes if q[1].startswith("Ministry of Defence,")]
