"""Buttons on answer cards: open a related card, show all lines, share in the channel."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from cyberbrief.knowledge.model import Answer, Status
from cyberbrief.slack.middleware import services_of
from cyberbrief.slack.services import Services
from cyberbrief.slack.views.answer import (
    answer_blocks,
    fallback_text,
    parse_ref,
    to_dicts,
)
from cyberbrief.slack.views.feedback import feedback_blocks

log = logging.getLogger(__name__)


def _answer_from_value(services: Services, value: str) -> Answer | None:
    """Rebuild the answer a share or "show all" button stands for."""
    try:
        data = json.loads(value)
    except (ValueError, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    ref = parse_ref(str(data.get("ref", "")))
    if ref is not None:
        return services.card(ref.kind, ref.id)
    if isinstance(data.get("q"), str):
        return services.answer(data["q"])
    return None


def _answer_id(value: str) -> int | None:
    """The log id a share button carries ("a"), when the answer was recorded."""
    try:
        data = json.loads(value)
    except (ValueError, TypeError):
        return None
    answer_id = data.get("a") if isinstance(data, dict) else None
    if isinstance(answer_id, bool) or not isinstance(answer_id, int):
        return None
    return answer_id if 0 < answer_id < 2**53 else None


def _value(body: dict[str, Any]) -> str:
    actions = body.get("actions") or [{}]
    return str(actions[0].get("value", ""))


def _own_card(body: dict[str, Any]) -> bool:
    """The button is on the clicker's own ephemeral card (replace it), not on a card posted
    for everyone (an answer to a mention: the clicker gets their own card instead)."""
    return bool((body.get("container") or {}).get("is_ephemeral", True))


def open_card(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    services = services_of(context)
    ref = parse_ref(_value(body))
    if ref is None:
        respond(
            response_type="ephemeral",
            replace_original=False,
            text="That button no longer points at anything.",
        )
        return
    answer = services.card(ref.kind, ref.id)
    if answer.status is not Status.FOUND:
        respond(
            response_type="ephemeral",
            replace_original=False,
            text="That entry is no longer in the knowledge store (it may have been removed).",
        )
        return
    respond(
        response_type="ephemeral",
        replace_original=_own_card(body),
        text=fallback_text(answer),
        blocks=to_dicts(answer_blocks(answer)),
    )


def show_all(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    services = services_of(context)
    answer = _answer_from_value(services, _value(body))
    if answer is None:
        respond(replace_original=False, text="Sorry, I could not rebuild that answer.")
        return
    respond(
        response_type="ephemeral",
        replace_original=_own_card(body),
        text=fallback_text(answer),
        blocks=to_dicts(answer_blocks(answer, full=True)),
    )


def share(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    services = services_of(context)
    answer = _answer_from_value(services, _value(body))
    if answer is None or answer.status is not Status.FOUND:
        # Only answers go to the channel: never a "not found" (an entry since removed,
        # or a forged value), which would post the channel a non-answer.
        respond(
            response_type="ephemeral",
            replace_original=False,
            text="Sorry, that answer can no longer be shared: the knowledge store has "
            "changed. Ask again with /cyber.",
        )
        return
    user = (body.get("user") or {}).get("id")
    answer_id = _answer_id(_value(body))
    payload = to_dicts(answer_blocks(answer, shareable=False))
    if isinstance(user, str) and re.fullmatch(r"[UW][A-Z0-9]{2,20}", user):
        payload.append(
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": f"Shared by <@{user}> with `/cyber`"}],
            }
        )
    payload += to_dicts(feedback_blocks(answer_id))  # last: votes count for the answer shared
    respond(
        response_type="in_channel",
        replace_original=False,
        delete_original=False,
        text=fallback_text(answer),
        blocks=payload,
    )
    respond(delete_original=True)
