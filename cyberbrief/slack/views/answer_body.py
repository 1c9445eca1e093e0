"""Answer bodies that read better than a stack of sections: a ``table`` block for lists of
events and initiatives (name, when and where, sources), and one ``markdown`` block for long
answers and explanations. Within Slack's limits: one table per message, at most 100 rows and
20 cells a row; markdown text at most 12,000 characters in a message.

Returns None when the plain sections (``answer._body``) suit the answer better; the caller keeps
the buttons, sources (and the feedback block) after whatever body is chosen.
"""

from __future__ import annotations

import re
from typing import Any

from slack_sdk.models.blocks import Block, MarkdownBlock, TableBlock

from cyberbrief.knowledge.model import Answer, Citation, Line

MAX_TABLE_ROWS = 100
MAX_CELL = 1000
MAX_MARKDOWN = 12000
"""A markdown block's text limit, and the total of a message's markdown text."""
LONG_ANSWER = 2500
"""Body text longer than this reads better as one markdown block than as many sections."""
TABLE_KINDS = frozenset({"events", "initiatives"})
MARKDOWN_KINDS = frozenset({"explain"})
SEPARATOR = " — "
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_~\[\]<>|#])")
_LINE_START = re.compile(r"^(\s*)([-+>]|\d+\.)(\s)", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Store text as literal standard markdown (the ``markdown`` block's dialect)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", escaped)


def _marks(line: Line, number: dict[Citation, int]) -> str:
    return " ".join(f"[{number[c]}]" for c in line.cited if c in number)


def _cell(text: str) -> dict[str, Any]:
    text = text.strip() or "–"
    return {
        "type": "raw_text",
        "text": text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…",
    }


def table_body(
    answer: Answer, number: dict[Citation, int], shown: int | None
) -> tuple[list[Block], bool] | None:
    """A list of events or initiatives as one table (None if any line is not "name — detail").
    ``shown``: lines per section (None: all); returns the blocks and whether any was cut."""
    if answer.kind not in TABLE_KINDS or not answer.sections:
        return None
    headings = len(answer.sections) > 1
    header = [*(["Group"] if headings else []), "Name", "When, where, what", "Sources"]
    rows: list[list[dict[str, Any]]] = [[_cell(h) for h in header]]
    truncated = False
    for section in answer.sections:
        lines = section.lines if shown is None else section.lines[:shown]
        truncated = truncated or len(lines) < len(section.lines)
        for line in lines:
            name, separator, detail = line.text.partition(SEPARATOR)
            if not separator or line.ref is None:
                return None
            cells = [name, detail, _marks(line, number)]
            rows.append([_cell(text) for text in ([section.heading] if headings else []) + cells])
    if len(rows) > MAX_TABLE_ROWS:
        rows, truncated = rows[:MAX_TABLE_ROWS], True
    return [TableBlock(rows=rows)], truncated


def _markdown_lines(answer: Answer, number: dict[Citation, int], shown: int | None) -> list[str]:
    out: list[str] = []
    for section in answer.sections:
        lines = section.lines if shown is None else section.lines[:shown]
        out.append(f"**{escape_markdown(section.heading)}**")
        for line in lines:
            marks = _marks(line, number)
            out.append(f"- {escape_markdown(line.text)}{' ' + marks if marks else ''}")
        if len(lines) < len(section.lines):
            out.append(f"_…and {len(section.lines) - len(lines)} more_")
        out.append("")
    return out


def markdown_body(
    answer: Answer, number: dict[Citation, int], shown: int | None
) -> tuple[list[Block], bool] | None:
    """A long answer (or an explanation) as one markdown block, cut to Slack's 12,000."""
    total = sum(len(line.text) for section in answer.sections for line in section.lines)
    if not answer.sections or (answer.kind not in MARKDOWN_KINDS and total <= LONG_ANSWER):
        return None
    truncated = shown is not None and any(len(s.lines) > shown for s in answer.sections)
    text = "\n".join(_markdown_lines(answer, number, shown)).strip()
    if len(text) > MAX_MARKDOWN:
        note = "\n\n_Answer shortened to fit Slack._"
        text = text[: MAX_MARKDOWN - len(note)].rsplit("\n", 1)[0] + note
        truncated = True
    return [MarkdownBlock(text=text)], truncated


def rich_body(
    answer: Answer, number: dict[Citation, int], shown: int | None
) -> tuple[list[Block], bool] | None:
    """A table, else a markdown block, for answers that read better so; else None."""
    return table_body(answer, number, shown) or markdown_body(answer, number, shown)
