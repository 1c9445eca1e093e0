"""Buttons and selects: answer cards' buttons for everyone, admin ones behind ``require_admin``."""

from __future__ import annotations

import re

from slack_bolt import App

from cyberbrief.slack.listeners.actions import admin, cards, escalation, feedback, gaps, review
from cyberbrief.slack.middleware import require_admin
from cyberbrief.slack.views.admin import KIND_ACTION, UNDO_ACTION
from cyberbrief.slack.views.answer import MORE_ACTION, OPEN_ACTION, SHARE_ACTION
from cyberbrief.slack.views.feedback import (
    CLOSE_ESCALATION_ACTION,
    ESCALATE_ACTION,
    FEEDBACK_ACTION,
)
from cyberbrief.slack.views.gaps import ADD_ACTION, DISMISS_ACTION, LINK_ACTION
from cyberbrief.slack.views.review import APPROVE, APPROVE_ALL, EDIT, REJECT


def register(app: App) -> None:
    app.action(re.compile(rf"^{OPEN_ACTION}:\d+$"))(cards.open_card)
    app.action(MORE_ACTION)(cards.show_all)
    app.action(SHARE_ACTION)(cards.share)
    app.action(FEEDBACK_ACTION)(feedback.vote)
    app.action(ESCALATE_ACTION)(escalation.ask_analyst)
    app.action(CLOSE_ESCALATION_ACTION)(escalation.mark_answered)
    app.action(KIND_ACTION, middleware=[require_admin])(admin.pick_kind)
    app.action(ADD_ACTION, middleware=[require_admin])(gaps.add_clicked)
    app.action(LINK_ACTION, middleware=[require_admin])(gaps.link_clicked)
    app.action(DISMISS_ACTION, middleware=[require_admin])(gaps.dismiss_clicked)
    app.action(UNDO_ACTION, middleware=[require_admin])(admin.undo_clicked)
    app.action(APPROVE, middleware=[require_admin])(review.approve_clicked)
    app.action(APPROVE_ALL, middleware=[require_admin])(review.approve_all_clicked)
    app.action(REJECT, middleware=[require_admin])(review.reject_clicked)
    app.action(EDIT, middleware=[require_admin])(review.edit_clicked)
