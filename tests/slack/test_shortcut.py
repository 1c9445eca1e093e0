"""The "Add to cyberbrief" message shortcut through the Bolt app: an admin's message and the
pages it links to become drafts in the review queue (nothing is answered from them until
approved), links to private addresses are refused, and everyone else is refused."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from slack_bolt import App

from cyberbrief import app as bot
from cyberbrief.intake.fetch import FetchPolicy
from cyberbrief.intake.review import pending
from cyberbrief.slack.middleware import REFUSAL
from cyberbrief.slack.services import Services
from cyberbrief.store.connection import Store
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock, mini_store
from tests.slack_app import bot_settings, signed
from tests.slack_requests import shortcut_body
from tests.web_server import DATA, Route, WebServer, serve

ADMIN = "U0ADMIN"
MESSAGE = (
    "Mr Hague said the London Conference on Cyberspace would bring 60 countries together. "
    '"We must agree rules of the road for cyberspace," said Foreign Secretary William Hague.'
)


@pytest.fixture
def web() -> Iterator[WebServer]:
    for running in serve(WebServer()):
        running.routes["/world/seoul"] = Route((DATA / "seoul-conference.html").read_bytes())
        yield running


class Workspace:
    def __init__(self, app: App, slack: FakeSlack, services: Services) -> None:
        self.app, self.slack, self.services = app, slack, services

    def shortcut(self, text: str, user: str = ADMIN) -> list[str]:
        """Use the shortcut on a message; what the user was told (ephemeral replies)."""
        body = shortcut_body(user, text, self.slack.response_url("shortcut"))
        before = len(self.slack.calls_to("response_url"))
        response = self.app.dispatch(signed(body))
        assert response.status == 200, response.body
        # Bolt runs the listener after the ack: wait for it, then give Bolt a fresh pool.
        runner = self.app.listener_runner
        runner.listener_executor.shutdown(wait=True)  # type: ignore[attr-defined]
        runner.listener_executor = ThreadPoolExecutor(max_workers=2)
        replies = self.slack.calls_to("response_url")[before:]
        assert all(r.body.get("response_type") == "ephemeral" for r in replies)
        return [str(r.body.get("text")) for r in replies]

    def queue(self) -> list[Any]:
        with self.services.read() as db:
            return pending(db)


@pytest.fixture
def workspace(tmp_path: Path, web: WebServer) -> Iterator[Workspace]:
    clock = FakeClock(dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC))
    mini_store(tmp_path / "k.db", clock).close()
    services = Services.create(Store(tmp_path / "k.db"), clock, frozenset({ADMIN}))
    services.fetch_policy = FetchPolicy(trusted_hosts=frozenset({f"127.0.0.1:{web.port}"}))
    with FakeSlack() as slack:
        slack.on(
            "chat.getPermalink",
            lambda body: {"ok": True, "permalink": "https://fake.slack.com/archives/C0POLICY/p1"},
        )
        settings = bot_settings(slack)
        yield Workspace(bot.create_app(services, settings), slack, services)


def test_an_admin_drafts_a_message_into_the_review_queue(workspace: Workspace) -> None:
    replies = workspace.shortcut(MESSAGE)
    drafts = workspace.queue()
    quotes = [d for d in drafts if d.kind == "quotes"]
    assert quotes and "rules of the road" in quotes[0].data["text"]
    assert quotes[0].source["url"] == "https://fake.slack.com/archives/C0POLICY/p1"
    assert quotes[0].source["publisher"] == "Slack message"
    assert quotes[0].origin == f"message shortcut by <@{ADMIN}>"
    assert replies[0] == "Drafting from that message …"
    assert replies[-1].startswith(f"{len(drafts)} draft(s) from the message are waiting")
    assert "/cyber admin review" in replies[-1]
    # Pending drafts are not knowledge yet.
    assert "rules of the road" not in json.dumps(
        workspace.services.answer("quote Hague").__dict__, default=str
    )


def test_links_in_the_message_are_fetched_and_drafted(workspace: Workspace, web: WebServer) -> None:
    url = web.url("/world/seoul")
    replies = workspace.shortcut(f"Worth a read: <{url}|Seoul conference>")
    assert web.hits("/world/seoul")
    drafts = workspace.queue()
    assert drafts and {d.batch for d in drafts} == {url}
    assert "“Seoul hosts third global cyberspace conference”" in replies[-1]
    assert "waiting for review" in replies[-1]


def test_a_link_to_a_private_address_is_refused(workspace: Workspace) -> None:
    replies = workspace.shortcut("see <http://10.1.2.3/internal|the wiki>")
    assert workspace.queue() == []
    assert replies[-1].startswith("Nothing drafted.")
    assert "http://10.1.2.3/internal: was not fetched" in replies[-1]
    assert "private address" in replies[-1]


def test_the_same_message_twice_queues_nothing_new(workspace: Workspace) -> None:
    workspace.shortcut(MESSAGE)
    count = len(workspace.queue())
    replies = workspace.shortcut(MESSAGE)
    assert len(workspace.queue()) == count
    assert replies[-1] == "Nothing new to draft from the message."


def test_everyone_else_is_refused(workspace: Workspace, web: WebServer) -> None:
    replies = workspace.shortcut(f"{MESSAGE} <{web.url('/world/seoul')}>", user="U0OTHER")
    assert replies == [REFUSAL]
    assert workspace.queue() == []
    assert not web.hits("/world/seoul")
