"""Attribution forms of analysis, press-conference, Politico-style and long-read copy (rounds
27-30): a role in apposition before the name then the verb, an institution's reported speech,
someone unnamed between a name and a pronoun, a nationality instead of the country, a name in
the possessive, "who is now the director of ...", "Asked ..., X was categorical:"."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def speakers(text: str) -> list[tuple[str, str]]:
    return [(q["text"][:10], q["speaker"]) for q in draft_article(text, {"title": "t"}).quotes]


def test_a_role_in_apposition_before_the_name_then_the_verb_names_the_speaker() -> None:
    text = (
        "When the assembly adopted the treaty, the chair of the negotiations, Faouzia Mebarki, "
        'called it "a victory for multilateralism in a fractured world".\n\n'
        'Its executive director, Juhan Lepassaar, said hospitals remained "an easy target '
        'because they cannot go offline".\n\n'
        'Unlike the chair, observers called it "a loss for every internet user alike".'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:10], q["speaker"]) for q in draft.quotes] == [
        ("a victory ", "Faouzia Mebarki"),
        ("an easy ta", "Juhan Lepassaar"),
    ]
    assert any("a loss for every" in t for t in draft.unattributed)


def test_an_institution_named_in_full_reports_speech_without_that() -> None:
    text = (
        'The European Commission said the EU had secured "robust conditions and safeguards" '
        "in the talks.\n\n"
        "The Computer & Communications Industry Association, whose members include Amazon, "
        'Google and Microsoft, said in a statement that the criteria would "fragment the '
        'single market and raise costs".'
    )
    assert speakers(text) == [
        ("robust con", "European Commission"),
        ("fragment t", "Computer & Communications Industry Association"),
    ]


def test_a_pronoun_after_someone_unnamed_opens_a_sentence_names_nobody_earlier() -> None:
    text = (
        "Its executive director, Juhan Lepassaar, spoke about hospitals.\n\n"
        '"Every hour offline costs lives in the end," Lepassaar said.\n\n'
        'Outside the building, a nurse from a Warsaw hospital watched on her phone. "They talk '
        'about toolboxes, we wrote prescriptions by hand," she said.\n\n'
        'Lepassaar, a former official, nodded. "We heard that today and will act," he said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:10], q["speaker"]) for q in draft.quotes] == [
        ("Every hour", "Juhan Lepassaar"),
        ("We heard t", "Juhan Lepassaar"),
    ]
    assert any("toolboxes" in t for t in draft.unattributed)


def test_the_nationality_names_the_one_drafted_with_that_country() -> None:
    text = (
        "Kaja Kallas, the EU's foreign policy chief, spoke with Poland's foreign minister, "
        "Radosław Sikorski, beside her.\n\n"
        'Sikorski answered before Kallas could. "The door was closed by the people who '
        'switched it off," the Polish minister said. "Not by us."\n\n'
        '"We will not be hacking anybody at all," the German minister said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:10], q["speaker"]) for q in draft.quotes] == [
        ("The door w", "Radosław Sikorski"),
        ("Not by us.", "Radosław Sikorski"),
    ]
    assert any("hacking anybody" in t for t in draft.unattributed), "no German minister"


def test_a_name_in_the_possessive_is_the_surname_said_later() -> None:
    text = (
        "A spokesperson for the agency, Vincent Strubel's office, declined to comment.\n\n"
        "Strubel, the agency's director general, has long argued the point. In a hearing in "
        'February, he said that "no contract can protect you from an extraterritorial law".\n\n'
        "Since Russia's delegation left, the mood changed."
    )
    draft = draft_article(text, {"title": "t"})
    assert speakers(text) == [("no contrac", "Vincent Strubel")]
    roles = {p["name"]: p.get("role") for p in draft.people}
    assert roles == {"Vincent Strubel": "Agency's director general"}


def test_who_is_now_the_director_is_the_role_and_the_next_quote_is_theirs() -> None:
    text = (
        "Paula Piukala was at home in Nuku'alofa when the sky turned black.\n\n"
        '"We went from the internet to nothing," says Piukala, who was then a senior official '
        "at Tonga Cable Ltd and is now the director of the Pacific Islands Telecommunications "
        'Association. "For five weeks we were an island again."'
    )
    draft = draft_article(text, {"title": "t"})
    assert [q["speaker"] for q in draft.quotes] == ["Paula Piukala", "Paula Piukala"]
    [person] = draft.people
    assert person["role"] == "Director of the Pacific Islands Telecommunications Association"


def test_an_asked_clause_before_the_subject_hands_over_to_the_quote_after_a_colon() -> None:
    text = (
        "Radosław Sikorski, Poland's foreign minister, took questions.\n\n"
        'Asked whether the EU would respond in kind, Sikorski was categorical: "We are not '
        "going to hack anybody's hospitals.\"\n\n"
        'Asked whether it would work, one diplomat was blunt: "Nobody here believes that."'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:10], q["speaker"]) for q in draft.quotes] == [
        ("We are not", "Radosław Sikorski")
    ]
    assert any("Nobody here" in t for t in draft.unattributed)


def test_a_quote_after_he_told_the_bbc_is_still_the_speakers() -> None:
    text = (
        "The UK security minister, Dan Jarvis, signed the pact.\n\n"
        '"The money is the weak point," he told the BBC. "If we can follow it, we can '
        'freeze it."\n\n'
        '"Nobody follows it better than we do," he told Josephine Teo. Teo smiled. "We will '
        'see about that soon enough."\n\n'
        '"We are a small country," Mr. Jarvis said in an interview in his office, where a map '
        'of the Baltic Sea covers one wall. "We cannot afford to be slow."'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:10], q["speaker"]) for q in draft.quotes] == [
        ("The money ", "Dan Jarvis"),
        ("If we can ", "Dan Jarvis"),
        ("Nobody fol", "Dan Jarvis"),
        ("We are a s", "Dan Jarvis"),
        ("We cannot ", "Dan Jarvis"),
    ]
    assert any("see about that" in t for t in draft.unattributed), "Teo was named since"


def test_a_role_after_the_verb_then_the_name_in_apposition() -> None:
    text = (
        "Brazil will ask G20 members to agree on shared definitions.\n\n"
        '"We cannot coordinate on something we cannot name," said Brazil\'s cyber ambassador, '
        'Ricardo Pires, who is leading the talks. "A blackout here is an incident."\n\n'
        '"Nobody will sign this text as it stands," said a senior official, Berlin.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:10], q["speaker"]) for q in draft.quotes] == [
        ("We cannot ", "Ricardo Pires"),
        ("A blackout", "Ricardo Pires"),
    ]
    assert {p["name"]: p.get("role") for p in draft.people} == {
        "Ricardo Pires": "Brazil's cyber ambassador"
    }
    assert any("Nobody will sign" in t for t in draft.unattributed)


def test_roles_in_us_hearing_copy_party_tags_states_abbreviations_and_ranks() -> None:
    text = (
        '"We are not talking about espionage," said Sen. Jack Reed, D-R.I., the committee\'s '
        'chairman. "We are talking about pre-positioning for a war."\n\n'
        "Gen. Timothy Haugh, the commander of U.S. Cyber Command, told the committee little.\n\n"
        "Sen. Roger Wicker of Mississippi, the top Republican on the panel, was not satisfied.\n\n"
        "In written testimony, the assistant secretary of defense for cyber policy, Michael "
        "Sulmeyer, said deterrence had limits.\n\n"
        "The centre's current director, Colonel Ants Kiviselg, insists on it."
    )
    draft = draft_article(text, {"title": "t"})
    assert {p["name"]: p.get("role") for p in draft.people} == {
        "Jack Reed": "Committee's chairman",
        "Timothy Haugh": "Commander of U.S. Cyber Command",
        "Roger Wicker": "Top Republican on the panel",
        "Michael Sulmeyer": "Assistant secretary of defense for cyber policy",
        "Ants Kiviselg": "Colonel, centre's current director",
    }
    assert [q["speaker"] for q in draft.quotes] == ["Jack Reed", "Jack Reed"]


def test_the_role_noun_after_an_unnamed_one_was_introduced_is_nobody_named_earlier() -> None:
    text = (
        '"The industry can price a breach," said John Neal, chief executive of Lloyd\'s, in an '
        'interview with the Financial Times. "What we need is a backstop."\n\n'
        "An executive at one of the largest insurers said the firm had stopped.\n\n"
        '"One attack can cost more than all the premiums," the executive said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:10], q["speaker"]) for q in draft.quotes] == [
        ("The indust", "John Neal"),
        ("What we ne", "John Neal"),
    ]
    assert any("One attack" in t for t in draft.unattributed)


def test_an_embassy_or_treasury_speaks_after_a_fronted_clause() -> None:
    text = (
        'In a statement, the U.S. Embassy in Seoul said the hotline was "another example of '
        'the strength of trilateral cooperation".\n\n'
        'The UK Treasury said it was "working closely with the industry" on resilience.\n\n'
        "The Federation of German Industries (BDI) said in a statement that the law placed "
        '"a disproportionate burden on medium-sized companies".'
    )
    assert speakers(text) == [
        ("another ex", "U.S. Embassy in Seoul"),
        ("working cl", "UK Treasury"),
        ("a dispropo", "Federation of German Industries"),
    ]


def test_the_role_before_the_verb_is_held_to_the_last_person_named_as_after_it() -> None:
    text = (
        "Dutch foreign minister Caspar Veldkamp spoke first.\n\n"
        "His German counterpart, Annalena Baerbock, agreed.\n\n"
        '"Every hospital that goes dark is a warning," the foreign minister said.\n\n'
        '"We will name those responsible in public," the Dutch foreign minister said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:10], q["speaker"]) for q in draft.quotes] == [
        ("We will na", "Caspar Veldkamp")
    ]
    assert any("Every hospital" in t for t in draft.unattributed)


def test_a_name_inside_the_asked_clause_is_no_subject_and_reported_words_no_institutions() -> None:
    text = (
        "Radosław Sikorski, Poland's foreign minister, and Donald Tusk, the prime minister, "
        "spoke in Warsaw.\n\n"
        'Asked about Merz, Tusk and the others, Sikorski was blunt: "We are all agreed on this one '
        'point."\n\n'
        'The Ministry of Defence said Tusk had called the plan "the best chance we will get in a '
        'decade".'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:10], q["speaker"]) for q in draft.quotes] == [
        ("We are all", "Radosław Sikorski"),
        ("the best c", "Donald Tusk"),  # Tusk's words, not the MoD's ("X said Tusk had called")
    ]
