"""The attribution forms of issue 22 on short texts: the speaker by role only, an institution
by its head noun, a joint statement, figures in words and with units."""

from __future__ import annotations

from cyberbrief.drafting.article import draft_article


def test_the_speaker_named_by_role_only_is_the_one_person_with_that_role() -> None:
    text = (
        "NATO Secretary General Jens Stoltenberg spoke on Tuesday.\n\n"
        '"Members see intrusions more than 1,000 times each month," said the Secretary '
        'General. "Every one of them is a test."\n\n'
        "Anders Fogh Rasmussen, a former secretary general, was in the room.\n\n"
        '"Both of us have seen this coming for years," said the secretary general.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [(q["text"][:12], q["speaker"]) for q in draft.quotes] == [
        ("Members see ", "Jens Stoltenberg"),
        ("Every one of", "Jens Stoltenberg"),
    ]
    assert any("Both of us" in t for t in draft.unattributed), "two secretaries general"


def test_an_institution_by_its_head_noun_speaks_when_the_article_names_only_one() -> None:
    text = (
        "The European Commission on Thursday published its strategy.\n\n"
        'The Commission said the strategy was "a decisive step towards a Union that can '
        'defend itself".\n\n'
        '"We will fund it properly this time," the Commission said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert [q["speaker"] for q in draft.quotes] == ["European Commission"] * 2
    assert [o["name"] for o in draft.organisations] == ["European Commission"]
    two = text + "\n\nThe Commission on Human Rights disagreed with it."
    assert not draft_article(two, {"title": "t"}).quotes, "which commission?"


def test_a_joint_statement_is_drafted_for_each_of_the_pair_named_before() -> None:
    text = (
        "Intel and McAfee announced a joint programme on Monday.\n\n"
        '"Responsible disclosure only works when vendors trust each other," they said in a '
        "blog post.\n\n"
        "Intel and McAfee announced it. Critics named Jane Doe, a lawyer, were unconvinced.\n\n"
        '"This will not change anything at all," they said.'
    )
    draft = draft_article(text, {"title": "t"})
    assert sorted((q["text"][:11], q["speaker"]) for q in draft.quotes) == [
        ("Responsible", "Intel"),
        ("Responsible", "McAfee"),
    ]
    assert any("not change anything" in t for t in draft.unattributed), "someone named since"
    assert {o["name"] for o in draft.organisations} == {"Intel", "McAfee"}


def test_figures_in_words_and_with_units_become_facts() -> None:
    text = (
        "Allied networks see attempted intrusions 1,000 times each month.\n\n"
        "The Nordic Cyber Pact was signed in Oslo. The agreement sets out five priority areas. "
        "Eighty-nine countries signed it.\n\n"
        "Three years ago nobody talked about it."
    )
    facts = [f["text"] for f in draft_article(text, {"title": "t"}).facts]
    assert facts == [
        "Allied networks see attempted intrusions 1,000 times each month.",
        "The Nordic Cyber Pact sets out five priority areas.",
        "Eighty-nine countries signed it.",
    ]
    unnamed = text.replace("The Nordic Cyber Pact was signed in Oslo. ", "")
    facts = [f["text"] for f in draft_article(unnamed, {"title": "t"}).facts]
    assert "five priority areas" not in " ".join(facts), "which agreement? left out"


def test_the_speaker_by_role_only_is_nobody_after_someone_else_was_named() -> None:
    text = (
        "Caspar Veldkamp, the Dutch foreign minister, spoke first.\n\n"
        "His German counterpart, Annalena Baerbock, agreed. 'Every hospital that goes dark "
        "puts lives at risk,' said the foreign minister."
    )
    draft = draft_article(text, {"title": "t"})
    assert draft.quotes == []
    assert any("goes dark" in t for t in draft.unattributed)
