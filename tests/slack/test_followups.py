"""Follow-up questions in threads, through the Bolt app and the fake Slack: every answer carries
message metadata, and a follow-up reads the thread back (``conversations.replies``) for what
the last answer was about, so it works after a restart and ignores other apps' metadata."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_bolt import App

from cyberbrief import app as bot
from cyberbrief.slack.services import Services
from cyberbrief.slack.thread import PAGE
from cyberbrief.store.connection import Store
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock, mini_store
from tests.slack_app import bot_settings, signed
from tests.slack_requests import event_body

BOT = "<@U0BOT>"
CHANNEL = "C0POLICY"
ROOT = "1764000000.000100"
LONDON = "London Conference on Cyberspace"
_ts = itertools.count(101)


class Workspace:
    """One bot process (an app over the store) talking to the fake Slack."""

    def __init__(self, db: Path, slack: FakeSlack) -> None:
        clock = FakeClock(dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC))
        self.slack = slack
        self.answered = len(slack.calls_to("chat.postMessage"))
        self.app: App = bot.create_app(Services.create(Store(db), clock), bot_settings(slack))

    def event(self, event: dict[str, Any]) -> None:
        response = self.app.dispatch(signed(event_body(event), "application/json"))
        assert response.status == 200, response.body

    def ask(self, text: str, thread_ts: str | None = None, channel: str = CHANNEL) -> str:
        """A person's mention (kept in the channel, as Slack would); returns its ts."""
        ts = ROOT if thread_ts is None else f"1764000000.{next(_ts):06d}"
        fields = {"thread_ts": thread_ts} if thread_ts else {}
        self.slack.add_message(channel, ts, f"{BOT} {text}", **fields)
        event = {"type": "app_mention", "user": "U0ASKER", "text": f"{BOT} {text}", "ts": ts}
        self.event({**event, "channel": channel, "event_ts": ts, **fields})
        self.answered += 1  # Bolt answers after the ack: wait for this answer's post
        self.slack.wait_for("chat.postMessage", count=self.answered, timeout=20)
        return ts

    def last_post(self) -> dict[str, Any]:
        return self.slack.calls_to("chat.postMessage")[-1].body


@pytest.fixture
def db(tmp_path: Path) -> Path:
    mini_store(tmp_path / "k.db").close()
    return tmp_path / "k.db"


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


def _said(post: dict[str, Any]) -> str:
    return post["text"] + json.dumps(post.get("blocks", []), ensure_ascii=False)


def test_every_answer_carries_what_it_was_about(db: Path, slack: FakeSlack) -> None:
    Workspace(db, slack).ask("who is William Hague")
    post = slack.calls_to("chat.postMessage")[-1].body
    # The answer-log id the feedback buttons carry, so a vote names this answer.
    answer_id = post["metadata"]["event_payload"]["answer_id"]
    assert isinstance(answer_id, int)
    assert str(answer_id) in json.dumps(post["blocks"])
    assert post["metadata"] == {
        "event_type": "cyberbrief_answer",
        "event_payload": {
            "v": 1,
            "answer_id": answer_id,
            "kind": "lookup",
            "outcome": "answered",
            "entities": [{"kind": "person", "id": 1, "label": "William Hague"}],
            "question": "who is William Hague",
        },
    }
    # A question on its own (not in a thread) never reads a thread.
    assert slack.calls_to("conversations.replies") == []


def test_a_three_turn_thread(db: Path, slack: FakeSlack) -> None:
    bot_process = Workspace(db, slack)
    bot_process.ask(LONDON)
    assert bot_process.last_post()["thread_ts"] == ROOT
    bot_process.ask("and when was that?", thread_ts=ROOT)
    second = bot_process.last_post()
    assert second["thread_ts"] == ROOT
    assert "2011-11-01" in _said(second)
    assert f"Taking this as “when was {LONDON}”" in _said(second)
    bot_process.ask("who else spoke there?", thread_ts=ROOT)
    third = bot_process.last_post()
    assert f"At {LONDON}" in _said(third)
    assert third["metadata"]["event_payload"]["question"] == f"quotes from {LONDON}"
    (read, *_) = slack.calls_to("conversations.replies")
    assert read.body["ts"] == ROOT and read.body["include_all_metadata"] in (True, "1", "true")


def test_a_follow_up_after_a_restart_reads_the_thread_not_the_process(
    db: Path, slack: FakeSlack
) -> None:
    Workspace(db, slack).ask("who is William Hague")
    restarted = Workspace(db, slack)  # a new process: nothing carried over but Slack's thread
    restarted.ask("what did he say about the internet", thread_ts=ROOT)
    post = restarted.last_post()
    assert "Quotes: William Hague about the internet" in _said(post)
    assert post["metadata"]["event_payload"]["entities"][0]["label"] == "William Hague"


def test_more_on_that_opens_the_card_of_what_the_answer_was_about(
    db: Path, slack: FakeSlack
) -> None:
    bot_process = Workspace(db, slack)
    bot_process.ask("what did William Hague say")
    bot_process.ask("more on that", thread_ts=ROOT)
    post = bot_process.last_post()
    assert post["metadata"]["event_payload"]["kind"] != "quotes"
    assert "Convened the London Conference on Cyberspace" in _said(post)


