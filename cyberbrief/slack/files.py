"""Files admins upload in Slack, fetched with the bot token from Slack's own hosts only."""

from __future__ import annotations

import urllib.request
from typing import Any
from urllib.parse import urlsplit

from slack_sdk import WebClient

from cyberbrief.knowledge.loader import LoadFailed

MAX_DOWNLOAD = 20 * 1024 * 1024


def download_file(client: WebClient, file_id: str) -> tuple[str, bytes]:
    """Fetch an uploaded file with the bot token, only from Slack's own hosts."""
    info = client.files_info(file=file_id).get("file") or {}
    url = str(info.get("url_private_download") or info.get("url_private") or "")
    api_host = urlsplit(client.base_url).hostname or ""
    host = urlsplit(url).hostname or ""
    if urlsplit(url).scheme not in ("http", "https") or not (
        host == api_host or host == "slack.com" or host.endswith(".slack.com")
    ):
        raise LoadFailed([_problem(str(info.get("name", file_id)), "the file is not on Slack")])
    if int(info.get("size") or 0) > MAX_DOWNLOAD:
        raise LoadFailed([_problem(str(info.get("name")), "file is larger than 20 MB")])
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        content = response.read(MAX_DOWNLOAD + 1)
    return str(info.get("name") or file_id), content


def _problem(where: str, message: str) -> Any:
    from cyberbrief.knowledge.records import Problem

    return Problem(where, None, message)
