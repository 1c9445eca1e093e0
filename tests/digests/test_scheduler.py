"""The digest scheduler as it runs in the bot: APScheduler's own triggers and job processing,
driven by a fake clock (``tests.digest_data.DrivenScheduler``), posting to the fake Slack.

Each test records the fake clock's time at every ``chat.postMessage``, so "posts at 07:30
Brussels time" is checked as the instant Slack saw the post, not as a computed fire time.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
import sqlite_utils

from cyberbrief.digests import subscriptions as store
from cyberbrief.digests import zones
from cyberbrief.digests.scheduler import DigestScheduler
from cyberbrief.slack.views.digest import message
from cyberbrief.store.connection import Store, connect
from tests.digest_data import DrivenScheduler, driven_scheduler
from tests.digest_jobs import Posts, at, poster, posts_to, scheduler, subscribe
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock

UTC = dt.UTC
BRUSSELS = "Europe/Brussels"


def start_bot(
    path: Path,
    slack: FakeSlack,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    **kwargs: object,
) -> tuple[DigestScheduler, DrivenScheduler]:
    """What ``start_digests`` does when a bot process starts, on the fake clock; the bot
    started before it in this test stops first (a restart), releasing the scheduler lease."""
    while _RUNNING:
        _RUNNING.pop().shutdown()
    driven = driven_scheduler(monkeypatch, clock)
    digests = scheduler(path, slack, clock, scheduler=driven, resync_seconds=3600, **kwargs)
    digests.start()
    _RUNNING.append(digests)
    driven.advance_to(clock())  # the catch-up job, queued for "now"
    return digests, driven


_RUNNING: list[DigestScheduler] = []


def ledger(path: Path, channel: str) -> list[store.Delivery]:
    db = connect(str(path))
    try:
        return store.deliveries(db, channel)
    finally:
        db.close()


# on time, in the channel's zone, across daylight-saving changes


def test_posts_at_0730_brussels_time_on_both_sides_of_the_spring_change(
    db_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(db_path, "C1", "07:30", BRUSSELS)
    clock = FakeClock(at(2026, 3, 27, 12, 0))
    posts = Posts(slack, clock)
    _, driven = start_bot(db_path, slack, clock, monkeypatch)
    driven.advance_to(at(2026, 3, 31, 12, 0))
    # CET (UTC+1) until Sunday 29 March 2026 at 02:00, CEST (UTC+2) from then on.
    assert posts.times("C1") == [
        at(2026, 3, 28, 6, 30),
        at(2026, 3, 29, 5, 30),
        at(2026, 3, 30, 5, 30),
        at(2026, 3, 31, 5, 30),
    ]
    local = [t.astimezone(zones.zone(BRUSSELS)) for t in posts.times("C1")]
    assert {t.strftime("%H:%M") for t in local} == {"07:30"}
    assert [d.local_date for d in ledger(db_path, "C1")] == [
        dt.date(2026, 3, 28),
        dt.date(2026, 3, 29),
        dt.date(2026, 3, 30),
        dt.date(2026, 3, 31),
    ]


def test_posts_at_local_time_across_the_autumn_change(
    db_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(db_path, "MORNING", "07:30", BRUSSELS, always_post=True)
    # 02:30 happens twice on Sunday 25 October 2026 (CEST, then CET): one digest that day.
    subscribe(db_path, "NIGHT", "02:30", BRUSSELS, always_post=True)
    clock = FakeClock(at(2026, 10, 23, 12, 0))
    posts = Posts(slack, clock)
    _, driven = start_bot(db_path, slack, clock, monkeypatch)
    driven.advance_to(at(2026, 10, 26, 12, 0))
    assert posts.times("MORNING") == [
        at(2026, 10, 24, 5, 30),
        at(2026, 10, 25, 6, 30),
        at(2026, 10, 26, 6, 30),
    ]
    assert posts.times("NIGHT") == [
        at(2026, 10, 24, 0, 30),
        at(2026, 10, 25, 0, 30),
        at(2026, 10, 26, 1, 30),
    ]


def test_a_post_time_skipped_by_the_spring_change_posts_an_hour_later_that_day(
    db_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(db_path, "NIGHT", "02:30", BRUSSELS, always_post=True)
    clock = FakeClock(at(2026, 3, 28, 12, 0))
    posts = Posts(slack, clock)
    _, driven = start_bot(db_path, slack, clock, monkeypatch)
    driven.advance_to(at(2026, 3, 30, 12, 0))
    # 02:30 does not exist on 29 March in Brussels: 03:30 CEST (01:30 UTC) instead.
    assert posts.times("NIGHT") == [at(2026, 3, 29, 1, 30), at(2026, 3, 30, 0, 30)]


# restarts


def test_started_before_the_post_time_it_posts_at_the_time(
    db_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(db_path, "C1", "09:00")
    clock = FakeClock(at(2026, 3, 24, 8, 0))
    posts = Posts(slack, clock)
    _, driven = start_bot(db_path, slack, clock, monkeypatch)
    assert posts.seen == []
    driven.advance_to(at(2026, 3, 24, 8, 59, 59))
    assert posts.seen == []
    driven.advance_to(at(2026, 3, 24, 23, 59))
    assert posts.times("C1") == [at(2026, 3, 24, 9, 0)]


def test_restarted_within_the_grace_window_it_posts_once_then_never_again_that_day(
    db_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(db_path, "C1", "09:00")
    # Down at 09:00, back at 10:15 (grace: 3 hours): the digest goes out on start.
    clock = FakeClock(at(2026, 3, 24, 10, 15))
    posts = Posts(slack, clock)
    first, driven = start_bot(db_path, slack, clock, monkeypatch)
    assert posts.times("C1") == [at(2026, 3, 24, 10, 15)]
    first.shutdown()

    # Restarted after posting, twice: nothing more that day, and the next day at 09:00.
    for restart in (at(2026, 3, 24, 10, 20), at(2026, 3, 24, 11, 59)):
        clock.now = restart
        again, driven = start_bot(db_path, slack, clock, monkeypatch)
        assert len(posts.seen) == 1
        again.shutdown()
    again, driven = start_bot(db_path, slack, clock, monkeypatch)
    driven.advance_to(at(2026, 3, 25, 12, 0))
    assert posts.times("C1") == [at(2026, 3, 24, 10, 15), at(2026, 3, 25, 9, 0)]
    assert [d.status for d in ledger(db_path, "C1")] == ["posted", "posted"]


def test_restarted_after_the_grace_window_it_skips_that_day(
    db_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(db_path, "C1", "09:00")
    clock = FakeClock(at(2026, 3, 24, 12, 1))  # 3 hours and a minute late
    posts = Posts(slack, clock)
    _, driven = start_bot(db_path, slack, clock, monkeypatch)
    assert posts.seen == []
    driven.advance_to(at(2026, 3, 25, 9, 30))
    assert posts.times("C1") == [at(2026, 3, 25, 9, 0)]


def test_the_grace_window_is_configurable(
    db_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(db_path, "C1", "09:00")
    clock = FakeClock(at(2026, 3, 24, 9, 20))
    posts = Posts(slack, clock)
    start_bot(db_path, slack, clock, monkeypatch, grace=dt.timedelta(minutes=15))
    assert posts.seen == []
    clock.now = at(2026, 3, 24, 9, 14)
    start_bot(db_path, slack, clock, monkeypatch, grace=dt.timedelta(minutes=15))
    assert posts.times("C1") == [at(2026, 3, 24, 9, 14)]


# the table is the source of truth


def test_jobs_are_derived_from_the_table_at_start_and_follow_it(
    db_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(db_path, "C1", "09:00")
    subscribe(db_path, "C2", "07:30", BRUSSELS)
    clock = FakeClock(at(2026, 3, 24, 6, 0))
    posts = Posts(slack, clock)
    digests, driven = start_bot(db_path, slack, clock, monkeypatch)
    assert digests.scheduled() == {"C1": ("09:00", "UTC"), "C2": ("07:30", BRUSSELS)}

    # Another process (or the table edited) moves C1 to 10:00 and adds C3: the resync sees it.
    subscribe(db_path, "C1", "10:00", saved=at(2026, 3, 24, 6, 10))
    subscribe(db_path, "C3", "11:00", saved=at(2026, 3, 24, 6, 10))
    db = connect(str(db_path))
    store.delete(db, "C2")
    db.close()
    driven.advance_to(at(2026, 3, 24, 7, 0, 1))  # past the hourly resync
    assert digests.scheduled() == {"C1": ("10:00", "UTC"), "C3": ("11:00", "UTC")}
    driven.advance_to(at(2026, 3, 24, 23, 0))
    assert posts.times("C1") == [at(2026, 3, 24, 10, 0)]
    assert posts.times("C2") == []
    assert posts.times("C3") == [at(2026, 3, 24, 11, 0)]


def test_changing_topics_after_a_failed_post_keeps_that_days_retry(
    db_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(db_path, "C1", "09:00")
    clock = FakeClock(at(2026, 3, 24, 8, 0))
    posts = Posts(slack, clock)
    slack.fail("chat.postMessage", (503, {}, {"ok": False, "error": "service_unavailable"}))
    digests, driven = start_bot(db_path, slack, clock, monkeypatch)
    driven.advance_to(at(2026, 3, 24, 9, 2))
    assert posts.seen == []  # the 503 is not an answer the fake's handler saw
    # Someone narrows the topics before the retry: today's digest is still owed.
    subscribe(db_path, "C1", "09:00", saved=at(2026, 3, 24, 9, 2), topics=("ITU",))
    digests.sync()
    driven.advance_to(at(2026, 3, 24, 12, 0))
    assert posts.times("C1") == [at(2026, 3, 24, 9, 5)]
    [post] = [c.body for c in slack.calls_to("chat.postMessage")][1:]
    assert "Global Cybersecurity Dialogue" in str(post["blocks"])
    assert "Cyber Resilience Forum" not in str(post["blocks"])


def test_a_later_subscription_was_not_promised_todays_digest(
    db_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Subscribed at 09:30 "at 09:00": the reply said "next: tomorrow 09:00", and so it is,
    # even if the bot restarts within today's grace window.
    subscribe(db_path, "C1", "09:00", saved=at(2026, 3, 24, 9, 30))
    clock = FakeClock(at(2026, 3, 24, 9, 45))
    posts = Posts(slack, clock)
    _, driven = start_bot(db_path, slack, clock, monkeypatch)
    driven.advance_to(at(2026, 3, 25, 12, 0))
    assert posts.times("C1") == [at(2026, 3, 25, 9, 0)]


# failures


def test_a_server_error_is_retried_by_a_job_minutes_later(
    db_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(db_path, "C1", "09:00")
    clock = FakeClock(at(2026, 3, 24, 8, 0))
    posts = Posts(slack, clock)
    slack.fail(
        "chat.postMessage",
        (500, {}, {"ok": False, "error": "internal_error"}),
        (200, {}, {"ok": False, "error": "fatal_error"}),
    )
    _, driven = start_bot(db_path, slack, clock, monkeypatch)
    driven.advance_to(at(2026, 3, 24, 12, 0))
    assert posts.times("C1") == [at(2026, 3, 24, 9, 10)]
    assert len(slack.calls_to("chat.postMessage")) == 3


def test_a_long_retry_after_is_honoured_by_the_retry_job(
    db_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(db_path, "C1", "09:00")
    clock = FakeClock(at(2026, 3, 24, 8, 0))
    posts = Posts(slack, clock)
    slack.rate_limit("chat.postMessage", retry_after=1200)
    _, driven = start_bot(db_path, slack, clock, monkeypatch)
    driven.advance_to(at(2026, 3, 24, 12, 0))
    # Not hammered every 5 minutes while Slack said 20: the retry comes after the wait.
    assert len(slack.calls_to("chat.postMessage")) == 2
    assert posts.times("C1") == [at(2026, 3, 24, 9, 20)]


def test_a_refused_channel_pauses_its_job_and_resubscribing_resumes_it(
    db_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(db_path, "C1", "09:00")
    subscribe(db_path, "C2", "09:00")
    clock = FakeClock(at(2026, 3, 24, 8, 0))
    posts = Posts(slack, clock)
    slack.error("chat.postMessage", "is_archived")
    digests, driven = start_bot(db_path, slack, clock, monkeypatch)
    driven.advance_to(at(2026, 3, 25, 8, 0))
    assert posts.times("C2") == [at(2026, 3, 24, 9, 0)], "C1's failure did not stop C2"
    assert "C1" not in digests.scheduled()
    db = connect(str(db_path))
    paused = store.get(db, "C1")
    assert paused is not None and "is_archived" in (paused.paused_reason or "")
    db.close()

    subscribe(db_path, "C1", "09:00", saved=at(2026, 3, 25, 8, 0))
    digests.sync()
    driven.advance_to(at(2026, 3, 25, 12, 0))
    assert posts.times("C1") == [at(2026, 3, 25, 9, 0)]


# two bot processes on one database


def test_two_running_schedulers_on_one_database_post_once(
    db_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    for channel in ("C1", "C2", "C3"):
        subscribe(db_path, channel, "09:00")
    clock = FakeClock(at(2026, 3, 24, 8, 0))
    posts = Posts(slack, clock, delay=0.1)  # both fire while the other's post is in flight
    bots = [start_bot(db_path, slack, clock, monkeypatch)[1] for _ in range(2)]
    ready = threading.Barrier(len(bots))
    errors: list[BaseException] = []

    def run(driven: DrivenScheduler) -> None:
        try:
            ready.wait()
            driven.advance_to(at(2026, 3, 24, 9, 0))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(b,)) for b in bots]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert sorted(c for c, _ in posts.seen) == ["C1", "C2", "C3"]
    for channel in ("C1", "C2", "C3"):
        [delivery] = ledger(db_path, channel)
        assert delivery.ts and delivery.status == "posted"


def test_a_corrupt_database_at_start_skips_the_catch_up_with_one_line(
    db_path: Path, slack: FakeSlack, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    """The catch-up may run after the file was damaged (it is queued at start): it logs why,
    once and without a traceback, and posts nothing."""
    db_path.write_bytes(b"not a database at all" * 200)
    digests = DigestScheduler(
        lambda: connect(str(db_path)),
        poster(slack),
        clock=clock,
        render=message,
    )
    assert digests.catch_up() == []
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert [r.getMessage() for r in errors] == [
        "digest catch-up skipped: the database is not a cyberbrief database or is corrupt; "
        "restore it from a backup"
    ]
    assert errors[0].exc_info is None
    assert slack.calls == []


def read_only(path: Path) -> sqlite_utils.Database:
    """A connection to the file as a read-only mount gives one (this runs as root, where file
    permissions would not stop a write)."""
    return sqlite_utils.Database(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))


@pytest.mark.parametrize("fault", ["read-only", "removed"])
def test_a_database_gone_read_only_or_removed_is_one_clear_line(
    db_path: Path,
    slack: FakeSlack,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    """Every job of the scheduler meets the problem (lease renewal, due digests, catch-up,
    resync, shutdown): it is logged once, in words, without a traceback; nothing is posted."""
    subscribe(db_path, "C1", "09:00")
    digests = scheduler(db_path, slack, clock, connect_db=Store(db_path).connect)
    digests.check_lease()
    assert digests.active
    clock.advance(days=1)  # the next day's digest is due
    if fault == "read-only":
        digests.connect_db = lambda: read_only(db_path)
    else:
        shutil.rmtree(db_path.parent)
    caplog.clear()
    for _ in range(3):
        digests.check_lease()
        assert digests.run("C1").status == "failed"
        digests.catch_up()
        digests.resync()
    digests.shutdown()
    assert [r for r in caplog.records if r.exc_info] == [], "no traceback"
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    expected = "is read-only; give cyberbrief write access" if fault == "read-only" else "is gone"
    assert len(errors) == 1 and expected in errors[0], errors
    assert posts_to(slack, "C1") == []
