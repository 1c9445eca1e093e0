"""Global and message shortcuts: "Add to cyberbrief" (admins)."""

from __future__ import annotations

from slack_bolt import App

from cyberbrief.slack.listeners.shortcuts import add_message
from cyberbrief.slack.middleware import require_admin


def register(app: App) -> None:
    app.shortcut(add_message.CALLBACK_ID, middleware=[require_admin])(add_message.add_message)
