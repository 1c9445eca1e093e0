"""Slack: the only package importing slack_bolt/slack_sdk. ``register`` attaches every
listener to a Bolt app, with the services reaching them through Bolt's context."""

from __future__ import annotations

from slack_bolt import App

from cyberbrief.slack import listeners
from cyberbrief.slack.middleware import with_services
from cyberbrief.slack.once import once
from cyberbrief.slack.services import Services


def register(app: App, services: Services) -> None:
    """The services middleware, then every listener cyberbrief has."""
    app.use(with_services(services))
    app.use(once(services))
    listeners.register(app)
