"""The App Home tab: the digests of the user's channels, and what is coming up.

Published with ``views.publish`` each time the user opens the tab, so it is always current.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.digests import render
from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.content import build_digest
from cyberbrief.slack.mrkdwn import link, truncate
from cyberbrief.slack.services import Services
from cyberbrief.slack.subscriptions import status_line

HOME_EVENTS = 8
HOME_WINDOW_DAYS = 60
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


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, 3000)}}


def home_view(services: Services, channels: set[str] | None, user_id: str) -> dict[str, Any]:
    """The Home tab for one user; ``channels`` None falls back to the digests they set up."""
    with services.lock:
        db = services.db
        now = services.clock()
        subs = [
            s
            for s in store.all_subscriptions(db)
            if (s.channel_id in channels if channels is not None else s.created_by == user_id)
        ]
        statuses = [
            status_line(
                s,
                None if s.paused else store.next_post(db, s, now),
                store.last_delivery(db, s.channel_id),
            )
            for s in subs[:20]
        ]
        digest = build_digest(db, now.astimezone(dt.UTC).date(), HOME_WINDOW_DAYS)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "cyberbrief"}},
        _section(
            "Cited briefings on international cybersecurity policy. "
            "Ask with `/cyber who is ICSPA`, `/cyber events`, or `/cyber help`."
        ),
        {"type": "divider"},
        _section("*Your channels' daily digests*"),
    ]
    if statuses:
        blocks += [_section(line) for line in statuses]
    else:
        blocks.append(
            _section(
                "None of your channels gets the daily digest yet. In a channel, type "
                "`/cyber subscribe` (or `/cyber subscribe at 07:30 Europe/Brussels EU`)."
            )
        )
    blocks += [{"type": "divider"}, _section("*Coming up*")]
    events = digest.events[:HOME_EVENTS]
    if events:
        numbers: dict[Any, int] = {}
        for event in events:
            if event.citation is not None and event.citation not in numbers:
                numbers[event.citation] = len(numbers) + 1
        blocks += [_section(render.event_mrkdwn(e, numbers)) for e in events]
        if numbers:
            elements = [
                {"type": "mrkdwn", "text": truncate(f"[{n}] {link(c.url, c.text())}", 2000)}
                for c, n in list(numbers.items())[:9]
            ]
            blocks.append({"type": "context", "elements": elements})
    else:
        blocks.append(_section(f"No events on record in the next {HOME_WINDOW_DAYS} days."))
    return {"type": "home", "blocks": blocks[:100]}


def register(app: App, services: Services) -> None:
    """Attach the App Home listener."""

    @app.event("app_home_opened")
    def home_opened(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        user_id = str(event.get("user") or "")
        if not user_id:
            return
        view = home_view(services, user_channels(client, user_id), user_id)
        try:
            client.views_publish(user_id=user_id, view=view)
        except SlackApiError as error:
            log.warning("views.publish for %s failed: %s", user_id, error.response.get("error"))
