"""A process's steps answer when it reached a place, only when one step says so."""

from __future__ import annotations

import datetime as dt

from cyberbrief.answers.leads import states_asked
from cyberbrief.answers.milestones import step_asked
from cyberbrief.knowledge.model import Answer, Ref, Status
from cyberbrief.knowledge.rows import Milestone

STEPS = [
    Milestone(id=1, initiative_id=1, date=dt.date(2011, 11, 1), text="Launched at London"),
    Milestone(id=2, initiative_id=1, date=dt.date(2012, 10, 4), text="Continued in Hungary"),
    Milestone(id=3, initiative_id=1, date=dt.date(2013, 10, 17), text="Continued in Korea"),
]


def test_the_step_naming_the_asked_place_answers() -> None:
    step = step_asked("when did the Process move on to Korea", ["move", "korea"], STEPS)
    assert step is not None and step.date == dt.date(2013, 10, 17)


def test_a_place_no_step_names_answers_nothing() -> None:
    assert step_asked("when did the Process reach Paris", ["reach", "paris"], STEPS) is None


def test_two_steps_that_fit_answer_nothing() -> None:
    """ "when did the Process continue": two steps say so; picking one would be a guess."""
    assert step_asked("when did the Process continue", ["continue"], STEPS) is None


def test_a_person_never_answers_in_which_city() -> None:
    person = Ref("person", 1, "Liam Fox")
    led_by_person = Answer(Status.FOUND, "q", "Liam Fox", about=[person])
    assert not states_asked("in which city was the forum where Fox spoke", led_by_person)
    place = Answer(Status.FOUND, "q", "Forum", lead="Where: Singapore.", about=[person])
    assert states_asked("in which city was the forum where Fox spoke", place)
