"""The ``/cyber`` slash command.

Questions are answered inside the ack (the lookup is fast), so the reply needs no API call.
Sub-commands whose first word is in ``ROUTES`` (subscriptions; admin has its own listener
behind ``require_admin``) are handed to their modules with a :class:`CommandContext`;
everything else is a question.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from cyberbrief.answers.answer_log import channel_kind_of
from cyberbrief.slack.faults import describe
from cyberbrief.slack.listeners.commands.context import CommandContext, Route
from cyberbrief.slack.middleware import services_of
from cyberbrief.slack.views.answer import answer_blocks, fallback_text, to_dicts

COMMAND = "/cyber"
MAX_TEXT = 500

log = logging.getLogger(__name__)


def routes() -> dict[str, Route]:
    """First words that are sub-commands for everyone rather than questions (the admin
    sub-commands are their own listener, behind ``require_admin``)."""
    from cyberbrief.slack.listeners.commands import subscriptions

    return dict(subscriptions.ROUTES)


def run(
    ack: Ack,
    command: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: BoltContext,
    route: Route | None,
) -> None:
    """Run a sub-command, or answer the text as a question; never a traceback in Slack."""
    text = " ".join(str(command.get("text") or "").split())
    if len(text) > MAX_TEXT:
        ack(
            response_type="ephemeral",
            text=f"That is too long ({len(text)} characters); keep it under {MAX_TEXT}.",
        )
        return
    services = services_of(context)
    _, _, rest = text.partition(" ")
    try:
        if route is not None:
            route(CommandContext(ack, respond, client, command, services, rest.strip()))
            return
        answer, millis, answer_id = services.timed_answer(text)
        analysts = bool(services.analysts)
        blocks = to_dicts(answer_blocks(answer, answer_id=answer_id, analysts=analysts))
    except Exception as error:
        ack(response_type="ephemeral", text=describe(error, f"/cyber {text!r}"))
        return
    ack(response_type="ephemeral", text=fallback_text(answer), blocks=blocks)
    # After the ack: recording never delays the answer, and its failure never loses it.
    console = services.command_surface == "console"
    services.record(
        answer,
        question=text,
        surface=services.command_surface,
        channel_kind="none" if console else channel_kind_of(command.get("channel_id")),
        millis=millis,
        answer_id=answer_id,
        asker=command.get("user_id"),
    )


def first_word(command: dict[str, Any]) -> str:
    """The sub-command word of ``/cyber WORD ...``, lower-cased."""
    return str(command.get("text") or "").strip().partition(" ")[0].lower()


def cyber(
    ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    """``/cyber QUESTION`` and the sub-commands everyone may use."""
    run(ack, command, respond, client, context, routes().get(first_word(command)))
