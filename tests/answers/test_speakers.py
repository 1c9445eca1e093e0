"""Whose words a record reports: "what did X say" is answered only by X's speech, and "tell
the forum that ..." names whom something was told, not a forum described by a clause."""

from __future__ import annotations

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.answers.speakers import addressed, asked_speaker, attributes_speech, speech_of
from cyberbrief.knowledge.model import Ref, Status

LIANG = Ref("person", 1, "Liang Guanglie")
FOX = Ref("person", 2, "Liam Fox")
FORUM = Ref("event", 1, "Asia-Pacific security forum")


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("What did Liang Guanglie say at the forum?", "liang guanglie"),
        ("what has the head of GCHQ written", None),  # no verb of speech it knows
        ("what did Lobban write in the Times", "lobban"),
        ("who said rules of the road", None),
    ],
)
def test_the_speaker_a_question_asks_for(question: str, speaker: str | None) -> None:
    assert asked_speaker(question) == speaker


FORUM_TEXT = (
    "The forum, where Liam Fox and Robert Gates said cooperation was important; "
    "Liang Guanglie also attended."
)


def test_speech_is_attributed_to_who_is_named_before_the_verb_or_just_after() -> None:
    assert attributes_speech(FORUM_TEXT, ["Liam Fox"])
    assert not attributes_speech(FORUM_TEXT, ["Liang Guanglie"])  # named in another clause
    assert attributes_speech("There is hope, said Lyons.", ["Lyons"])


def test_a_record_reports_the_speech_of_its_speaker_only() -> None:
    assert not speech_of(FORUM_TEXT, "event", [FORUM], [LIANG], ["Liang Guanglie"])
    assert speech_of(FORUM_TEXT, "event", [FORUM], [FOX], ["Liam Fox"])
    assert speech_of("“We must act.”", "quote", [FOX], [FOX], ["Liam Fox"])
    assert not speech_of("“We must act.”", "quote", [FOX, LIANG], [LIANG], ["Liang Guanglie"])
    assert speech_of("Minister who told the forum ...", "person", [LIANG], [LIANG], [])
    assert speech_of(FORUM_TEXT, "event", [FORUM], [], [])  # no speaker asked


def test_a_telling_verb_names_whom_it_was_told_to() -> None:
    question = "did Gates tell the forum that all countries should see the threat"
    assert addressed(question, "the forum that all countries should see the threat")
    assert not addressed(
        "who chaired the forum that Gates spoke at", "the forum that Gates spoke at"
    )


def test_what_one_who_only_attended_said_is_refused(answerer: Answerer) -> None:
    answer = answerer.answer("what did Liang Guanglie say at the forum")
    assert answer.status is Status.NOT_FOUND, render(answer)
    neil = answerer.answer("what did Neil Thompson say")
    assert neil.status is Status.FOUND and "willing to lead" in render(neil), render(neil)
