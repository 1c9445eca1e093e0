"""Ask an analyst (under refusals, and after a Not helpful vote) and Mark answered.

The button names the answer by its log id; the question posted is the one on record, never
text from the payload. It goes to ``CYBERBRIEF_ANALYST_CHANNEL`` when set, else into the
question's thread (or its channel, for an answer only the asker saw), tagging the analysts.
Only an analyst (listed, or in a listed user group) or a cyberbrief admin may mark a question
answered: the button is seen by everyone in the channel.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.answers import escalations
from cyberbrief.answers.answer_log import get_answer
from cyberbrief.slack.middleware import is_admin, services_of, user_id_of
from cyberbrief.slack.mrkdwn import escape, truncate
from cyberbrief.slack.services import Services
from cyberbrief.slack.views.feedback import CLOSE_ESCALATION_ACTION, parse_id

log = logging.getLogger(__name__)


def _reply(respond: Respond, text: str) -> None:
    respond(response_type="ephemeral", replace_original=False, text=text)


def _tags(analysts: frozenset[str]) -> str:
    return " ".join(f"<!subteam^{a}>" if a.startswith("S") else f"<@{a}>" for a in sorted(analysts))


def _where(body: dict[str, Any], configured: str | None) -> tuple[str, str | None]:
    """The channel and thread to post in."""
    if configured:
        return configured, None
    container = body.get("container") or {}
    channel = str((body.get("channel") or {}).get("id") or container.get("channel_id") or "")
    if container.get("is_ephemeral", True):
        return channel, None
    return channel, container.get("thread_ts") or container.get("message_ts")


def ask_analyst(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    ack()
    services = services_of(context)
    if not services.analysts:
        _reply(respond, "No analysts are set up for this workspace (CYBERBRIEF_ANALYSTS).")
        return
    answer_id = parse_id(((body.get("actions") or [{}])[0]).get("value"))
    user = user_id_of(body)
    channel, thread = _where(body, services.analyst_channel)
    if answer_id is None or not channel:
        _reply(respond, "That button does not name a question on record; nothing was sent.")
        return
    with services.write() as db:
        entry = get_answer(db, answer_id)
        already = escalations.open_escalation(db, answer_id) if entry else None
        escalation_id = (
            escalations.escalate(db, answer_id, channel, services.clock())
            if entry and not already
            else None
        )
    if entry is None:
        _reply(respond, "That question is no longer on record, so it was not sent.")
        return
    if escalation_id is None:
        _reply(respond, "This question was already sent to the analysts.")
        return
    asked_by = f" (asked by <@{user}>)" if user else ""
    text = (
        f"{_tags(services.analysts)} A question cyberbrief could not answer well{asked_by}: "
        f"“{escape(truncate(entry.question, 1500))}”"
    )
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": text}},
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Mark answered"},
                    "action_id": CLOSE_ESCALATION_ACTION,
                    "value": str(escalation_id),
                }
            ],
        },
    ]
    try:
        sent = client.chat_postMessage(channel=channel, thread_ts=thread, text=text, blocks=blocks)
    except SlackApiError as error:
        with services.write() as db:
            escalations.withdraw(db, escalation_id)
        reason = error.response.get("error")
        _reply(respond, f"Could not reach the analysts ({reason}); try again later.")
        return
    with services.write() as db:
        escalations.posted(db, escalation_id, thread or sent.get("ts"))
    _reply(respond, f"Sent to the analysts in <#{channel}>.")


def _in_group(client: WebClient, group: str, user: str) -> bool:
    try:
        members = client.usergroups_users_list(usergroup=group).get("users") or []
    except SlackApiError as error:
        log.warning("usergroups.users.list %s: %s", group, error.response.get("error"))
        return False
    return user in members


def may_close(services: Services, client: WebClient, user: str) -> bool:
    """An analyst, a member of an analysts' user group, or a cyberbrief admin."""
    if not user:
        return False
    if user in services.analysts or is_admin(services, client, user):
        return True
    groups = sorted(a for a in services.analysts if a.startswith("S"))
    return any(_in_group(client, group, user) for group in groups)


def mark_answered(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    ack()
    services = services_of(context)
    if not may_close(services, client, user_id_of(body)):
        _reply(respond, "Only the analysts (or a cyberbrief admin) can mark a question answered.")
        return
    escalation_id = parse_id(((body.get("actions") or [{}])[0]).get("value"))
    with services.write() as db:
        closed = escalations.close(db, escalation_id, services.clock()) if escalation_id else None
        entry = get_answer(db, closed.answer_id) if closed else None
    if closed is None:
        _reply(respond, "That question is already marked answered (or is not on record).")
        return
    question = f"“{escape(truncate(entry.question, 1500))}”" if entry else "This question"
    text = f"{question} was answered (marked by <@{user_id_of(body)}>)."
    respond(
        replace_original=True,
        text=text,
        blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
    )
