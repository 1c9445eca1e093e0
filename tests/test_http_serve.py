"""`bot.py serve` as Slack reaches it: signed requests over real HTTP, replies to a fake Slack.

The server runs as its own process, exactly as deployed; its Web API calls and
``response_url`` posts land in the loopback fake (``SLACK_API_URL``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.models.blocks import Block

from tests.fake_slack import FakeSlack
from tests.helpers import mini_store
from tests.slack_requests import (
    SECRET,
    action_body,
    buttons,
    command_body,
    post,
    signed_headers,
)

PROJECT = Path(__file__).resolve().parent.parent


@dataclass
class Server:
    url: str
    slack: FakeSlack
    process: subprocess.Popen[str]

    @property
    def events(self) -> str:
        return f"{self.url}/slack/events"

    def command(self, text: str, **kwargs: Any) -> tuple[int, Any]:
        body = command_body(text, self.slack.response_url(), **kwargs)
        return post(self.events, body, signed_headers(body))

    def action(self, action_id: str, value: str, name: str) -> tuple[int, Any]:
        body = action_body(action_id, value, self.slack.response_url(name))
        return post(self.events, body, signed_headers(body))


def start_server(db: Path, slack: FakeSlack, extra_env: dict[str, str] | None = None) -> Server:
    env = {
        **os.environ,
        "CYBERBRIEF_DB": str(db),
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": slack.api_url,
        **(extra_env or {}),
    }
    env.pop("SLACK_APP_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "bot.py", "serve", "--host", "127.0.0.1", "--port", "0"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if "listening on" not in line:
        process.kill()
        raise AssertionError(f"serve did not start: {line}{process.stderr.read()}")  # type: ignore[union-attr]
    url = line.split("listening on ", 1)[1].strip().removesuffix("/slack/events")
    deadline = time.monotonic() + 10
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    return Server(url, slack, process)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = Path(tmp_path_factory.mktemp("serve")) / "k.db"
    mini_store(db).close()
    with FakeSlack() as slack:
        running = start_server(db, slack)
        try:
            yield running
        finally:
            running.process.terminate()
            running.process.wait(timeout=10)


def test_a_signed_slash_command_is_answered_in_the_ack(server: Server) -> None:
    status, reply = server.command("who is ICSPA")
    assert status == 200
    assert reply["response_type"] == "ephemeral"
    assert "International Cyber Security Protection Alliance" in reply["text"]
    text = json.dumps(reply["blocks"])
    assert "International Cyber Security Protection Alliance" in text
    assert "London hosts cyberspace security conference" in text, "the card cites its source"
    assert [b for b in (Block.parse(b) for b in reply["blocks"]) if b is not None]
    assert not server.slack.calls_to("response_url"), "the answer needs no follow-up"


def test_typos_and_question_phrasing_over_http(server: Server) -> None:
    status, reply = server.command("who is wiliam hauge?")
    assert status == 200
    assert "William Hague" in reply["text"]


def test_nonsense_is_answered_honestly(server: Server) -> None:
    status, reply = server.command("who is Batman")
    assert status == 200
    assert "No answer found" in reply["text"]


def test_an_empty_command_gets_help(server: Server) -> None:
    status, reply = server.command("")
    assert status == 200
    assert "/cyber who is ICSPA" in json.dumps(reply)


def test_a_forged_signature_is_refused(server: Server) -> None:
    body = command_body("who is ICSPA", server.slack.response_url())
    status, reply = post(server.events, body, signed_headers(body, secret="not-the-secret"))
    assert status == 401
    assert "International" not in str(reply)


def test_a_stale_request_is_refused(server: Server) -> None:
    body = command_body("who is ICSPA", server.slack.response_url())
    stale = int(time.time()) - 10 * 60
    status, _ = post(server.events, body, signed_headers(body, timestamp=stale))
    assert status == 401


def test_a_tampered_body_is_refused(server: Server) -> None:
    body = command_body("who is ICSPA", server.slack.response_url())
    headers = signed_headers(body)
    status, _ = post(server.events, body.replace("ICSPA", "GCHQ"), headers)
    assert status == 401


def test_share_in_channel_posts_the_card_publicly(server: Server) -> None:
    _, reply = server.command("who is ICSPA")
    share = next(b for b in buttons(reply["blocks"]) if b["action_id"] == "cyber_share")
    status, _ = server.action("cyber_share", share["value"], "share")
    assert status == 200
    posts = [c for c in server.slack.wait_for("response_url") if c.path.endswith("/share")]
    public = next(c.body for c in posts if c.body.get("response_type") == "in_channel")
    assert "International Cyber Security Protection Alliance" in public["text"]
    assert "<@U0USER>" in json.dumps(public["blocks"]), "says who shared it"
    assert "cyber_share" not in json.dumps(public["blocks"]), "no share button in the channel"


def test_a_related_entry_button_opens_its_card(server: Server) -> None:
    _, reply = server.command("who is William Hague")
    related = [b for b in buttons(reply["blocks"]) if b["action_id"].startswith("cyber_open")]
    button = next(b for b in related if "Foreign" in b["text"]["text"])
    status, _ = server.action(button["action_id"], button["value"], "open")
    assert status == 200
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        opened = [c for c in server.slack.calls_to("response_url") if c.path.endswith("/open")]
        if opened:
            break
        time.sleep(0.02)
    assert opened, "the button's card was sent to the response_url"
    assert "Foreign and Commonwealth Office" in opened[0].body["text"]


def test_a_stale_button_says_so_instead_of_failing(server: Server) -> None:
    status, _ = server.action("cyber_open:0", "organisation:999999", "gone")
    assert status == 200
    server.slack.wait_for("response_url")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        gone = [c for c in server.slack.calls_to("response_url") if c.path.endswith("/gone")]
        if gone:
            break
        time.sleep(0.02)
    assert gone and "Traceback" not in json.dumps(gone[0].body)


def test_health_check(server: Server) -> None:
    with urllib.request.urlopen(f"{server.url}/healthz", timeout=2) as response:
        assert response.read() == b"ok\n"


def test_serve_without_its_secrets_refuses_to_start_clearly(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env["CYBERBRIEF_DB"] = str(tmp_path / "k.db")
    done = subprocess.run(
        [sys.executable, "bot.py", "serve", "--port", "0"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert "SLACK_SIGNING_SECRET" in done.stderr and "SLACK_BOT_TOKEN" in done.stderr
    assert "Traceback" not in done.stderr
    env["SLACK_SIGNING_SECRET"] = SECRET
    done = subprocess.run(
        [sys.executable, "bot.py", "serve", "--port", "0"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert "SLACK_BOT_TOKEN" in done.stderr and "Traceback" not in done.stderr