def test_a_question_naming_its_own_subject_is_a_new_question(db: Path, slack: FakeSlack) -> None:
    bot_process = Workspace(db, slack)
    bot_process.ask("who is William Hague")
    bot_process.ask("who is Iain Lobban", thread_ts=ROOT)
    assert "Iain Lobban" in _said(bot_process.last_post())
    assert "William Hague" not in bot_process.last_post()["text"]
    assert slack.calls_to("conversations.replies") == []


def test_a_follow_up_it_cannot_resolve_says_what_it_could_not_tell(
    db: Path, slack: FakeSlack
) -> None:
    bot_process = Workspace(db, slack)
    bot_process.ask(LONDON)
    bot_process.ask("what did he say", thread_ts=ROOT)
    text = bot_process.last_post()["text"]
    assert text.startswith("I could not tell who “he” is")
    assert f"{LONDON} (event)" in text
    assert "blocks" not in bot_process.last_post()


def test_a_follow_up_in_a_thread_without_an_answer_of_ours(db: Path, slack: FakeSlack) -> None:
    slack.add_message(CHANNEL, ROOT, "a person's thread")
    Workspace(db, slack).ask("and when was that", thread_ts=ROOT)
    text = slack.calls_to("chat.postMessage")[-1].body["text"]
    assert "I could not tell what “that” is: I have not answered anything" in text


def test_other_apps_metadata_and_forged_payloads_are_ignored(db: Path, slack: FakeSlack) -> None:
    bot_process = Workspace(db, slack)
    bot_process.ask(LONDON)
    hague = {"kind": "person", "id": 1, "label": "William Hague"}
    forged = {"event_type": "cyberbrief_answer", "event_payload": {"v": 1, "kind": "lookup"}}
    other_app = {**forged, "event_payload": {**forged["event_payload"], "entities": [hague]}}
    newer = iter(f"{int(time.time()) + 100}.{n:06d}" for n in range(1, 10))
    # Another app copying our metadata, about William Hague.
    slack.add_message(
        CHANNEL,
        next(newer),
        "x",
        thread_ts=ROOT,
        bot_id="B0OTHER",
        app_id="A0OTHER",
        metadata=other_app,
        user=None,
    )
    # Our bot id, but payloads we never write: no entities, a bad id, a foreign kind.
    for payload in (
        forged["event_payload"],
        {**other_app["event_payload"], "entities": [{**hague, "id": "1; drop"}]},
        {**other_app["event_payload"], "entities": [{**hague, "kind": "user"}]},
        {**other_app["event_payload"], "v": 2},
    ):
        slack.add_message(
            CHANNEL,
            next(newer),
            "x",
            thread_ts=ROOT,
            bot_id="B0BOT",
            app_id="A0APP",
            metadata={"event_type": "cyberbrief_answer", "event_payload": payload},
            user=None,
        )
    bot_process.ask("what did he say", thread_ts=ROOT)
    # Still about the conference (no person): "he" cannot be told, never William Hague.
    assert bot_process.last_post()["text"].startswith("I could not tell who “he” is")


@pytest.mark.parametrize(
    ("error", "said"),
    [
        ("not_in_channel", "I am not a member of this conversation"),
        ("missing_scope", "missing scope"),
        ("ratelimited_forever", "Slack would not give me the thread (ratelimited_forever)"),
    ],
)
def test_a_thread_the_bot_cannot_read_says_so(
    db: Path, slack: FakeSlack, error: str, said: str
) -> None:
    bot_process = Workspace(db, slack)
    bot_process.ask("who is William Hague")
    slack.error("conversations.replies", error)
    bot_process.ask("what did he say", thread_ts=ROOT)
    text = bot_process.last_post()["text"]
    assert said in text and "cannot tell what we were talking about" in text


def test_a_thread_of_a_thousand_messages_is_read_in_pages(db: Path, slack: FakeSlack) -> None:
    bot_process = Workspace(db, slack)
    bot_process.ask("who is Iain Lobban")
    later = int(time.time()) + 100  # after the answer the fake just stamped with its clock
    for n in range(1000):
        slack.add_message(CHANNEL, f"{later}.{n:06d}", f"chatter {n}", thread_ts=ROOT)
    # Our newest answer is deep in the thread: about William Hague.
    hague = {"kind": "person", "id": 1, "label": "William Hague"}
    payload = {"v": 1, "kind": "lookup", "outcome": "answered", "entities": [hague]}
    slack.add_message(
        CHANNEL,
        f"{later}.000700",
        "William Hague",
        thread_ts=ROOT,
        user=None,
        bot_id="B0BOT",
        app_id="A0APP",
        metadata={"event_type": "cyberbrief_answer", "event_payload": payload},
    )
    bot_process.ask("what did he say", thread_ts=ROOT)
    reads = slack.calls_to("conversations.replies")
    assert len(reads) >= 1002 // PAGE
    assert all(int(call.body["limit"]) <= PAGE for call in reads)
    assert "Quotes: William Hague" in _said(bot_process.last_post())
