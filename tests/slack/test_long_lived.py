"""A server process keeps what start-up built out of the garbage collector's full scans once
warm (``gc.freeze``): the scans otherwise land 40-60 ms of CPU on one question every few
hundred at 100k records (bench/RESULTS.md). Short-lived uses (tests, commands) never freeze:
objects frozen and dropped later would never be collected."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from cyberbrief import app as bot
from cyberbrief.settings import Settings
from cyberbrief.slack.services import Services
from cyberbrief.store.connection import Store
from tests.helpers import FakeClock, mini_store
from tests.slack_app import SECRET


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Each test starts and ends with nothing frozen in this (the test) process."""
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "k.db"
    mini_store(path).close()
    return path


@pytest.mark.usefixtures("unfrozen")
def test_a_server_freezes_its_start_up_objects_once_warm_and_answers_the_same(
    store_path: Path,
) -> None:
    clock = FakeClock(dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC))
    plain = Services.create(Store(store_path), clock)
    plain.finish_warm_up()
    assert gc.get_freeze_count() == 0
    server = bot.open_services(
        Settings.from_environ(
            {
                "CYBERBRIEF_DB": str(store_path),
                "SLACK_BOT_TOKEN": "xoxb-test",
                "SLACK_SIGNING_SECRET": SECRET,
            }
        )
    )
    server.clock = clock
    server.finish_warm_up()
    assert gc.get_freeze_count() > 1000  # the modules, the model, the name index
    for question in ("who is ICSPA", "who said cyber crime costs billions", "when was GCHQ set up"):
        assert server.answer(question) == plain.answer(question)
