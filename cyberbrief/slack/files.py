"""Files admins upload in Slack, fetched with the bot token from Slack's own hosts only.

urllib would copy the ``Authorization`` header to wherever a redirect points; redirects are
followed here instead, hop by hop, and one that leaves Slack's hosts is refused, so the token
never reaches another host and another host's content is never taken as the upload.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.knowledge.loader import LoadFailed

MAX_DOWNLOAD = 20 * 1024 * 1024
MAX_REDIRECTS = 3


def slack_file_url(api_base_url: str) -> Callable[[str], bool]:
    """Whether a URL is on Slack's hosts: slack.com, its subdomains, or the API's own host."""
    api_host = urlsplit(api_base_url).hostname or ""

    def check(url: str) -> bool:
        parts = urlsplit(url)
        host = parts.hostname or ""
        return parts.scheme in ("http", "https") and (
            host == api_host or host == "slack.com" or host.endswith(".slack.com")
        )

    return check


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as responses: the caller checks each target before following."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def download_file(
    client: WebClient, file_id: str, *, is_slack_url: Callable[[str], bool] | None = None
) -> tuple[str, bytes]:
    """Fetch an uploaded file with the bot token, only from Slack's own hosts (every hop of a
    redirect checked with ``is_slack_url``); every failure is a :class:`LoadFailed` saying
    what failed and what to do."""
    on_slack = is_slack_url or slack_file_url(client.base_url)
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
    if not on_slack(url):
        raise LoadFailed([_problem(name, "the file is not on Slack")])
    size = info.get("size")
    if isinstance(size, int) and size > MAX_DOWNLOAD:
        raise LoadFailed([_problem(name, "file is larger than 20 MB")])
    content = _get(name, url, str(client.token), on_slack)
    if len(content) > MAX_DOWNLOAD:
        raise LoadFailed([_problem(name, "file is larger than 20 MB")])
    return name, content


def _get(name: str, url: str, token: str, on_slack: Callable[[str], bool]) -> bytes:
    """The file's bytes, redirects followed only between Slack's hosts."""
    opener = urllib.request.build_opener(_NoRedirects)
    for _ in range(MAX_REDIRECTS + 1):
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
        try:
            with opener.open(request, timeout=30) as response:
                return bytes(response.read(MAX_DOWNLOAD + 1))
        except urllib.error.HTTPError as exc:
            target = exc.headers.get("Location") if exc.code in (301, 302, 303, 307, 308) else None
            if target is None:
                raise _host_error(name, exc) from None
            url = urljoin(url, target)
            if not on_slack(url):
                host = urlsplit(url).hostname or url
                raise LoadFailed(
                    [
                        _problem(
                            name,
                            f"Slack's file host redirected to {host}, which is not Slack's; "
                            "not followed (the bot token goes only to Slack): upload it again",
                        )
                    ]
                ) from None
        except (OSError, http.client.HTTPException) as exc:
            raise LoadFailed(
                [_problem(name, f"the file could not be downloaded from Slack ({exc}); try again")]
            ) from None
    raise LoadFailed(
        [_problem(name, f"Slack's file host redirected more than {MAX_REDIRECTS} times")]
    )


def _host_error(name: str, exc: urllib.error.HTTPError) -> LoadFailed:
    return LoadFailed(
        [
            _problem(
                name,
                f"Slack's file host answered {exc.code} {exc.reason}; the file may have "
                "been deleted: upload it again",
            )
        ]
    )


def _problem(where: str, message: str) -> Any:
    from cyberbrief.knowledge.records import Problem

    return Problem(where, None, message)
