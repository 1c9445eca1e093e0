"""Suggested prompts for the agent Messages tab, built from the store at that moment.

An upcoming event, the newest approved item and a question that has been answered well, leaning
to a channel's digest topics when the user is looking at a channel that subscribes to topics;
the defaults (also in manifest.yaml's ``agent_view``) fill the rest, so an empty store still
offers something to ask.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from typing import Any

import sqlite_utils

from cyberbrief.digests import subscriptions
from cyberbrief.knowledge.draft_rows import approved_since
from cyberbrief.slack.mrkdwn import truncate

log = logging.getLogger(__name__)

MAX_PROMPTS = 4
"""Slack shows at most four suggested prompts."""
MAX_TITLE = 75
MAX_MESSAGE = 400
RECENT_DAYS = 30
"""How far back an approved item counts as new."""
ASKED_AT_LEAST = 2
"""A question is suggested only once it was answered this often: one person's question is not
shown to everyone."""

DEFAULT_PROMPTS: list[dict[str, str]] = [
    {"title": "What's coming up?", "message": "upcoming events"},
    {"title": "Who is ICSPA?", "message": "who is ICSPA"},
    {"title": "What did William Hague say?", "message": "what did William Hague say"},
    {"title": "What can I ask?", "message": "help"},
]


def prompt(title: str, message: str) -> dict[str, str]:
    return {"title": truncate(title, MAX_TITLE), "message": truncate(message, MAX_MESSAGE)}


def _on_topics(column: str, topics: tuple[str, ...]) -> tuple[str, list[str]]:
    """A SQL condition (and its parameters) that ``column`` (a JSON list) names a topic."""
    if not topics:
        return "1", []
    marks = ",".join("?" * len(topics))
    return (
        f"EXISTS (SELECT 1 FROM json_each(COALESCE({column}, '[]')) "
        f"WHERE lower(value) IN ({marks}))",
        [t.lower() for t in topics],
    )


def upcoming_event(
    db: sqlite_utils.Database, today: dt.date, topics: tuple[str, ...]
) -> str | None:
    condition, params = _on_topics("topics", topics)
    rows = list(
        db.query(
            f"SELECT name FROM events WHERE starts >= ? AND {condition} ORDER BY starts LIMIT 1",
            [today.isoformat(), *params],
        )
    )
    return str(rows[0]["name"]) if rows else None


def newest_approved(
    db: sqlite_utils.Database, now: dt.datetime, topics: tuple[str, ...]
) -> dict[str, str] | None:
    """A prompt about the newest approved draft (a quote's speaker, a named record)."""
    wanted = {t.lower() for t in topics}
    since = (now - dt.timedelta(days=RECENT_DAYS)).isoformat()
    for draft in reversed(approved_since(db, since)):
        if wanted and not wanted & {t.lower() for t in draft.topics}:
            continue
        data = draft.data
        if draft.kind == "quotes" and data.get("speaker"):
            speaker = str(data["speaker"])
            return prompt(f"New: what did {speaker} say?", f"what did {speaker} say")
        if data.get("name"):
            name = str(data["name"])
            return prompt(f"New: {name}", f"who is {name}" if draft.kind == "people" else name)
    return None


def well_answered(db: sqlite_utils.Database) -> str | None:
    """The question answered most often (the answer log, when there is one)."""
    try:
        rows = list(
            db.query(
                "SELECT question, COUNT(*) AS n FROM answer_log WHERE outcome = 'answered' "
                "GROUP BY lower(question) HAVING n >= ? ORDER BY n DESC, max(id) DESC LIMIT 1",
                [ASKED_AT_LEAST],
            )
        )
    except sqlite3.Error:  # no answer log (yet), or one of another shape: no such prompt
        return None
    return str(rows[0]["question"]) if rows else None


def suggested_prompts(
    db: sqlite_utils.Database, now: dt.datetime, topics: tuple[str, ...] = ()
) -> list[dict[str, str]]:
    """Up to four prompts: from the store (on ``topics`` first), then the defaults."""
    found: list[dict[str, str]] = []
    for leaning in dict.fromkeys([topics, ()]) if topics else [()]:
        event = upcoming_event(db, now.date(), leaning)
        if event:
            found.append(prompt(f"When is {event}?", f"when is {event}"))
        item = newest_approved(db, now, leaning)
        if item:
            found.append(item)
    question = well_answered(db)
    if question:
        found.append(prompt(question, question))
    unique: dict[str, dict[str, str]] = {}
    for item in [*found, *DEFAULT_PROMPTS]:
        unique.setdefault(item["message"].lower(), item)
    return list(unique.values())[:MAX_PROMPTS]


def viewed_channels(event: dict[str, Any]) -> list[str]:
    """The channels an ``app_context_changed`` (or ``app_home_opened``) event says the user is
    looking at, most relevant first."""
    context = event.get("context")
    entities = context.get("entities") if isinstance(context, dict) else None
    channels: list[str] = []
    for entity in entities if isinstance(entities, list) else []:
        if not isinstance(entity, dict):
            continue
        value = entity.get("value")
        if entity.get("type") == "slack#/types/channel_id" and isinstance(value, str):
            channels.append(value)
        elif entity.get("type") == "slack#/types/message_context" and isinstance(value, dict):
            channel = value.get("channel_id")
            if isinstance(channel, str):
                channels.append(channel)
    return channels


def topics_of(db: sqlite_utils.Database, channels: list[str]) -> tuple[str, ...]:
    """The digest topics of the first viewed channel that subscribes to topics."""
    for channel in channels:
        subscription = subscriptions.get(db, channel)
        if subscription is not None and subscription.topics:
            return subscription.topics
    return ()
