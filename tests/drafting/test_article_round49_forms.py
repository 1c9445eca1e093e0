"""Forms from rounds 49-54 (a court report, a press-conference transcript, a regional paper, a
think-tank report, namesakes, changed roles), each with the case that must name nobody."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article
from cyberbrief.drafting.people import people_in


def speakers(text: str) -> list[tuple[str, str]]:
    return [(q["text"][:8], q["speaker"]) for q in draft_article(text, {"title": "t"}).quotes]


def roles(text: str) -> dict[str, str]:
    return {p["name"]: p.get("role", "") for p in draft_article(text, {"title": "t"}).people}


def test_namesakes_are_told_apart_by_honorific_and_never_by_surname_alone() -> None:
    text = (
        "The plan was presented by Mette Jensen, Denmark's Minister for Defence, and Lars "
        "Jensen, the director of the Centre for Cyber Security.\n\n"
        '"We have been very patient," Ms Jensen said.\n\n'
        '"A cut cable is rarely the whole attack," Mr Jensen said.\n\n'
        '"Nobody here can tell which of them said this," Jensen said.\n\n'
        "Mette Jensen said she would not comment. Lars Jensen said his analysts were ready."
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:8], q["speaker"]) for q in draft.quotes] == [
        ("We have ", "Mette Jensen"),
        ("A cut ca", "Lars Jensen"),
    ]
    assert any("Nobody here" in t for t in draft.unattributed)
    without_pronouns = text.rsplit("\n\n", 1)[0]
    assert speakers(without_pronouns) == []  # no pronoun says who is who: nobody


def test_a_pronoun_after_a_sentence_whose_subject_is_a_role_is_that_roles_holder() -> None:
    text = (
        "Mette Jensen, Denmark's Minister for Defence, opened. Lars Jensen, the director of the "
        "Centre for Cyber Security, spoke first. Sweden's "
        "Minister for Civil Defence, Carl-Oskar Bohlin, agreed.\n\n"
        "The director of the Centre for Cyber Security was more direct. He said patrols had "
        '"very little to say about the network side".\n\n'
        'Asked about NATO, the minister said Denmark was committed. "NATO is the roof," she said.'
    )
    assert speakers(text) == [("very lit", "Lars Jensen")]  # "the minister": one of two
    one_minister = text.replace("Mette Jensen, Denmark's Minister for Defence, opened. ", "")
    assert speakers(one_minister)[1:] == [("NATO is ", "Carl-Oskar Bohlin")]


def test_titled_labels_and_reporters_questions_in_a_press_conference_transcript() -> None:
    text = (
        "Taking part were Henrik Lindqvist, the European Commissioner for Digital Security, and "
        "Keiko Tanabe, director general of NISC.\n\n"
        "COMMISSIONER LINDQVIST: Three years ago we could not have signed this text.\n\n"
        "Q (Kenji Mori, Nikkei): Commissioner, four hours is ambitious?\n\n"
        "LINDQVIST: Nothing dramatic. This is not a treaty with penalties.\n\n"
        "Q (Tom Ashby, Reuters): Director General, is that the case?\n\n"
        "DIRECTOR GENERAL TANABE: I cannot comment on a specific case.\n\n"
        "TANABE: We share with the United States already."
    )
    assert speakers(text) == [
        ("Three ye", "Henrik Lindqvist"),
        ("Nothing ", "Henrik Lindqvist"),
        ("I cannot", "Keiko Tanabe"),
        ("We share", "Keiko Tanabe"),
    ]


def test_court_report_counsel_judge_and_a_surname_that_is_also_a_title() -> None:
    text = (
        "Sentencing him, His Honour Judge Martin Griffith said Reinholt had known what he sold. "
        '"You were a shopkeeper," the judge said. "Your stock was other people\'s security."\n\n'
        "Prosecuting, Sarah Whitcombe KC told the court the gang paid him.\n\n"
        "Daniel Okafor, defending, said his client had cooperated.\n\n"
        "Dr Amina Sheikh, a senior lecturer at Teesside University, said councils were targets."
    )
    assert roles(text) == {
        "Martin Griffith": "Judge",
        "Sarah Whitcombe": "Prosecuting counsel",
        "Daniel Okafor": "Defence counsel",
        "Amina Sheikh": "Senior lecturer at Teesside University",
    }
    assert speakers(text) == [("You were", "Martin Griffith"), ("Your sto", "Martin Griffith")]
    assert [p.name for p in people_in("John Bishop and the Saudi King spoke")] == ["John Bishop"]
    other = text.replace("said Reinholt had", "said Ms Whitcombe had")
    assert speakers(other) == []  # counsel named after the judge: "the judge" is not told


def test_the_role_held_now_and_a_role_two_people_share() -> None:
    text = (
        "Crane, the former security minister who is now chairman of Northmoor Bank, spoke. "
        "Sir Julian Crane joined in 2024.\n\n"
        "Menon, now a partner at the firm, said nothing. Priya Menon left Singapore.\n\n"
        "Dame Alison Pryor, who now chairs the Commons science committee, declined to comment.\n\n"
        "Finland and Norway were represented by their defence ministers, Antti Häkkänen and "
        "Tore O. Sandvik, both of whom said they supported the plan.\n\n"
        "The gang, which security researchers call Black Heron, and the campaign group "
        "Revolving Door Watch were named."
    )
    assert roles(text) == {
        "Julian Crane": "Chairman of Northmoor Bank",
        "Priya Menon": "Partner at the firm",
        "Alison Pryor": "Chair of the Commons science committee",
        "Antti Häkkänen": "Defence minister",
        "Tore O. Sandvik": "Defence minister",
    }


def test_two_authors_writing_together_and_a_name_with_where_they_work() -> None:
    text = (
        "Helena Voss, a senior research fellow, and Jamal Idris, a researcher, wrote it.\n\n"
        'Voss and Idris write that victims need a fund. "A ban that arrives first is a ban on '
        'being honest," they write.\n\n'
        "Outside court, Detective Inspector Claire Dunmore of the National Crime Agency's cyber "
        'unit said selling access was "a victimless middle step".'
    )
    draft = draft_article(text, {"title": "t"})
    assert sorted(q["speaker"] for q in draft.quotes if "A ban" in q["text"]) == [
        "Helena Voss",
        "Jamal Idris",
    ]
    assert [q["speaker"] for q in draft.quotes if "victimless" in q["text"]] == ["Claire Dunmore"]


def test_a_title_that_is_only_part_of_someones_role_does_not_single_them_out() -> None:
    text = (
        "Microsoft President Brad Smith spoke in Brussels on Monday.\n\n"
        '"We need rules," Smith said. Henna Virkkunen, the Commission\'s executive '
        "vice-president, agreed. The President said the summit had ended. "
        '"It was a success," he said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [q["speaker"] for q in draft.quotes] == ["Brad Smith"]
    assert draft.unattributed == ["It was a success"]
