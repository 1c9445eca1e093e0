"""The knowledge-gaps queue's buttons and forms (the queue itself: ``commands/gaps.py``).

Every listener here is registered behind ``require_admin`` (checked on every press and
submission). A button or form naming a gap no longer in the queue (resolved, dismissed,
older than 30 days, forged) gets a clear reply and changes nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.answers import gaps as queue
from cyberbrief.intake.links import draft_from_url
from cyberbrief.intake.review import queue_draft
from cyberbrief.knowledge.loader import LoadFailed
from cyberbrief.slack.middleware import services_of, user_id_of
from cyberbrief.slack.mrkdwn import escape
from cyberbrief.slack.services import Services
from cyberbrief.slack.views.admin import add_view
from cyberbrief.slack.views.gaps import dismiss_form, link_form

log = logging.getLogger(__name__)

GONE = "That gap is no longer in the queue (resolved, dismissed or older than 30 days)."


def _find(services: Services, key: object) -> queue.Gap | None:
    if not isinstance(key, str) or not key:
        return None
    with services.read() as db:
        found = queue.collect(db, services.clock(), model=services.answerer.meaning.model)
    gap = queue.find_gap(found, key)
    return gap if gap is not None and gap.state == "open" else None


def _key(body: dict[str, Any]) -> str:
    return str(((body.get("actions") or [{}])[0]).get("value") or "")


def _open(
    ack: Ack,
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: BoltContext,
    form: Any,
) -> None:
    ack()
    gap = _find(services_of(context), _key(body))
    if gap is None:
        respond(response_type="ephemeral", replace_original=False, text=GONE)
        return
    try:
        client.views_open(trigger_id=body["trigger_id"], view=form(gap))
    except SlackApiError as error:
        log.info("gap form not opened: %s", error.response.get("error"))


def add_clicked(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    """Add a fact: the add form, the gap's question shown as context."""
    channel = str((body.get("channel") or {}).get("id") or "")
    _open(ack, body, respond, client, context, lambda g: add_view("fact", channel, g.question))


def link_clicked(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    _open(ack, body, respond, client, context, lambda g: link_form(g.key, g.question))


def dismiss_clicked(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    _open(ack, body, respond, client, context, lambda g: dismiss_form(g.key, g.question))


def _value(view: dict[str, Any], block: str) -> str:
    state = ((view.get("state") or {}).get("values") or {}).get(block) or {}
    return str((state.get(block) or {}).get("value") or "").strip()


def dismiss_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    services = services_of(context)
    gap = _find(services, view.get("private_metadata"))
    if gap is None:
        ack(response_action="errors", errors={"reason": GONE[:150]})
        return
    try:
        with services.write(before_ack=True) as db:
            queue.dismiss(db, gap, _value(view, "reason"), user_id_of(body), services.clock())
    except ValueError as bad:
        ack(response_action="errors", errors={"reason": str(bad)[:150]})
        return
    ack()


def link_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """Draft the page into the review queue (after the ack); the admin gets a DM saying how
    it went."""
    services = services_of(context)
    url = _value(view, "url")
    gap = _find(services, view.get("private_metadata"))
    if gap is None:
        ack(response_action="errors", errors={"url": GONE[:150]})
        return
    if not url.startswith(("http://", "https://")):
        ack(response_action="errors", errors={"url": "Give an http(s) link."})
        return
    ack()
    user = user_id_of(body)
    db = services.store.connect()
    try:
        draft = draft_from_url(db, url, services.fetch_policy)
        queued = queue_draft(db, draft, origin=f"gap link from <@{user}>", clock=services.clock)
        text = (
            f"{queued} draft(s) from “{escape(draft.source['title'])}” for the gap "
            f"“{escape(gap.question)}” are waiting for review: `/cyber admin review`"
        )
    except LoadFailed as failure:
        text = "Nothing drafted.\n" + "\n".join(f"• {escape(str(p))}" for p in failure.problems)
    finally:
        db.conn.close()
    try:
        client.chat_postMessage(channel=user, text=text)
    except SlackApiError as error:
        log.info("gap link result not sent: %s", error.response.get("error"))
