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


def test_a_ministry_style_family_name_in_capitals_is_the_person_called_by_surname_later() -> None:
    text = (
        "The Japanese delegation was headed by Mr. TANABE Hiroshi, Ambassador in charge of "
        'Cyber Policy.\n\n"It is natural that we cooperate more closely," Ambassador Tanabe '
        "said at a press conference."
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [("It is na", "Hiroshi Tanabe")]
    assert draft.people[0]["name"] == "Hiroshi Tanabe"
    assert "Ambassador" in draft.people[0]["role"]


def test_our_correspondent_is_a_speaker_with_a_role() -> None:
    text = (
        "Delegates have broken for lunch. Our correspondent in the room, Sam Whitaker, says the "
        'mood in the corridors is "grumpy but not hopeless, which counts as optimism".'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [("grumpy b", "Sam Whitaker")]
    assert draft.people[0]["role"].lower() == "correspondent"


def test_her_line_in_a_live_blog_entry_is_the_speaker_just_named() -> None:
    text = (
        "Kristina Lindqvist, the EU's special envoy for cyber, has just spoken. Her line: the "
        'mechanism will "lose its legitimacy on day one" if states can veto groups in secret.'
        '\n\n"We are asking that if someone is kept out, the room knows why."'
    )
    assert speakers(text) == [
        ("lose its", "Kristina Lindqvist"),
        ("We are a", "Kristina Lindqvist"),
    ]


def test_calls_as_a_noun_is_no_verb_of_saying() -> None:
    text = (
        "Oleg Demidov, a Russian scholar, argues that Western calls for enforcement are a cover "
        'for "a regime of unilateral sanctions dressed up as law".\n\n'
        'Kristina Lindqvist, leaving the hall, calls it "a modest step in the right direction".'
    )
    assert speakers(text) == [
        ("a regime", "Oleg Demidov"),
        ("a modest", "Kristina Lindqvist"),
    ]


def test_a_city_and_state_between_an_attribution_and_the_next_quote_names_nobody() -> None:
    text = (
        "Thomas Reyes Sr., a retired cryptanalyst, spent 34 years at the agency.\n\n"
        '"I told him to read the statute," Reyes Sr. says by phone from his home in Columbia, '
        'Maryland. "That is how laws get written."'
    )
    assert speakers(text) == [
        ("I told h", "Thomas Reyes Sr."),
        ("That is ", "Thomas Reyes Sr."),
    ]


def test_a_name_in_an_asked_about_clause_is_the_topic_not_the_one_who_answers() -> None:
    text = (
        "Angela Duval, the former director, resigned in April.\n\n"
        "Thomas Reyes, the new director, took over in October.\n\n"
        "Asked about Duval's complaint, Reyes chooses his words carefully. "
        '"She fought battles I will not have to fight," he says.'
    )
    assert speakers(text) == [("She foug", "Thomas Reyes")]


def test_the_late_predecessor_and_confirmed_him_as_give_roles_and_a_speaker() -> None:
    text = (
        "The first thing Thomas Reyes Jr. did after the Senate confirmed him as National Cyber "
        "Director in October was call his father.\n\n"
        "The office was created in 2021. Its first director, the late Carl Whitman, liked to "
        'describe it as "a switchboard with a budget line attached".'
    )
    draft = draft_article(text, {"title": "t"})
    roles = {p["name"]: p.get("role", "") for p in draft.people}
    assert roles["Thomas Reyes Jr."] == "National Cyber Director"
    assert roles["Carl Whitman"].lower() == "first director"
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [("a switch", "Carl Whitman")]


def test_confirmed_him_as_names_nobody_when_another_person_stands_between() -> None:
    text = (
        "Thomas Reyes Jr. watched as Senator Mark Halvorsen confirmed him as the panel's "
        "rapporteur."
    )
    roles = {p["name"]: p.get("role", "") for p in draft_article(text, {"title": "t"}).people}
    assert "rapporteur" not in roles.get("Thomas Reyes Jr.", "")


def test_a_predecessor_holds_the_office_before_and_he_retired_as_is_a_former_role() -> None:
    text = (
        "Thomas Reyes Jr. called his father after the Senate confirmed him as National Cyber "
        "Director.\n\n"
        "Thomas Reyes Sr., 81, spent 34 years at the National Security Agency. He retired in "
        "1999 as deputy director of the agency's signals intelligence directorate.\n\n"
        '"Read it again," Reyes Sr. told him.\n\n'
        "The younger Reyes took a different route.\n\n"
        "His appointment ended a vacancy after his predecessor, Angela Duval, resigned in April."
    )
    roles = {p["name"]: p.get("role", "") for p in draft_article(text, {"title": "t"}).people}
    assert roles["Thomas Reyes Sr."] == "Former deputy director"
    assert roles["Angela Duval"] == "Former National Cyber Director"


def test_his_predecessor_or_he_retired_after_two_people_or_a_shared_surname_has_no_role() -> None:
    text = (
        "Thomas Reyes, the National Cyber Director, spoke to Henry Reyes, the defence minister.\n\n"
        "The younger Reyes took a different route.\n\n"
        "His predecessor, Angela Duval, resigned in April.\n\n"
        "Kaarel Sepp, the defence minister, and Mark Halvorsen, a senator, met in Tallinn.\n\n"
        "He retired in 2019 as the head of the agency."
    )
    roles = {p["name"]: p.get("role", "") for p in draft_article(text, {"title": "t"}).people}
    assert not roles.get("Angela Duval")
    assert roles["Kaarel Sepp"] == "Defence minister"
    assert roles["Mark Halvorsen"] == "Senator"


def test_where_something_happened_before_a_name_is_no_role_and_whose_role_names_the_body() -> None:
    text = (
        "Giving evidence to the Joint Committee on the National Security Strategy, Dr Helen "
        "Okonjo, the chief executive of the centre, said operators were behind.\n\n"
        "Flanked by Poland's foreign minister, Radek Nowak, she spoke for an hour.\n\n"
        "The team belongs to Lithuania's National Cyber Security Center, whose director, "
        "Tautvydas Bakšys, has built it from 30 people to 200."
    )
    roles = {p["name"]: p.get("role", "") for p in draft_article(text, {"title": "t"}).people}
    assert roles["Helen Okonjo"] == "Chief executive of the centre"
    assert roles["Radek Nowak"] == "Poland's foreign minister"
    assert roles["Tautvydas Bakšys"] == "Director of Lithuania's National Cyber Security Center"


def test_a_bylines_date_or_section_is_no_part_of_the_writers_role() -> None:
    text = (
        "NIS2 pushes CISOs to spend more on audits\n\n"
        "By Priya Raman, Senior Reporter | December 3, 2026\n\n"
        "Analysis by Helen Marsh, diplomatic editor\nTue 1 Dec 2026 06.00 GMT\n\n"
        "European organisations are now spending more on auditing their suppliers."
    )
    roles = {p["name"]: p.get("role", "") for p in draft_article(text, {"title": "t"}).people}
    assert roles == {"Priya Raman": "Senior Reporter", "Helen Marsh": "Diplomatic editor"}


def test_a_verb_before_a_name_ends_the_role_before_it() -> None:
    text = (
        "Thomas Reyes, the National Cyber Director, met Kaarel Sepp, the defence minister, in "
        "Tallinn."
    )
    roles = {p["name"]: p.get("role", "") for p in draft_article(text, {"title": "t"}).people}
    assert roles == {"Thomas Reyes": "National Cyber Director", "Kaarel Sepp": "Defence minister"}


LIVE = (
    "UN cyber talks – live\n\nFriday 4 December 2026\n\n10.15am\n\n"
    "Kristina Lindqvist, the EU's special envoy for cyber, has just spoken. "
    '"We are not asking for a guarantee," she said.\n\n'
)


def test_a_live_blog_timestamp_ends_the_previous_speakers_run() -> None:
    draft = draft_article(
        LIVE + '10.32am\n\n"Stakeholders can contribute, not decide."', {"title": "t"}
    )
    assert [q["speaker"] for q in draft.quotes] == ["Kristina Lindqvist"]
    assert any("Stakeholders can" in t for t in draft.unattributed)


def test_that_was_x_after_a_quote_opening_an_entry_names_its_speaker() -> None:
    text = LIVE + (
        '10.32am\n\n"Stakeholders can contribute, but they cannot decide."\n\n'
        "That was China's deputy permanent representative, Wang Lei, responding.\n\n"
        '11.05am\n\n"It is a door that opens a little."\n\nThat was Tuesday, in fact.'
    )
    assert speakers(text) == [("We are n", "Kristina Lindqvist"), ("Stakehol", "Wang Lei")]


def test_said_someones_deputy_is_not_that_someone() -> None:
    text = (
        "Liisa Tamm, Estonia's ambassador for cyber diplomacy, has led the push. "
        '"We have shown our evidence," she said.\n\n'
        '"Nobody has told us it is wrong," said Tamm\'s deputy, who asked not to be named.\n\n'
        '"It is sitting in a drawer," she added.\n\n'
        '"We cannot coordinate on it," said Brazil\'s cyber ambassador, Ricardo Pires.'
    )
    assert speakers(text) == [
        ("We have ", "Liisa Tamm"),
        ("We canno", "Ricardo Pires"),
    ]


def test_a_long_clause_going_on_with_the_attributions_sentence_keeps_the_speaker() -> None:
    said = (
        "Thomas Reyes, the National Cyber Director, took office in October.\n\n"
        '"He asked me whether I had read the statute," Reyes says, sitting in a corner office '
        "that still has some of his predecessor's books on the shelves and a map on the wall. "
    )
    assert speakers(said + '"I said yes."')[-1] == ("I said y", "Thomas Reyes")
    new_sentence = said.replace(" and a map", ". There is a map")
    assert speakers(new_sentence + '"I said yes, twice."') == [("He asked", "Thomas Reyes")]


def test_served_as_in_an_apposition_is_a_former_role_without_its_era() -> None:
    text = (
        "Kristina Lindqvist has spent two years negotiating in New York.\n\n"
        "Her father, Erik Lindqvist, served as Sweden's ambassador to Moscow in the 1990s. "
        "Anna Berg, who worked with him, served as a deputy director from 2001 to 2005."
    )
    roles = {p["name"]: p.get("role", "") for p in draft_article(text, {"title": "t"}).people}
    assert roles["Erik Lindqvist"] == "Sweden's former ambassador to Moscow"
