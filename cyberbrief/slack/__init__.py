"""Slack listeners, grouped by kind; ``register`` attaches them all to a Bolt app."""

from __future__ import annotations

from slack_bolt import App

from cyberbrief.slack import actions, admin, commands, home
from cyberbrief.slack.services import Services


def register(app: App, services: Services) -> None:
    """Attach every listener cyberbrief has."""
    commands.register(app, services)
    actions.register(app, services)
    admin.register(app, services)
    home.register(app, services)
