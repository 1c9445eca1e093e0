"""`/cyber subscribe` and friends through the real Bolt app, wired as a bot process wires it
(``cyberbrief.app.create_app`` and ``start_digests``), with the scheduler on a fake clock: what a
channel types, what it is told, and what the scheduler then posts, without a restart.

Requests are signed as Slack signs them and dispatched into the app in-process; the app's Web
API calls (``users.info``, ``conversations.info``, ``views.publish``, the digests) land in
the loopback fake Slack.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cyberbrief.digests import subscriptions as store
from tests.fake_slack import FakeSlack
from tests.slack_app import ADMIN, Bot, signed, start

UTC = dt.UTC


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.on("users.info", lambda body: {"ok": True, "user": {"id": body["user"], "tz": ""}})
        yield fake


def user_zone(slack: FakeSlack, tz: str) -> None:
    slack.on("users.info", lambda body: {"ok": True, "user": {"id": body["user"], "tz": tz}})


# subscribe


def test_subscribe_at_0730_brussels_confirms_and_posts_then_without_a_restart(
    running: Bot,
) -> None:
    reply = running.command("subscribe at 07:30 Europe/Brussels")
    assert "Subscribed" in reply and "07:30 Europe/Brussels" in reply
    # Tomorrow is the first day of summer time: the reply names it in the channel's zone.
    assert "Next digest: *Sunday 29 March 2026 at 07:30 CEST*" in reply
    assert running.digests.scheduled() == {"C0POLICY": ("07:30", "Europe/Brussels")}

    running.driven.advance_to(dt.datetime(2026, 3, 29, 12, 0, tzinfo=UTC))
    [post] = running.posts("C0POLICY")
    assert "Cyber policy digest for Sunday 29 March 2026" in post["text"]
    with running.services.read() as db:
        delivery = store.deliveries(db, "C0POLICY")
    assert [(d.local_date, d.status) for d in delivery] == [(dt.date(2026, 3, 29), "posted")]
    assert running.clock() >= dt.datetime(2026, 3, 29, 5, 30, tzinfo=UTC)
    listing = running.command("subscriptions")
    assert "last: 2026-03-29 (posted)" in listing
    assert "Monday 30 March 2026 at 07:30 CEST" in listing


def test_subscribed_at_hhmm_utc_one_digest_that_minute_and_none_after_a_restart(
    tmp_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = start(tmp_path, slack, monkeypatch, dt.datetime(2026, 3, 24, 12, 0, tzinfo=UTC))
    reply = first.command("subscribe at 13:05 UTC")
    assert "Next digest: *Tuesday 24 March 2026 at 13:05 UTC*" in reply
    first.driven.advance_to(dt.datetime(2026, 3, 24, 13, 4, 59, tzinfo=UTC))
    assert first.posts("C0POLICY") == []
    first.driven.advance_to(dt.datetime(2026, 3, 24, 13, 30, tzinfo=UTC))
    [post] = first.posts("C0POLICY")
    assert "Cyber policy digest for Tuesday 24 March 2026" in post["text"]
    with first.services.read() as db:
        [delivery] = store.deliveries(db, "C0POLICY")
    assert delivery.posted_at == "2026-03-24T13:05:00+00:00" and delivery.ts
    first.digests.shutdown()

    # Restarted the same day, inside the grace window: nothing more, today or at 13:05 again.
    again = start(tmp_path, slack, monkeypatch, dt.datetime(2026, 3, 24, 13, 40, tzinfo=UTC))
    again.driven.advance_to(dt.datetime(2026, 3, 24, 23, 59, tzinfo=UTC))
    assert len(again.posts("C0POLICY")) == 1
    assert "Wednesday 25 March 2026 at 13:05 UTC" in again.command("subscriptions")
    again.driven.advance_to(dt.datetime(2026, 3, 25, 13, 5, tzinfo=UTC))
    assert len(again.posts("C0POLICY")) == 2, "and the next day's as usual"


def test_the_default_zone_is_the_users_slack_zone(running: Bot) -> None:
    user_zone(running.slack, "Asia/Tokyo")
    reply = running.command("subscribe")
    assert "09:00 Asia/Tokyo" in reply
    assert "Next digest: *Sunday 29 March 2026 at 09:00 JST*" in reply
    [asked] = running.slack.calls_to("users.info")
    assert asked.body["user"] == "U0USER"


@pytest.mark.parametrize("tz", ["", "Not/AZone"])
def test_without_a_usable_slack_zone_the_default_is_utc(running: Bot, tz: str) -> None:
    user_zone(running.slack, tz)
    assert "09:00 UTC" in running.command("subscribe")


def test_resubscribing_changes_only_what_is_given_and_moves_the_job(running: Bot) -> None:
    running.command("subscribe at 07:30 Europe/Brussels EU")
    reply = running.command("subscribe at 08:15 cybercrime days 7")
    assert "Updated" in reply and "08:15 Europe/Brussels" in reply and "cybercrime" in reply
    assert "the next 7 days" in reply
    sub = running.subscription("C0POLICY")
    assert sub is not None
    assert (sub.post_time, sub.timezone, sub.topics, sub.window_days) == (
        dt.time(8, 15),
        "Europe/Brussels",
        ("cybercrime",),
        7,
    )
    assert running.digests.scheduled() == {"C0POLICY": ("08:15", "Europe/Brussels")}
    running.driven.advance_to(dt.datetime(2026, 3, 29, 12, 0, tzinfo=UTC))
    [post] = running.posts("C0POLICY")
    assert "Octopus Conference on Cybercrime" not in str(post["blocks"]), "7 days, not 14"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ("at 25:00", "'25:00' is not a time of day; use HH:MM between 00:00 and 23:59"),
        ("at 7:61", "'7:61' is not a time of day"),
        ("at noonish", "'noonish' is not a time of day; use HH:MM"),
        ("at", "Say when after `at`"),
        ("at 07:30 Mars/Olympus", "I don't know the time zone 'Mars/Olympus'"),
        ("at 07:30 Europe/Brussels America/New_York", "Give one time zone only"),
        ("days 0", "'0' is not a number of days"),
        ("at 07:30 UTC+2", "'UTC+2' is an offset, not a time zone"),
    ],
)
def test_bad_times_and_zones_are_explained_and_nothing_is_stored(
    running: Bot, args: str, says: str
) -> None:
    reply = running.command(f"subscribe {args}")
    assert says in reply
    assert "/cyber subscribe at 07:30 Europe/Brussels" in reply, "with an example"
    assert "Subscribed" not in reply
    assert running.subscription("C0POLICY") is None
    assert running.digests.scheduled() == {}


def test_zones_as_people_type_them(running: Bot) -> None:
    assert "07:30 Europe/Brussels" in running.command("subscribe at 7.30 europe/brussels")
    assert "07:30 Europe/Brussels" in running.command("subscribe at 7:30am Brussels")
    reply = running.command("subscribe at 07:30 new_york ITU")
    assert "07:30 America/New_York" in reply and "on ITU" in reply
    assert "`Etc/GMT-2` for a fixed UTC+2" in running.command("subscribe at 07:30 UTC+2")
    reply = running.command("subscribe Brussels")  # not after a time: a topic
    assert "07:30 America/New_York" in reply and "on Brussels" in reply


def test_a_private_channel_without_the_bot_says_how_to_invite_it(running: Bot) -> None:
    running.slack.error("conversations.info", "channel_not_found")
    reply = running.command("subscribe at 07:30 UTC", channel="G0SECRET")
    assert "/invite @cyberbrief" in reply and "not a member" in reply
    assert running.subscription("G0SECRET") is None


def test_a_public_channel_the_bot_is_not_in_says_how_to_invite_it(running: Bot) -> None:
    running.slack.on(
        "conversations.info",
        lambda body: {"ok": True, "channel": {"id": body["channel"], "is_member": False}},
    )
    assert "/invite @cyberbrief" in running.command("subscribe", channel="C0OUTSIDE")
    assert running.subscription("C0OUTSIDE") is None


def test_an_archived_channel_or_a_dm_is_refused(running: Bot) -> None:
    running.slack.on(
        "conversations.info",
        lambda body: {
            "ok": True,
            "channel": {"id": body["channel"], "is_member": True, "is_archived": True},
        },
    )
    assert "archived" in running.command("subscribe", channel="C0OLD")
    assert "Digests go to channels" in running.command("subscribe", channel="D0DIRECT")
    assert running.digests.scheduled() == {}


# unsubscribe, subscriptions


def test_unsubscribe_removes_the_job_and_nothing_is_posted(running: Bot) -> None:
    running.command("subscribe at 13:00 UTC")
    assert "C0POLICY" in running.digests.scheduled()
    reply = running.command("unsubscribe")
    assert "Unsubscribed" in reply
    assert running.digests.scheduled() == {}
    running.driven.advance_to(dt.datetime(2026, 3, 30, 0, 0, tzinfo=UTC))
    assert running.posts("C0POLICY") == []
    assert "nothing to stop" in running.command("unsubscribe")


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "is_archived"])
def test_a_channel_slack_refuses_is_paused_with_the_reason_shown(running: Bot, error: str) -> None:
    running.command("subscribe at 13:00 UTC")
    running.command("subscribe at 13:00 UTC", channel="C0OTHER")
    running.slack.on(
        "chat.postMessage",
        lambda body: (
            {"ok": False, "error": error}
            if body["channel"] == "C0POLICY"
            else {"ok": True, "channel": body["channel"], "ts": "1774000000.000100"}
        ),
    )
    running.driven.advance_to(dt.datetime(2026, 3, 28, 13, 30, tzinfo=UTC))
    assert len(running.posts("C0OTHER")) == 1, "the other channel still got its digest"

    listing = running.command("subscriptions")
    assert "*Paused* since 2026-03-28 13:00 UTC" in listing
    assert error in listing
    hint = "unarchive" if error == "is_archived" else "/invite @cyberbrief"
    assert hint in listing
    assert "C0POLICY" not in running.digests.scheduled()
    running.driven.advance_to(dt.datetime(2026, 3, 29, 13, 30, tzinfo=UTC))
    assert len(running.posts("C0POLICY")) == 1, "paused: not tried again"

    # Fixed in Slack, then subscribed again: resumed, and posted at the next 13:00.
    running.slack.on(
        "chat.postMessage",
        lambda body: {"ok": True, "channel": body["channel"], "ts": "1774000000.000200"},
    )
    assert "Resumed" in running.command("subscribe")
    running.driven.advance_to(dt.datetime(2026, 3, 30, 13, 30, tzinfo=UTC))
    assert len(running.posts("C0POLICY")) == 2
    assert "Paused" not in running.command("subscriptions")


def test_subscriptions_shows_this_channel_and_admins_see_all(running: Bot) -> None:
    running.command("subscribe at 07:30 Europe/Brussels EU")
    running.command("subscribe at 18:00 UTC always", channel="C0OTHER")
    mine = running.command("subscriptions")
    assert "07:30 Europe/Brussels" in mine and "on EU" in mine
    assert "18:00" not in mine
    everyone = running.command("subscriptions", user=ADMIN)
    assert "07:30 Europe/Brussels" in everyone and "18:00 UTC" in everyone
    assert "no digest subscription" in running.command("subscriptions", channel="C0NONE")


# preview and App Home


def test_digest_preview_is_ephemeral_and_posts_nothing(running: Bot) -> None:
    running.command("subscribe at 07:30 Europe/Brussels ITU")
    preview = running.command("digest")
    assert "Preview of today's digest" in preview
    assert "Global Cybersecurity Dialogue" in preview, "the channel's topic: ITU"
    assert "Cyber Resilience Forum" not in preview
    other = running.command("digest Council of Europe", channel="C0NONE")
    assert "Octopus Conference on Cybercrime" in other and "not subscribed" in other
    assert running.slack.calls_to("chat.postMessage") == []


def test_app_home_shows_the_users_channels_and_what_is_coming_up(running: Bot) -> None:
    running.command("subscribe at 07:30 Europe/Brussels")
    running.command("subscribe at 18:00 UTC", channel="C0ELSEWHERE", user="U0SOMEONE")
    running.slack.on(
        "users.conversations",
        lambda body: {"ok": True, "channels": [{"id": "C0POLICY"}], "response_metadata": {}},
    )
    event = {
        "token": "verification-token",
        "team_id": "T0FAKE",
        "api_app_id": "A0APP",
        "type": "event_callback",
        "event_id": "Ev1",
        "event_time": 1774699200,
        "event": {"type": "app_home_opened", "user": "U0USER", "channel": "D0HOME", "tab": "home"},
    }
    response = running.app.dispatch(signed(json.dumps(event), "application/json"))
    assert response.status == 200
    [published] = running.slack.wait_for("views.publish")
    assert published.body["user_id"] == "U0USER"
    view = json.dumps(published.body["view"])
    assert '"type": "home"' in view
    assert "C0POLICY" in view and "07:30 Europe/Brussels" in view
    assert "C0ELSEWHERE" not in view, "only the user's channels"
    assert "CERT-EU Annual Conference" in view, "what is coming up"
    assert "Cyber Resilience Forum" not in view, "over by 28 March"


def test_app_home_falls_back_to_the_digests_the_user_set_up(running: Bot) -> None:
    running.command("subscribe at 07:30 Europe/Brussels")
    running.command("subscribe at 18:00 UTC", channel="C0ELSEWHERE", user="U0SOMEONE")
    running.slack.error("users.conversations", "missing_scope")
    event = {
        "team_id": "T0FAKE",
        "api_app_id": "A0APP",
        "type": "event_callback",
        "event_id": "Ev2",
        "event_time": 1774699200,
        "event": {"type": "app_home_opened", "user": "U0USER", "tab": "home"},
    }
    assert running.app.dispatch(signed(json.dumps(event), "application/json")).status == 200
    [published] = running.slack.wait_for("views.publish")
    view = json.dumps(published.body["view"])
    assert "C0POLICY" in view and "C0ELSEWHERE" not in view
