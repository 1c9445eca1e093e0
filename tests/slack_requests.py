"""Signed Slack requests, built the way Slack sends them, for tests over real HTTP."""

from __future__ import annotations

import json
import secrets
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

SECRET = "test-signing-secret"


def new_trigger() -> str:
    """A fresh ``trigger_id``: Slack's are unique per interaction (retries repeat theirs)."""
    return f"{time.time_ns()}.{secrets.token_hex(4)}.trigger"


def event_body(event: dict[str, Any], *, team: str = "T0FAKE", app: str = "A0APP") -> str:
    """An Events API ``event_callback`` around ``event``, with a fresh ``event_id`` (Slack's
    are unique per event; its retries repeat theirs)."""
    body = {
        "token": "x",
        "team_id": team,
        "api_app_id": app,
        "type": "event_callback",
        "event_id": f"Ev{secrets.token_hex(6)}",
        "event_time": 1764000000,
        "event": event,
    }
    return json.dumps(body)


def signed_headers(body: str, secret: str = SECRET, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature,
    }


def command_body(
    text: str,
    response_url: str,
    *,
    user: str = "U0USER",
    channel: str = "C0CHAN",
    command: str = "/cyber",
) -> str:
    return urlencode(
        {
            "token": "verification-token",
            "team_id": "T0FAKE",
            "team_domain": "fake",
            "channel_id": channel,
            "channel_name": "policy",
            "user_id": user,
            "user_name": "someone",
            "command": command,
            "text": text,
            "api_app_id": "A0APP",
            "response_url": response_url,
            "trigger_id": new_trigger(),
        }
    )


def action_body(
    action_id: str, value: str, response_url: str, *, user: str = "U0USER", channel: str = "C0CHAN"
) -> str:
    payload = {
        "type": "block_actions",
        "team": {"id": "T0FAKE", "domain": "fake"},
        "user": {"id": user, "team_id": "T0FAKE"},
        "api_app_id": "A0APP",
        "token": "verification-token",
        "container": {"type": "message", "message_ts": "1.1", "is_ephemeral": True},
        "trigger_id": new_trigger(),
        "channel": {"id": channel, "name": "policy"},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "b1",
                "value": value,
                "action_ts": "1.3",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)})


def shortcut_body(user: str, text: str, response_url: str, ts: str = "1764000000.000100") -> str:
    """The message shortcut ("Add to cyberbrief") used by ``user`` on a message saying
    ``text``, posted at ``ts`` in #policy."""
    payload = {
        "type": "message_action",
        "callback_id": "add_to_cyberbrief",
        "trigger_id": new_trigger(),
        "team": {"id": "T0FAKE", "domain": "fake"},
        "user": {"id": user, "team_id": "T0FAKE"},
        "channel": {"id": "C0POLICY", "name": "policy"},
        "message_ts": ts,
        "message": {"type": "message", "user": "U0POSTER", "text": text, "ts": ts},
        "response_url": response_url,
    }
    return urlencode({"payload": json.dumps(payload)})


def view_body(user: str, callback: str, values: Any, meta: Any = "{}") -> str:
    """A modal's ``view_submission`` as Slack posts it: what ``user`` entered (``values``, the
    view's state) in the modal ``callback``, with its ``private_metadata`` ``meta``."""
    payload = {
        "type": "view_submission",
        "team": {"id": "T0FAKE"},
        "user": {"id": user, "team_id": "T0FAKE"},
        "api_app_id": "A0APP",
        "token": "verification-token",
        "trigger_id": new_trigger(),
        "view": {
            "id": "V1",
            "type": "modal",
            "callback_id": callback,
            "private_metadata": meta,
            "state": {"values": values},
        },
    }
    return urlencode({"payload": json.dumps(payload)})


def post(
    url: str, body: str, headers: dict[str, str], timeout: float = 10.0
) -> tuple[int, dict[str, Any] | str]:
    """POST and return (status, JSON body or text), without raising on 4xx/5xx."""
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw = response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read().decode()
    try:
        return status, json.loads(raw) if raw else ""
    except ValueError:
        return status, raw


def buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every button in a block set, wherever it sits."""
    found = []
    for block in blocks:
        elements = block.get("elements", []) if block.get("type") == "actions" else []
        accessory = block.get("accessory")
        found.extend(e for e in [*elements, accessory] if e and e.get("type") == "button")
    return found
