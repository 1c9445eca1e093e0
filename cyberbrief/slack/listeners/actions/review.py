"""Review buttons: Approve, Reject, Approve all (per article) and Edit. Behind
``require_admin``; the review message is replaced by the queue as it now stands."""

from __future__ import annotations

from typing import Any

import sqlite_utils
from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from cyberbrief.intake.review import approve, get_drafts, pending, reject
from cyberbrief.knowledge.loader import LoadFailed
from cyberbrief.slack.middleware import services_of
from cyberbrief.slack.mrkdwn import escape
from cyberbrief.slack.services import Services
from cyberbrief.slack.views.review import (
    APPROVE_ALL,
    REJECT,
    context_block,
    edit_view,
    review_message,
)


def approve_clicked(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    _decide(services_of(context), body, respond, "approve")


def approve_all_clicked(
    ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    _decide(services_of(context), body, respond, APPROVE_ALL)


def reject_clicked(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    _decide(services_of(context), body, respond, REJECT)


def edit_clicked(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Open the edit modal for a pending draft."""
    ack()
    services = services_of(context)
    value = str(body["actions"][0].get("value", ""))
    if not value.isdigit():
        return
    with services.read() as db:
        found = get_drafts(db, [int(value)])
    if found and found[0].status == "pending":
        client.views_open(trigger_id=body["trigger_id"], view=edit_view(found[0]))


def _decide(services: Services, body: dict[str, Any], respond: Respond, act: str) -> None:
    user = body["user"]["id"]
    value = str(body["actions"][0].get("value", ""))
    try:
        with services.write() as db:
            note = _decision(db, services, user, act, value)
    except (LoadFailed, ValueError) as failure:
        problems = failure.problems if isinstance(failure, LoadFailed) else [failure]
        note = "Nothing changed: " + "; ".join(escape(str(p)) for p in problems[:5])
    with services.read() as db:
        text, blocks = review_message(db)
    respond(replace_original=True, text=f"{note}\n{text}", blocks=[context_block(note), *blocks])


def _decision(
    db: sqlite_utils.Database, services: Services, user: str, act: str, value: str
) -> str:
    if act == REJECT:
        reject(db, [int(value)], actor=user, clock=services.clock)
        return f"Rejected draft #{int(value)}."
    ids = _article_drafts(db, value) if act == APPROVE_ALL else [int(value)]
    report = approve(db, ids, actor=user, clock=services.clock)
    return f"Approved: {escape(report.summary())}"


def _article_drafts(db: sqlite_utils.Database, value: str) -> list[int]:
    """The pending drafts of the article of draft ``value`` (Approve all names one of its
    drafts by id: an article's URL can be longer than a button value may be). Buttons posted
    before that carried the article itself."""
    if not value.isdigit():
        return [d.id for d in pending(db, value)]
    named = get_drafts(db, [int(value)])
    if not named:
        raise ValueError(f"draft #{value} does not exist")
    return [d.id for d in pending(db, named[0].batch)] or [int(value)]
