"""Forms from rounds 111-114 (a leaked negotiation chat, an appeal judgment with a dissent, a
parliamentary sketch, a reporter's notebook) that credited quotes to the wrong speaker or to
nobody as they came; each checked on copy of its own, with a case the rule must leave alone."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def speakers(text: str) -> list[tuple[str, str]]:
    return [(q["text"][:8], q["speaker"]) for q in draft_article(text, {"title": "t"}).quotes]


def test_the_byline_writer_is_never_the_she_of_the_copy() -> None:
    text = (
        "Court splits over hacked messages\n\n"
        "By Owen Bowcott, Legal Affairs Correspondent\n\n"
        "The ruling ran to eighty pages and was handed down on Monday morning. "
        '"The evidence, taken as a whole, points one way," she wrote.'
    )
    assert speakers(text) == []


def test_an_appeal_judge_is_named_by_title_and_surname() -> None:
    text = (
        "Giving the lead judgment, Lady Justice Carr said the trial judge had been entitled "
        'to conclude so. "The evidence, taken as a whole, points one way," she wrote.\n\n'
        "In a rare dissent, Lord Justice Edis said the court could not test the hack. "
        '"We are asked to accept its output on trust," he wrote. Lord Justice Edis added: '
        '"Nothing here criticises the investigators."'
    )
    assert speakers(text) == [
        ("The evid", "Lady Justice Carr"),
        ("We are a", "Lord Justice Edis"),
        ("Nothing ", "Lord Justice Edis"),
    ]


def test_she_after_someone_named_by_one_name_is_not_the_last_full_name() -> None:
    text = (
        "In the afternoon I met Sven Laur, a professor at the University of Tartu. "
        '"Everyone wants to hack back," Laur said.\n\n'
        "Liis, who had slept four hours, was calmer than anyone in the room.\n\n"
        '"This is the part I like," she said.'
    )
    assert speakers(text) == [("Everyone", "Sven Laur")]


def test_a_company_opening_its_paragraph_still_speaks_as_the_company() -> None:
    text = (
        "Meta said in a statement that it would apply the same labels in all 27 EU countries. "
        '"We have been preparing for this election for more than a year," the company said.'
    )
    assert speakers(text) == [("We have ", "Meta")]


def test_the_gang_the_article_names_speaks_as_the_gang_and_as_it() -> None:
    text = (
        "The transcript was posted by the gang itself, a group which calls itself Nightjar.\n\n"
        'It opens with a demand. "Your network is ours. The price is $4 million," the gang\'s '
        "first message reads.\n\n"
        "When the negotiator asked for proof, the gang sent back two files within minutes. "
        '"See, we are professionals," it wrote.\n\n'
        'In its last message, the gang wrote: "You made your choice. Enjoy it."'
    )
    assert speakers(text) == [
        ("Your net", "Nightjar"),
        ("See, we ", "Nightjar"),
        ("You made", "Nightjar"),
    ]


def test_it_is_not_the_gang_when_someone_is_named_since() -> None:
    text = (
        "The transcript was posted by a group which calls itself Nightjar.\n\n"
        "When the negotiator asked for proof, the gang sent back two files, and Stefaan "
        'Claes, the firm\'s head of response, replied. "See, we are professionals," it wrote.'
    )
    assert speakers(text) == []
