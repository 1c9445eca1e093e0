"""Workflow Builder steps: ``function_executed`` events through the Bolt app, answered with
``functions.completeSuccess`` or ``functions.completeError`` on the fake Slack; a briefing
goes through the digest ledger, so a workflow and the scheduler never post it twice."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cyberbrief import app as bot
from cyberbrief.digests import subscriptions
from cyberbrief.digests.delivery import deliver
from cyberbrief.slack.digest_client import digest_client
from cyberbrief.slack.services import Services
from cyberbrief.slack.views.digest import message
from cyberbrief.store.connection import Store
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock, mini_store
from tests.slack_app import bot_settings, signed
from tests.slack_requests import event_body

NOW = dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC)
_ids = itertools.count(1)


class Workflows:
    def __init__(self, db: Path, slack: FakeSlack) -> None:
        self.slack, self.db = slack, db
        self.services = Services.create(Store(db), FakeClock(NOW))
        self.app = bot.create_app(self.services, bot_settings(slack))

    def run(self, callback_id: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """Run a step as Slack does; the completion call it made and its body."""
        execution = f"Fx{next(_ids):04d}"
        event = {
            "type": "function_executed",
            "function": {
                "id": f"Fn{callback_id.upper()[:6]}",
                "callback_id": callback_id,
                "title": callback_id,
                "type": "app",
                "app_id": "A0APP",
            },
            "inputs": inputs,
            "function_execution_id": execution,
            "workflow_execution_id": "Wx0001",
            "event_ts": "1764000000.000100",
            "bot_access_token": "xwfp-workflow-token",
        }
        response = self.app.dispatch(signed(event_body(event), "application/json"))
        assert response.status == 200, response.body
        deadline = time.monotonic() + 20  # the step runs after the ack
        while time.monotonic() < deadline:
            for method in ("functions.completeSuccess", "functions.completeError"):
                for call in self.slack.calls_to(method):
                    if call.body.get("function_execution_id") == execution:
                        return method, call.body
            time.sleep(0.01)
        raise AssertionError(f"{callback_id} never completed")


@pytest.fixture
def workflows(tmp_path: Path) -> Iterator[Workflows]:
    mini_store(tmp_path / "k.db", FakeClock(NOW)).close()
    with FakeSlack() as slack:
        yield Workflows(tmp_path / "k.db", slack)


def test_ask_cyberbrief_completes_with_the_answer_and_its_sources(workflows: Workflows) -> None:
    method, body = workflows.run("ask_cyberbrief", {"question": "who is ICSPA"})
    assert method == "functions.completeSuccess"
    outputs = json.loads(body["outputs"])
    assert outputs["answered"] is True
    assert outputs["answer"].startswith("International Cyber Security Protection Alliance")
    sources = outputs["sources"].splitlines()
    assert sources and all("http" in line for line in sources if "background" not in line)
    assert "[1]" in outputs["answer"]


def test_a_question_the_store_cannot_answer_is_not_answered(workflows: Workflows) -> None:
    method, body = workflows.run("ask_cyberbrief", {"question": "who is Zorblax Quuxley"})
    assert method == "functions.completeSuccess"
    assert json.loads(body["outputs"])["answered"] is False


@pytest.mark.parametrize(
    ("inputs", "said"),
    [
        ({}, "Ask cyberbrief needs a question"),
        ({"question": "   "}, "Ask cyberbrief needs a question"),
        ({"question": "x" * 5000}, "keep it under"),
    ],
)
def test_a_bad_question_fails_the_step_with_a_clear_error(
    workflows: Workflows, inputs: dict[str, Any], said: str
) -> None:
    method, body = workflows.run("ask_cyberbrief", inputs)
    assert method == "functions.completeError" and said in body["error"]


def test_post_a_briefing_posts_the_digest_once_a_day(workflows: Workflows) -> None:
    method, body = workflows.run("post_briefing", {"channel": "C0BRIEF", "topics": ""})
    assert method == "functions.completeSuccess", body
    outputs = json.loads(body["outputs"])
    assert outputs["posted"] is True and outputs["day"] == "2026-11-24"
    (post,) = workflows.slack.calls_to("chat.postMessage")
    assert post.body["channel"] == "C0BRIEF"
    assert post.headers["Authorization"] == "Bearer xwfp-workflow-token"
    assert outputs["message_ts"] == workflows.slack.messages("C0BRIEF")[0].ts
    # The workflow runs again: the ledger has the day, nothing more is posted.
    method, body = workflows.run("post_briefing", {"channel": "C0BRIEF"})
    assert method == "functions.completeSuccess"
    assert json.loads(body["outputs"]) == {**outputs, "posted": False}
    # And the scheduler, when the channel's time comes, finds it delivered too.
    with Store(workflows.db).write() as db:
        sub = subscriptions.save(db, subscriptions.Subscription("C0BRIEF"), lambda: NOW)
    db = Store(workflows.db).connect()
    client = digest_client("xoxb-test", workflows.slack.api_url)
    outcome = deliver(
        db, client, sub, NOW.date(), clock=lambda: NOW, sleep=lambda _: None, render=message
    )
    assert outcome.status == "already"
    assert len(workflows.slack.calls_to("chat.postMessage")) == 1


def test_a_briefing_after_the_scheduler_posted_is_not_posted_again(workflows: Workflows) -> None:
    with Store(workflows.db).write() as db:
        sub = subscriptions.save(
            db, subscriptions.Subscription("C0BRIEF", topics=("conferences",)), lambda: NOW
        )
    db = Store(workflows.db).connect()
    client = digest_client("xoxb-test", workflows.slack.api_url)
    first = deliver(
        db,
        client,
        sub,
        NOW.date(),
        clock=lambda: NOW,
        sleep=lambda _: None,
        render=message,
        attach_calendar=False,
    )
    assert first.status in ("posted", "empty")
    method, body = workflows.run("post_briefing", {"channel": "C0BRIEF", "topics": "ransomware"})
    assert method == "functions.completeSuccess"
    assert json.loads(body["outputs"])["posted"] is False
    assert len(workflows.slack.calls_to("chat.postMessage")) == (first.status == "posted")


@pytest.mark.parametrize(
    ("inputs", "refusal", "said"),
    [
        ({"channel": "not a channel"}, None, "needs a channel; 'not a channel' is not one"),
        ({}, None, "needs a channel; 'none' is not one"),
        ({"channel": "C0GONE"}, "not_in_channel", "invite @cyberbrief"),
        ({"channel": "C0FLAKY"}, "internal_error", "Slack did not take the briefing"),
    ],
)
def test_a_briefing_that_cannot_be_posted_fails_the_step_clearly(
    workflows: Workflows, inputs: dict[str, Any], refusal: str | None, said: str
) -> None:
    if refusal:
        workflows.slack.error("chat.postMessage", refusal, times=2)
    method, body = workflows.run("post_briefing", inputs)
    assert method == "functions.completeError"
    assert said in body["error"]
