"""Forms from rounds 107-110 (a leaked memo, a markets story, an employment tribunal ruling,
a conference talk) that credited a quote to the wrong speaker or to nobody, or a role to
nobody, as they came; each checked on copy of its own, with a case the rule must leave
alone."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def draft(text: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    result = draft_article(text, {"title": "t"})
    quotes = [(q["text"][:8], q["speaker"]) for q in result.quotes]
    return quotes, {p["name"]: p.get("role", "") for p in result.people}


def test_words_told_by_someone_are_theirs_not_the_reporters() -> None:
    text = (
        "Giving evidence, Deborah Okonjo told the tribunal she had been warned by the chief "
        'executive, Richard Tallis, not to "make this bigger than it needs to be".'
    )
    quotes, _ = draft(text)
    assert quotes == [("make thi", "Richard Tallis")]


def test_she_after_a_man_named_last_is_the_woman_named_before_him() -> None:
    text = (
        "Deborah Okonjo, 46, was sacked in June. The tribunal heard that Ms Okonjo had written "
        "to the board in April.\n\n"
        "Giving evidence, she said she had been warned by the chief executive, Richard Tallis, "
        "to keep quiet. Mr Tallis denied it.\n\n"
        '"I was told that reporting it would damage a contract," she said.'
    )
    quotes, _ = draft(text)
    assert quotes == [("I was to", "Deborah Okonjo")]


def test_she_after_a_man_is_nobody_when_someone_of_unknown_sex_stands_between() -> None:
    text = (
        "Deborah Okonjo, the head of security, wrote to the board. Ms Okonjo said the breach "
        "had to be reported.\n\n"
        "Alex Morgan, the finance director, disagreed. Richard Tallis, the chief executive, "
        'said he had taken advice.\n\n"I was told that reporting it would damage a contract," '
        "she said."
    )
    quotes, _ = draft(text)
    assert quotes == []


def test_the_judge_is_the_one_judge_the_article_names() -> None:
    text = (
        "Deborah Okonjo and Richard Tallis gave evidence. Employment Judge Martin Haldane "
        "said the evidence was not credible. Mr Tallis, who also gave evidence, denied the "
        "remark.\n\n"
        "The judge said he preferred Ms Okonjo's account. \"Her evidence was detailed and "
        'consistent," he wrote.'
    )
    quotes, _ = draft(text)
    assert quotes == [("Her evid", "Martin Haldane")]


def test_the_judge_is_nobody_when_the_article_speaks_of_judges() -> None:
    text = (
        "Deborah Okonjo and Richard Tallis gave evidence. Employment Judge Martin Haldane "
        "said the evidence was not credible, and the two lay judges agreed. Mr Tallis, who "
        "also gave evidence, denied the remark.\n\n"
        "The judge said he preferred Ms Okonjo's account. \"Her evidence was detailed and "
        'consistent," he wrote.'
    )
    quotes, _ = draft(text)
    assert quotes == []


def test_a_body_by_its_acronym_speaks_for_itself_but_a_country_does_not() -> None:
    text = (
        'The ICO said it had made enquiries and was "considering the information provided". '
        'The US said it was "watching the case very closely indeed".'
    )
    quotes, _ = draft(text)
    assert quotes == [("consider", "ICO")]


def test_a_speaker_with_where_they_work_between_name_and_verb() -> None:
    text = (
        "Harwell Freight said it was disappointed. Its lawyer, Simon Hartley of the firm Lyle "
        'Craven, said the company "continues to believe that it acted lawfully throughout".'
    )
    quotes, roles = draft(text)
    assert quotes == [("continue", "Simon Hartley")]
    assert roles["Simon Hartley"] == "Lawyer"
    assert "Harwell Freight" not in roles  # a company, no person


def test_declined_to_discuss_but_said_is_the_subjects() -> None:
    text = (
        "Gareth Pryce, the head of operational technology, left in January. Reached by phone, "
        'he declined to discuss the emails but said he had raised the issue "more than once, '
        'in writing and in person".'
    )
    quotes, _ = draft(text)
    assert quotes == [("more tha", "Gareth Pryce")]


def test_a_role_given_later_to_a_surname_with_an_honorific() -> None:
    text = (
        "A reply from the operations director, Julia Hammond, said the work would wait. "
        "Ms Hammond, who is now the company's chief operating officer, did not respond."
    )
    _, roles = draft(text)
    assert "chief operating officer" in roles["Julia Hammond"]


def test_a_lede_about_an_office_holder_names_them_in_the_next_paragraph() -> None:
    text = (
        "Security lead unfairly dismissed\n\n"
        "A logistics company unfairly dismissed its head of information security after she "
        "raised concerns that a data breach had not been reported, a tribunal has ruled.\n\n"
        "Deborah Okonjo, 46, was sacked by Harwell Freight in June 2025."
    )
    _, roles = draft(text)
    assert roles["Deborah Okonjo"] == "Head of information security"


def test_a_lede_about_an_office_holder_gives_nobody_the_role_when_the_next_opens_otherwise() -> (
    None
):
    text = (
        "Security lead unfairly dismissed\n\n"
        "A logistics company unfairly dismissed its head of information security after she "
        "raised concerns that a data breach had not been reported, a tribunal has ruled.\n\n"
        "The firm, whose chief executive is Richard Tallis, said it would appeal."
    )
    _, roles = draft(text)
    assert not roles.get("Richard Tallis", "").lower().startswith("head of information")
