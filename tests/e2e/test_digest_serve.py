"""The digest end to end: a running `bot.py serve` posts a subscribed channel's digest once,
and a restart the same day posts nothing more."""

from __future__ import annotations

from pathlib import Path

from cyberbrief.digests import subscriptions as store
from cyberbrief.store.connection import connect
from tests.digest_jobs import due_a_minute_ago
from tests.fake_slack import FakeSlack
from tests.serving import start_with_log, wait_for_line


def test_a_running_bot_posts_the_digest_once_and_not_again_after_a_restart(
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "k.db"
    hhmm = due_a_minute_ago(db_path)

    with FakeSlack() as slack:
        process, lines = start_with_log(db_path, slack)
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

        process, lines = start_with_log(db_path, slack)
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
        process, lines = start_with_log(db_path, slack, CYBERBRIEF_DIGEST_GRACE_MINUTES="0")
        try:
            wait_for_line(lines, "digest catch-up: 0 due, 0 posted")
            assert slack.calls_to("chat.postMessage") == []
        finally:
            process.terminate()
            process.wait(timeout=10)
    assert store.deliveries(connect(str(db_path)), "C0DIGEST") == []
