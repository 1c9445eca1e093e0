"""Where people talk, over real HTTP into ``bot.py serve``: @mentions in channels and
threads, direct messages (Slack's retries answered once) and the message shortcut, each a
signed request as Slack sends it, answered through the loopback fake of Slack's Web API."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.fake_slack import Call
from tests.serving import Server, serving_mini_store
from tests.slack_requests import post, shortcut_body, signed_headers

ADMIN = "U0ADMIN"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serving_mini_store(tmp_path_factory.mktemp("events"), {"CYBERBRIEF_ADMINS": ADMIN}) as s:
        yield s


def send_event(server: Server, event: dict[str, Any], event_id: str, retry: int = 0) -> int:
    body = json.dumps(
        {
            "token": "x",
            "team_id": "T0FAKE",
            "api_app_id": "A0APP",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": event,
        }
    )
    headers = {**signed_headers(body), "Content-Type": "application/json"}
    if retry:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    status, _ = post(server.events, body, headers)
    return status


def posts_in(server: Server, channel: str, count: int = 1) -> list[Call]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = [
            c for c in server.slack.calls_to("chat.postMessage") if c.body["channel"] == channel
        ]
        if len(found) >= count:
            return found
        time.sleep(0.02)
    raise AssertionError(f"fewer than {count} posts in {channel}")


def test_a_mention_is_answered_in_a_thread_under_it(server: Server) -> None:
    event = {
        "type": "app_mention",
        "user": "U0ASKER",
        "text": "<@U0BOT> who is ICSPA?",
        "ts": "1764000000.000100",
        "channel": "C0MENTION",
        "event_ts": "1764000000.000100",
    }
    assert send_event(server, event, "Ev0MENTION1") == 200
    [reply] = posts_in(server, "C0MENTION")
    assert reply.body["thread_ts"] == "1764000000.000100", "in the thread, not the channel"
    assert "International Cyber Security Protection Alliance" in json.dumps(reply.body)


def test_a_direct_message_is_answered_once_even_when_slack_retries(server: Server) -> None:
    event = {
        "type": "message",
        "channel_type": "im",
        "user": "U0ASKER",
        "text": "quote Hague",
        "ts": "1764000000.000200",
        "channel": "D0ASKER",
        "event_ts": "1764000000.000200",
    }
    assert send_event(server, event, "Ev0DM1") == 200
    assert send_event(server, event, "Ev0DM1", retry=1) == 200  # Slack thought we were slow
    [reply] = posts_in(server, "D0ASKER")
    assert "generations to come" in json.dumps(reply.body)
    time.sleep(0.5)  # a second answer would have been posted by now
    assert len(posts_in(server, "D0ASKER")) == 1


def test_the_bot_does_not_answer_its_own_messages(server: Server) -> None:
    event = {
        "type": "message",
        "channel_type": "im",
        "user": "U0BOT",
        "bot_id": "B0BOT",
        "text": "who is ICSPA",
        "ts": "1764000000.000300",
        "channel": "D0SELF",
        "event_ts": "1764000000.000300",
    }
    assert send_event(server, event, "Ev0SELF1") == 200
    time.sleep(0.5)
    assert not [
        c for c in server.slack.calls_to("chat.postMessage") if c.body["channel"] == "D0SELF"
    ]


def shortcut(server: Server, user: str, text: str, name: str, replies: int = 1) -> Call:
    body = shortcut_body(user, text, server.slack.response_url(name), "1764000000.000400")
    status, _ = post(server.events, body, signed_headers(body))
    assert status == 200
    return server.responses(name, count=replies)[-1]


def test_the_message_shortcut_queues_drafts_for_an_admin_only(server: Server) -> None:
    message = (
        '"We must agree rules of the road for cyberspace," said Foreign Secretary William Hague.'
    )
    refused = shortcut(server, "U0OTHER", message, "shortcut-other")
    assert "admin" in json.dumps(refused.body).lower()
    queued = shortcut(server, ADMIN, message, "shortcut-admin", replies=2)  # drafting…, done
    assert "review" in json.dumps(queued.body).lower(), queued.body
    status, review = server.command("admin review", user=ADMIN)
    assert status == 200
    assert "rules of the road" in json.dumps(review)
