"""Scheduled digests against a fake Slack and a fake clock: on time, exactly once, robust.

Nothing here waits on the wall clock: the scheduler's ``run``/``catch_up`` are driven with an
injected clock (what APScheduler would call at the trigger time), sleeps are recorded instead
of slept, and the trigger's own fire times are checked across a daylight-saving change.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import threading
from pathlib import Path

import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.scheduler import DigestScheduler, trigger
from cyberbrief.digests.subscriptions import Subscription
from cyberbrief.slack.views.digest import message
from cyberbrief.store.connection import Store, connect
from tests.digest_jobs import Sleeps, poster, posts_to, scheduler, subscribe
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock

BRUSSELS = "Europe/Brussels"


# on time, in the channel's zone


def test_the_trigger_fires_at_local_time_across_a_dst_change() -> None:
    sub = Subscription("C1", post_time=dt.time(7, 30), timezone=BRUSSELS)
    cron = trigger(sub)
    fire = cron.get_next_fire_time(None, dt.datetime(2026, 3, 27, 12, 0, tzinfo=dt.UTC))
    fires = []
    for _ in range(4):
        fires.append(fire.astimezone(dt.UTC))
        fire = cron.get_next_fire_time(fire, fire + dt.timedelta(seconds=1))
    # Brussels is UTC+1 until Sunday 29 March 2026, UTC+2 after: 07:30 local both sides.
    assert [f.strftime("%m-%d %H:%M") for f in fires] == [
        "03-28 06:30",
        "03-29 05:30",
        "03-30 05:30",
        "03-31 05:30",
    ]
    assert all(f.astimezone(sub.zone).strftime("%H:%M") == "07:30" for f in fires)
    assert [sub.post_at(f.astimezone(sub.zone).date()) for f in fires] == fires


def test_a_digest_posts_at_its_time_and_only_once(db_path: Path, slack: FakeSlack) -> None:
    subscribe(db_path, "C1", "07:30", BRUSSELS)
    clock = FakeClock(dt.datetime(2026, 3, 24, 6, 29, tzinfo=dt.UTC))  # 07:29 in Brussels
    digests = scheduler(db_path, slack, clock)
    assert digests.run("C1").status == "not_due"
    assert not posts_to(slack, "C1")

    clock.advance(minutes=1)  # 07:30 Brussels: the cron job fires
    outcome = digests.run("C1")
    assert outcome.status == "posted" and outcome.ts
    [post] = posts_to(slack, "C1")
    assert "Cyber Resilience Forum" in str(post["blocks"])

    clock.advance(minutes=5)  # a retry, a resync or a second trigger the same day
    assert digests.run("C1").status == "already"
    assert len(posts_to(slack, "C1")) == 1
    db = connect(str(db_path))
    delivery = store.delivery(db, "C1", dt.date(2026, 3, 24))
    assert delivery is not None and delivery.ts == outcome.ts, "the ledger has Slack's ts"


def test_restarts_before_and_after_posting(db_path: Path, slack: FakeSlack) -> None:
    subscribe(db_path, "C1", "09:00")
    clock = FakeClock(dt.datetime(2026, 3, 24, 8, 0, tzinfo=dt.UTC))
    # Started before the post time: nothing owed yet.
    assert scheduler(db_path, slack, clock).catch_up() == []

    # The bot was down at 09:00 and comes back at 10:15, inside the grace window: posts once.
    clock.now = dt.datetime(2026, 3, 24, 10, 15, tzinfo=dt.UTC)
    outcomes = scheduler(db_path, slack, clock).catch_up()
    assert [o.status for o in outcomes] == ["posted"]

    # Restarted again after posting: nothing more.
    clock.advance(minutes=30)
    assert scheduler(db_path, slack, clock).catch_up() == []
    assert len(posts_to(slack, "C1")) == 1

    # Back only the next day after the grace window: that day's digest is skipped, not late.
    clock.now = dt.datetime(2026, 3, 25, 13, 0, tzinfo=dt.UTC)
    assert scheduler(db_path, slack, clock).catch_up() == []
    assert len(posts_to(slack, "C1")) == 1


def test_two_processes_on_one_database_post_once(db_path: Path, slack: FakeSlack) -> None:
    subscribe(db_path, "C1", "09:00")
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    first, second = scheduler(db_path, slack, clock), scheduler(db_path, slack, clock)
    slack.on(
        "chat.postMessage",
        lambda body: (threading.Event().wait(0.2), {"ok": True, "ts": "1.0001"})[1],
    )
    results: list[str] = []
    threads = [
        threading.Thread(target=lambda s=s: results.append(s.run("C1").status))
        for s in (first, second, first, second)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results).count("posted") == 1, results
    assert len(posts_to(slack, "C1")) == 1


# Slack failures


def test_rate_limits_wait_for_retry_after_then_post(db_path: Path, slack: FakeSlack) -> None:
    subscribe(db_path, "C1", "09:00")
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    digests = scheduler(db_path, slack, clock)
    slack.rate_limit("chat.postMessage", times=2, retry_after=7)
    outcome = digests.run("C1")
    assert outcome.status == "posted"
    assert digests.sleep.waits == [7.0, 7.0]  # type: ignore[attr-defined]
    assert len(slack.calls_to("chat.postMessage")) == 3
    assert len(posts_to(slack, "C1")) == 3  # two refused, one accepted
    db = connect(str(db_path))
    assert store.delivery(db, "C1", dt.date(2026, 3, 24)) is not None


@pytest.mark.parametrize("error", ["is_archived", "channel_not_found", "not_in_channel"])
def test_a_refused_channel_pauses_and_the_others_carry_on(
    db_path: Path, slack: FakeSlack, error: str
) -> None:
    for channel in ("C1", "C2", "C3"):
        subscribe(db_path, channel, "09:00")
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    slack.on(
        "chat.postMessage",
        lambda body: (
            {"ok": False, "error": error}
            if body.get("channel") == "C2"
            else {"ok": True, "ts": "1.0002", "channel": body.get("channel")}
        ),
    )
    outcomes = {o.channel_id: o.status for o in scheduler(db_path, slack, clock).catch_up()}
    assert outcomes == {"C1": "posted", "C2": "paused", "C3": "posted"}
    db = connect(str(db_path))
    paused = store.get(db, "C2")
    assert paused is not None and paused.paused and error in (paused.paused_reason or "")
    # Paused channels are not retried; re-subscribing resumes them.
    clock.advance(days=1)
    again = {o.channel_id for o in scheduler(db_path, slack, clock).catch_up()}
    assert "C2" not in again


def test_a_server_error_is_retried_later_not_lost(db_path: Path, slack: FakeSlack) -> None:
    subscribe(db_path, "C1", "09:00")
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    digests = scheduler(db_path, slack, clock)
    slack.fail("chat.postMessage", (500, {}, {"ok": False, "error": "internal_error"}))
    assert digests.run("C1").status == "failed"
    clock.advance(minutes=5)  # the retry job
    assert digests.run("C1").status == "posted"
    assert len([p for p in posts_to(slack, "C1")]) == 2


def test_fan_out_is_paced(db_path: Path, slack: FakeSlack) -> None:
    for i in range(5):
        subscribe(db_path, f"C{i}", "09:00")
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    client = poster(slack)
    sleeps = Sleeps(clock)
    digests = DigestScheduler(
        Store(db_path).connect,
        client,
        clock=clock,
        render=message,
        sleep=sleeps,
        post_interval=1.0,
        scheduler=BackgroundScheduler(timezone=dt.UTC),
        attach_calendar=False,
    )
    assert [o.status for o in digests.catch_up()] == ["posted"] * 5
    assert sum(sleeps.waits) >= 4.0, "one post a second"


# what is posted


def test_an_empty_day_posts_nothing_unless_asked(db_path: Path, slack: FakeSlack) -> None:
    subscribe(db_path, "QUIET", "09:00", topics=("nothing-matches-this",))
    subscribe(db_path, "LOUD", "09:00", topics=("nothing-matches-this",), always_post=True)
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    outcomes = {o.channel_id: o.status for o in scheduler(db_path, slack, clock).catch_up()}
    assert outcomes == {"QUIET": "empty", "LOUD": "posted"}
    assert not posts_to(slack, "QUIET")
    assert scheduler(db_path, slack, clock).catch_up() == [], "the empty day is decided once"


def test_topics_narrow_the_digest_and_events_come_with_a_calendar(
    db_path: Path, slack: FakeSlack
) -> None:
    subscribe(db_path, "C1", "09:00", topics=("Council of Europe",))
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    assert scheduler(db_path, slack, clock).run("C1").status == "posted"
    [post] = posts_to(slack, "C1")
    text = str(post["blocks"])
    assert "Octopus Conference on Cybercrime" in text
    assert "Cyber Resilience Forum" not in text
    assert "<!channel>" not in text
    upload = slack.calls_to("files.completeUploadExternal")
    assert upload and upload[0].body.get("thread_ts")
    ics = b"".join(c.body.get("raw", b"") for c in slack.calls_to("upload"))
    assert b"BEGIN:VCALENDAR" in ics and b"Octopus Conference on Cybercrime" in ics


def test_fan_out_spaces_every_slack_write_on_the_clock(db_path: Path, slack: FakeSlack) -> None:
    channels = [f"C{i}" for i in range(6)]
    for channel in channels:
        subscribe(db_path, channel, "09:00")
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    writes: list[tuple[str, str, dt.datetime]] = []

    def post(body: dict[str, object]) -> dict[str, object]:
        writes.append(("post", str(body.get("channel")), clock()))
        return {"ok": True, "channel": body.get("channel"), "ts": f"1.{len(writes):06d}"}

    def complete(body: dict[str, object]) -> dict[str, object]:
        writes.append(("file", str(body.get("channel_id")), clock()))
        return {"ok": True, "files": [{"id": f["id"]} for f in json.loads(str(body["files"]))]}

    slack.on("chat.postMessage", post)
    slack.on("files.completeUploadExternal", complete)
    sleeps = Sleeps(clock)
    digests = DigestScheduler(
        Store(db_path).connect,
        poster(slack),
        clock=clock,
        render=message,
        sleep=sleeps,
        post_interval=0.2,
        scheduler=BackgroundScheduler(timezone=dt.UTC),
    )
    assert [o.status for o in digests.catch_up()] == ["posted"] * len(channels)
    assert [(kind, c) for kind, c, _ in writes] == [
        (kind, c) for c in channels for kind in ("post", "file")
    ], "one digest and one calendar per channel"
    gaps = [(b[2] - a[2]).total_seconds() for a, b in itertools.pairwise(writes)]
    assert min(gaps) >= 0.2 - 1e-9, "no two Slack writes less than 0.2 s apart (300 a minute)"
    per_minute = (len(writes) - 1) / ((writes[-1][2] - writes[0][2]).total_seconds() / 60)
    assert per_minute <= 300


def test_a_rate_limited_calendar_waits_and_is_still_attached(
    db_path: Path, slack: FakeSlack
) -> None:
    subscribe(db_path, "C1", "09:00")
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    digests = scheduler(db_path, slack, clock)
    slack.rate_limit("files.getUploadURLExternal", times=2, retry_after=4)
    outcome = digests.run("C1")
    assert outcome.status == "posted"
    assert digests.sleep.waits == [4.0, 4.0]  # type: ignore[attr-defined]
    [done] = slack.calls_to("files.completeUploadExternal")
    assert done.body.get("thread_ts") == outcome.ts, "in the digest's thread"
    assert b"BEGIN:VCALENDAR" in b"".join(c.body.get("raw", b"") for c in slack.calls_to("upload"))


def test_one_channel_rate_limited_to_the_end_does_not_stop_the_others(
    db_path: Path, slack: FakeSlack
) -> None:
    for channel in ("C1", "C2", "C3"):
        subscribe(db_path, channel, "09:00")
    clock = FakeClock(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC))
    digests = scheduler(db_path, slack, clock, attach_calendar=False)
    slack.rate_limit("chat.postMessage", times=4, retry_after=2)  # all of C1's attempts
    outcomes = {o.channel_id: (o.status, o.detail) for o in digests.catch_up()}
    assert outcomes == {
        "C1": ("failed", "ratelimited"),
        "C2": ("posted", ""),
        "C3": ("posted", ""),
    }
    assert digests.sleep.waits == [2.0, 2.0, 2.0]  # type: ignore[attr-defined]
    db = connect(str(db_path))
    assert store.delivery(db, "C1", dt.date(2026, 3, 24)) is None, "owed, so retried later"
    clock.advance(minutes=5)
    assert digests.run("C1").status == "posted"
