"""`/cyber subscribe` and friends as a channel uses them: signed HTTP into `bot.py serve`."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from cyberbrief.digests import subscriptions as store
from cyberbrief.store.connection import connect
from tests.digest_data import digest_store
from tests.fake_slack import FakeSlack
from tests.helpers import mini_store, run_process
from tests.serving import Server, serving


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    db = tmp_path / "k.db"
    mini_store(db).close()
    with FakeSlack() as slack:
        slack.on(
            "users.info",
            lambda body: {"ok": True, "user": {"id": body["user"], "tz": "Asia/Tokyo"}},
        )
        with serving(db, slack) as running:
            yield running


def reply_text(reply: object) -> str:
    return json.dumps(reply, ensure_ascii=False)


def test_subscribe_at_a_time_in_a_zone_confirms_the_next_post(server: Server) -> None:
    status, reply = server.command("subscribe at 07:30 Europe/Brussels", channel="C0POLICY")
    assert status == 200
    text = reply_text(reply)
    assert "07:30 Europe/Brussels" in text
    assert "Next digest" in text and ("CET" in text or "CEST" in text)
    _, listing = server.command("subscriptions", channel="C0POLICY")
    assert "07:30 Europe/Brussels" in reply_text(listing)


def test_the_default_zone_is_the_users_slack_zone(server: Server) -> None:
    _, reply = server.command("subscribe", channel="C0TOKYO")
    assert "09:00 Asia/Tokyo" in reply_text(reply)
    _, again = server.command("subscribe at 08:15 cybercrime", channel="C0TOKYO")
    text = reply_text(again)
    assert "Updated" in text and "08:15 Asia/Tokyo" in text and "cybercrime" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [("at 25:00", "25:00"), ("at 07:30 Mars/Olympus", "Mars/Olympus")],
)
def test_bad_times_and_zones_are_explained(server: Server, args: str, message: str) -> None:
    status, reply = server.command(f"subscribe {args}", channel="C0BAD")
    assert status == 200
    assert message in reply_text(reply)
    assert "Subscribed" not in reply_text(reply)
    _, listing = server.command("subscriptions", channel="C0BAD")
    assert "07:30" not in reply_text(listing)


def test_a_private_channel_without_the_bot_says_how_to_invite_it(server: Server) -> None:
    server.slack.error("conversations.info", "channel_not_found")
    _, reply = server.command("subscribe", channel="G0SECRET")
    assert "/invite" in reply_text(reply)
    assert "Subscribed" not in reply_text(reply)


def test_unsubscribe_stops_the_digest(server: Server) -> None:
    server.command("subscribe at 10:00 UTC", channel="C0STOP")
    _, reply = server.command("unsubscribe", channel="C0STOP")
    assert "Unsubscribed" in reply_text(reply)
    _, again = server.command("unsubscribe", channel="C0STOP")
    assert "nothing to stop" in reply_text(again)


def test_digest_preview_is_only_for_the_asker(server: Server) -> None:
    _, reply = server.command("digest", channel="C0PREVIEW")
    assert reply["response_type"] == "ephemeral"
    assert "Preview" in reply_text(reply)


def test_the_digest_command_line(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    digest_store(db).close()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SLACK_")},
        "CYBERBRIEF_DB": str(db),
    }

    def bot(*args: str) -> subprocess.CompletedProcess[str]:
        return run_process(["digest", *args], env)

    done = bot("--date", "2026-03-24")
    assert done.returncode == 0, done.stderr
    assert "Cyber Resilience Forum" in done.stdout and "Later Summit" not in done.stdout
    narrow = bot("--date", "2026-03-24", "--days", "3")
    assert "Cyber Resilience Forum" in narrow.stdout
    assert "Octopus Conference" not in narrow.stdout
    assert bot("--date", "24/03/2026").returncode == 2
    assert bot("--days", "0").returncode == 2
    sub_db = connect(str(db))
    assert store.get(sub_db, "C0NONE") is None
