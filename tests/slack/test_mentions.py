"""@-mentions and direct messages through the Bolt app: the card in the thread of the question,
and silence for the bot's own messages, other bots, edits and messages without text."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_bolt import App

from cyberbrief import app as bot
from cyberbrief.slack.services import Services
from cyberbrief.store.connection import Store
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock, mini_store
from tests.slack_app import bot_settings, signed
from tests.slack_requests import command_body

BOT_USER = "U0BOT"  # FakeSlack's auth.test
ICSPA = "International Cyber Security Protection Alliance"
_ids = itertools.count(1)


class Workspace:
    def __init__(self, app: App, slack: FakeSlack) -> None:
        self.app, self.slack = app, slack

    def event(self, event: dict[str, Any]) -> None:
        body = json.dumps(
            {
                "token": "x",
                "team_id": "T0FAKE",
                "api_app_id": "A0CYBER",
                "type": "event_callback",
                "event_id": f"Ev{next(_ids):04d}",
                "event_time": 1764000000,
                "event": event,
            }
        )
        response = self.app.dispatch(signed(body, "application/json"))
        assert response.status == 200, response.body

    def mention(self, text: str, **extra: Any) -> None:
        self.event(
            {
                "type": "app_mention",
                "user": "U0ASKER",
                "text": text,
                "ts": "1764000000.000100",
                "channel": "C0POLICY",
                "event_ts": "1764000000.000100",
                **extra,
            }
        )

    def dm(self, text: str, **extra: Any) -> None:
        self.event(
            {
                "type": "message",
                "channel_type": "im",
                "user": "U0ASKER",
                "text": text,
                "ts": "1764000000.000200",
                "channel": "D0ASKER",
                "event_ts": "1764000000.000200",
                **extra,
            }
        )

    def settle(self) -> None:
        """Wait for every listener started so far (Bolt runs them after the ack)."""
        self.app.listener_runner.listener_executor.shutdown(wait=True)  # type: ignore[attr-defined]

    def posts(self) -> list[dict[str, Any]]:
        return [c.body for c in self.slack.calls_to("chat.postMessage")]


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    clock = FakeClock(dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC))
    mini_store(tmp_path / "k.db", clock).close()
    services = Services.create(Store(tmp_path / "k.db"), clock)
    with FakeSlack() as slack:
        settings = bot_settings(slack)
        yield Workspace(bot.create_app(services, settings), slack)


def test_a_mention_in_a_channel_is_answered_in_a_thread_under_it(workspace: Workspace) -> None:
    workspace.mention(f"<@{BOT_USER}> who is ICSPA?")
    (post,) = workspace.slack.wait_for("chat.postMessage")
    assert post.body["channel"] == "C0POLICY"
    assert post.body["thread_ts"] == "1764000000.000100"
    assert not post.body.get("reply_broadcast")
    assert ICSPA in json.dumps(post.body["blocks"])
    # Already public: no "share in channel" button on it.
    assert "cyber_share" not in json.dumps(post.body["blocks"])


def test_a_mention_in_a_thread_is_answered_in_that_thread(workspace: Workspace) -> None:
    workspace.mention(f"so <@{BOT_USER}> who is ICSPA", thread_ts="1763999999.000001")
    (post,) = workspace.slack.wait_for("chat.postMessage")
    assert post.body["thread_ts"] == "1763999999.000001"
    assert ICSPA in json.dumps(post.body["blocks"])


def test_mentions_use_the_cyber_grammar(workspace: Workspace) -> None:
    workspace.mention(f"<@{BOT_USER}> help")
    workspace.mention(f"<@{BOT_USER}> subscribe at 07:30")
    workspace.mention(f"<@{BOT_USER}>")
    workspace.settle()
    texts = sorted(p["text"] + json.dumps(p.get("blocks", [])) for p in workspace.posts())
    hint, subscribe, help_ = texts
    assert hint.startswith("Ask me a question")
    assert subscribe.startswith(
        "`subscribe` works as a slash command: type `/cyber subscribe at 07:30`."
    )
    assert "quote" in help_ and "events" in help_


def test_a_direct_message_is_answered_in_its_conversation(workspace: Workspace) -> None:
    """The agent Messages tab: each question is a conversation (a thread under it)."""
    workspace.dm("who is ICSPA")
    workspace.dm("and ITU?", thread_ts="1763999999.000002")
    workspace.settle()
    threaded, top = sorted(workspace.posts(), key=lambda p: p["thread_ts"])
    assert top["channel"] == "D0ASKER" and top["thread_ts"] == "1764000000.000200"
    assert ICSPA in json.dumps(top["blocks"])
    assert threaded["thread_ts"] == "1763999999.000002"
    assert "International Telecommunication Union" in json.dumps(threaded["blocks"])


@pytest.mark.parametrize(
    "event",
    [
        {"user": BOT_USER},  # its own answer, echoed back to it
        {"bot_id": "B0OTHER", "user": "U0OTHERBOT"},
        {"subtype": "bot_message", "bot_id": "B0OTHER"},
        {"subtype": "message_changed"},
        {"edited": {"user": "U0ASKER", "ts": "1764000001.000000"}},
        {"text": ""},
    ],
)
def test_the_bot_stays_quiet(workspace: Workspace, event: dict[str, Any]) -> None:
    question = {"text": f"<@{BOT_USER}> who is ICSPA", **event}
    workspace.dm(**question)
    workspace.mention(**question)
    workspace.settle()
    assert workspace.posts() == []


def test_a_mention_in_the_bots_dm_is_answered_once(workspace: Workspace) -> None:
    workspace.dm(f"<@{BOT_USER}> who is ICSPA")
    workspace.mention(f"<@{BOT_USER}> who is ICSPA", channel="D0ASKER", ts="1764000000.000200")
    workspace.settle()
    assert len(workspace.posts()) == 1


def test_messages_in_channels_are_left_to_mentions(workspace: Workspace) -> None:
    workspace.dm("who is ICSPA", channel_type="channel", channel="C0POLICY")
    workspace.settle()
    assert workspace.posts() == []


def test_a_button_on_a_card_posted_for_everyone_answers_the_clicker_alone(
    workspace: Workspace,
) -> None:
    workspace.mention(f"<@{BOT_USER}> William Hague")
    (post,) = workspace.slack.wait_for("chat.postMessage")
    opens = [
        element
        for block in post.body["blocks"]
        if block.get("type") == "actions"
        for element in block["elements"]
        if element["action_id"].startswith("cyber_open")
    ]
    assert opens, "the card links related entries"
    payload = {
        "type": "block_actions",
        "team": {"id": "T0FAKE"},
        "user": {"id": "U0OTHER"},
        "api_app_id": "A0CYBER",
        "container": {"type": "message", "message_ts": "1764000000.000900", "is_ephemeral": False},
        "channel": {"id": "C0POLICY"},
        "trigger_id": "1.2.3",
        "response_url": workspace.slack.response_url("public"),
        "actions": [
            {
                "type": "button",
                "action_id": opens[0]["action_id"],
                "block_id": "b",
                "value": opens[0]["value"],
                "action_ts": "1.3",
            }
        ],
    }
    body = urlencode({"payload": json.dumps(payload)})
    response = workspace.app.dispatch(signed(body))
    assert response.status == 200
    (reply,) = workspace.slack.wait_for("response_url")
    assert reply.body["response_type"] == "ephemeral"
    assert reply.body["replace_original"] is False  # the thread's card stays as it is


def test_unclosed_mention_tokens_are_refused_without_holding_up_other_users(
    workspace: Workspace,
) -> None:
    """40,000 characters of ``<@U1|`` (no ``>``) used to take the mention pattern seconds per
    message, holding the interpreter: other users' ``/cyber`` acks passed Slack's 3 s. Several
    such messages are handled on Bolt's worker threads while someone else asks a question."""
    hostile = "<@U1|" * 8000
    started = threading.Event()

    def flood() -> None:
        started.set()
        for n in range(5):
            workspace.dm(hostile, ts=f"1764000000.00030{n}")

    sender = threading.Thread(target=flood)
    sender.start()
    started.wait()
    asked = time.monotonic()
    body = command_body("who is ICSPA", workspace.slack.response_url("q"), user="U0OTHER")
    response = workspace.app.dispatch(signed(body))
    acked_after = time.monotonic() - asked
    sender.join()
    workspace.settle()
    assert acked_after < 3.0, f"the /cyber ack took {acked_after:.1f} s, past Slack's 3 s"
    assert response.status == 200 and ICSPA in response.body
    replies = workspace.posts()
    assert len(replies) == 5
    assert all(r["text"].startswith("That is too long (40000 characters)") for r in replies)
