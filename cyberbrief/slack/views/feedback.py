"""Feedback under every answer: Slack's own Helpful / Not helpful buttons (a ``context_actions``
block with ``feedback_buttons``), the short "what was wrong" form, and "Ask an analyst".

Buttons carry the answer's log id and nothing else (a sign for the vote's direction): the
text of an answer is never sent back and forth. The feedback block is the last block of an
answer message.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextActionsBlock,
    FeedbackButtonObject,
    FeedbackButtonsElement,
    PlainTextObject,
)

FEEDBACK_ACTION = "cyber_feedback"
FEEDBACK_BLOCK = "cyber_feedback"
FORM_CALLBACK = "cyber_feedback_form"
REASON_BLOCK, REASON_ACTION = "reason", "reason"
NOTE_BLOCK, NOTE_ACTION = "note", "note"
MAX_NOTE = 300
REASONS = {
    "wrong": "Wrong",
    "out_of_date": "Out of date",
    "incomplete": "Incomplete",
    "did_not_answer": "Did not answer my question",
}
ESCALATE_ACTION = "cyber_escalate"
CLOSE_ESCALATION_ACTION = "cyber_escalation_done"


def vote_value(answer_id: int, helpful: bool) -> str:
    return f"{'+' if helpful else '-'}{answer_id}"


def parse_vote(value: object) -> tuple[int, bool] | None:
    """``+ID`` / ``-ID`` back to (id, helpful); None for anything else (a forged value)."""
    if not isinstance(value, str) or len(value) < 2 or value[0] not in "+-":
        return None
    digits = value[1:]
    if not digits.isascii() or not digits.isdigit() or len(digits) > 16:
        return None
    answer_id = int(digits)
    return (answer_id, value[0] == "+") if answer_id > 0 else None


def parse_id(value: object) -> int | None:
    """A bare answer id (form metadata, analyst buttons); None when it is not one."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        return None
    return int(value) if 0 < len(value) <= 16 and int(value) > 0 else None


def feedback_blocks(answer_id: int | None, *, escalate: bool = False) -> list[Block]:
    """The feedback block for a recorded answer (after "Ask an analyst" when ``escalate``);
    nothing when it was not recorded."""
    if answer_id is None:
        return []
    return [
        *(escalate_blocks(answer_id) if escalate else []),
        ContextActionsBlock(
            block_id=FEEDBACK_BLOCK,
            elements=[
                FeedbackButtonsElement(
                    action_id=FEEDBACK_ACTION,
                    positive_button=FeedbackButtonObject(
                        text="Helpful", value=vote_value(answer_id, True)
                    ),
                    negative_button=FeedbackButtonObject(
                        text="Not helpful", value=vote_value(answer_id, False)
                    ),
                )
            ],
        ),
    ]


def escalate_blocks(answer_id: int) -> list[Block]:
    """The "Ask an analyst" button, offered after a refusal or a Not helpful vote."""
    return [
        ActionsBlock(
            elements=[
                ButtonElement(
                    text=PlainTextObject(text="Ask an analyst"),
                    action_id=ESCALATE_ACTION,
                    value=str(answer_id),
                )
            ]
        )
    ]


def feedback_form(answer_id: int) -> dict[str, Any]:
    """The optional "what was wrong" form opened by Not helpful."""
    options = [
        {"text": {"type": "plain_text", "text": label}, "value": value}
        for value, label in REASONS.items()
    ]
    return {
        "type": "modal",
        "callback_id": FORM_CALLBACK,
        "private_metadata": str(answer_id),
        "title": {"type": "plain_text", "text": "What was wrong?"},
        "submit": {"type": "plain_text", "text": "Send"},
        "close": {"type": "plain_text", "text": "Skip"},
        "blocks": [
            {
                "type": "input",
                "block_id": REASON_BLOCK,
                "optional": True,
                "label": {"type": "plain_text", "text": "The answer was"},
                "element": {
                    "type": "checkboxes",
                    "action_id": REASON_ACTION,
                    "options": options,
                },
            },
            {
                "type": "input",
                "block_id": NOTE_BLOCK,
                "optional": True,
                "label": {"type": "plain_text", "text": "Anything else? (one line)"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": NOTE_ACTION,
                    "max_length": MAX_NOTE,
                },
            },
        ],
    }
