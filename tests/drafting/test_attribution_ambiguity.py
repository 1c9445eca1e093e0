"""No quote is credited to a wrong speaker: a reference with two candidates names neither, and
the draft says why (``cyberbrief/drafting/ambiguity.py``; the forms are those of the audit in
``docs/attribution-audit.md``)."""

from __future__ import annotations

import pytest

from cyberbrief.drafting.ambiguity import not_a_full_name
from cyberbrief.drafting.article import draft_article

HEAD = "Ministers meet on cyber\n\nVILNIUS, 12 May 2028 (Reuters) - Two ministers met.\n\n"


def speakers(body: str, words: str) -> list[str]:
    draft = draft_article(HEAD + body, {"title": "t"})
    return [q["speaker"] for q in draft.quotes if words in q["text"]]


CASES = [
    pytest.param(
        "Lithuania's Minister of National Defence, Tomas Vaitkus, and Finland's Minister of "
        "Defence, Aino Lehtola, signed the agreement.\n\n"
        "Vaitkus thanked the Finnish delegation. Asked about the cost, the minister said her "
        'government had set aside 3 million euros. "Money is not the problem at all," she said.',
        "Money is not the problem",
        [],
        id="the minister said her government: the man named last is not 'she'",
    ),
    pytest.param(
        "Lithuania's Minister of National Defence, Tomas Vaitkus, and Finland's Minister of "
        "Defence, Aino Lehtola, signed the agreement.\n\n"
        'The two ministers also discussed cables. "We have seen what one anchor can do," the '
        "minister said.",
        "We have seen what one anchor",
        [],
        id="the minister said with both just spoken of",
    ),
    pytest.param(
        "Lotte Verbeek is the EU's cyber ambassador. Her younger brother, Joost Verbeek, is a "
        "software engineer in Eindhoven.\n\n"
        'Later, Lotte Verbeek smiles. "He is being kind to me here," she says.',
        "He is being kind",
        ["Lotte Verbeek"],
        id="a full name is never the namesake who shares its surname",
    ),
    pytest.param(
        "Carl-Oskar Bohlin, Sweden's Minister for Civil Defence, said his government welcomed "
        'the plan.\n\n"NATO is the roof over all of us," she said.',
        "NATO is the roof",
        [],
        id="she after a man the article calls he",
    ),
]


@pytest.mark.parametrize(("body", "words", "expected"), CASES)
def test_a_reference_with_two_candidates_names_neither(
    body: str, words: str, expected: list[str]
) -> None:
    assert speakers(body, words) == expected


def test_the_admin_reads_why_a_quote_was_left_without_a_speaker() -> None:
    body = CASES[0].values[0]
    draft = draft_article(HEAD + str(body), {"title": "t"})
    assert any("Money is not the problem" in t for t in draft.unattributed)
    summary = draft.describe()
    line = next(ln for ln in summary.splitlines() if "Money is not the problem" in ln)
    assert "'the minister' may mean Aino Lehtola or Tomas Vaitkus" in line


PARTY_AND_PLACE = [
    pytest.param(
        "Sen. Maria Ortega, D-Ariz., spoke first. Sen. Tom Bradley, R-Texas, disagreed.\n\n"
        '"Rural hospitals were on paper charts for weeks," the Arizona Democrat said.',
        "Rural hospitals were on paper",
        ["Maria Ortega"],
        id="the Arizona Democrat after a Texas Republican",
    ),
    pytest.param(
        "Sen. Maria Ortega, D-Ariz., and Rep. Jim Hale, R-Ariz., spoke for the bill.\n\n"
        '"We will have the votes on the floor soon," the Arizona lawmaker said.',
        "We will have the votes",
        [],
        id="the Arizona lawmaker with two from Arizona",
    ),
    pytest.param(
        "Markus Feldner, a Christian Social Union MEP from Bavaria, spoke. Pierre Aubry, a "
        'French liberal from Lyon, disagreed.\n\n"Nobody has volunteer firewalls in Europe," the '
        "Bavarian conservative said.",
        "Nobody has volunteer firewalls",
        ["Markus Feldner"],
        id="the Bavarian conservative",
    ),
    pytest.param(
        "Sen. Maria Ortega, D-Ariz., and Sen. Ellen Park, D-Ore., both backed the bill.\n\n"
        'Asked about the floor vote, the Democrat said she was not sure. "The floor is a '
        'different animal altogether," she said.',
        "The floor is a different animal",
        [],
        id="the Democrat with two Democrats, both women",
    ),
]


