"""The digest end to end: a running `bot.py serve` posts a subscribed channel's digest once,
and a restart the same day posts nothing more."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.subscriptions import Subscription
from cyberbrief.knowledge.loader import load_records, parse_text
from cyberbrief.store.connection import connect
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock, mini_store
from tests.slack_requests import SECRET

PROJECT = Path(__file__).resolve().parents[2]


def start(db: Path, slack: FakeSlack, **extra_env: str) -> tuple[subprocess.Popen[str], list[str]]:
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


def due_a_minute_ago(db_path: Path) -> str:
    """A store with an event tomorrow and channel C0DIGEST subscribed (an hour ago) "at
    HH:MM UTC" for the minute just gone: due now, inside the grace window. Returns HH:MM."""
    now = dt.datetime.now(dt.UTC)
    clock = FakeClock(now - dt.timedelta(hours=1))
    db = mini_store(db_path, clock)
    tomorrow = (now + dt.timedelta(days=1)).date().isoformat()
    event = f"events:\n  - {{name: Tomorrow Cyber Forum, starts: {tomorrow}, location: Geneva}}\n"
    load_records(
        db, parse_text("e.yaml", event.encode()), actor="test", origin="e.yaml", clock=clock
    )
    at = (now - dt.timedelta(minutes=1)).time().replace(second=0, microsecond=0)
    store.save(db, Subscription("C0DIGEST", post_time=at, timezone="UTC"), clock)
    db.close()
    return at.strftime("%H:%M")


def test_a_running_bot_posts_the_digest_once_and_not_again_after_a_restart(
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "k.db"
    hhmm = due_a_minute_ago(db_path)

    with FakeSlack() as slack:
        process, lines = start(db_path, slack)
        try:
            wait_for_line(lines, "digest catch-up: 1 due, 1 posted")
            wait_for_line(lines, f"digest for C0DIGEST at {hhmm} UTC")  # its daily job
            [post] = slack.wait_for("chat.postMessage")
            assert post.body["channel"] == "C0DIGEST"
            assert "Tomorrow Cyber Forum" in str(post.body["blocks"])
            [calendar] = slack.wait_for("files.completeUploadExternal")
            assert calendar.body["channel_id"] == "C0DIGEST" and calendar.body["thread_ts"]
        finally:
            process.terminate()
            process.wait(timeout=10)

        process, lines = start(db_path, slack)
        try:
            wait_for_line(lines, "digest catch-up: 0 due, 0 posted")
            wait_for_line(lines, f"digest for C0DIGEST at {hhmm} UTC")
            assert len(slack.calls_to("chat.postMessage")) == 1, "no second digest that day"
        finally:
            process.terminate()
            process.wait(timeout=10)

    ledger = store.deliveries(connect(str(db_path)), "C0DIGEST")
    assert len(ledger) == 1 and ledger[0].ts == calendar.body["thread_ts"]


def test_a_bot_back_after_the_grace_window_skips_that_digest(tmp_path: Path) -> None:
    db_path = tmp_path / "k.db"
    due_a_minute_ago(db_path)
    with FakeSlack() as slack:
        process, lines = start(db_path, slack, CYBERBRIEF_DIGEST_GRACE_MINUTES="0")
        try:
            wait_for_line(lines, "digest catch-up: 0 due, 0 posted")
            assert slack.calls_to("chat.postMessage") == []
        finally:
            process.terminate()
            process.wait(timeout=10)
    assert store.deliveries(connect(str(db_path)), "C0DIGEST") == []
