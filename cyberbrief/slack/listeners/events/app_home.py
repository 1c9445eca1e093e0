"""``app_home_opened``: publish the user's Home tab, so it is current each time it opens."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.slack.listeners.events import agent
from cyberbrief.slack.middleware import services_of
from cyberbrief.slack.views.home import home_view

MAX_CHANNEL_PAGES = 5

log = logging.getLogger(__name__)


def user_channels(client: WebClient, user_id: str) -> set[str] | None:
    """Channels the user is in that the bot can see; None if Slack would not say."""
    channels: set[str] = set()
    cursor = None
    try:
        for _ in range(MAX_CHANNEL_PAGES):
            response = client.users_conversations(
                user=user_id,
                types="public_channel,private_channel",
                exclude_archived=True,
                limit=200,
                cursor=cursor,
            )
            channels.update(str(c["id"]) for c in response.get("channels") or [])
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
    except SlackApiError as error:
        log.warning("users.conversations for %s failed: %s", user_id, error.response.get("error"))
        return None
    except Exception as error:  # timeout, connection reset: still show the Home tab
        log.warning("users.conversations for %s failed: %r", user_id, error)
        return None
    return channels


def home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Publish the Home tab; on the Messages tab, set its suggested prompts."""
    if event.get("tab") == "messages":
        agent.messages_opened(event, client, context)
        return
    if event.get("tab", "home") != "home":
        return
    user_id = str(event.get("user") or "")
    if not user_id:
        return
    view = home_view(services_of(context), user_channels(client, user_id), user_id)
    try:
        client.views_publish(user_id=user_id, view=view)
    except SlackApiError as error:
        log.warning("views.publish for %s failed: %s", user_id, error.response.get("error"))
