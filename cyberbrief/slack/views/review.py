"""Block Kit for the review queue: drafts per article with their buttons, and the edit modal
(the kind's form, one input per field, checked on save with the same schema as a load)."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils
import yaml

from cyberbrief.knowledge.review import ONE, PendingDraft, pending
from cyberbrief.slack.mrkdwn import escape
from cyberbrief.slack.views.admin import FORMS, form_input

APPROVE = "cyber_review_approve"
REJECT = "cyber_review_reject"
EDIT = "cyber_review_edit"
APPROVE_ALL = "cyber_review_approve_all"
EDIT_CALLBACK = "cyber_review_edit_submit"
MAX_SHOWN = 15
"""Drafts shown at once (two blocks each; a message holds 50 blocks)."""
FEED_HELP = (
    "`/cyber admin feed add URL [calendar] [topic:T ...]` — follow a news feed or a calendar\n"
    "`/cyber admin feed list` — feeds and how their last poll went\n"
    "`/cyber admin feed remove ID` — stop following one\n"
    "`/cyber admin feed poll [ID]` — poll now"
)


def review_message(db: sqlite_utils.Database) -> tuple[str, list[dict[str, Any]]]:
    """The pending drafts as text and blocks, per article."""
    queued = pending(db)
    if not queued:
        return "No drafts waiting for review.", []
    blocks: list[dict[str, Any]] = []
    batch = None
    for draft in queued[:MAX_SHOWN]:
        if draft.batch != batch:
            batch = draft.batch
            blocks += _article_blocks(draft)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _draft_text(draft)}})
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    _button("Approve", APPROVE, str(draft.id), "primary"),
                    _button("Edit", EDIT, str(draft.id)),
                    _button("Reject", REJECT, str(draft.id), "danger"),
                ],
            }
        )
    if len(queued) > MAX_SHOWN:
        more = len(queued) - MAX_SHOWN
        blocks.append(context_block(f"…and {more} more: decide these first, then review again."))
    return f"{len(queued)} draft(s) waiting for review", blocks


def _article_blocks(draft: PendingDraft) -> list[dict[str, Any]]:
    source = draft.source
    details = ", ".join(escape(str(source[k])) for k in ("publisher", "date") if source.get(k))
    title = escape(str(source["title"]))
    url = str(source.get("url") or "")
    heading = f"*<{url}|{title}>*" if url.startswith(("http://", "https://")) else f"*{title}*"
    return [
        {"type": "divider"},
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": heading + (f"\n{details}" if details else "")},
            "accessory": _button("Approve all", APPROVE_ALL, draft.batch[:2000], "primary"),
        },
        context_block(f"from {escape(draft.origin)}"),
    ]


def _draft_text(draft: PendingDraft) -> str:
    return escape(draft.line())


def _button(text: str, action: str, value: str, style: str | None = None) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": text},
        "action_id": action,
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def context_block(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def edit_view(draft: PendingDraft) -> dict[str, Any]:
    """The edit modal: the kind's own form, one input per field and filled in (problems are
    shown next to their field); kinds without a form get the record as YAML."""
    title = {"type": "plain_text", "text": f"Edit draft #{draft.id}"[:24]}
    meta = json.dumps({"id": draft.id, "kind": draft.kind})
    if draft.kind in FORMS:
        blocks = [
            form_input(f, field_text(draft.data.get(f.name))).to_dict()
            for f in FORMS[draft.kind][1]
        ]
    else:
        blocks = [_yaml_block(draft)]
    return {
        "type": "modal",
        "callback_id": EDIT_CALLBACK,
        "private_metadata": meta,
        "title": title,
        "submit": {"type": "plain_text", "text": "Save"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": blocks,
    }


def field_text(value: Any) -> str | None:
    """A stored field as its input shows it: lists as ``a; b`` (as in a CSV cell)."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _yaml_block(draft: PendingDraft) -> dict[str, Any]:
    text = yaml.safe_dump(draft.data, allow_unicode=True, sort_keys=False, width=1000)
    return {
        "type": "input",
        "block_id": "record",
        "label": {
            "type": "plain_text",
            "text": f"The {ONE.get(draft.kind, draft.kind)}, as in a load file",
        },
        "element": {
            "type": "plain_text_input",
            "action_id": "yaml",
            "multiline": True,
            "initial_value": text[:3000],
        },
    }
