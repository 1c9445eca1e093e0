"""Subscriptions and the ledger in the store, and the time arithmetic across DST changes."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from apscheduler.triggers.cron import CronTrigger

from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.scheduler import trigger
from cyberbrief.digests.subscriptions import Subscription
from cyberbrief.digests.zones import BadTime, UnknownZone, parse_time, zone
from cyberbrief.store.migrations import SCHEMA_VERSION
from tests.helpers import FakeClock, mini_store

UTC = dt.UTC
BRUSSELS = "Europe/Brussels"
GRACE = dt.timedelta(hours=3)


def at(*args: int, tz: str = "UTC") -> dt.datetime:
    return dt.datetime(*args, tzinfo=zone(tz))  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07:30", dt.time(7, 30)),
        ("7:30", dt.time(7, 30)),
        ("7.30", dt.time(7, 30)),
        ("7h30", dt.time(7, 30)),
        ("23:59", dt.time(23, 59)),
        ("00:00", dt.time(0, 0)),
        ("7am", dt.time(7, 0)),
        ("12am", dt.time(0, 0)),
        ("12pm", dt.time(12, 0)),
        ("7:30pm", dt.time(19, 30)),
        ("7:30 PM", dt.time(19, 30)),
    ],
)
def test_times_people_type(text: str, expected: dt.time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "7:60", "7", "seven", "13pm", "0am", "7:3", ""])
def test_bad_times_are_refused_with_an_example(text: str) -> None:
    with pytest.raises(BadTime, match=r"HH:MM|1 to 12"):
        parse_time(text)


def test_zones() -> None:
    assert zone("UTC").key == "UTC"
    assert zone("utc").key == "UTC"
    assert zone("Europe/Brussels").key == BRUSSELS
    assert zone("europe/brussels").key == BRUSSELS
    assert zone("America/New_york").key == "America/New_York"
    for bad in ("Mars/Olympus", "", "../etc/passwd", "/etc/localtime", "Europe/Brusels"):
        with pytest.raises(UnknownZone):
            zone(bad)


def test_migration_adds_the_tables(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 2
    assert {"subscriptions", "deliveries"} <= set(db.table_names())


def test_save_update_pause_delete(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    clock = FakeClock(at(2026, 3, 24, 10, 0))
    sub = store.save(
        db,
        Subscription("C1", dt.time(7, 30), BRUSSELS, ("EU", "ITU"), 7, True, "T1", "U1"),
        clock,
    )
    assert sub.topics == ("EU", "ITU") and sub.window_days == 7 and sub.always_post
    assert sub.created_at == sub.updated_at == "2026-03-24T10:00:00+00:00"
    clock.advance(hours=1)
    store.pause(db, "C1", "the channel is archived", clock)
    assert store.get(db, "C1").paused  # type: ignore[union-attr]
    assert store.all_subscriptions(db, active_only=True) == []
    updated = store.save(db, Subscription("C1", dt.time(8, 0), "UTC"), clock)
    assert not updated.paused and updated.post_time == dt.time(8, 0)
    assert updated.created_at == "2026-03-24T10:00:00+00:00"
    assert updated.updated_at == "2026-03-24T11:00:00+00:00"
    assert updated.created_by == "U1"
    with pytest.raises(ValueError):
        store.save(db, Subscription("C2", window_days=0), clock)
    with pytest.raises(UnknownZone):
        store.save(db, Subscription("C2", timezone="Nowhere/Special"), clock)
    assert store.delete(db, "C1") and not store.delete(db, "C1")
    assert store.get(db, "C1") is None


def test_ledger_has_one_row_per_channel_and_day(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    clock = FakeClock(at(2026, 3, 24, 10, 0))
    day = dt.date(2026, 3, 24)
    store.record_delivery(db, "C1", day, status="posted", ts="1.2", clock=clock)
    with pytest.raises(sqlite3.IntegrityError):
        store.record_delivery(db, "C1", day, status="posted", ts="1.3", clock=clock)
    tomorrow = day + dt.timedelta(days=1)
    store.record_delivery(db, "C1", tomorrow, status="empty", ts=None, clock=clock)
    assert store.delivery(db, "C1", day).ts == "1.2"  # type: ignore[union-attr]
    assert store.last_delivery(db, "C1").status == "empty"  # type: ignore[union-attr]
    assert [d.local_date.day for d in store.deliveries(db)] == [24, 25]


# daylight saving


def fire_times(sub: Subscription, start: dt.datetime, count: int) -> list[dt.datetime]:
    cron: CronTrigger = trigger(sub)
    times: list[dt.datetime] = []
    previous = None
    now = start
    for _ in range(count):
        fire = cron.get_next_fire_time(previous, now)
        assert fire is not None
        times.append(fire)
        previous = now = fire
    return times


def test_cron_fires_at_local_time_across_spring_forward() -> None:
    sub = Subscription("C1", dt.time(7, 30), BRUSSELS)
    fires = fire_times(sub, at(2026, 3, 27, 12, 0), 3)
    # 28 March is CET (UTC+1), 29 and 30 March CEST (UTC+2): always 07:30 on the wall clock.
    assert [f.astimezone(UTC) for f in fires] == [
        at(2026, 3, 28, 6, 30),
        at(2026, 3, 29, 5, 30),
        at(2026, 3, 30, 5, 30),
    ]
    assert all(f.astimezone(zone(BRUSSELS)).strftime("%H:%M") == "07:30" for f in fires)
    # What the trigger fires is what the delivery logic calls due, for the right local day.
    for fire in fires:
        assert sub.post_at(sub.local_date(fire)) == fire.astimezone(UTC)
        assert sub.due_day(fire, GRACE) == fire.astimezone(zone(BRUSSELS)).date()
        assert sub.due_day(fire - dt.timedelta(seconds=1), GRACE) != sub.local_date(fire)


def test_cron_fires_at_local_time_across_fall_back() -> None:
    sub = Subscription("C1", dt.time(9, 0), BRUSSELS)
    fires = fire_times(sub, at(2026, 10, 24, 12, 0), 2)
    assert [f.astimezone(UTC) for f in fires] == [at(2026, 10, 25, 8, 0), at(2026, 10, 26, 8, 0)]
    assert sub.due_day(at(2026, 10, 25, 8, 0), GRACE) == dt.date(2026, 10, 25)
    # Saturday 24 October (CEST) is 07:00 UTC.
    assert sub.post_at(dt.date(2026, 10, 24)) == at(2026, 10, 24, 7, 0)


def test_post_times_that_do_not_exist_or_happen_twice() -> None:
    # 02:30 does not exist on 29 March in Brussels; it posts at 03:30 CEST, like the trigger.
    sub = Subscription("C1", dt.time(2, 30), BRUSSELS)
    gap = fire_times(sub, at(2026, 3, 28, 12, 0), 1)[0]
    assert gap.astimezone(UTC) == at(2026, 3, 29, 1, 30) == sub.post_at(dt.date(2026, 3, 29))
    # 02:30 happens twice on 25 October: the trigger fires at both, the day is the same one,
    # and the ledger (tested with delivery) turns the second into nothing.
    twice = fire_times(sub, at(2026, 10, 24, 12, 0), 2)
    assert [t.astimezone(UTC) for t in twice] == [at(2026, 10, 25, 0, 30), at(2026, 10, 25, 1, 30)]
    assert {sub.due_day(t, GRACE) for t in twice} == {dt.date(2026, 10, 25)}


def test_due_day_and_grace() -> None:
    sub = Subscription("C1", dt.time(7, 30), BRUSSELS)
    assert sub.due_day(at(2026, 3, 24, 7, 29, tz=BRUSSELS), GRACE) is None
    assert sub.due_day(at(2026, 3, 24, 7, 30, tz=BRUSSELS), GRACE) == dt.date(2026, 3, 24)
    assert sub.due_day(at(2026, 3, 24, 10, 30, tz=BRUSSELS), GRACE) == dt.date(2026, 3, 24)
    assert sub.due_day(at(2026, 3, 24, 10, 31, tz=BRUSSELS), GRACE) is None
    # A late post time whose grace runs past midnight is still yesterday's digest.
    late = Subscription("C2", dt.time(23, 30), "America/New_York")
    assert late.due_day(at(2026, 3, 25, 1, 0, tz="America/New_York"), GRACE) == dt.date(2026, 3, 24)


def test_next_post_skips_a_day_already_delivered(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    sub = Subscription("C1", dt.time(7, 30), BRUSSELS)
    now = at(2026, 3, 28, 6, 0, tz=BRUSSELS)
    assert store.next_post(db, sub, now) == at(2026, 3, 28, 7, 30, tz=BRUSSELS)
    clock = FakeClock(now)
    store.record_delivery(db, "C1", dt.date(2026, 3, 28), status="posted", ts="1", clock=clock)
    upcoming = store.next_post(db, sub, now)
    assert upcoming == at(2026, 3, 29, 7, 30, tz=BRUSSELS)
    assert upcoming.tzname() == "CEST"
