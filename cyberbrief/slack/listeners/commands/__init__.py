"""``/cyber``: admin sub-commands (behind ``require_admin``) first, then everything else."""

from __future__ import annotations

from typing import Any

from slack_bolt import App

from cyberbrief.slack.listeners.commands import admin
from cyberbrief.slack.listeners.commands.cyber import COMMAND, cyber, first_word
from cyberbrief.slack.middleware import require_admin


def is_admin_command(command: dict[str, Any]) -> bool:
    return first_word(command) == "admin"


def register(app: App) -> None:
    app.command(COMMAND, matchers=[is_admin_command], middleware=[require_admin])(admin.admin)
    app.command(COMMAND)(cyber)
