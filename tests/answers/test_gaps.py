"""The knowledge-gaps queue: refused and Not helpful questions, rephrasings counted once,
ranked by people; a gap the store comes to answer is resolved by that change, and its undo
re-opens it (through ``bot.py load``, ``gaps`` and ``undo``, as an admin runs them)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlite_utils

from cyberbrief.answers import gaps
from cyberbrief.answers.answer_log import AnswerEntry, record_answer
from cyberbrief.answers.votes import record_vote
from cyberbrief.knowledge.embedding import shared_model
from cyberbrief.store.connection import transaction
from tests.helpers import FakeClock, cli_env, mini_store, run_cli

NOW = dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC)


def ask(
    db: sqlite_utils.Database,
    question: str,
    outcome: str = "refused",
    days_ago: float = 1,
    asker: str | None = None,
    now: dt.datetime = NOW,
) -> int:
    at = (now - dt.timedelta(days=days_ago)).isoformat(timespec="seconds")
    entry = AnswerEntry(at, "command", "channel", question, outcome, asker=asker)
    with transaction(db):
        answer_id = record_answer(db, entry)
    assert answer_id is not None
    return answer_id


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    return mini_store(tmp_path / "k.db", FakeClock(NOW))


def test_rephrasings_count_as_one_gap_ranked_by_people(db: sqlite_utils.Database) -> None:
    for question in (
        "who is the head of Zorblax",
        "Who heads Zorblax?",
        "who is Zorblax's head",
        "head of zorblax",
    ):
        ask(db, question)
    ask(db, "what did Hague say about Iran")
    ask(db, "what did Hague say about Iran?")
    ask(db, "what did Hague say about China")
    ask(db, "what is the budget of Europol", days_ago=40)  # older than the 30 days
    answered = ask(db, "who is ICSPA", outcome="answered")
    with transaction(db):
        record_vote(db, answered, "h:one", False, NOW)
        record_vote(db, answered, "h:two", False, NOW)
        record_vote(db, ask(db, "who is ITU", outcome="answered"), "h:one", True, NOW)
    found = gaps.collect(db, NOW, model=shared_model())
    summary = [(g.question, g.people, g.asks) for g in found]
    assert summary == [
        ("who is the head of Zorblax", 4, 4),
        ("who is ICSPA", 3, 1),  # asked once, voted down by two
        ("what did Hague say about Iran?", 2, 2),
        ("what did Hague say about China", 1, 1),
    ]
    assert set(found[0].phrasings) == {
        "who is the head of Zorblax",
        "Who heads Zorblax?",
        "who is Zorblax's head",
        "head of zorblax",
    }
    assert found[1].not_helpful == 2 and found[1].refused == 0


def test_askers_count_once_when_they_are_logged(db: sqlite_utils.Database) -> None:
    for _ in range(3):
        ask(db, "who is Zorblax", asker="U0SAME")
    ask(db, "who is Quentin", asker="U0A")
    ask(db, "who is Quentin", asker="U0B")
    assert [(g.question, g.people) for g in gaps.collect(db, NOW)] == [
        ("who is Quentin", 2),
        ("who is Zorblax", 1),
    ]


def test_a_dismissed_gap_leaves_the_queue_with_its_reason(db: sqlite_utils.Database) -> None:
    ask(db, "what is the weather in Paris")
    ask(db, "who is Zorblax")
    (weather,) = [g for g in gaps.collect(db, NOW) if "weather" in g.question]
    with pytest.raises(ValueError, match="Give a reason"):
        gaps.dismiss(db, weather, "  ", "U0ADMIN", NOW)
    with transaction(db):
        gaps.dismiss(db, weather, "out of scope: not policy", "U0ADMIN", NOW)
    ask(db, "what's the weather in Paris?")  # a rephrasing stays dismissed
    found = gaps.collect(db, NOW)
    assert [g.question for g in gaps.open_gaps(found)] == ["who is Zorblax"]
    (weather,) = [g for g in found if "weather" in g.question[:20]]
    assert (weather.state, weather.reason) == ("dismissed", "out of scope: not policy")


ZORBLAX = b"""
organisations:
  - name: Zorblax Institute
    acronym: ZBI
    description: A think tank on cyber norms.
    source: {title: Zorblax annual report, publisher: Zorblax, date: 2026-01-01}
"""


def test_a_load_resolves_a_gap_and_its_undo_reopens_it(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    db = mini_store(path, FakeClock(NOW))
    today = dt.datetime.now(dt.UTC)  # the command line runs on the real clock
    ask(db, "who is the Zorblax Institute", now=today)
    ask(db, "what is the Zorblax Institute", now=today)
    db.close()
    env = cli_env(path)

    def listed() -> list[dict[str, object]]:
        ran = run_cli(["gaps", "--json", "--all"], env)
        assert ran.returncode == 0, ran.stderr
        return list(json.loads(ran.stdout)["gaps"])

    (gap,) = listed()
    assert (gap["state"], gap["people"]) == ("open", 2)
    (tmp_path / "zorblax.yaml").write_bytes(ZORBLAX)
    loaded = run_cli(["load", str(tmp_path / "zorblax.yaml")], env)
    assert loaded.returncode == 0, loaded.stderr
    (gap,) = listed()
    history = run_cli(["history", "--limit", "1"], env).stdout
    assert gap["state"] == "resolved"
    assert f"#{gap['resolved_by_change']}" in history and "Zorblax" in str(gap["closest"])
    undone = run_cli(["undo", "--yes"], env)
    assert undone.returncode == 0, undone.stderr
    (gap,) = listed()
    assert (gap["state"], gap["resolved_by_change"]) == ("open", None)
    text = run_cli(["gaps"], env).stdout
    assert "1. what is the Zorblax Institute" in text and "2 people, 2 refused" in text


def test_each_gap_shows_the_closest_record_on_file(db: sqlite_utils.Database) -> None:
    from cyberbrief.answers.answerer import Answerer

    ask(db, "how much does cybercrime cost Zorblax")
    ask(db, "what did Hague say about Zorblax")
    ask(db, "who is Zorblax Quentin")
    answerer = Answerer(db, today=lambda: NOW.date())
    shown = gaps.with_closest(gaps.collect(db, NOW), answerer.answer, 10, db)
    closest = {g.question: g.closest for g in shown}
    assert closest["what did Hague say about Zorblax"] == "William Hague"  # the suggestion
    assert closest["how much does cybercrime cost Zorblax"] == (  # sharing most words
        "fact: Cybercrime is estimated to cost £600bn a year worldwide."
    )
    assert closest["who is Zorblax Quentin"] is None  # nothing on file comes near
