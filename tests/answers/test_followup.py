"""The follow-up resolver on its own: which question a follow-up stands for, given what the
thread's last answer was about, and which word it could not tell."""

from __future__ import annotations

import pytest

from cyberbrief.answers.followup import PreviousAnswer, Resolved, Unresolved, refers_back, resolve
from cyberbrief.knowledge.model import Ref

HAGUE = Ref("person", 1, "William Hague")
LONDON = Ref("event", 1, "London Conference on Cyberspace")
ITU = Ref("organisation", 3, "International Telecommunication Union")
ABOUT_HAGUE = PreviousAnswer("lookup", (HAGUE,))
ABOUT_BOTH = PreviousAnswer("quotes", (HAGUE, LONDON))


@pytest.mark.parametrize(
    ("question", "previous", "meant"),
    [
        (
            "what did he say about a treaty?",
            ABOUT_HAGUE,
            "what did William Hague say about a treaty",
        ),
        ("what did he say about it", ABOUT_HAGUE, "what did William Hague say"),
        (
            "what did he say about it",
            ABOUT_BOTH,
            "what did William Hague say about London Conference on Cyberspace",
        ),
        ("And when was that?", ABOUT_BOTH, "when was London Conference on Cyberspace"),
        ("who else spoke there", ABOUT_BOTH, "quotes from London Conference on Cyberspace"),
        ("what is his role", ABOUT_HAGUE, "what is William Hague's role"),
        (
            "who runs them",
            PreviousAnswer("lookup", (ITU,)),
            "who runs International Telecommunication Union",
        ),
    ],
)
def test_a_follow_up_is_read_as_a_question_about_the_last_answer(
    question: str, previous: PreviousAnswer, meant: str
) -> None:
    assert refers_back(question)
    assert resolve(question, previous) == Resolved(meant)


@pytest.mark.parametrize("question", ["more on that", "Tell me more", "more about him", "go on"])
def test_more_is_the_card_of_the_first_entity(question: str) -> None:
    assert resolve(question, ABOUT_BOTH) == Resolved("William Hague", card=HAGUE)


@pytest.mark.parametrize(
    "question",
    [
        "is there a treaty on cybercrime",
        "there are how many members of ICSPA",
        "who is Iain Lobban",
        "quotes about cyberspace",
        "who said that states must act",
        "and ITU?",
    ],
)
def test_a_question_with_its_own_subject_is_new(question: str) -> None:
    assert not refers_back(question)
    assert resolve(question, ABOUT_HAGUE) is None


@pytest.mark.parametrize(
    ("question", "previous", "word", "said"),
    [
        ("what did she say", PreviousAnswer("event", (LONDON,)), "she", "who “she” is"),
        ("when was that", ABOUT_HAGUE, "that", "William Hague (person)"),
        ("who else spoke there", ABOUT_HAGUE, "there", "what “there” is"),
        ("more on that", None, "that", "I have not answered anything in this thread yet"),
    ],
)
def test_what_it_cannot_tell_it_names(
    question: str, previous: PreviousAnswer | None, word: str, said: str
) -> None:
    result = resolve(question, previous)
    assert isinstance(result, Unresolved)
    assert result.word == word and said in result.message


def test_it_is_replaced_by_the_name_without_its_bracketed_acronym() -> None:
    """ "who runs it" after the ICSPA's card asks about the alliance by name: the "(ICSPA)"
    shown after it is no word a record must say."""
    icspa = Ref("organisation", 1, "International Cyber Security Protection Alliance (ICSPA)")
    resolved = resolve("who runs it", PreviousAnswer("lookup", (icspa,)))
    assert resolved == Resolved("who runs International Cyber Security Protection Alliance")
