"""Forms from rounds 90-92 (a vox pop, a science story on a study, a campaign-trail story)
that lost a speaker or a role as they came, each with the case that must name nobody."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def speakers(text: str) -> list[tuple[str, str]]:
    return [(q["text"][:8], q["speaker"]) for q in draft_article(text, {"title": "t"}).quotes]


def roles(text: str) -> dict[str, str]:
    return {p["name"]: p.get("role", "") for p in draft_article(text, {"title": "t"}).people}


def test_a_resident_introduced_by_an_occupation_is_drafted_and_speaks() -> None:
    text = (
        "Ahmed Yusuf, 67, a retired teacher, said he always carried cash. "
        '"My grandchildren laugh at me," he said.'
    )
    assert roles(text)["Ahmed Yusuf"] == "Retired teacher"
    assert speakers(text) == [("My grand", "Ahmed Yusuf")]


def test_an_unnamed_driver_is_nobody_named() -> None:
    text = (
        "Ahmed Yusuf, 67, a retired teacher, said he always carried cash.\n\n"
        "At the bus station, a driver who did not want to be named said passengers rode free. "
        '"What am I supposed to do, leave pensioners in the rain?" he said.'
    )
    assert speakers(text) == []


def test_a_pronoun_before_a_name_in_its_own_sentence_is_resolved_where_it_stands() -> None:
    text = (
        "Markus Stein promised more police. He rarely mentions his opponent.\n\n"
        "Leonie Brandt, the digital minister, was campaigning in Darmstadt. Speaking to students, "
        'she said Stein\'s plan would "arrest the burglars after the house has burned down".'
    )
    assert speakers(text) == [("arrest t", "Leonie Brandt")]


def test_promised_introduces_a_quote() -> None:
    text = (
        "When Markus Stein, the Christian Democrats' candidate, promised a \"cyber police force "
        'worthy of the name", his supporters stood.'
    )
    assert speakers(text) == [("cyber po", "Markus Stein")]
    assert "candidate" in roles(text)["Markus Stein"]


def test_reported_speech_after_a_fronted_place_is_the_subjects() -> None:
    text = (
        "Markus Stein spoke first.\n\n"
        "Outside the Kurhaus, Petra Schulz, 58, a nurse at the hospital, said she had voted for "
        'Stein\'s party before. "I was there in April," she said.'
    )
    assert speakers(text) == [("I was th", "Petra Schulz")]


STUDY = (
    "The researchers, led by Dr Mei Lin of the Karolinska Institute in Stockholm and Professor "
    "Tom Hadley of Imperial College London, scanned devices in 40 hospitals.\n\n"
    'In the paper, the authors write that a scanner bought in 2012 "may still be in clinical '
    'use in 2030, long after its maker has stopped".\n\n'
    "Lin said the team had been surprised by how long the flaws lasted."
)


def test_the_authors_of_a_study_are_each_of_the_two_named_leading_it() -> None:
    assert sorted(speakers(STUDY)) == [("may stil", "Mei Lin"), ("may stil", "Tom Hadley")]
    assert roles(STUDY)["Tom Hadley"] == "Professor"


def test_the_authors_after_someone_else_was_named_since_are_nobody() -> None:
    text = STUDY.replace(
        "In the paper,", "Klaus Becker, a professor in Heidelberg, read it. In the paper,"
    )
    assert speakers(text) == []


def test_a_minister_with_responsibility_for_a_field_has_all_of_it_as_the_role() -> None:
    text = (
        "The Minister of State with responsibility for cyber security, Siobhán Walsh, told the "
        'Dáil she had asked both sides to meet. "I want this resolved before January," she said.'
    )
    assert roles(text)["Siobhán Walsh"] == (
        "Minister of State with responsibility for cyber security"
    )
    assert speakers(text) == [("I want t", "Siobhán Walsh")]
