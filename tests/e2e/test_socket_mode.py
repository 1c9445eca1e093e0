"""Socket Mode end to end: the real ``bot.py`` process against a loopback Socket Mode server
speaking Slack's protocol, and a loopback Web API.

One bot process serves the tests in order (start-up costs seconds on 2 cores): answers,
buttons, App Home, a refresh, a dropped connection, then Ctrl+C. The only timing asserted is
Slack's: a request acked within 3 s, and the connection back within 10 s of a drop, both
measured on the server's clock.
"""

from __future__ import annotations

import json
import signal
import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.bot_process import BotProcess
from tests.e2e.socket_server import SocketModeServer
from tests.fake_slack import FakeSlack
from tests.slack_requests import new_trigger

ACK_DEADLINE = 3.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


METRICS = _free_port()
"""CYBERBRIEF_METRICS_PORT of the bot under test."""
RECONNECT_DEADLINE = 10.0


class Harness:
    def __init__(self, bot: BotProcess, server: SocketModeServer, slack: FakeSlack) -> None:
        self.bot, self.server, self.slack = bot, server, slack

    def command(self, text: str, **link: Any) -> tuple[dict[str, Any], float]:
        """``/cyber TEXT``: the ack's payload and how long the ack took."""
        envelope = self.send_command(text, **link)
        ack = self.server.wait_ack(envelope)
        return ack.payload or {}, self.server.ack_delay(envelope)

    def send_command(self, text: str, **link: Any) -> str:
        return self.server.send(
            "slash_commands",
            {
                "token": "x",
                "team_id": "T0FAKE",
                "channel_id": "C0CHAN",
                "user_id": "U0USER",
                "command": "/cyber",
                "text": text,
                "response_url": self.slack.response_url("cmd"),
                "trigger_id": new_trigger(),
                "api_app_id": "A0CYBER",
            },
            **link,
        )


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    db = tmp_path_factory.mktemp("socket") / "cyberbrief.db"
    with FakeSlack() as slack, SocketModeServer() as server:
        slack.on("apps.connections.open", server.connections_open)
        bot = BotProcess(
            db, slack.api_url, CYBERBRIEF_ADMINS="U0ADMIN", CYBERBRIEF_METRICS_PORT=str(METRICS)
        )
        try:
            bot.wait_line("connected to Slack", timeout=60)
            server.wait_link(1)
            yield Harness(bot, server, slack)
        finally:
            bot.kill()


