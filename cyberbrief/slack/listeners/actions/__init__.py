"""Buttons and selects: answer cards' buttons for everyone, admin ones behind ``require_admin``."""

from __future__ import annotations

import re

from slack_bolt import App

from cyberbrief.slack.listeners.actions import admin, cards
from cyberbrief.slack.middleware import require_admin
from cyberbrief.slack.views.admin import KIND_ACTION, UNDO_ACTION
from cyberbrief.slack.views.answer import MORE_ACTION, OPEN_ACTION, SHARE_ACTION


def register(app: App) -> None:
    app.action(re.compile(rf"^{OPEN_ACTION}:\d+$"))(cards.open_card)
    app.action(MORE_ACTION)(cards.show_all)
    app.action(SHARE_ACTION)(cards.share)
    app.action(KIND_ACTION, middleware=[require_admin])(admin.pick_kind)
    app.action(UNDO_ACTION, middleware=[require_admin])(admin.undo_clicked)
