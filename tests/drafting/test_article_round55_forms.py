"""Forms from rounds 55-60 (a wire story, an explainer, a Senate story, a Brussels story, an
Asia-Pacific communique, a long-interview feature) that credited quotes to the wrong speaker as
they came, each with the case that must name nobody."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def speakers(text: str) -> list[tuple[str, str]]:
    return [(q["text"][:8], q["speaker"]) for q in draft_article(text, {"title": "t"}).quotes]


def test_a_surname_shared_with_someone_drafted_names_neither() -> None:
    # The subject has no role the drafter reads, a namesake has one: "Verbeek" is neither.
    text = (
        "Lotte Verbeek spent a decade chasing hackers for the Dutch government.\n\n"
        '"I keep meaning to put something on the walls," Verbeek says.\n\n'
        "A former colleague, Joost Verbeek, a software engineer, remembers her as relentless. "
        '"She was impossible as a teenager," Joost Verbeek says.\n\n'
        '"The technical part was fast," Verbeek says. "The politics took weeks," she says.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [("She was ", "Joost Verbeek")]
    assert any("technical part" in t for t in draft.unattributed)
    assert any("politics took weeks" in t for t in draft.unattributed)


def test_one_person_written_with_and_without_a_given_name_is_no_pair_of_namesakes() -> None:
    text = (
        "Sarah Myers West, a co-executive director of the AI Now Institute, spoke first. "
        "Myers West has studied the industry for a decade.\n\n"
        '"There was no playbook for any of this," Myers West said.'
    )
    assert speakers(text) == [("There wa", "Sarah Myers West")]


def test_she_after_a_man_quoted_with_he_is_someone_else() -> None:
    text = (
        "Marek Dvorak, a former Czech deputy foreign minister, is sceptical. "
        '"She can convene, but she cannot decide," he says.\n\n'
        '"Nine days is very fast for 27 governments," she says.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [("She can ", "Marek Dvorak")]
    assert any("Nine days" in t for t in draft.unattributed)


def test_an_organisation_speaking_is_named_without_its_article() -> None:
    text = (
        "The European Union, whose 27 members negotiated as a bloc, said the text struck "
        '"a fair balance between the primacy of states and the expertise of defenders".'
    )
    assert speakers(text) == [("a fair b", "European Union")]


def test_a_hyphenated_un_rank_or_a_portfolio_before_a_name_is_no_part_of_it() -> None:
    text = (
        "The U.N.'s disarmament chief, Under-Secretary-General Sofia Lindqvist, said the body "
        'needed staff. "A forum without a secretariat is a conference call," she said.\n\n'
        "The talks were attended by Japan's Minister for Digital Transformation Hiroshi Takeda. "
        '"Cyber attacks do not stop at borders," Mr Takeda said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [
        ("A forum ", "Sofia Lindqvist"),
        ("Cyber at", "Hiroshi Takeda"),
    ]
    roles = {p["name"]: p.get("role", "") for p in draft.people}
    assert "Under-Secretary-General" in roles["Sofia Lindqvist"]


def test_a_surname_shared_with_a_relative_introduced_as_kin_is_the_subjects() -> None:
    text = (
        "Lotte Verbeek spent a decade chasing hackers for the Dutch government.\n\n"
        "Verbeek, 54, has been the European Union's ambassador for cyber diplomacy since "
        "September.\n\n"
        "Her younger brother, Joost Verbeek, is a software engineer. "
        '"She was impossible as a teenager," Joost Verbeek says.\n\n'
        '"The technical part was fast," Verbeek says.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [
        ("She was ", "Joost Verbeek"),
        ("The tech", "Lotte Verbeek"),
    ]
    roles = {p["name"]: p.get("role", "") for p in draft.people}
    assert roles["Lotte Verbeek"] == "European Union's ambassador for cyber diplomacy"
    unrelated = text.replace("Her younger brother, Joost Verbeek", "A neighbour, Joost Verbeek")
    assert speakers(unrelated) == [("She was ", "Joost Verbeek")]


def test_a_role_then_a_titled_name_in_apposition_after_the_quote_is_the_speaker() -> None:
    text = (
        '"This is not the end of the argument," the chair of the session, Kenyan ambassador '
        "Grace Wanjiru Mwangi, told reporters after the final plenary."
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [
        ("This is ", "Grace Wanjiru Mwangi")
    ]
    roles = {p["name"]: p.get("role", "") for p in draft.people}
    assert "ambassador" in roles["Grace Wanjiru Mwangi"]
    unnamed = '"This is not the end," the chair of the session, a Kenyan diplomat, told reporters.'
    assert speakers(unnamed) == []


def test_the_senator_is_the_one_of_several_named_in_the_quotes_paragraph() -> None:
    text = (
        "Sen. Margaret Hollis, R-Ohio, who wrote the bill, spoke first. "
        "Sen. Tom Kessler, R-Kan., who led the opposition, voted against it.\n\n"
        'Hollis said she would hold a hearing in March. "An agency this important cannot run '
        'on acting officials forever," the senator said.\n\n'
        '"This fight is not over and it moves to the House," the senator told reporters.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [
        ("An agenc", "Margaret Hollis")
    ]
    assert any("This fight" in t for t in draft.unattributed)  # either senator: nobody
    roles = {p["name"]: p.get("role", "") for p in draft.people}
    assert roles["Tom Kessler"] == "Senator"
    assert roles["Margaret Hollis"] == "Senator"


def test_the_commission_is_the_one_named_in_full_though_a_commission_official_speaks() -> None:
    text = (
        "BRUSSELS - The European Commission on Tuesday proposed a revision of the act.\n\n"
        'The Commission said the revision was "a necessary step to protect the single '
        'market".\n\n'
        "A Commission official said the debate would be hard.\n\n"
        '"...," Cypriot deputy minister for research and digital policy Andreas Christofides '
        'said. "Cyprus will work as an honest broker on this file," he added.'
    )
    draft = draft_article(text, {"title": "t"})
    said = {q["text"][:8]: q["speaker"] for q in draft.quotes}
    assert said["a necess"] == "European Commission"
    assert said["Cyprus w"] == "Andreas Christofides"
    other = text.replace("A Commission official", "China's commission for trade")
    assert "a necess" not in {q[0] for q in speakers(other)}


def test_ministers_listed_with_their_titles_each_keep_only_their_own() -> None:
    text = (
        "The dialogue was attended by Japan's Minister for Digital Transformation Hiroshi "
        "Takeda, Australia's Minister for Home Affairs Rebecca Nolan, and Philippine Secretary "
        "of Information and Communications Technology Manuel Santos Reyes."
    )
    roles = {p["name"]: p.get("role", "") for p in draft_article(text, {"title": "t"}).people}
    assert roles["Hiroshi Takeda"] == "Japan's Minister for Digital Transformation"
    assert roles["Rebecca Nolan"] == "Australia's Minister for Home Affairs"
    adviser = "Kim Ode, an adviser to President Joe Biden, spoke first."
    roles = {p["name"]: p.get("role", "") for p in draft_article(adviser, {"title": "t"}).people}
    assert roles["Kim Ode"] == "Adviser to President Joe Biden"


def test_an_initial_inside_a_role_does_not_end_it_nor_the_attribution() -> None:
    text = (
        '"Ten years ago, cooperation meant workshops," said Dr Amelia Tan, a senior fellow at '
        'the S. Rajaratnam School of International Studies in Singapore. "Now it is teams, '
        'money and exercises."'
    )
    draft = draft_article(text, {"title": "t"})
    assert [q["speaker"] for q in draft.quotes] == ["Amelia Tan", "Amelia Tan"]
    roles = {p["name"]: p.get("role", "") for p in draft.people}
    assert roles["Amelia Tan"].endswith(
        "S. Rajaratnam School of International Studies in Singapore"
    )


def test_a_quote_remembered_a_professor_and_a_relatives_job() -> None:
    text = (
        "Prof Tomasz Nowak, who studies maritime security at the University of Gdansk, spoke "
        "first.\n\n"
        "Lotte Verbeek grew up in Groningen. Her younger brother, Joost Verbeek, is a software "
        "engineer in Eindhoven.\n\n"
        '"He used to say that everything connected can be disconnected," she remembers.'
    )
    draft = draft_article(text, {"title": "t"})
    roles = {p["name"]: p.get("role", "") for p in draft.people}
    assert roles["Tomasz Nowak"] == "Professor"
    assert roles["Joost Verbeek"] == "Software engineer in Eindhoven"
    assert [q["speaker"] for q in draft.quotes] == []  # "she" after a man named: nobody
    assert any("He used to say" in t for t in draft.unattributed)
