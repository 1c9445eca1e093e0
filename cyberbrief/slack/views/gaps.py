"""The knowledge-gaps queue in Slack: each gap with who asked, the closest record on file and
its actions (Add a fact, Load from a link, Dismiss), and the forms those open.

Buttons carry the gap's key (its content words), never the question's text as a command.
"""

from __future__ import annotations

from typing import Any

from cyberbrief.answers.gaps import Gap
from cyberbrief.slack.mrkdwn import escape, truncate

ADD_ACTION = "cyber_gap_add"
LINK_ACTION = "cyber_gap_link"
DISMISS_ACTION = "cyber_gap_dismiss"
LINK_CALLBACK = "cyber_gap_link_form"
DISMISS_CALLBACK = "cyber_gap_dismiss_form"
SHOWN = 10
MAX_VALUE = 2000


def _button(text: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": text},
        "action_id": action_id,
        "value": value[:MAX_VALUE],
    }
    if style:
        button["style"] = style
    return button


def gap_line(gap: Gap) -> str:
    """One gap as mrkdwn: the question, how many asked, how it went, what is closest."""
    how = []
    if gap.refused:
        how.append(f"{gap.refused} refused")
    if gap.not_helpful:
        how.append(f"{gap.not_helpful} Not helpful")
    people = f"{gap.people} {'person' if gap.people == 1 else 'people'}"
    line = f"*{escape(truncate(gap.question, 300))}*\n{people} · {', '.join(how)}"
    if len(gap.phrasings) > 1:
        others = "; ".join(escape(truncate(q, 80)) for q in gap.phrasings[1:3])
        line += f" · also asked as: {others}"
    if gap.closest:
        line += f"\nClosest on file: {escape(truncate(gap.closest, 200))}"
    return truncate(line, 2900)


def gaps_blocks(gaps: list[Gap], total: int, days: int) -> list[dict[str, Any]]:
    """The queue: the first ``SHOWN`` open gaps, most people first (at most 2 + 2*10 blocks)."""
    head = f"*Knowledge gaps* (last {days} days): {total} open, most asked first."
    blocks: list[dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": head}}]
    for gap in gaps[:SHOWN]:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": gap_line(gap)}})
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    _button("Add a fact", ADD_ACTION, gap.key, "primary"),
                    _button("Load from a link", LINK_ACTION, gap.key),
                    _button("Dismiss", DISMISS_ACTION, gap.key),
                ],
            }
        )
    if total > SHOWN:
        more = f"…and {total - SHOWN} more: `python bot.py gaps` lists them all."
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": more}]})
    return blocks


def _form(
    callback: str, title: str, submit: str, key: str, question: str, field: dict[str, Any]
) -> dict[str, Any]:
    note = f"Knowledge gap: people asked “{escape(truncate(question, 500))}”"
    return {
        "type": "modal",
        "callback_id": callback,
        "private_metadata": key[:3000],
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": submit},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [{"type": "context", "elements": [{"type": "mrkdwn", "text": note}]}, field],
    }


def link_form(key: str, question: str) -> dict[str, Any]:
    """Load from a link: the page is drafted into the review queue."""
    field = {
        "type": "input",
        "block_id": "url",
        "label": {"type": "plain_text", "text": "Link to a page that answers it"},
        "element": {"type": "url_text_input", "action_id": "url"},
    }
    return _form(LINK_CALLBACK, "Load from a link", "Draft", key, question, field)


def dismiss_form(key: str, question: str) -> dict[str, Any]:
    """Dismiss: out of scope, with a reason the queue keeps."""
    field = {
        "type": "input",
        "block_id": "reason",
        "label": {"type": "plain_text", "text": "Why is it out of scope?"},
        "element": {"type": "plain_text_input", "action_id": "reason", "max_length": 300},
    }
    return _form(DISMISS_CALLBACK, "Dismiss a gap", "Dismiss", key, question, field)
