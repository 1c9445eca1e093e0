"""Fixtures of the Slack tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.fake_slack import FakeSlack
from tests.slack_app import Bot, start


@pytest.fixture
def running(tmp_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> Bot:
    """A bot started at noon UTC on Saturday 28 March 2026, the day before Brussels moves
    its clocks forward."""
    return start(tmp_path, slack, monkeypatch, dt.datetime(2026, 3, 28, 12, 0, tzinfo=dt.UTC))