@pytest.mark.parametrize(("body", "words", "expected"), PARTY_AND_PLACE)
def test_a_party_and_place_name_the_one_person_they_fit(
    body: str, words: str, expected: list[str]
) -> None:
    assert speakers(body, words) == expected


GROUPS = [
    pytest.param(
        "Norway's defence minister, Eirik Solheim, Sweden's defence minister, Karin Lundqvist, "
        "and Denmark's defence minister, Anders Holm, met in Oslo.\n\n"
        'In a joint statement, the three ministers said the cables were "the nervous system of '
        'our economies".\n\n"We will not wait for the next anchor to drop," the statement said.',
        ["the nervous system of our economies", "We will not wait for the next anchor"],
        ["Anders Holm", "Eirik Solheim", "Karin Lundqvist"],
        id="the three ministers, then the statement they issued",
    ),
    pytest.param(
        "Microsoft, Google and Cisco published a joint letter to the working group.\n\n"
        '"No state should ever target a hospital," the three companies wrote.',
        ["No state should ever target a hospital"],
        ["Cisco", "Google", "Microsoft"],
        id="the three companies wrote",
    ),
    pytest.param(
        "Estonian Prime Minister Kadri Tamm, Latvian Prime Minister Janis Ozols and Lithuanian "
        "Prime Minister Ruta Petrauskiene signed the pact.\n\n"
        '"The Baltic Sea has more than three shores," the two leaders said.',
        ["The Baltic Sea has more than three shores"],
        [],
        id="the two leaders after three: which two?",
    ),
    pytest.param(
        "Estonian Prime Minister Kadri Tamm, Latvian Prime Minister Janis Ozols and Lithuanian "
        "Prime Minister Ruta Petrauskiene signed the pact. Poland's president, Andrzej Wrobel, "
        'welcomed it.\n\n"The Baltic Sea has more than three shores," the leaders said.',
        ["The Baltic Sea has more than three shores"],
        [],
        id="the leaders with someone named since",
    ),
]


@pytest.mark.parametrize(("body", "quotes", "members"), GROUPS)
def test_a_group_speaks_through_each_member_of_the_one_list_it_fits(
    body: str, quotes: list[str], members: list[str]
) -> None:
    for words in quotes:
        assert sorted(speakers(body, words)) == members


def test_a_portfolio_names_its_one_holder_when_those_named_since_hold_others() -> None:
    body = (
        "Interior Minister Katrin Roth wants a change to the constitution. Foreign Minister "
        "Sabine Hartwig said the idea would hurt Germany.\n\n"
        '"We cannot keep watching the same servers attack us," the interior minister said.\n\n'
        "His German counterpart, Jonas Weber, spoke later.\n\n"
        '"Hacking back is a right some will abuse," the foreign minister said.'
    )
    assert speakers(body, "We cannot keep watching") == ["Katrin Roth"]
    assert speakers(body, "Hacking back is a right") == []  # the counterpart may hold it


@pytest.mark.parametrize(
    ("body", "words", "why"),
    [
        pytest.param(
            "Mette Jensen, the defence minister, said she would not wait for NATO. Carl "
            "Bohlin, the director of the Swedish agency, welcomed the plan. "
            '"Every house also needs locks on its doors," she said.',
            "Every house also needs locks",
            "'she' may mean Carl Bohlin or Mette Jensen",
            id="she after someone of unknown sex, a woman named before in the paragraph",
        ),
        pytest.param(
            "Mette Jensen, the defence minister, and Lars Jensen, the director of the Centre "
            'for Cyber Security, presented the plan.\n\n"A cut cable is rarely the whole '
            'attack," Jensen said.',
            "A cut cable is rarely",
            "'Jensen' is a surname two people share",
            id="a surname two people share",
        ),
    ],
)
def test_a_quote_withheld_says_why(body: str, words: str, why: str) -> None:
    draft = draft_article(HEAD + body, {"title": "t"})
    assert not [q for q in draft.quotes if words in q["text"]]
    text = next(t for t in draft.unattributed if words in t)
    assert draft.withheld[text] == why


