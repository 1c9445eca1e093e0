"""Attribution forms of wire copy, interviews, parliamentary reports, stories told through
anonymous officials, live blogs and op-eds (rounds 37-42), each with the case that must name
nobody: words quoted inside a Q&A answer, "One European diplomat" and "Another diplomat",
"X, which/whose ..., said", "the ministry" after one or two ministries, a role headline over a
live-blog entry, "the <role> smiled." before a quote, the seat after "the MP for"."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article
from cyberbrief.drafting.article_text import paragraphs


def speakers(text: str) -> list[tuple[str, str]]:
    return [(q["text"][:12], q["speaker"]) for q in draft_article(text, {"title": "t"}).quotes]


def roles(text: str) -> dict[str, str]:
    return {p["name"]: p.get("role", "") for p in draft_article(text, {"title": "t"}).people}


INTERVIEW = (
    "Marta Kovač, director of Croatia's cyber agency, spoke to us in Zagreb.\n\n"
    "Q: What worries you most?\n\n"
    'Kovač: Hospitals. A minister told me last year, "We will fund cyber when something '
    'happens." Something did happen, three months later.\n\n'
    "Q: And the new law?\n\n"
    "Kovač: It helps. Reporting within 24 hours changes behaviour."
)


def test_words_quoted_inside_an_answer_are_not_the_answerers() -> None:
    draft = draft_article(INTERVIEW, {"title": "t"})
    got = {q["text"]: q["speaker"] for q in draft.quotes}
    assert got["Something did happen, three months later."] == "Marta Kovač"
    assert got["It helps. Reporting within 24 hours changes behaviour."] == "Marta Kovač"
    assert not any("fund cyber" in text for text in got)
    assert any("We will fund cyber" in t for t in draft.unattributed)


def test_one_or_another_unnamed_diplomat_is_nobody_and_a_pronoun_after_them_too() -> None:
    text = (
        'Pascal Verdier, the French foreign ministry spokesperson, said: "France has named '
        'attackers before and will do so again."\n\n'
        'One European diplomat said the dispute was about trade. "Nobody says it in the room, '
        'but everybody thinks it," the diplomat said. Another diplomat disputed that. "This is '
        'about evidence, not about cars," she said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [q["speaker"] for q in draft.quotes] == ["Pascal Verdier"]
    assert [p["name"] for p in draft.people] == ["Pascal Verdier"]
    assert any("about evidence" in t for t in draft.unattributed)


def test_a_name_with_a_which_or_whose_clause_is_an_organisation_unless_it_is_a_person() -> None:
    organisations = (
        "Industry groups welcomed the deal. DigitalEurope, which represents SAP and Siemens, "
        'said it was "a practical step that companies have asked for".\n\n'
        "Microsoft, whose researchers first reported the intrusions, said in a blog post that "
        'the group had "targeted operational technology with rare persistence".'
    )
    assert speakers(organisations) == [
        ("a practical ", "DigitalEurope"),
        ("targeted ope", "Microsoft"),
    ]
    person = (
        "Jon Riedel, chief strategist at Analyst1, studied the gangs.\n\n"
        'Riedel, whose team tracked the payments, said it was "only the easy part of the job".'
    )
    assert speakers(person) == [("only the eas", "Jon Riedel")]


def test_the_ministry_is_the_one_named_just_before_and_nobody_after_two() -> None:
    one = (
        "Kenya's Ministry of Information proposed that harbouring states lose UN funds. The "
        'ministry said the idea was "not to punish, but to make protection expensive".\n\n'
        "A delegate from the Swiss foreign ministry disagreed."
    )
    assert speakers(one) == [("not to punis", "Ministry of Information")]
    two = (
        "The Ministry of Defence and the Ministry of Finance disagreed on the budget. The "
        'ministry said the plan was "not affordable in the current fiscal year".\n\n'
        "A delegate from the Swiss foreign ministry disagreed."
    )
    assert speakers(two) == []


def test_a_role_headline_over_a_live_blog_entry_is_the_one_person_it_names_so() -> None:
    text = (
        "Cyber talks in Geneva - live\n\n"
        "11:48\n"
        'EU envoy: "Ransomware is a threat to international peace"\n'
        "The European Union's special envoy for cyber, Anna Lindqvist, spoke after lunch.\n\n"
        "10:15\n"
        'Minister: "We will not sign a text that lets them off"\n'
        "Estonia's foreign minister, Margus Tsahkna, and Latvia's foreign minister, Baiba Braže, "
        "spoke together."
    )
    assert "11:48" in paragraphs(text)
    assert speakers(text) == [("Ransomware i", "Anna Lindqvist")]


def test_a_role_as_the_subject_before_a_quote_names_a_role_only_where_none_was_given() -> None:
    text = (
        "Henrik Vallström has run the agency for three years. Pieter Claes, a researcher at "
        "Egmont, is sceptical.\n\n"
        'Asked about that, the executive director smiled. "He is not wrong about the trucks," '
        "Vallström said.\n\n"
        'The minister was unmoved. "The agency has all the money it needs," Claes said.'
    )
    assert roles(text) == {
        "Pieter Claes": "Researcher at Egmont",
        "Henrik Vallström": ("Executive director"),
    }


def test_parliamentary_roles_keep_the_party_and_the_seat_is_no_person() -> None:
    text = (
        "Opening the exchanges, the Conservative MP for South Cambridgeshire, Tom Ashworth, "
        "asked the minister whether she accepted the findings.\n\n"
        "The Liberal Democrat spokesperson for local government, Helen Moray, the MP for Bath "
        "and Wells, said councils could not compete.\n\n"
        "Labour backbencher Clive Barton urged ministers to act.\n\n"
        "Daniela Ferrante is a senior fellow at the Geneva Centre for Security Policy."
    )
    got = roles(text)
    assert "South Cambridgeshire" not in got
    assert got["Tom Ashworth"] == "Conservative MP for South Cambridgeshire"
    assert got["Helen Moray"].startswith("Liberal Democrat spokesperson for local government")
    assert got["Clive Barton"] == "Labour backbencher"
    assert got["Daniela Ferrante"] == "Senior fellow at the Geneva Centre for Security Policy"


def test_a_surname_in_the_possessive_is_the_last_person_named_for_a_pronoun() -> None:
    text = (
        "Ewa Nowicka, who runs a water utility, was blunt. Lorena Boix Alonso, a director at "
        'the Commission, said it was "listening carefully to smaller entities".\n\n'
        "Nowicka's utility has since joined a regional scheme. When I asked her whether things "
        'had improved, she thought. "A little," she said, "because now I know whom to call."'
    )
    assert speakers(text)[-1] == ("because now ", "Ewa Nowicka")


QA = (
    "Catherine Lavoie took up the new post of ambassador for cyber affairs last spring. Her "
    "counterpart, Nathaniel Fick, praised her. Lavoie laughed.\n\n"
    "Q: What is the coalition for?\n\n"
    'A: For making ransomware expensive. A Chinese official once said to me, "These are '
    'criminals, not our concern." My answer was that they are.\n\n'
    "Q: And in a year?\n\n"
    "A: Fewer hospitals closed. That is the only number I care about."
)


def test_unlabelled_answers_are_the_one_person_the_introduction_names_most() -> None:
    draft = draft_article(QA, {"title": "t"})
    got = {q["text"][:12]: q["speaker"] for q in draft.quotes}
    assert got == {
        "For making r": "Catherine Lavoie",
        "My answer wa": "Catherine Lavoie",
        "Fewer hospit": "Catherine Lavoie",
    }
    assert any("These are criminals" in t for t in draft.unattributed)
    assert roles(QA)["Catherine Lavoie"] == "Ambassador for cyber affairs"
    tied = QA.replace(" Lavoie laughed.", " Lavoie and Fick laughed.")
    assert speakers(tied) == []


def test_a_pair_with_a_which_clause_speaks_jointly_as_two_organisations() -> None:
    text = (
        "Vodafone and Bharti Airtel, which both operate in the two markets, said in a joint "
        'statement that they would send engineers. "Operators cannot be the last line of '
        'defence," they said.\n\n'
        'Anna Berg and Jonas Lind said they would help. "We will send two of our people," they '
        "said."
    )
    assert sorted(speakers(text)) == [
        ("Operators ca", "Bharti Airtel"),
        ("Operators ca", "Vodafone"),
    ]


def test_a_who_clause_that_says_it_names_the_speaker_before_it() -> None:
    text = (
        "The plan was presented by the chairperson of the Commission, Mahmoud Ali Youssouf, "
        'who called cyber security "a question of sovereignty for Africa".'
    )
    assert speakers(text) == [("a question o", "Mahmoud Ali Youssouf")]


def test_a_role_in_apposition_opening_the_sentence_joins_the_role_before_the_name() -> None:
    text = (
        "The committee chair, Labor senator Raff Ciccone, closed the hearing.\n\n"
        "In a letter to the minister, defence secretary John Healey asked for more time."
    )
    assert roles(text) == {
        "Raff Ciccone": "Labor senator, committee chair",
        "John Healey": "Defence secretary",
    }


def test_two_people_opening_a_sentence_with_their_roles_speak_jointly_as_they() -> None:
    text = (
        "In a letter sent Tuesday, the committee's chair, Rep. Andrew Garbarino (R-N.Y.), and "
        'its top Democrat, Rep. Bennie Thompson (D-Miss.), asked for a briefing. "The people '
        'deserve to know whether their calls are safe," they wrote.\n\n'
        "Sen. Ron Wyden (D-Ore.) met Rep. Bennie Thompson and the carriers' lawyers. \"We will "
        'not rip out equipment this year," they said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert sorted(q["speaker"] for q in draft.quotes) == ["Andrew Garbarino", "Bennie Thompson"]
    assert any("rip out equipment" in t for t in draft.unattributed)
    assert {p["name"]: p.get("role") for p in draft.people}["Andrew Garbarino"] == (
        "Committee's chair"
    )


def test_an_apposition_naming_a_body_makes_the_name_before_it_an_organisation() -> None:
    text = (
        "CTIA, the wireless industry's trade group, said in a statement that carriers had "
        '"invested billions to harden their networks".\n\n'
        "Moreno, the company's chief, said the carriers had been "
        '"slower than anyone admits in public".\n\n'
        "Cispe, a trade association representing cloud providers, said the draft "
        '"hands the market to US hyperscalers".\n\n'
        'Okafor, a lawyer for the group, said the rules were "unworkable for small firms".'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [
        ("invested", "CTIA"),
        ("hands th", "Cispe"),
    ]
    assert any("slower than anyone" in t for t in draft.unattributed)
    assert any("unworkable for small" in t for t in draft.unattributed)
