"""``@cyberbrief who is ICSPA?`` in a channel or thread, and questions in the bot's Messages tab.

Answered with the same answerer and card as ``/cyber``, posted in the thread of the question
(never broadcast to the channel). A direct message (the agent Messages tab) is answered in its
thread: each question there starts a conversation, as Slack's agent view shows them. The bot
stays quiet for its own messages, other bots, edits, deletions and messages without text:
answering those would loop or repeat itself. In a thread, a follow-up ("what did he say about
it") is answered about the thread's last answer (see ``answers.followup``).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.answers import followup
from cyberbrief.answers.answer_log import channel_kind_of
from cyberbrief.knowledge.model import Answer
from cyberbrief.slack.faults import describe
from cyberbrief.slack.listeners.commands.cyber import MAX_TEXT, routes
from cyberbrief.slack.listeners.events import agent as agent_tab
from cyberbrief.slack.middleware import services_of
from cyberbrief.slack.mrkdwn import escape
from cyberbrief.slack.thread import Identity, ThreadUnreadable, last_answer
from cyberbrief.slack.views.answer import MAX_BLOCKS, answer_blocks, fallback_text, to_dicts
from cyberbrief.slack.views.answer_metadata import answer_metadata

log = logging.getLogger(__name__)

# Linear: a label stops at the next ``<`` as well as ``>``, so unclosed ``<@U1|`` tokens cannot
# make each start scan to the end of the message (40,000 of them took seconds, holding the GIL).
MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>")
# Checked before any pattern runs: room for a few @-mentions around a question of MAX_TEXT.
MAX_MESSAGE = 4 * MAX_TEXT
EMPTY_HINT = "Ask me a question, for example `who is ICSPA` or `help`."


def _question(text: str, bot_user_id: str | None) -> str:
    """The text without the bot's own @-mentions (other people's stay: they are content)."""
    if bot_user_id:
        text = MENTION.sub(lambda m: "" if m.group(1) == bot_user_id else m.group(0), text)
    return " ".join(text.split())


def _ignored(event: dict[str, Any], context: BoltContext) -> bool:
    """Own messages, other bots' messages, edits, deletions, other message subtypes, and
    messages without text."""
    if event.get("subtype") or event.get("bot_id") or event.get("bot_profile"):
        return True
    if event.get("edited") or not str(event.get("text") or "").strip():
        return True
    user = event.get("user")
    return not user or user == context.bot_user_id


def understood(question: str) -> dict[str, Any]:
    """A context block saying how a follow-up was read ("Taking this as ...")."""
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": f"_Taking this as “{escape(question)[:2900]}”._"}],
    }


def answer_payload(
    question: str,
    channel: str,
    thread_ts: str | None,
    client: WebClient,
    ours: Identity,
    context: BoltContext,
) -> tuple[dict[str, Any], tuple[Answer, float, int | None] | None, str]:
    """The message answering ``question``, what was answered (for the answer log) and the
    question as understood: in a thread, a follow-up ("what did he say about it") is answered
    about what the thread's last answer of ours was about, read back from its metadata;
    anything else is a new question."""
    services = services_of(context)
    asked, card = question, None
    if thread_ts and followup.refers_back(question):
        try:
            previous = last_answer(client, channel, thread_ts, ours)
        except ThreadUnreadable as error:
            return {"text": str(error)}, None, question
        resolved = followup.resolve(question, previous)
        if isinstance(resolved, followup.Unresolved):
            return {"text": resolved.message}, None, question
        if resolved is not None:
            asked, card = resolved.question, resolved.card
    answered = services.timed_answer(asked, card)
    answer, _, answer_id = answered
    blocks = to_dicts(
        answer_blocks(
            answer, shareable=False, answer_id=answer_id, analysts=bool(services.analysts)
        )
    )
    if asked != question and len(blocks) < MAX_BLOCKS:
        blocks.insert(0, understood(asked))
    payload = {
        "text": fallback_text(answer),
        "blocks": blocks,
        "metadata": answer_metadata(answer, asked, answer_id),
    }
    return payload, answered, asked


def reply(
    event: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    *,
    thread: bool,
    app_id: str | None = None,
    agent: bool = False,
) -> None:
    """Answer the message ``event`` in its channel: in its thread, or in a new thread under it
    when ``thread``, else top-level. ``agent``: the Messages tab, where each question starts a
    conversation (a thread) with a title, and a status line shows while it is answered."""
    raw = str(event.get("text") or "")
    text = _question(raw, context.bot_user_id) if len(raw) <= MAX_MESSAGE else raw
    channel = str(event.get("channel") or "")
    thread_ts = event.get("thread_ts") or (event.get("ts") if thread else None)
    word = text.partition(" ")[0].lower()
    payload: dict[str, Any]
    services = services_of(context)
    answered: tuple[Answer, float, int | None] | None = None
    asked = text
    if not text:  # only the bot's name
        payload = {"text": EMPTY_HINT}
    elif len(text) > MAX_TEXT:
        payload = {"text": f"That is too long ({len(text)} characters); keep it under {MAX_TEXT}."}
    elif word in routes() or word == "admin":
        payload = {"text": f"`{word}` works as a slash command: type `/cyber {text}`."}
    else:
        if agent and thread_ts:
            agent_tab.preparing(client, channel, thread_ts, text, first=not event.get("thread_ts"))
        try:
            ours = Identity(context.bot_id, app_id)
            payload, answered, asked = answer_payload(
                text, channel, event.get("thread_ts"), client, ours, context
            )
        except Exception as error:
            payload = {"text": describe(error, f"mention {text!r}")}
    try:
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, **payload)
    except SlackApiError as error:
        log.warning("could not answer in %s: %s", channel, error.response.get("error"))
    if answered is not None:  # after the answer is out: recording never delays it
        answer, millis, answer_id = answered
        services.record(
            answer,
            question=asked,
            surface="dm" if channel.startswith("D") else "mention",
            channel_kind=channel_kind_of(channel, event.get("channel_type")),
            millis=millis,
            answer_id=answer_id,
            asker=event.get("user"),
        )


def app_mention(
    event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """``@cyberbrief QUESTION`` in a channel or a thread: the card in the thread. In the bot's
    own DM the message itself is the question (``direct_message``): answered once."""
    if _ignored(event, context) or str(event.get("channel") or "").startswith("D"):
        return
    reply(event, client, context, thread=True, app_id=body.get("api_app_id"))


def direct_message(
    event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """A message in the bot's Messages tab (``message.im``); other message events (channels
    the bot reads, edits, bots) are acknowledged and ignored."""
    if event.get("channel_type") != "im" or _ignored(event, context):
        return
    reply(event, client, context, thread=True, app_id=body.get("api_app_id"), agent=True)
