"""Modal submissions: the feedback form for everyone, the admin forms behind ``require_admin``."""

from __future__ import annotations

from slack_bolt import App

from cyberbrief.slack.listeners.actions import feedback, gaps
from cyberbrief.slack.listeners.views import admin, review
from cyberbrief.slack.middleware import require_admin
from cyberbrief.slack.views.admin import ADD_CALLBACK, ARTICLE_CALLBACK, LOAD_CALLBACK
from cyberbrief.slack.views.feedback import FORM_CALLBACK
from cyberbrief.slack.views.gaps import DISMISS_CALLBACK, LINK_CALLBACK
from cyberbrief.slack.views.review import EDIT_CALLBACK


def register(app: App) -> None:
    app.view(FORM_CALLBACK)(feedback.form_submitted)
    app.view(LINK_CALLBACK, middleware=[require_admin])(gaps.link_submitted)
    app.view(DISMISS_CALLBACK, middleware=[require_admin])(gaps.dismiss_submitted)
    app.view(ADD_CALLBACK, middleware=[require_admin])(admin.add_submitted)
    app.view(LOAD_CALLBACK, middleware=[require_admin])(admin.load_submitted)
    app.view(ARTICLE_CALLBACK, middleware=[require_admin])(admin.article_confirmed)
    app.view(EDIT_CALLBACK, middleware=[require_admin])(review.edit_submitted)
