"""The "Add to cyberbrief" message shortcut (admins; ``require_admin`` refuses everyone else).

Drafts from the message's text and from the pages it links to, into the review queue: nothing
is written to the knowledge store until an admin approves it with ``/cyber admin review``.
Links are fetched as every link from Slack is: public addresses only (trusted hosts aside),
within the size and time limits, on a database connection of the listener's own, after the
shortcut is acknowledged.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
from typing import Any

import sqlite_utils
from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.answers.escalations import question_in_thread
from cyberbrief.drafting.drafts import draft_from_text
from cyberbrief.intake.links import draft_from_url
from cyberbrief.intake.review import queue_draft
from cyberbrief.knowledge.loader import LoadFailed
from cyberbrief.slack.middleware import services_of
from cyberbrief.slack.mrkdwn import escape
from cyberbrief.slack.services import Services

CALLBACK_ID = "add_to_cyberbrief"
MAX_LINKS = 3
MIN_TEXT_WORDS = 8
"""Fewer words than this besides the links is a caption ("worth a read:"), not content."""

LINK = re.compile(r"<(https?://[^|>\s]+)(?:\|([^>]*))?>")
SPECIAL = re.compile(r"<([@#!])([^|>]*)(?:\|([^>]*))?>")

log = logging.getLogger(__name__)


def links_in(text: str) -> list[str]:
    """The web links in a message, in order, each once (Slack writes them ``<url|label>``)."""
    seen: list[str] = []
    for match in LINK.finditer(text):
        url = html.unescape(match.group(1))
        if url not in seen:
            seen.append(url)
    return seen


def plain_text(text: str) -> str:
    """The message as a reader sees it: link labels, #channel and @name labels, no markup."""
    text = LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = SPECIAL.sub(lambda m: (m.group(3) or "").strip(), text)
    return html.unescape(text)


def _permalink(client: WebClient, channel: str, ts: str) -> str | None:
    try:
        return str(client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"])
    except (SlackApiError, KeyError) as error:
        log.info("no permalink for %s/%s: %s", channel, ts, error)
        return None


def _connect(services: Services) -> sqlite_utils.Database:
    """A connection of its own: fetching waits on the network, answers must not wait on it."""
    return services.store.connect()


def draft_message(
    db: sqlite_utils.Database,
    services: Services,
    message: dict[str, Any],
    *,
    permalink: str | None,
    origin: str,
) -> tuple[int, list[str], list[str]]:
    """Queue drafts from the message's text and its links: (queued, drafted from, problems)."""
    raw = str(message.get("text") or "")
    urls = links_in(raw)
    text = plain_text(LINK.sub(" ", raw) if urls else raw)
    queued, sources, problems = 0, [], []
    if len(text.split()) >= MIN_TEXT_WORDS or not urls:
        posted = dt.datetime.fromtimestamp(float(message.get("ts") or 0), dt.UTC)
        try:
            draft = draft_from_text(
                db,
                "the message",
                plain_text(raw).encode("utf-8"),
                publisher="Slack message",
                date=posted.date().isoformat(),
                url=permalink,
            )
            queued += queue_draft(db, draft, origin=origin, clock=services.clock)
            sources.append("the message")
        except LoadFailed as failure:
            problems += [str(p) for p in failure.problems]
    for url in urls[:MAX_LINKS]:
        try:
            draft = draft_from_url(db, url, services.fetch_policy)
            queued += queue_draft(db, draft, origin=origin, clock=services.clock)
            sources.append(f"“{draft.source['title']}”")
        except LoadFailed as failure:
            problems += [str(p) for p in failure.problems]
    if len(urls) > MAX_LINKS:
        problems.append(f"only the first {MAX_LINKS} of {len(urls)} links were read")
    return queued, sources, problems


def add_message(
    ack: Ack,
    shortcut: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: BoltContext,
) -> None:
    """Acknowledge at once, then draft and tell the admin what waits for review."""
    ack()
    services = services_of(context)
    message = shortcut.get("message") or {}
    channel = str((shortcut.get("channel") or {}).get("id") or "")
    user = str((shortcut.get("user") or {}).get("id") or "")
    if not str(message.get("text") or "").strip():
        respond(response_type="ephemeral", text="That message has no text to draft from.")
        return
    respond(response_type="ephemeral", text="Drafting from that message …")
    permalink = _permalink(client, channel, str(message.get("ts") or ""))
    origin = f"message shortcut by <@{user}>"
    thread = str(message.get("thread_ts") or "")
    with services.read() as db:  # a reply in an "Ask an analyst" thread answers its question
        question = question_in_thread(db, channel, thread) if thread else None
    if question:
        origin += f", answering “{question[:300]}”"
    db = _connect(services)
    try:
        queued, sources, problems = draft_message(
            db, services, message, permalink=permalink, origin=origin
        )
    finally:
        db.conn.close()
    lines = []
    if question and queued:
        lines.append(f"Linked to the question “{escape(question[:300])}” asked of the analysts.")
    if queued:
        lines.append(
            f"{queued} draft(s) from {escape(', '.join(sources))} are waiting for review: "
            "`/cyber admin review`"
        )
    elif sources:
        lines.append(f"Nothing new to draft from {escape(', '.join(sources))}.")
    else:
        lines.append("Nothing drafted.")
    lines += [f"• {escape(p)}" for p in problems]
    respond(response_type="ephemeral", text="\n".join(lines))
