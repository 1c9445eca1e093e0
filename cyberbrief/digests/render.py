"""A digest as plain text (``bot.py digest``), and the wording both renderings share.

The Slack message (Block Kit, every stored string escaped) is :mod:`cyberbrief.slack.views.digest`;
it lists the same items in the same order with the same numbered sources, so the
``bot.py digest`` preview is what a channel would get.
"""

from __future__ import annotations

from cyberbrief.digests.content import Digest, DigestEvent, DigestMilestone, date_range
from cyberbrief.knowledge.model import Citation

MAX_ITEMS = 20
"""Items of each kind a digest shows; the rest are counted."""


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


def citation_numbers(digest: Digest) -> dict[Citation, int]:
    """The sources of the items shown, numbered in order of first use."""
    numbers: dict[Citation, int] = {}
    items: list[DigestEvent | DigestMilestone] = [
        *digest.events[:MAX_ITEMS],
        *digest.milestones[:MAX_ITEMS],
    ]
    for item in items:
        if item.citation is not None and item.citation not in numbers:
            numbers[item.citation] = len(numbers) + 1
    return numbers


def mark(citation: Citation | None, numbers: dict[Citation, int]) -> str:
    """`` [n]`` after an item with a source."""
    return f" [{numbers[citation]}]" if citation is not None else ""


def summary(digest: Digest) -> str:
    """``Cyber policy digest for …: 2 events and 1 initiative milestone in the next 14 days``."""
    counts = []
    if digest.events:
        counts.append(f"{len(digest.events)} event{'s' if len(digest.events) != 1 else ''}")
    if digest.milestones:
        n = len(digest.milestones)
        counts.append(f"{n} initiative milestone{'s' if n != 1 else ''}")
    found = " and ".join(counts) if counts else "nothing on record"
    return f"{title(digest)}: {found} in the next {digest.window_days} days"


def plain_text(digest: Digest) -> str:
    """The digest as text for the terminal (``bot.py digest``)."""
    numbers = citation_numbers(digest)
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
            out.append(line + mark(e.citation, numbers))
        if len(digest.events) > MAX_ITEMS:
            out.append(f"  … and {len(digest.events) - MAX_ITEMS} more")
    if digest.milestones:
        out += ["", "Initiative milestones:"]
        for m in digest.milestones[:MAX_ITEMS]:
            lead = f" ({m.lead})" if m.lead else ""
            out.append(
                f"  - {date_range(m.date, None)}: {m.initiative}{lead}: {m.text}"
                + mark(m.citation, numbers)
            )
        if len(digest.milestones) > MAX_ITEMS:
            out.append(f"  … and {len(digest.milestones) - MAX_ITEMS} more")
    if digest.new:
        out += ["", "New in the briefing:"]
        out += [f"  - {line}" for line in digest.new]
    if numbers:
        out += ["", "Sources:"]
        out += [
            f"  [{n}] {c.text()}" + (f" <{c.url}>" if c.url else "") for c, n in numbers.items()
        ]
    return "\n".join(out)
