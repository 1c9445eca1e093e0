"""Block Kit cards for answers: what it is, key facts, related buttons, and its sources.

Built with slack_sdk's block models, which check Slack's limits as they serialise, and cut
to those limits here (long sections end with a "Show all" button rather than failing).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from cyberbrief.knowledge.model import Answer, Citation, Ref, Status
from cyberbrief.slack.mrkdwn import escape, link, split, truncate
from cyberbrief.slack.numbers import whole_number
from cyberbrief.slack.views.answer_body import rich_body
from cyberbrief.slack.views.chunks import MAX_SECTION_TEXT, sections
from cyberbrief.slack.views.feedback import feedback_blocks

SECTION_LINES = 5
"""Lines a section shows before "Show all"."""
MAX_BLOCKS = 50
MAX_BUTTONS = 5
MAX_VALUE = 2000
"""A button value's limit."""
MAX_MESSAGE = 40000
"""A message's characters, counted here over its blocks' JSON (more than Slack counts)."""

OPEN_ACTION = "cyber_open"
SHARE_ACTION = "cyber_share"
MORE_ACTION = "cyber_more"


def _button(text: str, action_id: str, value: str, style: str | None = None) -> ButtonElement:
    return ButtonElement(
        text=PlainTextObject(text=truncate(text, 75)),
        action_id=action_id,
        value=value[:MAX_VALUE],
        style=style,
    )


def _citation_text(citation: Citation, number: int) -> str:
    label = citation.text()
    return f"[{number}] {link(citation.url, label)}"


def _slack_length(text: str) -> int:
    """Length as Slack counts it (UTF-16 code units), so an emoji counts as two."""
    return len(text.encode("utf-16-le")) // 2


def share_value(answer: Answer, answer_id: int | None = None) -> str:
    """What the share and "show all" buttons carry to rebuild this answer: the entity for a
    card, else the question. Always valid JSON within a button value's 2,000 characters
    (a long question is shortened rather than the JSON cut). ``answer_id``: the answer's log
    id, so a shared answer's feedback counts for it."""
    data: dict[str, str | int] = {} if answer_id is None else {"a": answer_id}
    if (
        answer.subject is not None
        and answer.status is Status.FOUND
        and answer.title == (answer.subject.label)
    ):
        data["ref"] = answer.subject.key
    query = answer.query[:MAX_VALUE]
    while True:
        value = json.dumps({**data, "q": query}, ensure_ascii=False, separators=(",", ":"))
        excess = _slack_length(value) - MAX_VALUE
        if excess <= 0:
            return value
        query = query[: max(0, len(query) - excess)]


def _head(answer: Answer) -> list[Block]:
    """Title, lead, summary and the key fields."""
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=truncate(answer.title, 150)))]
    if answer.lead:
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=truncate(escape(answer.lead), 3000)))
        )
    if answer.summary:
        blocks.extend(
            SectionBlock(text=MarkdownTextObject(text=piece))
            for piece in split(escape(answer.summary), MAX_SECTION_TEXT)
        )
    if answer.fields:
        blocks.append(
            SectionBlock(
                fields=[
                    MarkdownTextObject(text=truncate(f"*{escape(k)}*\n{escape(v)}", 2000))
                    for k, v in answer.fields[:10]
                ]
            )
        )
    return blocks


def _body(answer: Answer, number: dict[Citation, int], full: bool) -> tuple[list[Block], bool]:
    """The sections, each cut to its first lines unless ``full``; and whether any was cut."""
    blocks: list[Block] = []
    truncated = False
    for section in answer.sections:
        shown = section.lines if full else section.lines[:SECTION_LINES]
        truncated = truncated or len(shown) < len(section.lines)
        texts = [
            "• " + escape(line.text) + "".join(f" [{number[c]}]" for c in line.cited)
            for line in shown
        ]
        if len(shown) < len(section.lines):
            texts.append(f"_…and {len(section.lines) - len(shown)} more_")
        blocks += sections(f"*{escape(section.heading)}*", texts)
    return blocks, truncated


