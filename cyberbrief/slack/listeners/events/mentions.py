"""``@cyberbrief who is ICSPA?`` in a channel or thread, and questions in the bot's Messages tab.

Answered with the same answerer and card as ``/cyber``, posted in the thread of the question
(never broadcast to the channel). A direct message is answered in the conversation, or in its
thread when it was asked in one. The bot stays quiet for its own messages, other bots, edits,
deletions and messages without text: answering those would loop or repeat itself.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.answers.answer_log import channel_kind_of
from cyberbrief.knowledge.model import Answer
from cyberbrief.slack.faults import describe
from cyberbrief.slack.listeners.commands.cyber import MAX_TEXT, routes
from cyberbrief.slack.middleware import services_of
from cyberbrief.slack.views.answer import answer_blocks, fallback_text, to_dicts

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


def reply(event: dict[str, Any], client: WebClient, context: BoltContext, *, thread: bool) -> None:
    """Answer the message ``event`` in its channel: in its thread, or in a new thread under it
    when ``thread`` (a channel), else top-level (a DM not asked in a thread)."""
    raw = str(event.get("text") or "")
    text = _question(raw, context.bot_user_id) if len(raw) <= MAX_MESSAGE else raw
    channel = str(event.get("channel") or "")
    thread_ts = event.get("thread_ts") or (event.get("ts") if thread else None)
    word = text.partition(" ")[0].lower()
    payload: dict[str, Any]
    services = services_of(context)
    answered: tuple[Answer, float, int | None] | None = None
    if not text:  # only the bot's name
        payload = {"text": EMPTY_HINT}
    elif len(text) > MAX_TEXT:
        payload = {"text": f"That is too long ({len(text)} characters); keep it under {MAX_TEXT}."}
    elif word in routes() or word == "admin":
        payload = {"text": f"`{word}` works as a slash command: type `/cyber {text}`."}
    else:
        try:
            answered = services.timed_answer(text)
            answer, _, answer_id = answered
            payload = {
                "text": fallback_text(answer),
                "blocks": to_dicts(
                    answer_blocks(
                        answer,
                        shareable=False,
                        answer_id=answer_id,
                        analysts=bool(services.analysts),
                    )
                ),
            }
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
            question=text,
            surface="mention" if thread else "dm",
            channel_kind=channel_kind_of(channel, event.get("channel_type")),
            millis=millis,
            answer_id=answer_id,
            asker=event.get("user"),
        )


def app_mention(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """``@cyberbrief QUESTION`` in a channel or a thread: the card in the thread. In the bot's
    own DM the message itself is the question (``direct_message``): answered once."""
    if _ignored(event, context) or str(event.get("channel") or "").startswith("D"):
        return
    reply(event, client, context, thread=True)


def direct_message(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """A message in the bot's Messages tab (``message.im``); other message events (channels
    the bot reads, edits, bots) are acknowledged and ignored."""
    if event.get("channel_type") != "im" or _ignored(event, context):
        return
    reply(event, client, context, thread=False)
