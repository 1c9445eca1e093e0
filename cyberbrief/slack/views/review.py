"""Block Kit for the review queue: drafts per article with their buttons, and the edit modal
(the kind's form, one input per field, checked on save with the same schema as a load)."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils
import yaml
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from cyberbrief.intake.review import ONE, PendingDraft, pending
from cyberbrief.slack.mrkdwn import escape, truncate
from cyberbrief.slack.views.admin import FORMS, form_input
from cyberbrief.slack.views.chunks import MAX_SECTION_TEXT, section

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


MAX_QUEUE_BLOCKS = 47
"""Blocks the queue may use: a message holds 50, and a decision puts its note above them."""
MAX_TITLE = 300
"""Characters of an article's title shown (escaped); the buttons refer to draft ids."""
MAX_LINKED_URL = 1500
"""Longer URLs are not linked: the heading must stay within a section's 3,000 characters."""


def review_message(db: sqlite_utils.Database) -> tuple[str, list[dict[str, Any]]]:
    """The pending drafts as text and blocks, per article, within Slack's limits: long titles,
    URLs and lines are cut for display, and every button carries a draft id, never text."""
    queued = pending(db)
    if not queued:
        return "No drafts waiting for review.", []
    blocks: list[Block] = []
    batch = None
    shown = 0
    for draft in queued[:MAX_SHOWN]:
        heading = _article_blocks(draft) if draft.batch != batch else []
        if len(blocks) + len(heading) + 2 > MAX_QUEUE_BLOCKS - 1:  # room for "…and N more"
            break
        batch = draft.batch
        blocks += heading
        blocks.append(section(_draft_text(draft)))
        blocks.append(
            ActionsBlock(
                elements=[
                    _button("Approve", APPROVE, str(draft.id), "primary"),
                    _button("Edit", EDIT, str(draft.id)),
                    _button("Reject", REJECT, str(draft.id), "danger"),
                ]
            )
        )
        shown += 1
    if len(queued) > shown:
        more = len(queued) - shown
        blocks.append(_context(f"…and {more} more: decide these first, then review again."))
    return f"{len(queued)} draft(s) waiting for review", [b.to_dict() for b in blocks]


def _article_blocks(draft: PendingDraft) -> list[Block]:
    """The article's heading, with an Approve all button naming one of its drafts by id."""
    source = draft.source
    details = ", ".join(escape(str(source[k])) for k in ("publisher", "date") if source.get(k))
    title = truncate(escape(str(source["title"])), MAX_TITLE)
    url = str(source.get("url") or "")
    linked = url.startswith(("http://", "https://")) and len(link_target(url)) <= MAX_LINKED_URL
    heading = f"*<{link_target(url)}|{title}>*" if linked else f"*{title}*"
    return [
        DividerBlock(),
        SectionBlock(
            text=MarkdownTextObject(
                text=truncate(heading + (f"\n{details}" if details else ""), MAX_SECTION_TEXT)
            ),
            accessory=_button("Approve all", APPROVE_ALL, str(draft.id), "primary"),
        ),
        _context(f"from {escape(draft.origin)}"),
    ]


def link_target(url: str) -> str:
    """A URL made safe inside mrkdwn's ``<url|text>``: its own ``<``, ``>`` and ``|`` would
    end the link early, so they are percent-encoded."""
    return url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E")


def _draft_text(draft: PendingDraft) -> str:
    return truncate(escape(draft.line()), MAX_SECTION_TEXT)


def _button(text: str, action: str, value: str, style: str | None = None) -> ButtonElement:
    return ButtonElement(
        text=PlainTextObject(text=text), action_id=action, value=value, style=style
    )


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=truncate(text, MAX_SECTION_TEXT))])


def context_block(text: str) -> dict[str, Any]:
    """A one-line note above a message's blocks (as a dict, for ``respond``)."""
    return _context(text).to_dict()


def edit_view(draft: PendingDraft) -> dict[str, Any]:
    """The edit modal: the kind's own form, one input per field and filled in (problems are
    shown next to their field); kinds without a form get the record as YAML."""
    if draft.kind in FORMS:
        blocks: list[Block] = [
            form_input(f, field_text(draft.data.get(f.name))) for f in FORMS[draft.kind][1]
        ]
    else:
        blocks = [_yaml_block(draft)]
    return View(
        type="modal",
        callback_id=EDIT_CALLBACK,
        private_metadata=json.dumps({"id": draft.id, "kind": draft.kind}),
        title=PlainTextObject(text=f"Edit draft #{draft.id}"[:24]),
        submit=PlainTextObject(text="Save"),
        close=PlainTextObject(text="Cancel"),
        blocks=blocks,
    ).to_dict()


def field_text(value: Any) -> str | None:
    """A stored field as its input shows it: lists as ``a; b`` (as in a CSV cell)."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _yaml_block(draft: PendingDraft) -> InputBlock:
    text = yaml.safe_dump(draft.data, allow_unicode=True, sort_keys=False, width=1000)
    return InputBlock(
        block_id="record",
        label=PlainTextObject(text=f"The {ONE.get(draft.kind, draft.kind)}, as in a load file"),
        element=PlainTextInputElement(action_id="yaml", multiline=True, initial_value=text[:3000]),
    )
