"""A conversation over real HTTP into ``bot.py serve`` (signed requests as Slack sends them,
the loopback fake of Slack's Web API answering): a three-turn thread whose last turn is
answered by a restarted process, the agent Messages tab's prompts, a status line and a
title, and a Workflow Builder step."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from tests.e2e.test_http_events import send_event
from tests.fake_slack import Call, FakeSlack
from tests.helpers import mini_store
from tests.serving import Server, serving

ROOT = "1764000000.000100"
LONDON = "London Conference on Cyberspace"


def _calls(slack: FakeSlack, method: str, count: int) -> list[Call]:
    return slack.wait_for(method, count, timeout=20)


def _mention(server: Server, text: str, ts: str, event_id: str, thread: bool = True) -> None:
    event: dict[str, Any] = {
        "type": "app_mention",
        "user": "U0ASKER",
        "text": f"<@U0BOT> {text}",
        "ts": ts,
        "channel": "C0POLICY",
        "event_ts": ts,
    }
    if thread:
        event["thread_ts"] = ROOT
    server.slack.add_message("C0POLICY", ts, event["text"], thread_ts=event.get("thread_ts"))
    assert send_event(server, event, event_id) == 200


def test_a_three_turn_thread_survives_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    mini_store(db).close()
    with FakeSlack() as slack:
        with serving(db, slack) as first:
            _mention(first, LONDON, ROOT, "EvT1", thread=False)
            _calls(slack, "chat.postMessage", 1)
            _mention(first, "and when was that?", "1764000000.000200", "EvT2")
            second = _calls(slack, "chat.postMessage", 2)[1].body
        with serving(db, slack) as restarted:  # nothing carried over but Slack's thread
            _mention(restarted, "who else spoke there?", "1764000000.000300", "EvT3")
            third = _calls(slack, "chat.postMessage", 3)[2].body
    assert second["thread_ts"] == third["thread_ts"] == ROOT
    assert "2011-11-01" in json.dumps(second["blocks"])
    assert f"At {LONDON}" in json.dumps(third["blocks"])
    metadata = (
        json.loads(third["metadata"]) if isinstance(third["metadata"], str) else third["metadata"]
    )
    assert metadata["event_payload"]["entities"][0]["label"] == LONDON
    assert all(c.body["ts"] == ROOT for c in slack.calls_to("conversations.replies"))


def test_the_messages_tab_and_a_workflow_step(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    mini_store(db).close()
    with FakeSlack() as slack, serving(db, slack) as server:
        opened = {"type": "app_home_opened", "user": "U0ASKER", "channel": "D0ASKER"}
        assert send_event(server, opened | {"tab": "messages", "event_ts": "1.1"}, "EvM1") == 200
        (prompts,) = _calls(slack, "assistant.threads.setSuggestedPrompts", 1)
        assert prompts.body["channel_id"] == "D0ASKER"
        assert prompts.body["prompts"][0]["message"] == "when is Future Cyber Summit"
        question = {"type": "message", "channel_type": "im", "user": "U0ASKER"}
        question |= {"channel": "D0ASKER", "text": "who is ICSPA", "ts": "1764000000.000500"}
        assert send_event(server, question | {"event_ts": question["ts"]}, "EvM2") == 200
        (answer,) = _calls(slack, "chat.postMessage", 1)
        assert answer.body["thread_ts"] == "1764000000.000500"
        (title,) = slack.calls_to("assistant.threads.setTitle")
        assert title.body["title"] == "who is ICSPA"
        (status,) = slack.calls_to("assistant.threads.setStatus")
        assert status.at < answer.at
        step = {
            "type": "function_executed",
            "function": {"id": "Fn1", "callback_id": "ask_cyberbrief", "app_id": "A0APP"},
            "inputs": {"question": "who is ICSPA"},
            "function_execution_id": "Fx1",
            "workflow_execution_id": "Wx1",
            "event_ts": "1764000000.000600",
            "bot_access_token": "xwfp-step",
        }
        assert send_event(server, step, "EvW1") == 200
        (done,) = _calls(slack, "functions.completeSuccess", 1)
        assert done.body["function_execution_id"] == "Fx1"
        assert json.loads(done.body["outputs"])["answered"] is True
        time.sleep(0.2)
        assert slack.calls_to("functions.completeError") == []
