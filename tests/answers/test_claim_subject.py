"""A yes/no claim is answered yes only from a clause that says it OF the claim's subject, and
verbs are compared by lemma ("met" and "failed to meet", "fall" and "fell")."""

from __future__ import annotations

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.claim_subject import claim_subjects, stated_of
from cyberbrief.answers.plaintext import render
from cyberbrief.answers.textsearch import terms
from cyberbrief.answers.verb_forms import forms_of, inflected
from cyberbrief.knowledge.model import Status


@pytest.mark.parametrize(
    ("word", "also"),
    [
        ("met", {"meet"}),
        ("meeting", {"met"}),
        ("fall", {"fell", "fallen"}),
        ("led", {"lead"}),
        ("taking", {"took", "taken"}),
        ("beginning", {"began", "begun"}),
        ("goes", {"went", "gone"}),
        ("leave", {"left"}),
    ],
)
def test_an_irregular_verb_is_every_one_of_its_forms(word: str, also: set[str]) -> None:
    assert also <= forms_of(word)


def test_a_past_form_that_is_another_word_too_is_only_itself() -> None:
    """ "left" (and right), "found" (a company): a record's word is not read as a verb."""
    assert forms_of("left") == {"left"} and forms_of("found") == {"found"}
    assert forms_of("attended") == {"attended"}  # regular: the stemmer joins those


def test_a_claim_verb_is_said_by_the_record_in_another_tense() -> None:
    (met,) = inflected(terms("met"))
    (mother,) = inflected(terms("mother"))
    assert met.alternatives >= {"met", "meet"}
    assert mother.alternatives == terms("mother")[0].alternatives


@pytest.mark.parametrize(
    ("claim", "subjects"),
    [
        ("the icspa a private company", ["ICSPA"]),
        ("hague and cameron both warn against censorship", ["Hague", "Cameron"]),
        ("the bogor goals met by apec", ["APEC"]),  # a passive's agent did it
        ("private companies back the icspa", []),  # no name before the predicate
    ],
)
def test_the_claims_subject_is_named_before_its_predicate(claim: str, subjects: list[str]) -> None:
    named = [["ICSPA"], ["Hague"], ["Cameron"], ["APEC"], ["Bogor goals"]]
    asked = [t for t in terms(claim) if t.word not in {"icspa", "hague", "cameron", "apec"}]
    asked = [t for t in asked if t.word not in {"bogor", "goals", "both"}]
    found = [named[i][0] for i in claim_subjects(claim, named, asked)]
    assert found == subjects


@pytest.mark.parametrize(
    ("clause", "words", "description", "said"),
    [
        ("Private sector companies including McAfee were expected to support the ICSPA",
         "private company", False, False),
        ("The ICSPA is an international not-for-profit body", "not-for-profit body", False, True),
        ("GCHQ warned that cyberattacks on the ICSPA were at disturbing levels",
         "warn disturbing levels", False, False),
        ("Created by the ICSPA in 2002", "created", True, True),
        ("Speaking at the forum, the ICSPA said it mattered", "speaking", False, True),
        ("Experts attending included the ICSPA, Cisco and Facebook", "experts", False, True),
        ("Head of the ICSPA who warned of a threat", "warned", True, False),
        ("Newspaper in which the ICSPA wrote of a threat", "wrote", True, True),
        ("Newspaper in which ICSPA head John Lyons wrote", "wrote", True, False),
        ("ICSPA head John Lyons wrote in the Times", "wrote", False, False),
        # a preposition's object is what is acted with, not who acts
        ("It planned to work with the police agency ICSPA and to seek funding", "funding",
         True, False),
        ("Planned to work with ICSPA and to seek funding", "funding", False, False),
        ("In London, the ICSPA sought funding", "funding", False, True),
    ],
)  # fmt: skip
def test_a_clause_says_the_claim_of_its_subject(
    clause: str, words: str, description: bool, said: bool
) -> None:
    assert stated_of(clause, ["ICSPA"], terms(words), False, description) is said


@pytest.mark.parametrize(
    "question",
    [
        "is the ICSPA a private company",  # the companies are private, not the ICSPA
        "did the UK government warn of disturbing levels of cyberattacks",  # GCHQ did
        "is Europol a not-for-profit body",  # the ICSPA is
        "does Europol fund the ICSPA",  # the ICSPA works with Europol and seeks funds
    ],
)
def test_a_claim_said_of_something_else_is_no_yes(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert not render(answer).lower().startswith("on record: yes"), render(answer)


@pytest.mark.parametrize(
    ("question", "lead", "said"),
    [
        ("is McAfee a private company", "on record: yes", "private sector"),
        ("did GCHQ warn of disturbing levels of cyberattacks", "on record: yes", "disturbing"),
        ("were the Bogor goals met", "not as asked", "failed to meet"),
        ("did Hillary Clinton's mother fall ill", "on record: yes", "fell ill"),
        ("did David Cameron warn against censorship", "on record: yes", "must not use"),
        ("did the US Defence Secretary speak at the forum", "on record: yes", "robert gates"),
    ],
)
def test_a_claim_said_of_its_subject_is_answered(
    answerer: Answerer, question: str, lead: str, said: str
) -> None:
    answer = answerer.answer(question)
    text = render(answer).lower()
    assert answer.status is Status.FOUND and text.startswith(lead) and said in text, text


def test_a_role_qualified_by_another_organisation_names_nobody(answerer: Answerer) -> None:
    """ "the chief executive of Europol" is not John Lyons, the ICSPA's chief executive."""
    answer = answerer.answer("did the chief executive of Europol speak at the conference")
    assert "John Lyons" not in render(answer).splitlines()[0], render(answer)


def test_what_the_holder_of_its_role_did_is_not_what_the_entity_did() -> None:
    """ "Online encyclopaedia; its founder Jimmy Wales took part": Wikipedia did not."""
    assert not stated_of(
        "its founder Jimmy Wales took part", ["Wikipedia"], terms("took part"), True, True
    )
    assert stated_of(
        "it took part in the conference", ["Wikipedia"], terms("took part"), True, True
    )