def button_values(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {
        element["action_id"]: element.get("value", "")
        for block in blocks
        if block.get("type") == "actions"
        for element in block.get("elements", [])
    }


def test_a_command_is_answered_in_its_ack(harness: Harness) -> None:
    payload, delay = harness.command("who is ICSPA")
    assert delay < ACK_DEADLINE
    assert payload["response_type"] == "ephemeral"
    text = json.dumps(payload["blocks"])
    assert "International Cyber Security Protection Alliance" in text
    # The start-up check used the bot token, then the app token.
    assert harness.slack.calls_to("auth.test")[0].headers["Authorization"] == "Bearer xoxb-test"
    opened = harness.slack.calls_to("apps.connections.open")
    assert opened and opened[0].headers["Authorization"] == "Bearer xapp-test"


def test_the_share_button_posts_the_card_in_the_channel(harness: Harness) -> None:
    payload, _ = harness.command("who is ICSPA")
    buttons = button_values(payload["blocks"])
    action = "cyber_share"
    before = len(harness.slack.calls_to("response_url"))
    envelope = harness.server.send(
        "interactive",
        {
            "type": "block_actions",
            "team": {"id": "T0FAKE"},
            "user": {"id": "U0USER"},
            "channel": {"id": "C0CHAN"},
            "api_app_id": "A0CYBER",
            "trigger_id": new_trigger(),
            "response_url": harness.slack.response_url("button"),
            "container": {"type": "message", "is_ephemeral": True},
            "actions": [
                {"action_id": action, "block_id": "b", "value": buttons[action], "type": "button"}
            ],
        },
    )
    assert harness.server.ack_delay(envelope) < ACK_DEADLINE
    posts = [c.body for c in harness.slack.wait_for("response_url", before + 2)[before:]]
    shared = [p for p in posts if p.get("response_type") == "in_channel"]
    assert shared and "International Cyber Security Protection Alliance" in json.dumps(shared)
    assert "Shared by <@U0USER>" in json.dumps(shared)
    assert {"text": "", "delete_original": True} in posts  # the ephemeral card goes


def test_feedback_buttons_count_one_vote_per_person(harness: Harness) -> None:
    payload, _ = harness.command("who is ICSPA")
    feedback = payload["blocks"][-1]
    assert feedback["type"] == "context_actions"
    helpful = feedback["elements"][0]["positive_button"]["value"]

    def press(value: str) -> str:
        name = new_trigger()
        envelope = harness.server.send(
            "interactive",
            {
                "type": "block_actions",
                "team": {"id": "T0FAKE"},
                "user": {"id": "U0USER"},
                "channel": {"id": "C0CHAN"},
                "api_app_id": "A0CYBER",
                "trigger_id": new_trigger(),
                "response_url": harness.slack.response_url(name),
                "container": {"type": "message", "is_ephemeral": True},
                "actions": [
                    {
                        "type": "feedback_buttons",
                        "action_id": "cyber_feedback",
                        "block_id": "cyber_feedback",
                        "value": value,
                    }
                ],
            },
        )
        assert harness.server.ack_delay(envelope) < ACK_DEADLINE
        return str(harness.slack.wait_for_response(name).body["text"])

    assert press(helpful) == "Thanks, glad it helped."
    assert press(helpful) == "You already voted that way on this answer; it counts once."
    assert "no longer on record" in press("+12345")


def test_metrics_are_served_on_the_metrics_port(harness: Harness) -> None:
    from prometheus_client.parser import text_string_to_metric_families

    harness.command("who is ITU")
    with urllib.request.urlopen(f"http://127.0.0.1:{METRICS}/metrics", timeout=5) as response:
        families = {f.name: f for f in text_string_to_metric_families(response.read().decode())}
    asked = {
        tuple(sorted(s.labels.items())): s.value
        for s in families["cyberbrief_questions"].samples
        if s.name == "cyberbrief_questions_total"
    }
    assert asked[(("outcome", "answered"), ("surface", "command"))] >= 1
    with urllib.request.urlopen(f"http://127.0.0.1:{METRICS}/healthz", timeout=5) as response:
        assert response.read().strip() == b"ok"


def test_a_mention_in_a_thread_is_answered_in_that_thread(harness: Harness) -> None:
    before = len(harness.slack.calls_to("chat.postMessage"))
    envelope = harness.server.send(
        "events_api",
        {
            "type": "event_callback",
            "team_id": "T0FAKE",
            "api_app_id": "A0CYBER",
            "event": {
                "type": "app_mention",
                "user": "U0USER",
                "text": "<@U0BOT> who is ICSPA?",
                "ts": "1764000000.000300",
                "thread_ts": "1764000000.000100",
                "channel": "C0CHAN",
                "event_ts": "1764000000.000300",
            },
            "event_id": "Ev0MENTION",
            "event_time": 1764000000,
        },
    )
    assert harness.server.ack_delay(envelope) < ACK_DEADLINE
    post = harness.slack.wait_for("chat.postMessage", before + 1)[before].body
    assert (post["channel"], post["thread_ts"]) == ("C0CHAN", "1764000000.000100")
    assert "International Cyber Security Protection Alliance" in json.dumps(post["blocks"])


def test_a_direct_message_is_answered_in_the_conversation(harness: Harness) -> None:
    before = len(harness.slack.calls_to("chat.postMessage"))
    envelope = harness.server.send(
        "events_api",
        {
            "type": "event_callback",
            "team_id": "T0FAKE",
            "api_app_id": "A0CYBER",
            "event": {
                "type": "message",
                "channel_type": "im",
                "user": "U0USER",
                "text": "quote Hague",
                "ts": "1764000000.000400",
                "channel": "D0USER",
                "event_ts": "1764000000.000400",
            },
            "event_id": "Ev0DM",
            "event_time": 1764000000,
        },
    )
    assert harness.server.ack_delay(envelope) < ACK_DEADLINE
    post = harness.slack.wait_for("chat.postMessage", before + 1)[before].body
    assert (post["channel"], post["thread_ts"]) == ("D0USER", "1764000000.000400")
    assert "Hague" in json.dumps(post["blocks"])


def test_the_message_shortcut_queues_drafts_for_an_admin(harness: Harness) -> None:
    text = (
        "The conference agreed that \u201cstates must protect critical infrastructure\u201d, "
        "said Foreign Secretary William Hague at the London Conference on Cyberspace."
    )
    before = len(harness.slack.calls_to("response_url"))
    envelope = harness.server.send(
        "interactive",
        {
            "type": "message_action",
            "callback_id": "add_to_cyberbrief",
            "trigger_id": "1.2.3",
            "team": {"id": "T0FAKE"},
            "user": {"id": "U0ADMIN"},
            "channel": {"id": "C0CHAN"},
            "message_ts": "1764000000.000500",
            "message": {
                "type": "message",
                "user": "U0USER",
                "text": text,
                "ts": "1764000000.000500",
            },
            "response_url": harness.slack.response_url("shortcut"),
        },
    )
    assert harness.server.ack_delay(envelope) < ACK_DEADLINE
    replies: list[str] = []
    for call in harness.slack.wait_for("response_url", before + 2, timeout=30)[before:]:
        assert call.path.endswith("/shortcut")
        replies.append(call.body["text"])
    assert replies[0] == "Drafting from that message …"
    assert "waiting for review" in replies[-1] and "/cyber admin review" in replies[-1]


def test_app_home_is_published_when_opened(harness: Harness) -> None:
    envelope = harness.server.send(
        "events_api",
        {
            "type": "event_callback",
            "team_id": "T0FAKE",
            "api_app_id": "A0CYBER",
            "event": {"type": "app_home_opened", "user": "U0USER", "tab": "home"},
            "event_id": "Ev0HOME",
            "event_time": 1700000000,
        },
    )
    assert harness.server.ack_delay(envelope) < ACK_DEADLINE
    published = harness.slack.wait_for("views.publish")
    assert published[-1].body["user_id"] == "U0USER"
    assert "cyberbrief" in json.dumps(published[-1].body)


def _event(harness: Harness, event: dict[str, Any], event_id: str) -> None:
    envelope = harness.server.send(
        "events_api",
        {
            "type": "event_callback",
            "team_id": "T0FAKE",
            "api_app_id": "A0APP",  # the app id the fake Slack puts on the bot's messages
            "event": event,
            "event_id": event_id,
            "event_time": 1764000000,
        },
    )
    assert harness.server.ack_delay(envelope) < ACK_DEADLINE


def test_the_messages_tab_prompts_and_a_follow_up_in_its_thread(harness: Harness) -> None:
    opened = {"type": "app_home_opened", "user": "U0USER", "channel": "D0USER", "tab": "messages"}
    _event(harness, opened, "Ev0TAB")
    (prompts, *_) = harness.slack.wait_for("assistant.threads.setSuggestedPrompts")
    assert prompts.body["channel_id"] == "D0USER" and prompts.body["prompts"]
    before = len(harness.slack.calls_to("chat.postMessage"))
    dm = {"type": "message", "channel_type": "im", "user": "U0USER", "channel": "D0USER"}
    root = "1764000001.000100"
    _event(harness, dm | {"text": "William Hague", "ts": root, "event_ts": root}, "Ev0Q1")
    harness.slack.wait_for("chat.postMessage", before + 1)
    follow = {"text": "what did he say?", "ts": "1764000001.000200", "thread_ts": root}
    _event(harness, dm | follow | {"event_ts": follow["ts"]}, "Ev0Q2")
    post = harness.slack.wait_for("chat.postMessage", before + 2)[before + 1].body
    assert post["thread_ts"] == root and post["text"].startswith("Quotes: William Hague")


def test_a_workflow_step_without_its_input_fails_clearly(harness: Harness) -> None:
    step = {
        "type": "function_executed",
        "function": {"id": "Fn1", "callback_id": "ask_cyberbrief", "app_id": "A0APP"},
        "inputs": {},
        "function_execution_id": "Fx0SOCKET",
        "workflow_execution_id": "Wx1",
        "event_ts": "1764000001.000300",
        "bot_access_token": "xwfp-step",
    }
    _event(harness, step, "Ev0STEP")
    (failed, *_) = harness.slack.wait_for("functions.completeError")
    assert failed.body["function_execution_id"] == "Fx0SOCKET"
    assert "needs a question" in failed.body["error"]


def test_refresh_requested_moves_to_a_new_connection_without_a_late_ack(
    harness: Harness,
) -> None:
    for _ in range(3):
        before = len(harness.server.links)
        old = harness.server.open_links()[-1]
        # A command that arrived just before Slack asked for the refresh: its ack must still
        # reach Slack in time, though the bot is replacing the connection meanwhile.
        in_flight = harness.send_command("who is ICSPA", link=old)
        harness.server.refresh(old)
        new = harness.server.wait_link(before + 1)
        assert harness.server.ack_delay(in_flight) < ACK_DEADLINE
        # Slack has a connection to deliver to in time, and what it sends there is acked.
        assert old.refreshed_at is not None and new.opened_at - old.refreshed_at < ACK_DEADLINE
        payload, delay = harness.command("who is ICSPA", link=new)
        assert delay < ACK_DEADLINE, f"acked {delay:.2f} s after sending"
        assert "International Cyber Security Protection Alliance" in json.dumps(payload)
        harness.server.wait_closed(old)  # the bot let the old connection go
    assert len(harness.server.open_links()) == 1


def test_a_dropped_connection_is_back_within_10_seconds(harness: Harness) -> None:
    before = len(harness.server.links)
    dropped = harness.server.drop()
    lost_at = harness.server.wait_closed(dropped)
    new = harness.server.wait_link(before + 1, timeout=60)
    assert new.opened_at - lost_at < RECONNECT_DEADLINE
    payload, delay = harness.command("who is ICSPA", link=new)
    assert delay < ACK_DEADLINE
    assert "International Cyber Security Protection Alliance" in json.dumps(payload)


def test_ctrl_c_stops_cleanly(harness: Harness) -> None:
    code = harness.bot.stop(signal.SIGINT)
    assert code == 0, harness.bot.stderr
    assert "Traceback" not in harness.bot.stderr
    assert "KeyboardInterrupt" not in harness.bot.stderr
    assert "stopped (SIGINT)" in harness.bot.stderr
    # The bot closed its WebSocket on the way out (Slack stops sending to it at once).
    harness.server.wait_closed(harness.server.links[-1], timeout=10)


# -- start-up failures: separate short-lived processes ------------------------------------


def test_connected_is_said_only_after_slacks_hello(tmp_path: Path) -> None:
    with SocketModeServer() as server, FakeSlack() as slack:
        slack.on("apps.connections.open", server.connections_open)
        server.hello.clear()  # Slack accepts the connection but says nothing yet
        bot = BotProcess(tmp_path / "h.db", slack.api_url)
        try:
            server.wait_link(1)
            said_early = [line for line in bot.lines if "connected to Slack" in line]
            server.hello.set()
            assert not said_early, bot.stderr
            bot.wait_line("connected to Slack (Socket Mode)")
        finally:
            server.hello.set()
            bot.kill()


def test_a_refused_bot_token_exits_2_naming_the_variable(tmp_path: Path) -> None:
    with FakeSlack() as slack:
        slack.error("auth.test", "invalid_auth")
        bot = BotProcess(tmp_path / "c.db", slack.api_url)
        code = bot.finish()
    assert code == 2
    assert bot.lines == [bot.lines[-1]], bot.stderr  # one line
    assert "SLACK_BOT_TOKEN" in bot.lines[-1] and "invalid_auth" in bot.lines[-1]
    assert "Install App" in bot.lines[-1]
    assert not slack.calls_to("apps.connections.open")


def test_a_refused_app_token_exits_2_naming_the_variable(tmp_path: Path) -> None:
    with FakeSlack() as slack:
        slack.error("apps.connections.open", "invalid_auth")
        bot = BotProcess(tmp_path / "c.db", slack.api_url)
        code = bot.finish()
    assert code == 2
    assert len(bot.lines) == 1, bot.stderr
    assert "SLACK_APP_TOKEN" in bot.lines[0] and "connections:write" in bot.lines[0]


def test_slack_unreachable_at_start_retries_and_sigterm_stops_it(tmp_path: Path) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    bot = BotProcess(tmp_path / "c.db", f"http://127.0.0.1:{port}/api/")
    try:
        bot.wait_line("Slack is unreachable")
        bot.wait_line("retrying in 2 s")  # backing off
        code = bot.stop(signal.SIGTERM)
    finally:
        bot.kill()
    assert code == 0, bot.stderr
    assert "Traceback" not in bot.stderr
    assert "stopped (SIGTERM) before connecting" in bot.stderr
