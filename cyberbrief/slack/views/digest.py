"""A digest as a Slack message: Block Kit with every stored string escaped.

The wording (title, window, counts, numbered sources) is shared with the plain text in
:mod:`cyberbrief.digests.render`, so the ``bot.py digest`` preview is what a channel gets.
Delivery receives :func:`message` as its renderer, so ``digests`` never imports Slack.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
)

from cyberbrief.digests.content import Digest, DigestEvent, DigestMilestone, date_range
from cyberbrief.digests.render import (
    MAX_ITEMS,
    citation_numbers,
    mark,
    nothing_text,
    summary,
    title,
    window_text,
)
from cyberbrief.knowledge.model import Citation
from cyberbrief.slack.mrkdwn import escape, link, truncate
from cyberbrief.slack.views.chunks import section, sections

MAX_CONTEXT_TEXT = 2000


def event_mrkdwn(event: DigestEvent, numbers: dict[Citation, int]) -> str:
    """One event as a mrkdwn bullet: date, name (linked), place, organisers, one line, source."""
    text = f"• *{escape(event.when())}* · {link(event.url, event.name)}"
    if event.location:
        text += f" — {escape(event.location)}"
    if event.organisers:
        text += f" _({escape(', '.join(event.organisers))})_"
    if event.line:
        text += f"\n      {escape(event.line)}"
    return text + mark(event.citation, numbers)


def milestone_mrkdwn(step: DigestMilestone, numbers: dict[Citation, int]) -> str:
    name = link(step.url, step.initiative)
    lead = f" _({escape(step.lead)})_" if step.lead else ""
    when = escape(date_range(step.date, None))
    return f"• *{when}* · {name}{lead}: {escape(step.text)}" + mark(step.citation, numbers)


def sources_block(numbers: dict[Citation, int]) -> ContextBlock:
    """``*Sources*`` then ``[n] source`` (linked), at most ten elements."""
    elements = [
        MarkdownTextObject(text=truncate(f"[{n}] {link(c.url, c.text())}", MAX_CONTEXT_TEXT))
        for c, n in numbers.items()
    ]
    if len(elements) > 9:
        elements = [*elements[:8], MarkdownTextObject(text=f"…and {len(numbers) - 8} more")]
    return ContextBlock(elements=[MarkdownTextObject(text="*Sources*"), *elements])


def _more(total: int) -> list[str]:
    return [f"_…and {total - MAX_ITEMS} more_"] if total > MAX_ITEMS else []


def message(digest: Digest) -> tuple[str, list[dict[str, Any]]]:
    """The ``text`` (notifications, screen readers) and ``blocks`` of a digest message."""
    numbers = citation_numbers(digest)
    coming = truncate("Coming up in " + escape(window_text(digest)), MAX_CONTEXT_TEXT)
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=truncate(title(digest), 150))),
        ContextBlock(elements=[MarkdownTextObject(text=coming)]),
    ]
    if digest.empty:
        blocks.append(section(escape(nothing_text(digest))))
    if digest.events:
        lines = [event_mrkdwn(e, numbers) for e in digest.events[:MAX_ITEMS]]
        blocks += sections("*Events*", lines + _more(len(digest.events)), cut_long=True)
    if digest.milestones:
        lines = [milestone_mrkdwn(m, numbers) for m in digest.milestones[:MAX_ITEMS]]
        more = _more(len(digest.milestones))
        blocks += sections("*Initiative milestones*", lines + more, cut_long=True)
    if numbers:
        blocks += [DividerBlock(), sources_block(numbers)]
    if digest.new:
        blocks += sections("*New in the briefing*", [f"• {escape(n)}" for n in digest.new])
    return truncate(escape(summary(digest)), 3000), [b.to_dict() for b in blocks[:50]]
