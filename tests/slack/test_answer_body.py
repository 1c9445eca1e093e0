"""Answers that read well: lists of events as a table block, long answers as one markdown
block, each within Slack's limits, with the buttons and sources always after the body."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject

from cyberbrief.answers.answerer import Answerer
from cyberbrief.knowledge.model import Answer, Citation, Line, Ref, Section, Status
from cyberbrief.slack.views.answer import MAX_BLOCKS, MORE_ACTION, answer_blocks, to_dicts
from cyberbrief.slack.views.answer_body import MAX_MARKDOWN, MAX_TABLE_ROWS, escape_markdown
from tests.helpers import FakeClock, mini_store

SOURCE = Citation("Report", "BBC News", "2011-11-01", "https://example.org/r")


def _kinds(blocks: list[dict[str, object]]) -> list[object]:
    return [b["type"] for b in blocks]


def _events(count: int) -> Answer:
    lines = [
        Line(f"Summit {n} — is planned for {n} May 2030, Geneva", SOURCE, Ref("event", n, f"S{n}"))
        for n in range(1, count + 1)
    ]
    return Answer(
        Status.FOUND, "events", "Events", sections=[Section("Upcoming", lines)], kind="events"
    )


def test_a_list_of_events_is_a_table_above_the_buttons_and_sources(tmp_path: Path) -> None:
    clock = FakeClock(dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC))
    answer = Answerer(mini_store(tmp_path / "k.db", clock), today=lambda: clock().date()).answer(
        "events"
    )
    blocks = to_dicts(answer_blocks(answer))
    (table,) = [b for b in blocks if b["type"] == "table"]
    header, *rows = table["rows"]
    assert [c["text"] for c in header] == ["Group", "Name", "When, where, what", "Sources"]
    assert [c["text"] for c in rows[0]] == [
        "Upcoming",
        "Future Cyber Summit",
        "is planned for 1 May 2030, Geneva",
        "[1]",
    ]
    assert rows[1][1]["text"] == "London Conference on Cyberspace"
    assert _kinds(blocks)[-2:] == ["divider", "context"]  # the sources, last
    assert _kinds(blocks).index("table") < _kinds(blocks).index("divider")


def test_a_long_list_is_cut_to_slacks_rows_and_keeps_show_all() -> None:
    full = to_dicts(answer_blocks(_events(150), full=True))
    (table,) = [b for b in full if b["type"] == "table"]
    assert len(table["rows"]) == MAX_TABLE_ROWS
    short = to_dicts(answer_blocks(_events(150)))
    assert any(MORE_ACTION in str(b) for b in short)  # the rest is a click away


def test_a_long_answer_is_one_markdown_block_within_the_limit() -> None:
    lines = [Line(f"Point {n}: " + "word " * 80, SOURCE) for n in range(200)]
    answer = Answer(
        Status.FOUND,
        "brief me",
        "Briefing",
        sections=[Section("On record", lines)],
        related=[Ref("person", 1, "William Hague")],
        kind="lookup",
    )
    for full in (False, True):
        blocks = to_dicts(answer_blocks(answer, full=full))
        (markdown,) = [b for b in blocks if b["type"] == "markdown"]
        assert len(markdown["text"]) <= MAX_MARKDOWN and len(blocks) <= MAX_BLOCKS
        assert markdown["text"].startswith("**On record**\n- Point 0:")
        assert _kinds(blocks)[-3:] == ["actions", "divider", "context"]  # buttons survive
    assert "shortened to fit Slack" in markdown["text"]


def test_store_text_is_literal_in_markdown() -> None:
    assert escape_markdown("*bold* <!channel> [x](http://e.vil) # h") == (
        r"\*bold\* \<!channel\> \[x\](http://e.vil) \# h"
    )
    assert escape_markdown("- not a list\n1. nor this") == "\\- not a list\n\\1. nor this"


def test_a_short_answer_keeps_its_sections() -> None:
    answer = Answer(Status.FOUND, "q", "T", sections=[Section("S", [Line("one fact", SOURCE)])])
    blocks = to_dicts(answer_blocks(answer))
    assert "markdown" not in _kinds(blocks) and "table" not in _kinds(blocks)


def test_a_huge_answer_keeps_its_buttons_sources_and_footer_within_slacks_limits() -> None:
    """Slack drops every block of a message over its limits: the body gives way instead."""
    sections = [Section(f"Part {n}", [Line("x" * 2900, SOURCE)]) for n in range(45)]
    answer = Answer(
        Status.FOUND, "q", "Huge", sections=sections, related=[Ref("person", 1, "W")], kind="facts"
    )
    footer = ContextBlock(elements=[MarkdownTextObject(text="Was this useful?")])
    for full in (False, True):
        blocks = to_dicts(answer_blocks(answer, full=full, footer=[footer]))
        assert len(blocks) <= MAX_BLOCKS
        assert len(json.dumps(blocks, ensure_ascii=False)) <= 40000
        assert blocks[-1] == footer.to_dict()
        assert _kinds(blocks)[-4:] == ["actions", "divider", "context", "context"]
