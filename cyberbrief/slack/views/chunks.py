"""The one way long text becomes Block Kit sections within Slack's limits."""

from __future__ import annotations

from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from cyberbrief.slack.mrkdwn import split, truncate

MAX_SECTION_TEXT = 3000
"""A section's text limit."""


def chunk_lines(lines: list[str], limit: int, *, cut_long: bool = False) -> list[str]:
    """Join lines into texts of at most ``limit`` characters each. A longer line is split
    over several texts (nothing lost), or with ``cut_long`` shortened with an ellipsis."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        pieces = [truncate(line, limit)] if cut_long else split(line, limit)
        for piece in pieces:
            if current and len(current) + 1 + len(piece) > limit:
                chunks.append(current)
                current = piece
            else:
                current = f"{current}\n{piece}" if current else piece
    if current:
        chunks.append(current)
    return chunks


def sections(heading: str, lines: list[str], *, cut_long: bool = False) -> list[SectionBlock]:
    """``heading`` (mrkdwn) over ``lines``, in as many sections as the text needs."""
    return [
        SectionBlock(text=MarkdownTextObject(text=f"{heading}\n{chunk}" if i == 0 else chunk))
        for i, chunk in enumerate(
            chunk_lines(lines, MAX_SECTION_TEXT - len(heading) - 1, cut_long=cut_long)
        )
    ]


def section(text: str) -> SectionBlock:
    """One mrkdwn section, cut to the limit."""
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, MAX_SECTION_TEXT)))
