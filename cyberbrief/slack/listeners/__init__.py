"""Every listener, grouped by kind as in Slack's bolt-python starter template: one
module-level function per listener, and a ``register(app)`` per package."""

from __future__ import annotations

from slack_bolt import App

from cyberbrief.slack import faults
from cyberbrief.slack.listeners import actions, commands, events, functions, shortcuts, views


def register(app: App) -> None:
    commands.register(app)
    actions.register(app)
    views.register(app)
    events.register(app)
    shortcuts.register(app)
    functions.register(app)
    faults.register(app)  # last: what no listener above took, and failures
