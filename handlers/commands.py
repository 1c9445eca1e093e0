"""The ``/cyber`` slash command: answered inside the ack, so the reply needs no API call."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App

from .blocks import answer_blocks, fallback_text, to_dicts
from .services import Services

COMMAND = "/cyber"
MAX_TEXT = 500

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    """Attach the ``/cyber`` listener."""

    @app.command(COMMAND)
    def cyber(ack: Ack, command: dict[str, str]) -> None:
        text = (command.get("text") or "").strip()
        if len(text) > MAX_TEXT:
            ack(
                response_type="ephemeral",
                text=f"That question is too long ({len(text)} characters); keep it under "
                f"{MAX_TEXT}.",
            )
            return
        try:
            answer = services.answer(text)
            blocks = to_dicts(answer_blocks(answer))
        except Exception:
            log.exception("failed to answer %r", text)
            ack(
                response_type="ephemeral",
                text="Sorry, something went wrong answering that. The error has been logged.",
            )
            return
        ack(response_type="ephemeral", text=fallback_text(answer), blocks=blocks)
