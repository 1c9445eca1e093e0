"""Files admins upload in Slack, fetched with the bot token from Slack's own hosts only."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.knowledge.loader import LoadFailed

MAX_DOWNLOAD = 20 * 1024 * 1024


def download_file(client: WebClient, file_id: str) -> tuple[str, bytes]:
    """Fetch an uploaded file with the bot token, only from Slack's own hosts; every failure
    is a :class:`LoadFailed` saying what failed and what to do."""
    try:
        info = client.files_info(file=file_id).get("file") or {}
    except SlackApiError as exc:
        error = exc.response.get("error") if exc.response is not None else None
        hint = (
            "add the files:read scope to the Slack app and reinstall it"
            if error in ("missing_scope", "not_allowed_token_type", "invalid_auth")
            else "upload the file again"
        )
        raise LoadFailed(
            [_problem(file_id, f"Slack would not describe the file (files.info: {error}); {hint}")]
        ) from None
    except OSError as exc:
        raise LoadFailed(
            [_problem(file_id, f"Slack could not be reached for the file ({exc}); try again")]
        ) from None
    name = str(info.get("name") or file_id)
    url = str(info.get("url_private_download") or info.get("url_private") or "")
    api_host = urlsplit(client.base_url).hostname or ""
    host = urlsplit(url).hostname or ""
    if urlsplit(url).scheme not in ("http", "https") or not (
        host == api_host or host == "slack.com" or host.endswith(".slack.com")
    ):
        raise LoadFailed([_problem(name, "the file is not on Slack")])
    size = info.get("size")
    if isinstance(size, int) and size > MAX_DOWNLOAD:
        raise LoadFailed([_problem(name, "file is larger than 20 MB")])
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            content = response.read(MAX_DOWNLOAD + 1)
    except urllib.error.HTTPError as exc:
        raise LoadFailed(
            [
                _problem(
                    name,
                    f"Slack's file host answered {exc.code} {exc.reason}; the file may have "
                    "been deleted: upload it again",
                )
            ]
        ) from None
    except (OSError, http.client.HTTPException) as exc:
        raise LoadFailed(
            [_problem(name, f"the file could not be downloaded from Slack ({exc}); try again")]
        ) from None
    if len(content) > MAX_DOWNLOAD:
        raise LoadFailed([_problem(name, "file is larger than 20 MB")])
    return name, content


def _problem(where: str, message: str) -> Any:
    from cyberbrief.knowledge.records import Problem

    return Problem(where, None, message)
