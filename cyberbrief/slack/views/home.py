"""The App Home tab: the digests of the user's channels, and what is coming up."""

from __future__ import annotations

import datetime as dt
from typing import Any

from slack_sdk.models.blocks import Block, DividerBlock, HeaderBlock, PlainTextObject
from slack_sdk.models.views import View

from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.content import build_digest
from cyberbrief.knowledge.model import Citation
from cyberbrief.slack.services import Services
from cyberbrief.slack.views.chunks import section
from cyberbrief.slack.views.digest import event_mrkdwn, sources_block
from cyberbrief.slack.views.subscriptions import status_line

HOME_EVENTS = 8
HOME_WINDOW_DAYS = 60


def home_view(services: Services, channels: set[str] | None, user_id: str) -> dict[str, Any]:
    """The Home tab for one user; ``channels`` None falls back to the digests they set up."""
    with services.read() as db:
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
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text="cyberbrief")),
        section(
            "Cited briefings on international cybersecurity policy. "
            "Ask with `/cyber who is ICSPA`, `/cyber events`, or `/cyber help`."
        ),
        DividerBlock(),
        section("*Your channels' daily digests*"),
    ]
    if statuses:
        blocks += [section(line) for line in statuses]
    else:
        blocks.append(
            section(
                "None of your channels gets the daily digest yet. In a channel, type "
                "`/cyber subscribe` (or `/cyber subscribe at 07:30 Europe/Brussels EU`)."
            )
        )
    blocks += [DividerBlock(), section("*Coming up*")]
    events = digest.events[:HOME_EVENTS]
    if events:
        numbers: dict[Citation, int] = {}
        for event in events:
            if event.citation is not None and event.citation not in numbers:
                numbers[event.citation] = len(numbers) + 1
        blocks += [section(event_mrkdwn(e, numbers)) for e in events]
        if numbers:
            blocks.append(sources_block(numbers))
    else:
        blocks.append(section(f"No events on record in the next {HOME_WINDOW_DAYS} days."))
    return View(type="home", blocks=blocks[:100]).to_dict()