NAMESAKES = """The quiet Dane who runs Europe's cyber exercises

COPENHAGEN, 2 April 2029 - Sofie Madsen does not look like someone who plans blackouts.

Madsen, 47, directs the exercise programme at the agency. "People think an exercise is about \
technology," she says.

Her predecessor, Erik Madsen, a Norwegian who is no relation, now advises NATO. "We exercise \
the attacks we can imagine," Erik Madsen says.

"Erik is right that we cannot imagine everything," Sofie Madsen says.

"A cable does not care which country owns it," Madsen says.

Kemp's deputy, Sarah Kemp, who is not related to Andrew Kemp, leads the recovery. Ms Kemp \
said most systems would be back soon. "We are restoring from clean backups," she said.
"""


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("People think an exercise", []),  # a surname two people share: even before the other
        ("We exercise the attacks", ["Erik Madsen"]),
        ("Erik is right that we", ["Sofie Madsen"]),  # her full name, though she has no role
        ("A cable does not care", []),
        ("We are restoring from clean", []),  # "Ms Kemp": Andrew's sex is never given
    ],
)
def test_a_shared_surname_names_neither_but_a_full_name_names_its_owner(
    words: str, expected: list[str]
) -> None:
    draft = draft_article(NAMESAKES, {"title": "t"})
    assert [q["speaker"] for q in draft.quotes if words in q["text"]] == expected


def test_ms_names_the_namesake_who_is_not_known_to_be_a_man() -> None:
    text = NAMESAKES.replace(
        "leads the recovery.",
        'leads the recovery. "We pay nothing," Andrew Kemp said, and he left.',
    )
    draft = draft_article(text, {"title": "t"})
    said = [q["speaker"] for q in draft.quotes if "We are restoring" in q["text"]]
    assert said == ["Sarah Kemp"]


def test_people_listed_with_their_roles_in_apposition_keep_only_their_own() -> None:
    text = HEAD + (
        "Norway's defence minister, Eirik Solheim, Sweden's defence minister, Karin Lundqvist, "
        "and Denmark's defence minister, Anders Holm, met in Oslo.\n\n"
        "Lithuania's Minister of National Defence, Tomas Vaitkus, and Finland's Minister of "
        "Defence, Aino Lehtola, signed the agreement at the General Jonas Zemaitis Military "
        "Academy in Vilnius."
    )
    roles = {p["name"]: p.get("role", "") for p in draft_article(text, {"title": "t"}).people}
    assert roles["Eirik Solheim"] == "Norway's defence minister"
    assert roles["Karin Lundqvist"] == "Sweden's defence minister"
    assert roles["Aino Lehtola"] == "Finland's Minister of Defence"


def test_the_company_is_the_one_the_paragraph_opens_with() -> None:
    body = (
        "Meta said in a statement that it would apply the same labels everywhere. "
        '"We have been preparing for this election for a year," the company said.\n\n'
        "Kent Walker, Google's president of global affairs, spoke later. Google said it agreed. "
        '"We will label every synthetic voice we find," the company said.'
    )
    assert speakers(body, "We have been preparing") == ["Meta"]
    assert speakers(body, "We will label every") == []  # the paragraph opens with a person


def test_a_party_in_apposition_to_a_name_is_no_unnamed_member_of_it() -> None:
    body = (
        "Helga Braun, a Green member of the digital committee, wants a law. Her colleague "
        'Thomas Weiss, a Christian Democrat, disagreed. "We should not write a law every time," '
        "the Christian Democrat said.\n\n"
        'A Christian Democrat from Bavaria was blunter. "This is a waste of paper and time," the '
        "Christian Democrat said."
    )
    assert speakers(body, "We should not write") == ["Thomas Weiss"]
    assert speakers(body, "This is a waste of paper") == []


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("Constable Rachel Eaves", "opens with 'Constable'"),
        ("Transformation Hiroshi Takeda", "opens with 'Transformation'"),
        ("Under-Secretary-General Sofia Lindqvist", "opens with 'Under-Secretary-General'"),
        ("Reyes Sr.", "a surname and a generation"),
        ("Thomas Reyes Sr.", None),
        ("Lord Hadley", None),
        ("Sofia Lindqvist", None),
    ],
)
def test_a_name_nobody_has_is_never_a_speaker(name: str, why: str | None) -> None:
    found = not_a_full_name(name)
    assert (found is None) if why is None else (found is not None and why in found)
