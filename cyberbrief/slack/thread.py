"""Reading a thread back for what this app's last answer in it was about.

``conversations.replies`` lists a thread oldest first, so the newest answer is found by reading
page after page (``limit`` messages at a time, never the whole thread in one call) up to a
bound; a thread longer than the bound is reported rather than read without end.
"""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.answers.followup import PreviousAnswer
from cyberbrief.slack.views.answer_metadata import previous_answer

PAGE = 200
"""Messages asked for per call (Slack recommends no more than 200)."""
MAX_PAGES = 10
"""Pages read at most: 2,000 messages."""

REFUSALS = {
    "not_in_channel": "I am not a member of this conversation",
    "channel_not_found": "I cannot see this conversation",
    "missing_scope": "I am not allowed to read this conversation's history (a missing scope)",
    "thread_not_found": "I cannot find this thread",
    "access_denied": "I was refused this conversation's history",
    "no_permission": "I was refused this conversation's history",
}


class ThreadUnreadable(Exception):
    """The thread could not be read; ``str(error)`` says why, in the user's words."""


@dataclass(frozen=True)
class Identity:
    """How this app's own messages are recognised."""

    bot_id: str | None
    app_id: str | None


def last_answer(
    client: WebClient, channel: str, thread_ts: str, ours: Identity, *, max_pages: int = MAX_PAGES
) -> PreviousAnswer | None:
    """The newest answer of ours in the thread (None if it has none). Raises
    ``ThreadUnreadable`` when Slack refuses the thread or it is longer than the bound."""
    found: PreviousAnswer | None = None
    cursor: str | None = None
    for _ in range(max_pages):
        try:
            response = client.conversations_replies(
                channel=channel,
                ts=thread_ts,
                limit=PAGE,
                cursor=cursor,
                include_all_metadata=True,
            )
        except SlackApiError as error:
            code = str(error.response.get("error") or "unknown_error")
            reason = REFUSALS.get(code, f"Slack would not give me the thread ({code})")
            raise ThreadUnreadable(
                f"{reason}, so I cannot tell what we were talking about."
            ) from error
        for message in response.get("messages") or []:
            if isinstance(message, dict):
                found = previous_answer(message, ours.bot_id, ours.app_id) or found
        cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            return found
    raise ThreadUnreadable(
        f"This thread is longer than the {max_pages * PAGE:,} messages I read back, so I cannot "
        "tell what we were talking about."
    )
