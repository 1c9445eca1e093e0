"""What a ``/cyber`` sub-command is handed: the request, the clients and the words after its name.

Kept apart from ``cyber`` (which routes to the sub-commands) so sub-command modules import it
without importing the router that imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from cyberbrief.slack.services import Services


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
