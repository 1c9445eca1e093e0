"""The agent Messages tab through the Bolt app and the fake Slack: suggested prompts built from
the store when the tab opens (leaning to the viewed channel's digest topics), a status line and
a title while a question is answered, and nothing lost when Slack refuses those calls."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cyberbrief import app as bot
from cyberbrief.digests import subscriptions
from cyberbrief.knowledge.seed import open_store
from cyberbrief.slack.services import Services
from cyberbrief.slack.views.prompts import DEFAULT_PROMPTS, suggested_prompts
from cyberbrief.store.connection import Store
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock, mini_store
from tests.slack_app import bot_settings, signed
from tests.slack_requests import event_body

NOW = dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC)
DM = "D0ASKER"


class Tab:
    def __init__(self, db: Path, slack: FakeSlack) -> None:
        clock = FakeClock(NOW)
        self.slack = slack
        self.app = bot.create_app(Services.create(Store(db), clock), bot_settings(slack))

    def event(self, event: dict[str, Any]) -> None:
        response = self.app.dispatch(signed(event_body(event), "application/json"))
        assert response.status == 200, response.body

    def open_messages(self, viewing: str | None = None) -> list[dict[str, str]]:
        before = len(self.slack.calls_to("assistant.threads.setSuggestedPrompts"))
        event: dict[str, Any] = {"type": "app_home_opened", "user": "U0ASKER", "channel": DM}
        event |= {"tab": "messages", "event_ts": "1764000000.000001"}
        if viewing:
            event["context"] = {"entities": [{"type": "slack#/types/channel_id", "value": viewing}]}
        self.event(event)
        call = self.slack.wait_for("assistant.threads.setSuggestedPrompts", before + 1)[before]
        assert call.body["channel_id"] == DM
        prompts: list[dict[str, str]] = call.body["prompts"]
        return prompts


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def db(tmp_path: Path) -> Path:
    store = mini_store(tmp_path / "k.db", FakeClock(NOW))
    store["events"].insert(
        {"name": "Ransomware Forum", "starts": "2031-02-01", "topics": '["ransomware"]'}
    )
    store.conn.commit()
    store.close()
    return tmp_path / "k.db"


def test_opening_the_messages_tab_sets_prompts_from_the_store(db: Path, slack: FakeSlack) -> None:
    prompts = Tab(db, slack).open_messages()
    assert prompts[0] == {
        "title": "When is Future Cyber Summit?",
        "message": "when is Future Cyber Summit",
    }
    assert 1 < len(prompts) <= 4
    assert slack.calls_to("views.publish") == []  # the Home tab is not published for it


def test_prompts_lean_to_the_topics_of_the_channel_the_user_views(
    db: Path, slack: FakeSlack
) -> None:
    with Store(db).write() as store:
        subscriptions.save(
            store, subscriptions.Subscription("C0RANSOM", topics=("ransomware",)), lambda: NOW
        )
    tab = Tab(db, slack)
    assert tab.open_messages(viewing="C0RANSOM")[0]["message"] == "when is Ransomware Forum"
    # The user moves to a channel without topics: the prompts follow.
    tab.event(
        {
            "type": "app_context_changed",
            "user": "U0ASKER",
            "channel": DM,
            "context": {"entities": [{"type": "slack#/types/channel_id", "value": "C0OTHER"}]},
            "event_ts": "1764000000.000002",
        }
    )
    (_, moved) = slack.wait_for("assistant.threads.setSuggestedPrompts", 2)
    assert moved.body["prompts"][0]["message"] == "when is Future Cyber Summit"


def test_an_empty_store_offers_the_default_prompts(tmp_path: Path) -> None:
    db = open_store(tmp_path / "empty.db", seed=False)
    assert suggested_prompts(db, NOW) == DEFAULT_PROMPTS


def test_the_default_prompts_are_the_manifests() -> None:
    import yaml

    manifest = yaml.safe_load((Path(__file__).parents[2] / "manifest.yaml").read_text())
    assert manifest["features"]["agent_view"]["suggested_prompts"] == DEFAULT_PROMPTS


def test_a_refused_prompt_call_leaves_the_tab_working(db: Path, slack: FakeSlack) -> None:
    slack.error("assistant.threads.setSuggestedPrompts", "missing_scope")
    tab = Tab(db, slack)
    tab.open_messages()  # refused: logged, nothing posted
    tab.event(
        {"type": "message", "channel_type": "im", "user": "U0ASKER", "text": "who is ICSPA"}
        | {"ts": "1764000000.000300", "channel": DM, "event_ts": "1764000000.000300"}
    )
    (post,) = slack.wait_for("chat.postMessage")
    assert "International Cyber Security Protection Alliance" in json.dumps(post.body["blocks"])


def test_a_question_gets_a_title_and_a_status_while_it_is_answered(
    db: Path, slack: FakeSlack
) -> None:
    slack.error("assistant.threads.setStatus", "ratelimited")  # a refusal never loses the answer
    tab = Tab(db, slack)
    question = {"type": "message", "channel_type": "im", "user": "U0ASKER", "channel": DM}
    tab.event(question | {"text": "William Hague", "ts": "1764000000.000400"})
    slack.wait_for("chat.postMessage")
    tab.event(
        question
        | {"text": "what did he say?", "ts": "1764000000.000500", "thread_ts": "1764000000.000400"}
    )
    first, follow_up = (c.body for c in slack.wait_for("chat.postMessage", 2))
    assert first["thread_ts"] == follow_up["thread_ts"] == "1764000000.000400"
    assert "Quotes: William Hague" in follow_up["text"]
    (title,) = slack.calls_to("assistant.threads.setTitle")  # the first question only
    assert (title.body["thread_ts"], title.body["title"]) == ("1764000000.000400", "William Hague")
    statuses = slack.calls_to("assistant.threads.setStatus")
    assert [s.body["thread_ts"] for s in statuses] == ["1764000000.000400", "1764000000.000400"]
    assert all(s.body["status"] == "is looking that up…" for s in statuses)
    # The status is set before the answer is posted.
    assert statuses[1].at < slack.calls_to("chat.postMessage")[1].at
