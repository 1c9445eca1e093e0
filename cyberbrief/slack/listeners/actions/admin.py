"""Admin buttons and selects: the add form's kind picker, and undo. Behind ``require_admin``."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from cyberbrief.knowledge.vectors import undo
from cyberbrief.slack.middleware import services_of
from cyberbrief.slack.mrkdwn import escape
from cyberbrief.slack.numbers import whole_number
from cyberbrief.slack.views.admin import add_view, form_metadata
from cyberbrief.store.journal import UndoRefused


def pick_kind(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
    """Show the chosen kind's form in the add modal."""
    ack()
    view = body.get("view") or {}
    meta = form_metadata(view)  # {} when forged or altered: the form still works
    kind = body["actions"][0].get("selected_option", {}).get("value")
    client.views_update(
        view_id=view["id"],
        hash=view.get("hash"),
        view=add_view(kind, str(meta.get("channel", "")), meta.get("gap")),
    )


def undo_clicked(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """Undo the change the button names; the prompt is replaced by what happened."""
    ack()
    services = services_of(context)
    user = body["user"]["id"]
    change_id = whole_number(str(body["actions"][0].get("value", "")))
    if change_id is None:
        respond(replace_original=False, text="That button does not name a change.")
        return
    try:
        with services.write() as db:
            done = undo(db, change_id, actor=user, clock=services.clock)
    except UndoRefused as refused:
        respond(replace_original=True, text=f"Not undone: {refused}")
        return
    respond(replace_original=True, text=f"Undone as change #{done.id}: {escape(done.summary)}")
