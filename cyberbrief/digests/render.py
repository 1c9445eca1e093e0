"""A digest as a Slack message (mrkdwn blocks, every stored string escaped) and as plain text.

Both renderings list the same items in the same order with the same numbered sources, so the
``bot.py digest`` preview is what a channel would get.
"""

from __future__ import annotations

from typing import Any

from cyberbrief.digests.content import Digest, DigestEvent, DigestMilestone, date_range
from cyberbrief.knowledge.model import Citation
from cyberbrief.slack.mrkdwn import escape, link, truncate

MAX_ITEMS = 20
"""Items of each kind a digest shows; the rest are counted."""
MAX_SECTION_TEXT = 3000
MAX_CONTEXT_TEXT = 2000


def title(digest: Digest) -> str:
    return f"Cyber policy digest for {digest.day:%A} {digest.day.day} {digest.day:%B %Y}"


def window_text(digest: Digest) -> str:
    span = date_range(digest.day, digest.last_day)
    text = f"the next {digest.window_days} days ({span})"
    if digest.topics:
        text += " on " + ", ".join(digest.topics)
    return text


def nothing_text(digest: Digest) -> str:
    return f"Nothing on record for {window_text(digest)}."


def _citations(digest: Digest) -> dict[Citation, int]:
    numbers: dict[Citation, int] = {}
    items: list[DigestEvent | DigestMilestone] = [
        *digest.events[:MAX_ITEMS],
        *digest.milestones[:MAX_ITEMS],
    ]
    for item in items:
        if item.citation is not None and item.citation not in numbers:
            numbers[item.citation] = len(numbers) + 1
    return numbers


def _mark(citation: Citation | None, numbers: dict[Citation, int]) -> str:
    return f" [{numbers[citation]}]" if citation is not None else ""


def event_mrkdwn(event: DigestEvent, numbers: dict[Citation, int]) -> str:
    """One event as a mrkdwn bullet: date, name (linked), place, organisers, one line, source."""
    text = f"• *{escape(event.when())}* · {link(event.url, event.name)}"
    if event.location:
        text += f" — {escape(event.location)}"
    if event.organisers:
        text += f" _({escape(', '.join(event.organisers))})_"
    if event.line:
        text += f"\n      {escape(event.line)}"
    return text + _mark(event.citation, numbers)


def milestone_mrkdwn(step: DigestMilestone, numbers: dict[Citation, int]) -> str:
    name = link(step.url, step.initiative)
    lead = f" _({escape(step.lead)})_" if step.lead else ""
    when = escape(date_range(step.date, None))
    return f"• *{when}* · {name}{lead}: {escape(step.text)}" + _mark(step.citation, numbers)


def _chunks(lines: list[str], limit: int) -> list[str]:
    chunks: list[str] = []
    current = ""
    for line in lines:
        line = truncate(line, limit)
        if current and len(current) + 1 + len(line) > limit:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        chunks.append(current)
    return chunks


def _section(heading: str, lines: list[str]) -> list[dict[str, Any]]:
    blocks = []
    for i, chunk in enumerate(_chunks(lines, MAX_SECTION_TEXT - len(heading) - 1)):
        text = f"{heading}\n{chunk}" if i == 0 else chunk
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": text}})
    return blocks


def _more(total: int) -> list[str]:
    return [f"_…and {total - MAX_ITEMS} more_"] if total > MAX_ITEMS else []


def message(digest: Digest) -> tuple[str, list[dict[str, Any]]]:
    """The ``text`` (notifications, screen readers) and ``blocks`` of a digest message."""
    numbers = _citations(digest)
    heading = title(digest)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": truncate(heading, 150)}},
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": truncate("Coming up in " + escape(window_text(digest)), 2000),
                }
            ],
        },
    ]
    if digest.empty:
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": escape(nothing_text(digest))}}
        )
    if digest.events:
        lines = [event_mrkdwn(e, numbers) for e in digest.events[:MAX_ITEMS]]
        blocks += _section("*Events*", lines + _more(len(digest.events)))
    if digest.milestones:
        lines = [milestone_mrkdwn(m, numbers) for m in digest.milestones[:MAX_ITEMS]]
        blocks += _section("*Initiative milestones*", lines + _more(len(digest.milestones)))
    if numbers:
        elements = [
            {
                "type": "mrkdwn",
                "text": truncate(f"[{n}] {link(c.url, c.text())}", MAX_CONTEXT_TEXT),
            }
            for c, n in numbers.items()
        ]
        if len(elements) > 9:
            elements = [*elements[:8], {"type": "mrkdwn", "text": f"…and {len(numbers) - 8} more"}]
        blocks.append({"type": "divider"})
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "*Sources*"}, *elements]}
        )
    counts = []
    if digest.events:
        counts.append(f"{len(digest.events)} event{'s' if len(digest.events) != 1 else ''}")
    if digest.milestones:
        n = len(digest.milestones)
        counts.append(f"{n} initiative milestone{'s' if n != 1 else ''}")
    summary = " and ".join(counts) if counts else "nothing on record"
    text = escape(f"{heading}: {summary} in the next {digest.window_days} days")
    return truncate(text, 3000), blocks[:50]


def plain_text(digest: Digest) -> str:
    """The digest as text for the terminal (``bot.py digest``)."""
    numbers = _citations(digest)
    out = [title(digest), f"Coming up in {window_text(digest)}"]
    if digest.empty:
        out += ["", nothing_text(digest)]
    if digest.events:
        out += ["", "Events:"]
        for e in digest.events[:MAX_ITEMS]:
            line = f"  - {e.when()}: {e.name}"
            if e.location:
                line += f", {e.location}"
            if e.organisers:
                line += f" ({', '.join(e.organisers)})"
            if e.line:
                line += f". {e.line}"
            out.append(line + _mark(e.citation, numbers))
        if len(digest.events) > MAX_ITEMS:
            out.append(f"  … and {len(digest.events) - MAX_ITEMS} more")
    if digest.milestones:
        out += ["", "Initiative milestones:"]
        for m in digest.milestones[:MAX_ITEMS]:
            lead = f" ({m.lead})" if m.lead else ""
            out.append(
                f"  - {date_range(m.date, None)}: {m.initiative}{lead}: {m.text}"
                + _mark(m.citation, numbers)
            )
        if len(digest.milestones) > MAX_ITEMS:
            out.append(f"  … and {len(digest.milestones) - MAX_ITEMS} more")
    if numbers:
        out += ["", "Sources:"]
        out += [
            f"  [{n}] {c.text()}" + (f" <{c.url}>" if c.url else "") for c, n in numbers.items()
        ]
    return "\n".join(out)
