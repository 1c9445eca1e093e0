"""Workflow Builder steps (``app.function``, declared under ``functions`` in manifest.yaml).

* **Ask cyberbrief** (``ask_cyberbrief``): a question in; the answer as plain text, whether it
  was answered, and its sources out.
* **Post a briefing** (``post_briefing``): a channel and optional topics in; the day's digest
  posted there through the same delivery ledger as the scheduler (``digests.delivery``), so a
  workflow and the schedule never post the same channel's digest twice on one day.

Bolt acknowledges ``function_executed`` at once; the work runs after. Every failure ends the
step with ``functions.completeError`` and a sentence the workflow's owner can act on.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from typing import Any

from slack_bolt import App, BoltContext, Complete, Fail
from slack_sdk import WebClient

from cyberbrief.answers.plaintext import render
from cyberbrief.digests import subscriptions
from cyberbrief.digests.content import clean_topics
from cyberbrief.digests.delivery import deliver
from cyberbrief.digests.subscriptions import Subscription
from cyberbrief.knowledge.model import Status
from cyberbrief.slack.digest_client import digest_client
from cyberbrief.slack.faults import describe
from cyberbrief.slack.listeners.commands.cyber import MAX_TEXT
from cyberbrief.slack.middleware import services_of
from cyberbrief.slack.views.digest import message

log = logging.getLogger(__name__)

ASK = "ask_cyberbrief"
BRIEFING = "post_briefing"
MAX_OUTPUT = 3000
"""The answer text handed to the next step, cut to what a message can show."""
CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,}$")
WORKFLOW_ATTEMPTS = 2
"""Posting attempts from a workflow step (the scheduler retries later on its own)."""


def _done(complete: Complete, fail: Fail, outputs: dict[str, Any]) -> None:
    try:
        complete(outputs=outputs)
    except Exception as error:  # Slack unreachable: nothing more can be told to it
        log.warning("functions.completeSuccess failed: %r", error)


def _failed(fail: Fail, text: str) -> None:
    try:
        fail(error=text)
    except Exception as error:
        log.warning("functions.completeError failed: %r", error)


def ask(inputs: dict[str, Any], complete: Complete, fail: Fail, context: BoltContext) -> None:
    """Answer the step's ``question`` input."""
    question = " ".join(str(inputs.get("question") or "").split())
    if not question:
        _failed(fail, "Ask cyberbrief needs a question: fill in the step's Question input.")
        return
    if len(question) > MAX_TEXT:
        _failed(fail, f"The question is {len(question)} characters; keep it under {MAX_TEXT}.")
        return
    try:
        answer = services_of(context).answer(question)
    except Exception as error:
        _failed(fail, describe(error, f"workflow question {question!r}"))
        return
    sources = [
        f"{citation.text()} {citation.url}" if citation.url else citation.text()
        for citation in answer.all_citations()
    ]
    text = render(answer)
    if len(text) > MAX_OUTPUT:
        text = text[: MAX_OUTPUT - 1] + "…"
    _done(
        complete,
        fail,
        {
            "answer": text,
            "answered": answer.status is Status.FOUND,
            "sources": "\n".join(sources),
        },
    )


def _topics(value: Any) -> tuple[str, ...]:
    """Topics as a list input, or one text of comma-separated topics."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    return clean_topics(str(item) for item in items)


OUTCOME_ERRORS = {
    "paused": "Slack would not let me post in that channel ({detail}): invite @cyberbrief to it.",
    "busy": "The knowledge store was busy; run the workflow again in a minute.",
    "failed": "Slack did not take the briefing ({detail}); run the workflow again later.",
}


def post_briefing(
    inputs: dict[str, Any], complete: Complete, fail: Fail, client: WebClient, context: BoltContext
) -> None:
    """Post the day's digest in the step's ``channel``, once per channel and day."""
    channel = str(inputs.get("channel") or "").strip()
    if not CHANNEL_ID.match(channel):
        _failed(fail, f"Post a briefing needs a channel; {channel or 'none'!r} is not one.")
        return
    services = services_of(context)
    topics = _topics(inputs.get("topics"))
    db = services.store.connect()
    try:
        subscribed = subscriptions.get(db, channel)
        sub = dataclasses.replace(
            subscribed or Subscription(channel),
            topics=topics or (subscribed.topics if subscribed else ()),
            always_post=True,  # asked for by a workflow: say so even when nothing is coming up
        )
        day = services.clock().astimezone(sub.zone).date()
        poster = digest_client(client.token or "", client.base_url)
        outcome = deliver(
            db,
            poster,
            sub,
            day,
            clock=services.clock,
            sleep=time.sleep,
            render=message,
            max_attempts=WORKFLOW_ATTEMPTS,
            subscribed_only=False,
        )
    except Exception as error:
        _failed(fail, describe(error, f"workflow briefing for {channel}"))
        return
    finally:
        db.close()
    if outcome.status in ("posted", "already", "empty"):
        _done(
            complete,
            fail,
            {
                "posted": outcome.status == "posted",
                "message_ts": outcome.ts or "",
                "day": (outcome.day or day).isoformat(),
            },
        )
        return
    template = OUTCOME_ERRORS.get(outcome.status, OUTCOME_ERRORS["failed"])
    _failed(fail, template.format(detail=outcome.detail or outcome.status))


def register(app: App) -> None:
    app.function(ASK)(ask)
    app.function(BRIEFING)(post_briefing)
