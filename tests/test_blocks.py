"""Cards as Slack will see them: valid Block Kit, within limits, and stored text kept inert."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.models.blocks import Block

from handlers.blocks import answer_blocks, fallback_text, share_value, to_dicts
from knowledge.answers import Answerer
from knowledge.loader import load_records, parse_text
from tests.helpers import FakeClock, mini_store

HOSTILE = b"""
organisations:
  - name: Evil Corp
    description: >-
      Ping <!channel> and <!here|here> and <@U0BOSS>;
      read <http://evil.example|the BBC> & win; @everyone
    source: bbc
facts:
  - text: "Evil Corp says <!channel> costs <http://evil.example/x|$1bn> a year"
    about: [Evil Corp]
    source: bbc
quotes:
  - text: "Click <https://evil.example|here> now <!subteam^S123>"
    speaker: Evil Corp
    source: bbc
"""


def _long_quotes(count: int, length: int) -> bytes:
    lines = ["quotes:"]
    for i in range(count):
        words = " ".join(f"word{i}x{j}" for j in range(length // 10))
        lines.append(f"  - {{text: 'Number {i} {words}', speaker: William Hague, source: bbc}}")
    return "\n".join(lines).encode()


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    clock = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
    db = mini_store(Path(tmp_path_factory.mktemp("blocks")) / "k.db", clock)
    for name, content in (("hostile.yaml", HOSTILE), ("long.yaml", _long_quotes(60, 1500))):
        load_records(db, parse_text(name, content), actor="test", origin=name, clock=clock)
    return Answerer(db, today=lambda: dt.date(2026, 11, 24))


def check_limits(blocks: list[dict[str, Any]]) -> None:
    """What Slack rejects a message for, checked on the serialised blocks."""
    assert 1 <= len(blocks) <= 50
    for raw in blocks:
        parsed = Block.parse(raw)
        assert parsed is not None, raw
        parsed.validate_json()
        if raw["type"] == "header":
            assert len(raw["text"]["text"]) <= 150
        if raw["type"] == "section":
            assert len(raw.get("text", {}).get("text", "")) <= 3000
            assert len(raw.get("fields", [])) <= 10
        if raw["type"] == "actions":
            ids = [e["action_id"] for e in raw["elements"]]
            assert len(ids) == len(set(ids)) and len(ids) <= 25
            for element in raw["elements"]:
                assert len(element["text"]["text"]) <= 75
                assert len(element.get("value", "")) <= 2000
        if raw["type"] == "context":
            assert len(raw["elements"]) <= 10


@pytest.mark.parametrize(
    "question",
    [
        "who is ICSPA",
        "who is William Hague",
        "quote Hague",
        "who said generations to come",
        "cost of cybercrime",
        "events",
        "initiatives",
        "event london conference",
        "help",
        "who is Batman",
        "London",
        "Evil Corp",
        "quote evil corp",
    ],
)
def test_every_answer_is_valid_block_kit_within_limits(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    for full in (False, True):
        blocks = to_dicts(answer_blocks(answer, full=full))
        check_limits(blocks)
    assert fallback_text(answer), "a plain-text fallback for notifications"


def test_a_long_answer_is_cut_with_a_way_to_see_more(answerer: Answerer) -> None:
    answer = answerer.answer("quote Hague")
    short = to_dicts(answer_blocks(answer))
    text = json.dumps(short)
    assert "more" in text
    show_all = [
        e
        for b in short
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "cyber_more"
    ]
    assert show_all, "a Show all button"
    full = to_dicts(answer_blocks(answer, full=True))
    check_limits(full)
    assert len(json.dumps(full)) > len(text)
    assert full[-1]["type"] == "context" and "Sources" in json.dumps(full[-1]), (
        "however long, the card keeps its sources"
    )


@pytest.mark.parametrize("question", ["Evil Corp", "quote evil corp", "facts evil corp"])
def test_stored_text_cannot_ping_or_forge_links(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    blocks = json.dumps(to_dicts(answer_blocks(answer)))
    fallback = fallback_text(answer)
    for rendered in (blocks, fallback):
        for control in (
            "<!channel>",
            "<!here",
            "<@U0BOSS>",
            "<http://evil",
            "<https://evil",
            "<!subteam",
        ):
            assert control not in rendered, (question, control)
    assert "&lt;" in blocks and "evil.example" in blocks, "shown as typed, not dropped"
    assert "@everyone" not in blocks.replace("\\u2060", "") or "@\\u2060everyone" in blocks


def test_share_value_rebuilds_the_same_answer(answerer: Answerer) -> None:
    answer = answerer.answer("who is icspa")
    value = json.loads(share_value(answer))
    rebuilt = answerer.answer(value["q"])
    assert rebuilt.title == answer.title
