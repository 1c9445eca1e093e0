"""Dated things and appointments as an editor would draft them: a range of days, the body
that holds a summit (named in full in its description), a fund with what launched it, a
person appointed "as its chief executive" (the apposition is what they were), and a date in
the body never taken for the article's own."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article
from cyberbrief.drafting.article_context import dates_in
from cyberbrief.drafting.article_text import header_date

TEXT = (
    "Alliance names new chief\n\n"
    "The International Cyber Security Protection Alliance (ICSPA) has appointed Ngozi Adeyemi, "
    "a former head of Nigeria's cyber crime unit, as its chief executive.\n\n"
    "The alliance will hold its first Global Summit in Lagos from 15 to 17 September 2027.\n\n"
    "It also launched the Cyber Capacity Fund, which will pay for training of police units."
)
KNOWN = ["International Cyber Security Protection Alliance", "ICSPA"]


def test_a_range_of_days_is_its_first_and_last_day() -> None:
    assert [d for d, _, _ in dates_in("from 15 to 17 September 2027")] == [
        "2027-09-15",
        "2027-09-17",
    ]
    assert [d for d, _, _ in dates_in("15-17 September 2027 and 1 May 2028")] == [
        "2027-09-15",
        "2027-09-17",
        "2028-05-01",
    ]
    assert [d for d, _, _ in dates_in("from 17 to 15 September 2027")] == ["2027-09-15"]


def test_the_summit_the_fund_and_the_appointment_are_the_known_bodys() -> None:
    draft = draft_article(TEXT, {"title": "t"}, known_organisations=KNOWN)
    [event] = draft.events
    assert (event["name"], event["starts"], event["ends"], event["organisers"]) == (
        "ICSPA Global Summit",
        "2027-09-15",
        "2027-09-17",
        ["International Cyber Security Protection Alliance"],
    )
    assert event["description"].startswith("The International Cyber Security Protection")
    [fund] = draft.initiatives
    assert fund["organisation"] == "International Cyber Security Protection Alliance"
    assert fund["description"] == ("The Cyber Capacity Fund will pay for training of police units.")
    [person] = draft.people
    assert (person["role"], person["organisation"], person["description"]) == (
        "Chief executive",
        "International Cyber Security Protection Alliance",
        "Chief executive, former head of Nigeria's cyber crime unit",
    )
    alone = TEXT.split("\n\n", 2)[2]  # no alliance named in full: "the alliance" is none
    [event] = draft_article(alone, {"title": "t"}, known_organisations=KNOWN).events
    assert "organisers" not in event and event["name"] == "Global Summit"


def test_a_date_in_the_bodys_first_sentences_is_not_the_articles() -> None:
    assert header_date("Headline\n\nShe takes up the post on 1 April 2026.\n\nMore.") is None
    assert header_date("Headline\n\nLagos, 3 March 2026\n\nShe starts on 1 April 2026.") == (
        "2026-03-03"
    )
