"""The answer log's rules on their own: entries checked before they are written, votes keyed
by a per-store hash unless askers are logged, pruning by age (0 days keeps none)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlite_utils

from cyberbrief.answers.answer_log import (
    AnswerEntry,
    AnswerLogPolicy,
    prune,
    read_answers,
    record_answer,
    voter_key,
)
from cyberbrief.answers.votes import VoteRefused, explain_vote, record_vote, votes_on
from cyberbrief.slack.views.feedback import REASONS, parse_id, parse_vote
from cyberbrief.store.connection import transaction
from tests.helpers import FakeClock, mini_store

NOW = dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC)


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    return mini_store(tmp_path / "k.db", FakeClock(NOW))


def entry(question: str, days_ago: float = 0) -> AnswerEntry:
    at = (NOW - dt.timedelta(days=days_ago)).isoformat(timespec="seconds")
    return AnswerEntry(at, "command", "channel", question, "answered")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"surface": "email"}, "surface must be one of"),
        ({"channel_kind": "stadium"}, "channel_kind must be one of"),
        ({"outcome": "maybe"}, "outcome must be one of"),
    ],
)
def test_a_bad_entry_is_refused_naming_the_field(change: dict[str, str], message: str) -> None:
    fields = {"surface": "command", "channel_kind": "channel", "outcome": "answered", **change}
    with pytest.raises(ValueError, match=message):
        AnswerEntry(NOW.isoformat(), question="q", **fields)


def test_pruning_keeps_the_days_asked_for(db: sqlite_utils.Database) -> None:
    with transaction(db):
        for days in (0, 5, 89, 91, 200):
            record_answer(db, entry(f"asked {days} days ago", days))
        assert prune(db, NOW, 90) == 2
    assert [e.question for e in read_answers(db)] == [
        "asked 0 days ago",
        "asked 5 days ago",
        "asked 89 days ago",
    ]
    with transaction(db):
        assert prune(db, NOW, 0) == 3
    assert read_answers(db) == []


def test_voters_are_hashed_with_a_key_of_this_store(tmp_path: Path) -> None:
    one = mini_store(tmp_path / "one.db", FakeClock(NOW))
    two = mini_store(tmp_path / "two.db", FakeClock(NOW))
    off, on = AnswerLogPolicy(), AnswerLogPolicy(keep_askers=True)
    assert voter_key(one, "U0ALICE", off) == voter_key(one, "U0ALICE", off)
    assert voter_key(one, "U0ALICE", off) != voter_key(two, "U0ALICE", off)
    assert voter_key(one, "U0ALICE", off) != voter_key(one, "U0BOB", off)
    assert "U0ALICE" not in voter_key(one, "U0ALICE", off)
    assert voter_key(one, "U0ALICE", on) == "U0ALICE"


def test_one_vote_per_person_changeable_with_reasons(db: sqlite_utils.Database) -> None:
    with transaction(db):
        answer = record_answer(db, entry("who is ICSPA"))
        assert answer is not None
        assert record_vote(db, answer, "h:a", True, NOW) == "new"
        assert record_vote(db, answer, "h:a", True, NOW) == "same"
        with pytest.raises(VoteRefused, match="does not match a Not helpful vote"):
            explain_vote(db, answer, "h:a", ["wrong"], "")
        assert record_vote(db, answer, "h:a", False, NOW) == "changed"
        explain_vote(db, answer, "h:a", ["wrong", "wrong", "incomplete"], "  old   figures ")
        with pytest.raises(VoteRefused, match="Unknown reason"):
            explain_vote(db, answer, "h:a", ["boring"], "")
        with pytest.raises(VoteRefused, match="at most 300"):
            explain_vote(db, answer, "h:a", [], "x" * 301)
        with pytest.raises(VoteRefused, match="no longer on record"):
            record_vote(db, answer + 1, "h:a", True, NOW)
    (vote,) = votes_on(db, answer)
    assert (vote.helpful, vote.reasons, vote.note) == (
        False,
        ("wrong", "incomplete"),
        "old figures",
    )


def test_button_values_name_an_answer_or_nothing() -> None:
    assert parse_vote("+12") == (12, True) and parse_vote("-12") == (12, False)
    for forged in ("12", "+", "+-1", "+0", "+1e3", "+١٢", "+" + "9" * 17, None, 12):
        assert parse_vote(forged) is None, forged
    assert parse_id("42") == 42
    assert parse_id("0") is None and parse_id("4 2") is None and parse_id(None) is None
    assert set(REASONS) == {"wrong", "out_of_date", "incomplete", "did_not_answer"}
