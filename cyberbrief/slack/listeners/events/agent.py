"""The agent Messages tab (``features.agent_view``): suggested prompts when it opens and when
the user looks at another channel, a status line while an answer is prepared, and a title for
each conversation from its first question.

Every call here is a nicety: when Slack refuses one (an app installed before the
``assistant:write`` scope, a rate limit) it is logged and the conversation goes on, with the
manifest's default prompts left in place.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.slack.middleware import services_of
from cyberbrief.slack.mrkdwn import truncate
from cyberbrief.slack.views.prompts import suggested_prompts, topics_of, viewed_channels

log = logging.getLogger(__name__)

STATUS = "is looking that up…"
MAX_TITLE = 100
PROMPTS_TITLE = "Ask about international cyber policy"


def _quietly(what: str, call: Any, **arguments: Any) -> bool:
    """Make one Web API call; log a refusal or a network fault instead of raising."""
    try:
        call(**arguments)
    except SlackApiError as error:
        log.warning("%s refused: %s", what, error.response.get("error"))
        return False
    except Exception as error:  # timeouts, resets: the conversation goes on without it
        log.warning("%s failed: %r", what, error)
        return False
    return True


def set_prompts(client: WebClient, context: BoltContext, channel: str, viewing: list[str]) -> None:
    """Suggested prompts from the store now, leaning to the viewed channel's digest topics."""
    services = services_of(context)
    try:
        with services.read() as db:
            prompts = suggested_prompts(db, services.clock(), topics_of(db, viewing))
    except Exception as error:  # the store cannot be read: the defaults stay
        log.warning("suggested prompts not built: %r", error)
        return
    _quietly(
        "assistant.threads.setSuggestedPrompts",
        client.assistant_threads_setSuggestedPrompts,
        channel_id=channel,
        title=PROMPTS_TITLE,
        prompts=prompts,
    )


def messages_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """``app_home_opened`` on the Messages tab: prompts for this moment."""
    channel = str(event.get("channel") or "")
    if channel:
        set_prompts(client, context, channel, viewed_channels(event))


def context_changed(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """``app_context_changed``: the user looks at another channel; prompts lean to its topics."""
    channel = str(event.get("channel") or "")
    if channel:
        set_prompts(client, context, channel, viewed_channels(event))


def preparing(client: WebClient, channel: str, thread_ts: str, question: str, first: bool) -> None:
    """The status line while an answer is prepared, and (``first`` question of the
    conversation) its title. Slack clears the status when the answer is posted."""
    if first:
        _quietly(
            "assistant.threads.setTitle",
            client.assistant_threads_setTitle,
            channel_id=channel,
            thread_ts=thread_ts,
            title=truncate(question, MAX_TITLE),
        )
    _quietly(
        "assistant.threads.setStatus",
        client.assistant_threads_setStatus,
        channel_id=channel,
        thread_ts=thread_ts,
        status=STATUS,
    )
