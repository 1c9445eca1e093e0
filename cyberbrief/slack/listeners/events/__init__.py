"""Events API listeners: the App Home tab."""

from __future__ import annotations

from slack_bolt import App

from cyberbrief.slack.listeners.events import app_home


def register(app: App) -> None:
    app.event("app_home_opened")(app_home.home_opened)
