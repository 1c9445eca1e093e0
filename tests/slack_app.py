"""The real Bolt app in the test process, wired as a bot process wires it
(``cyberbrief.app.create_app`` and ``start_digests``) with the scheduler on a fake clock:
requests signed as Slack signs them are dispatched into it, and its Web API calls land in the
loopback fake Slack."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from slack_bolt import App, BoltRequest

from cyberbrief import app as bot
from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.scheduler import DigestScheduler
from cyberbrief.knowledge.seed import open_store
from cyberbrief.settings import Settings
from cyberbrief.slack.services import Services
from cyberbrief.store.connection import Store
from tests.digest_data import DrivenScheduler, digest_store, driven_scheduler
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock
from tests.slack_requests import SECRET, command_body, new_trigger, signed_headers

ADMIN = "U0ADMIN"


def signed(body: str, content_type: str | None = None) -> BoltRequest:
    """A request as Slack sends it: signed with the app's signing secret."""
    headers: dict[str, str | Sequence[str]] = dict(signed_headers(body))
    if content_type:
        headers["Content-Type"] = content_type
    return BoltRequest(body=body, headers=headers)


@dataclass
class Bot:
    """A bot process in the test: its services, Bolt app, scheduler, clock and fake Slack."""

    services: Services
    app: App
    digests: DigestScheduler
    driven: DrivenScheduler
    clock: FakeClock
    slack: FakeSlack

    def command(self, text: str, channel: str = "C0POLICY", user: str = "U0USER") -> str:
        """``/cyber TEXT`` in ``channel``; the ephemeral reply as one string (text + blocks)."""
        name = new_trigger()
        body = command_body(text, self.slack.response_url(name), channel=channel, user=user)
        response = self.app.dispatch(signed(body))
        assert response.status == 200, response.body
        if not response.body:  # acked at once; the reply comes through response_url
            reply = self.slack.wait_for_response(name).body
        else:
            reply = json.loads(response.body)
        assert reply.get("response_type") == "ephemeral", reply
        return str(reply.get("text", "")) + "\n" + json.dumps(reply.get("blocks") or [])

    def posts(self, channel: str) -> list[dict[str, Any]]:
        return [
            c.body for c in self.slack.calls_to("chat.postMessage") if c.body["channel"] == channel
        ]

    def subscription(self, channel: str) -> store.Subscription | None:
        with self.services.read() as db:
            return store.get(db, channel)


def bot_settings(slack: FakeSlack) -> Settings:
    """What a bot process in the tests runs with: test tokens, and Slack's Web API at the fake."""
    return Settings.from_environ(
        {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack.api_url,
        }
    )


def start(
    tmp_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch, now: dt.datetime
) -> Bot:
    """Start a bot process at ``now`` on ``tmp_path/k.db`` (made on first start)."""
    clock = FakeClock(now)
    path = tmp_path / "k.db"
    (open_store(path) if path.exists() else digest_store(path)).close()
    services = Services.create(Store(path), clock, frozenset({ADMIN}))
    settings = bot_settings(slack)
    app = bot.create_app(services, settings)
    driven = driven_scheduler(monkeypatch, clock)
    digests = bot.start_digests(
        services,
        settings,
        scheduler=driven,
        sleep=lambda seconds: clock.advance(seconds=seconds),
        post_interval=0,
        resync_seconds=24 * 3600,
    )
    assert digests is not None
    return Bot(services, app, digests, driven, clock, slack)
