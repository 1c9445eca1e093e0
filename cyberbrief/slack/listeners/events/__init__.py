"""Events API listeners: the App Home tab, the agent Messages tab, @-mentions and direct
messages."""

from __future__ import annotations

from slack_bolt import App

from cyberbrief.slack.listeners.events import agent, app_home, mentions


def register(app: App) -> None:
    app.event("app_home_opened")(app_home.home_opened)
    app.event("app_mention")(mentions.app_mention)
    app.event("message")(mentions.direct_message)
    app.event("app_context_changed")(agent.context_changed)
