"""The ``/cyber`` slash command.

Questions are answered inside the ack (the lookup is fast), so the reply needs no API call.
Sub-commands whose first word is in ``ROUTES`` (subscriptions, admin) are handed to their
own modules with a :class:`CommandContext`; everything else is a question.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from cyberbrief.slack.blocks import answer_blocks, fallback_text, to_dicts
from cyberbrief.slack.services import Services

COMMAND = "/cyber"
MAX_TEXT = 500

log = logging.getLogger(__name__)


@dataclass
class CommandContext:
    """Everything a sub-command needs, so sub-command modules stay plain functions."""

    ack: Ack
    respond: Respond
    client: WebClient
    command: dict[str, Any]
    services: Services
    args: str
    """The text after the sub-command's first word."""

    @property
    def user_id(self) -> str:
        return str(self.command.get("user_id", ""))

    @property
    def channel_id(self) -> str:
        return str(self.command.get("channel_id", ""))

    def reply(self, text: str, blocks: list[dict[str, Any]] | None = None) -> None:
        """Acknowledge with an ephemeral reply (only the user sees it)."""
        self.ack(response_type="ephemeral", text=text, blocks=blocks)


Route = Callable[[CommandContext], None]


def routes() -> dict[str, Route]:
    """First words that are sub-commands rather than questions."""
    from cyberbrief.slack import admin, subscriptions

    table: dict[str, Route] = {}
    table.update(admin.ROUTES)
    table.update(subscriptions.ROUTES)
    return table


def register(app: App, services: Services) -> None:
    """Attach the ``/cyber`` listener."""
    table = routes()

    @app.command(COMMAND)
    def cyber(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient) -> None:
        text = " ".join(str(command.get("text") or "").split())
        if len(text) > MAX_TEXT:
            ack(
                response_type="ephemeral",
                text=f"That is too long ({len(text)} characters); keep it under {MAX_TEXT}.",
            )
            return
        word, _, rest = text.partition(" ")
        route = table.get(word.lower())
        try:
            if route is not None:
                route(CommandContext(ack, respond, client, command, services, rest.strip()))
                return
            answer = services.answer(text)
            blocks = to_dicts(answer_blocks(answer))
        except Exception:
            log.exception("failed to handle /cyber %r", text)
            ack(
                response_type="ephemeral",
                text="Sorry, something went wrong with that. The error has been logged.",
            )
            return
        ack(response_type="ephemeral", text=fallback_text(answer), blocks=blocks)
