"""The database folder removed while the bot runs: writes are refused with a clear message,
the log alerts once, ``/healthz`` fails, and the digest scheduler never recreates an empty
database in its place."""

from __future__ import annotations

import logging
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from cyberbrief.store.connection import Store, connect
from cyberbrief.store.health import StoreUnavailable
from tests.digest_data import digest_store, driven_scheduler
from tests.digest_jobs import Posts, at, scheduler, subscribe
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock, mini_store
from tests.serving import start_server


def test_serve_refuses_changes_alerts_once_and_fails_its_health_check(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    db = folder / "k.db"
    mini_store(db).close()
    with FakeSlack() as slack:
        server = start_server(db, slack)
        try:
            status, reply = server.command("subscribe at 07:30 UTC", channel="C0ONE")
            assert status == 200 and "Subscribed" in str(reply)
            assert server.log is not None
            log_file = server.log.open()  # the log sits in the folder about to go
            shutil.rmtree(folder)
            for channel in ("C0TWO", "C0THREE"):
                status, reply = server.command("subscribe at 08:00 UTC", channel=channel)
                assert status == 200
                text = str(reply)
                assert "Subscribed" not in text
                assert f"the database folder {folder} is gone" in text, text
            try:
                urllib.request.urlopen(f"{server.url}/healthz", timeout=5)
                raise AssertionError("healthz said ok")
            except urllib.error.HTTPError as exc:
                assert exc.code == 503
            log = log_file.read()
            log_file.close()
            assert log.count("ALERT") == 1, log
            assert "Traceback" not in log
            assert not folder.exists(), "nothing recreated the folder"
        finally:
            server.process.terminate()
            server.process.wait(timeout=10)


def test_the_scheduler_does_not_recreate_a_removed_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "data"
    path = folder / "digests.db"
    digest_store(path).close()
    subscribe(path, "C1", "07:30", "UTC")
    clock = FakeClock(at(2026, 11, 24, 6, 0))
    with FakeSlack() as slack:
        posts = Posts(slack, clock)
        driven = driven_scheduler(monkeypatch, clock)
        original = connect(str(path))
        digests = scheduler(
            path, slack, clock, Store(path).connect, scheduler=driven, resync_seconds=60
        )
        digests.start()
        original.close()
        shutil.rmtree(folder)
        with caplog.at_level(logging.ERROR):
            driven.advance_to(at(2026, 11, 24, 9, 0))  # the 07:30 post and 180 resyncs
        assert not folder.exists(), "the scheduler recreated the database"
        assert posts.times("C1") == []
        alerts = [r for r in caplog.records if "ALERT" in r.getMessage()]
        assert len(alerts) == 1, [r.getMessage() for r in caplog.records]
        assert not [r for r in caplog.records if r.exc_info], "no traceback for a known fault"
        with pytest.raises(StoreUnavailable, match="is gone"):
            digests.connect_db()
        digests.shutdown()


def test_the_feed_poller_does_not_recreate_a_removed_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from cyberbrief.intake.feeds import add_feed
    from cyberbrief.intake.fetch import FetchPolicy
    from cyberbrief.intake.polling import FeedPoller

    folder = tmp_path / "data"
    path = folder / "k.db"
    clock = FakeClock(at(2026, 11, 24, 9, 0))
    db = mini_store(path, clock)
    add_feed(db, "http://127.0.0.1:9/feed.rss", interval_minutes=30, actor="ana", clock=clock)
    driven = driven_scheduler(monkeypatch, clock)
    poller = FeedPoller(
        Store(path).connect,
        clock=clock,
        policy=FetchPolicy(),
        scheduler=driven,
        resync_seconds=60,
    )
    poller.start()
    db.close()
    shutil.rmtree(folder)
    with caplog.at_level(logging.ERROR):
        driven.advance_to(at(2026, 11, 24, 12, 0))  # six polls and 180 resyncs
    assert not folder.exists(), "the poller recreated the database"
    assert len([r for r in caplog.records if "ALERT" in r.getMessage()]) == 1
    assert not [r for r in caplog.records if r.exc_info], "no traceback for a known fault"
    poller.shutdown()


def test_the_shared_store_does_not_recreate_a_removed_database(tmp_path: Path) -> None:
    from cyberbrief.store.connection import Store

    folder = tmp_path / "data"
    mini_store(folder / "k.db").close()
    store = Store(folder / "k.db")
    with store.read() as db:
        assert db.execute("SELECT count(*) FROM changes").fetchone()[0] > 0
    with store.write() as db:
        db.execute("CREATE TABLE scratch (x)")
    shutil.rmtree(folder)
    with pytest.raises(StoreUnavailable, match="is gone"), store.write() as db:
        db.execute("INSERT INTO scratch VALUES (1)")  # the pooled connection: refused
    with pytest.raises(StoreUnavailable, match="is gone"):
        store.connect()
    assert not folder.exists()
    store.close()
