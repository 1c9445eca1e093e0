"""A digest is claimed, posted with no transaction open, then recorded; a claim left behind by
a process that died (or a post Slack did not answer) is recovered from the channel's history,
never posted twice. Driven on a fake clock against the loopback fake Slack."""

from __future__ import annotations

import datetime as dt
import json
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cyberbrief.digests import ledger
from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.delivery import METADATA_EVENT
from cyberbrief.digests.scheduler import LEASE_NAME, LEASE_TTL
from cyberbrief.store import leases
from cyberbrief.store.connection import connect
from cyberbrief.store.leases import HOST
from tests.digest_data import digest_store
from tests.digest_jobs import posts_to, scheduler, subscribe
from tests.fake_slack import FakeSlack, Reply
from tests.helpers import PROJECT, FakeClock

DAY = dt.date(2026, 3, 24)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "digests.db"
    digest_store(path).close()
    subscribe(path, "C1", "09:00")
    return path


def dead_holder() -> str:
    """The holder name of a process on this host that has ended (as after a SIGKILL)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return f"{HOST}:{child.pid}:deadbeef"


def claim_as(path: Path, holder: str, now: dt.datetime) -> None:
    db = connect(str(path))
    try:
        assert ledger.claim(db, "C1", DAY, holder, now) == ledger.CLAIMED
    finally:
        db.close()


def ledger_row(path: Path) -> store.Delivery | None:
    db = connect(str(path))
    try:
        return store.delivery(db, "C1", DAY)
    finally:
        db.close()


def test_each_digest_carries_metadata_naming_its_channel_and_day(
    db_path: Path, slack: FakeSlack
) -> None:
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    outcome = scheduler(db_path, slack, clock).run("C1")
    assert outcome.status == "posted"
    [message] = slack.messages("C1")
    assert message.ts == outcome.ts
    assert message.metadata == {
        "event_type": METADATA_EVENT,
        "event_payload": {"channel": "C1", "day": "2026-03-24"},
    }
    row = ledger_row(db_path)
    assert row is not None and row.status == "posted" and row.ts == outcome.ts


def test_a_claim_left_by_a_dead_process_after_slack_took_the_post_is_recorded_not_reposted(
    db_path: Path, slack: FakeSlack
) -> None:
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    claim_as(db_path, dead_holder(), clock())
    # What the dead process posted before it could record the ts:
    body = {
        "text": "digest",
        "metadata": {
            "event_type": METADATA_EVENT,
            "event_payload": {"channel": "C1", "day": "2026-03-24"},
        },
    }
    slack.keep("C1", body, "1774342800.000100")
    clock.advance(minutes=1)  # restarted at once: the holder is gone, no need to wait the lease
    outcome = scheduler(db_path, slack, clock).run("C1")
    assert outcome.status == "already" and outcome.ts == "1774342800.000100"
    assert posts_to(slack, "C1") == [], "no second digest"
    [history] = slack.calls_to("conversations.history")
    assert history.body["include_all_metadata"] in ("1", "true", True)
    row = ledger_row(db_path)
    assert row is not None and row.status == "posted" and row.ts == "1774342800.000100"


def test_a_claim_whose_post_never_reached_slack_is_posted_once(
    db_path: Path, slack: FakeSlack
) -> None:
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    claim_as(db_path, dead_holder(), clock())
    outcome = scheduler(db_path, slack, clock).run("C1")
    assert outcome.status == "posted"
    assert len(slack.messages("C1")) == 1
    row = ledger_row(db_path)
    assert row is not None and row.status == "posted" and row.ts == outcome.ts


def test_a_live_claim_is_left_to_its_holder_until_its_lease_runs_out(
    db_path: Path, slack: FakeSlack
) -> None:
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    claim_as(db_path, f"{HOST}:1:alive", clock())  # pid 1 runs as long as this machine
    digests = scheduler(db_path, slack, clock)
    assert digests.run("C1").status == "busy"
    assert posts_to(slack, "C1") == []
    clock.advance(seconds=ledger.CLAIM_LEASE.total_seconds() + 1)
    assert digests.run("C1").status == "posted"
    assert len(slack.messages("C1")) == 1


def test_a_post_slack_never_answered_is_found_in_the_history_on_the_retry(
    db_path: Path, slack: FakeSlack
) -> None:
    """Slack took the message but the answer never came (a timeout): the claim stays, and
    the retry after its lease finds the message instead of posting a second one."""
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))

    def accepted_then_dropped(
        body: dict[str, object],
    ) -> tuple[int, dict[str, str], dict[str, object]]:
        slack.keep("C1", body, "1774342800.000200")
        raise ConnectionAbortedError("the answer is lost on the way back")

    slack.on_reply("chat.postMessage", accepted_then_dropped)
    digests = scheduler(db_path, slack, clock)
    outcome = digests.run("C1")
    assert outcome.status == "failed" and outcome.retry
    row = ledger_row(db_path)
    assert row is not None and row.status == "sending"
    clock.advance(minutes=5)  # the scheduler's retry
    again = digests.run("C1")
    assert again.status == "already" and again.ts == "1774342800.000200"
    assert len(slack.calls_to("chat.postMessage")) == 1
    assert len(slack.messages("C1")) == 1


def test_one_scheduler_per_database_the_others_stand_by_and_take_over(
    db_path: Path, slack: FakeSlack
) -> None:
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    first, second = scheduler(db_path, slack, clock), scheduler(db_path, slack, clock)
    first.check_lease()
    second.check_lease()
    assert first.active and not second.active
    assert second.run("C1").status == "standby"
    assert posts_to(slack, "C1") == [], "a standing-by process posts nothing"
    assert first.run("C1").status == "posted"

    clock.advance(seconds=LEASE_TTL.total_seconds() + 1)  # the holder stopped renewing
    second.check_lease()
    assert second.active
    first.check_lease()
    assert not first.active, "the old holder stands by once another took over"


def test_a_lease_left_by_a_dead_process_is_taken_over_at_once(
    db_path: Path, slack: FakeSlack
) -> None:
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    db = connect(str(db_path))
    try:
        assert leases.acquire(db, LEASE_NAME, dead_holder(), clock(), LEASE_TTL)
    finally:
        db.close()
    restarted = scheduler(db_path, slack, clock)
    restarted.check_lease()
    assert restarted.active


# -- the calendar file: a step of the delivery of its own ---------------------------------


def accept_upload(slack: FakeSlack) -> Callable[[dict[str, Any]], Reply]:
    """``files.completeUploadExternal`` answered as Slack does (after a scripted failure)."""

    def accept(body: dict[str, Any]) -> Reply:
        slack.share_upload(body)
        return 200, {}, {"ok": True, "files": [{"id": f["id"]} for f in json.loads(body["files"])]}

    return accept


def thread_file_ids(slack: FakeSlack, ts: str) -> list[str]:
    return [f["id"] for reply in slack.threads.get(("C1", ts), []) for f in reply["files"]]


def calendar_of(path: Path) -> tuple[str | None, str | None]:
    row = ledger_row(path)
    assert row is not None and row.status == "posted"
    return row.calendar, row.calendar_file


def test_a_500_from_complete_upload_is_retried_and_attaches_one_calendar(
    db_path: Path, slack: FakeSlack
) -> None:
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    slack.fail("files.completeUploadExternal", (500, {}, {"ok": False, "error": "fatal_error"}))
    digests = scheduler(db_path, slack, clock)
    first = digests.run("C1")
    assert first.status == "posted" and first.retry, "the calendar is still owed"
    assert calendar_of(db_path)[0] == "sending"
    assert slack.thread_files("C1", str(first.ts)) == []
    clock.advance(minutes=5)  # the scheduler's retry
    again = digests.run("C1")
    assert again.status == "already" and not again.retry
    assert slack.thread_files("C1", str(first.ts)) == ["cyberbrief-2026-03-24.ics"]
    assert [calendar_of(db_path)[1]] == thread_file_ids(slack, str(first.ts))
    assert calendar_of(db_path)[0] == "attached"
    assert len(posts_to(slack, "C1")) == 1, "one digest"
    clock.advance(minutes=5)
    assert digests.run("C1").status == "already"
    assert len(slack.calls_to("files.completeUploadExternal")) == 2, "nothing more once attached"


def test_an_upload_slack_took_but_never_answered_is_found_in_the_thread(
    db_path: Path, slack: FakeSlack
) -> None:
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))

    def shared_then_dropped(body: dict[str, Any]) -> Reply:
        slack.share_upload(body)
        raise ConnectionAbortedError("the answer is lost on the way back")

    slack.on_reply("files.completeUploadExternal", shared_then_dropped)
    digests = scheduler(db_path, slack, clock)
    first = digests.run("C1")
    assert first.status == "posted" and first.retry
    clock.advance(minutes=5)
    assert digests.run("C1").status == "already"
    assert slack.thread_files("C1", str(first.ts)) == ["cyberbrief-2026-03-24.ics"]
    assert len(slack.calls_to("files.completeUploadExternal")) == 1, "not uploaded again"
    assert [c.body.get("ts") for c in slack.calls_to("conversations.replies")] == [first.ts]
    assert calendar_of(db_path)[0] == "attached"


CHILD = """
import datetime as dt, sys
from apscheduler.schedulers.background import BackgroundScheduler
from slack_sdk import WebClient
from cyberbrief.digests.scheduler import DigestScheduler
from cyberbrief.slack.digest_client import WebClientPoster
from cyberbrief.slack.views.digest import message
from cyberbrief.store.connection import connect
from tests.digest_jobs import Sleeps
from tests.helpers import FakeClock

clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
client = WebClient(token="xoxb-test", base_url=sys.argv[2], retry_handlers=[], timeout=60)
DigestScheduler(
    lambda: connect(sys.argv[1]), WebClientPoster(client), clock=clock, render=message,
    sleep=Sleeps(clock), post_interval=0, scheduler=BackgroundScheduler(timezone=dt.UTC),
).run("C1")
"""


@pytest.mark.parametrize("slack_took_it", [True, False], ids=["file-shared", "file-not-shared"])
def test_a_process_killed_during_the_calendar_upload_leaves_one_calendar(
    db_path: Path, slack: FakeSlack, slack_took_it: bool
) -> None:
    """A bot process SIGKILLed while Slack completes its .ics upload; the restarted bot
    attaches the calendar exactly once (finding it in the thread, or uploading it)."""
    uploading, killed = threading.Event(), threading.Event()

    def complete_then_hang(body: dict[str, Any]) -> Reply:
        if slack_took_it:
            slack.share_upload(body)
        uploading.set()
        killed.wait(30)
        raise ConnectionAbortedError("the process is gone")

    slack.on_reply("files.completeUploadExternal", complete_then_hang)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), slack.api_url], cwd=PROJECT
    )
    try:
        assert uploading.wait(60), "the bot process never reached the upload"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        killed.set()
    [post] = posts_to(slack, "C1")
    ts = str(slack.messages("C1")[0].ts)
    assert calendar_of(db_path)[0] == "sending", "the upload was claimed, then the process died"

    slack.on_reply("files.completeUploadExternal", accept_upload(slack))
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 1, tzinfo=dt.UTC))  # restarted a minute on
    [outcome] = scheduler(db_path, slack, clock).catch_up()  # what a restarted bot runs
    assert outcome.status == "already" and not outcome.retry
    assert slack.thread_files("C1", ts) == ["cyberbrief-2026-03-24.ics"], "one calendar"
    assert len(slack.calls_to("files.completeUploadExternal")) == (1 if slack_took_it else 2)
    assert len(posts_to(slack, "C1")) == 1 and post, "one digest"
    assert calendar_of(db_path)[0] == "attached"
