"""`bot.py serve` as a process, for tests over real HTTP: started on a free port of 127.0.0.1
against a fake Slack, driven with signed requests, and stopped when the test is done."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.fake_slack import Call, FakeSlack
from tests.helpers import PROJECT, mini_store
from tests.slack_requests import (
    SECRET,
    action_body,
    command_body,
    new_trigger,
    post,
    signed_headers,
    view_body,
)


@dataclass
class Server:
    url: str
    slack: FakeSlack
    process: subprocess.Popen[str]
    log: Path | None = None
    """The server's stderr."""

    @property
    def events(self) -> str:
        return f"{self.url}/slack/events"

    def command(self, text: str, **kwargs: Any) -> tuple[int, Any]:
        """``/cyber TEXT``: the ack's reply, or for ``subscribe`` (which acks at once and
        answers after checking with Slack) what it posts to ``response_url``."""
        name = new_trigger()
        body = command_body(text, self.slack.response_url(name), **kwargs)
        status, reply = post(self.events, body, signed_headers(body))
        if status == 200 and reply == "" and text.startswith("subscribe"):
            reply = self.slack.wait_for_response(name).body
        return status, reply

    def action(self, action_id: str, value: str, name: str) -> tuple[int, Any]:
        """Press a button; what the server says back goes to response_url ``name``."""
        body = action_body(action_id, value, self.slack.response_url(name))
        return post(self.events, body, signed_headers(body))

    def submit(self, user: str, callback: str, values: Any, meta: Any = "{}") -> tuple[int, Any]:
        """Submit modal ``callback`` as ``user``; the ack's reply."""
        body = view_body(user, callback, values, meta)
        return post(self.events, body, signed_headers(body))

    def responses(self, name: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """Wait for ``count`` posts to response_url ``name`` (listeners post after the ack)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [c for c in self.slack.calls_to("response_url") if c.path.endswith(f"/{name}")]
            if len(found) >= count or time.monotonic() > deadline:
                assert len(found) >= count, f"{len(found)} posts to {name}, not {count}"
                return found
            time.sleep(0.01)

    def stderr(self) -> str:
        return self.log.read_text() if self.log else ""


def start_server(db: Path, slack: FakeSlack, extra_env: dict[str, str] | None = None) -> Server:
    """``bot.py serve`` on a free port of 127.0.0.1, ready (``/healthz`` answers)."""
    env = {
        **os.environ,
        "CYBERBRIEF_DB": str(db),
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": slack.api_url,
        **(extra_env or {}),
    }
    env.pop("SLACK_APP_TOKEN", None)
    log = db.with_name(f"{db.stem}-serve.log")
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "bot.py", "serve", "--host", "127.0.0.1", "--port", "0"],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    assert process.stdout is not None
    line = process.stdout.readline()
    if "listening on" not in line:
        process.kill()
        raise AssertionError(f"serve did not start: {line}{log.read_text()}")
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
    return Server(url, slack, process, log)


@contextmanager
def serving(
    db: Path, slack: FakeSlack, extra_env: dict[str, str] | None = None
) -> Iterator[Server]:
    """``start_server`` for the length of a ``with`` block, then stopped."""
    running = start_server(db, slack, extra_env)
    try:
        yield running
    finally:
        running.process.terminate()
        running.process.wait(timeout=10)


@contextmanager
def serving_mini_store(folder: Path, extra_env: dict[str, str] | None = None) -> Iterator[Server]:
    """``bot.py serve`` on a fresh store from the test pack in ``folder``, with its own fake
    Slack, for the length of a ``with`` block."""
    db = folder / "k.db"
    mini_store(db).close()
    with FakeSlack() as slack, serving(db, slack, extra_env) as running:
        yield running


def start_with_log(
    db: Path, slack: FakeSlack, **extra_env: str
) -> tuple[subprocess.Popen[str], list[str]]:
    """``bot.py serve`` as deployed (its stderr collected line by line)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CYBERBRIEF_"))},
        "CYBERBRIEF_DB": str(db),
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": slack.api_url,
        "CYBERBRIEF_LOG_LEVEL": "INFO",
        **extra_env,
    }
    process = subprocess.Popen(
        [sys.executable, "bot.py", "serve", "--host", "127.0.0.1", "--port", "0"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []

    def collect() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.append(line)

    threading.Thread(target=collect, daemon=True).start()
    return process, lines


def wait_for_line(lines: list[str], text: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in list(lines):
            if text in line:
                return line
        time.sleep(0.05)
    raise AssertionError(f"no {text!r} in the bot's log:\n{''.join(lines)}")
