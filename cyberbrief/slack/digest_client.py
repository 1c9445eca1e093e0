"""Digest delivery's Slack calls (``cyberbrief.digests.channel.SlackPoster``) over slack_sdk.

The WebClient must have no retry handlers (``retry_handlers=[]``): digest delivery decides
when to retry, and a connection-error retry inside the client could post a digest twice.
A refusal from Slack becomes a :class:`~cyberbrief.digests.channel.SlackError` with Slack's
error code and, for a rate limit, its Retry-After; anything else (timeout, reset) is raised
as it came, since the call may have gone through.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.digests.channel import HistoryPage, SlackError

HTTP_TIMEOUT = 8
"""Seconds a delivery's Slack call may take (no lock or transaction is held meanwhile)."""
HISTORY_LIMIT = 200
"""Messages per ``conversations.history`` (or ``.replies``) page read when recovering a
digest (or its calendar file)."""
HISTORY_PAGES = 5
"""Pages of a digest's thread searched for its calendar file."""


def retry_after(error: SlackApiError) -> float | None:
    """The seconds Slack asked us to wait, if the error is a rate limit (HTTP 429)."""
    response = error.response
    if response.status_code != 429 and response.get("error") != "ratelimited":
        return None
    headers = {str(k).lower(): v for k, v in (response.headers or {}).items()}
    value = headers.get("retry-after")
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        seconds = float(value) if value is not None else 1.0
    except ValueError:
        seconds = 1.0
    return max(seconds, 0.0)


@contextmanager
def _refusals() -> Iterator[None]:
    """Slack's ``ok: false`` answers as the digests package's own error."""
    try:
        yield
    except SlackApiError as error:
        code = str(error.response.get("error") or "")
        raise SlackError(str(error), code=code, retry_after=retry_after(error)) from error


class WebClientPoster:
    """A :class:`~cyberbrief.digests.channel.SlackPoster` over a slack_sdk WebClient."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def post_message(
        self,
        channel: str,
        text: str,
        blocks: list[dict[str, Any]],
        metadata: dict[str, object],
    ) -> str | None:
        with _refusals():
            response = self.client.chat_postMessage(
                channel=channel,
                text=text,
                blocks=blocks,
                unfurl_links=False,
                unfurl_media=False,
                metadata=metadata,
            )
        return str(response.get("ts") or "") or None

    def upload_file(
        self,
        channel: str,
        thread_ts: str,
        filename: str,
        title: str,
        content: str,
        initial_comment: str,
    ) -> str | None:
        with _refusals():
            response = self.client.files_upload_v2(
                channel=channel,
                thread_ts=thread_ts,
                filename=filename,
                title=title,
                content=content,
                initial_comment=initial_comment,
            )
        file = response.get("file") or {}
        return str(file.get("id")) if isinstance(file, dict) and file.get("id") else None

    def history(self, channel: str, oldest: str, cursor: str | None) -> HistoryPage:
        with _refusals():
            response = self.client.conversations_history(
                channel=channel,
                oldest=oldest,
                include_all_metadata=True,
                limit=HISTORY_LIMIT,
                cursor=cursor,
            )
        messages = response.get("messages") or []
        next_cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
        return HistoryPage(messages=list(messages), next_cursor=next_cursor)

    def thread_files(self, channel: str, thread_ts: str) -> list[tuple[str, str]]:
        files: list[tuple[str, str]] = []
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            with _refusals():
                response = self.client.conversations_replies(
                    channel=channel, ts=thread_ts, limit=HISTORY_LIMIT, cursor=cursor
                )
            for message in response.get("messages") or []:
                for file in message.get("files") or []:
                    if isinstance(file, dict) and file.get("id"):
                        files.append((str(file["id"]), str(file.get("name") or "")))
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                break
        return files


def digest_client(token: str, base_url: str) -> WebClientPoster:
    """The poster a bot process's digests use: no automatic retries, since digest delivery
    retries 429s itself, and a blind retry of a post could post twice."""
    return WebClientPoster(
        WebClient(token=token, base_url=base_url, retry_handlers=[], timeout=HTTP_TIMEOUT)
    )
