"""What digest delivery needs from Slack, as a protocol of its own.

Digests decide when to retry, pause or recover; how the calls reach Slack is the ``slack``
package's business (``cyberbrief.slack.digest_client`` implements this with slack_sdk), so
nothing under ``digests`` imports Slack's libraries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


class SlackError(Exception):
    """Slack answered and refused the call, so nothing was posted.

    ``code`` is Slack's ``error`` (``channel_not_found``, ``ratelimited``...); ``retry_after``
    is the seconds Slack asked us to wait when it rate-limited the call (HTTP 429), else None.
    Any other exception from a :class:`SlackPoster` means no answer (timeout, reset): the call
    may have gone through.
    """

    def __init__(self, message: str, code: str = "", retry_after: float | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.retry_after = retry_after


@dataclass(frozen=True)
class HistoryPage:
    """One page of a channel's recent messages, with their metadata."""

    messages: Sequence[Mapping[str, Any]]
    next_cursor: str | None = None


class SlackPoster(Protocol):
    """The Slack calls a digest makes. Implementations must not retry on their own: a blind
    retry of a post after a timeout could post a digest twice."""

    def post_message(
        self,
        channel: str,
        text: str,
        blocks: list[dict[str, Any]],
        metadata: dict[str, object],
    ) -> str | None:
        """``chat.postMessage`` without unfurls, carrying message metadata; Slack's ``ts``."""
        ...

    def upload_file(
        self,
        channel: str,
        thread_ts: str,
        filename: str,
        title: str,
        content: str,
        initial_comment: str,
    ) -> str | None:
        """A text file in a message's thread; the file's ID, if Slack gave one."""
        ...

    def history(self, channel: str, oldest: str, cursor: str | None) -> HistoryPage:
        """``conversations.history`` since ``oldest`` (a Slack ``ts``), up to 200 messages
        a page, with all their metadata."""
        ...

    def thread_files(self, channel: str, thread_ts: str) -> list[tuple[str, str]]:
        """The files in the thread of message ``thread_ts`` (``conversations.replies``), as
        (id, name): how a calendar upload that went unanswered is found."""
        ...