def _buttons(
    answer: Answer, show_all: bool, shareable: bool, answer_id: int | None = None
) -> list[Block]:
    """Related entries (or the choices), then "Show all" and "Share in channel"."""
    tail: list[Block] = []
    refs = answer.choices or answer.related
    if refs:
        if answer.choices and answer.status is not Status.NOT_FOUND:
            # (Suggestions need no prompt: the summary above them asks "Did you mean one of
            # these?", and a second "Did you mean:" read as a stutter.)
            tail.append(SectionBlock(text=MarkdownTextObject(text="Choose one:")))
        tail.append(
            ActionsBlock(
                elements=[
                    _button(ref.label, f"{OPEN_ACTION}:{i}", ref.key)
                    for i, ref in enumerate(refs[:MAX_BUTTONS])
                ]
            )
        )
    controls: list[ButtonElement] = []
    if show_all:
        controls.append(_button("Show all", MORE_ACTION, share_value(answer)))
    if shareable and answer.status is Status.FOUND:
        shared = share_value(answer, answer_id)
        controls.append(_button("Share in channel", SHARE_ACTION, shared, "primary"))
    if controls:
        tail.append(ActionsBlock(elements=controls))
    return tail


def _sources(number: dict[Citation, int]) -> list[Block]:
    """A divider and the numbered sources (at most ten context elements)."""
    if not number:
        return []
    elements = [
        MarkdownTextObject(text=truncate(_citation_text(c, n), 2000)) for c, n in number.items()
    ]
    if len(elements) > 9:
        rest = len(elements) - 8
        elements = [*elements[:8], MarkdownTextObject(text=f"…and {rest} more sources")]
    return [
        DividerBlock(),
        ContextBlock(elements=[MarkdownTextObject(text="*Sources*"), *elements][:10]),
    ]


def _size(blocks: Sequence[Block]) -> int:
    """Characters the blocks take in a message (their JSON): what the message limit counts."""
    return sum(len(json.dumps(b.to_dict(), ensure_ascii=False)) for b in blocks)


def answer_blocks(
    answer: Answer,
    *,
    full: bool = False,
    shareable: bool = True,
    answer_id: int | None = None,
    analysts: bool = False,
    footer: Sequence[Block] = (),
) -> list[Block]:
    """The answer as blocks; ``full`` shows every line instead of the first few per section.
    With the answer's log id, its feedback buttons come last (see views.feedback), after
    "Ask an analyst" on a refusal when ``analysts`` are configured; ``footer`` blocks go
    after those. Buttons, sources and feedback are never cut: the body gives way to fit
    Slack's 50 blocks and 40,000 characters."""
    full = full or answer.status is Status.HELP  # the grammar is short: show all of it
    number = {c: i for i, c in enumerate(answer.all_citations(), 1)}
    head = _head(answer)
    body, truncated = rich_body(answer, number, None if full else SECTION_LINES) or _body(
        answer, number, full
    )
    tail = [
        *_buttons(answer, truncated and not full, shareable, answer_id),
        *_sources(number),
        *feedback_blocks(answer_id, escalate=analysts and answer.status is Status.NOT_FOUND),
        *footer,
    ]
    shortened = SectionBlock(text=MarkdownTextObject(text="_Answer shortened to fit Slack._"))
    room = MAX_BLOCKS - len(head) - len(tail)
    budget = MAX_MESSAGE - _size([*head, *tail, shortened])
    if len(body) > room or _size(body) > budget:
        # Cut the body, never the buttons, sources or footer: every answer keeps its citations.
        kept: list[Block] = []
        used = 0
        for block in body[: room - 1]:
            used += _size([block])
            if used > budget:
                break
            kept.append(block)
        body = [*kept, shortened]
    return [*head, *body, *tail]


def fallback_text(answer: Answer) -> str:
    """The plain-text ``text`` of a message: notifications and screen readers use it."""
    text = f"{answer.lead} {answer.title}" if answer.lead else answer.title
    if answer.summary:
        text += f": {answer.summary}"
    return truncate(escape(text), 3000)


def to_dicts(blocks: list[Block]) -> list[dict[str, Any]]:
    """Serialise (and so validate against Slack's limits) a block list."""
    return [b.to_dict() for b in blocks]


def parse_ref(value: str) -> Ref | None:
    """A ``kind:id`` button value back to a reference; None if it is not one."""
    kind, _, number = value.partition(":")
    entry_id = whole_number(number)
    if kind in ("organisation", "person", "event", "initiative") and entry_id is not None:
        return Ref(kind, entry_id, "")
    return None
