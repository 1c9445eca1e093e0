"""Two Slack requests at once through the real Bolt app, on real threads and a real SQLite
file: a subscribe that arrives during an admin upload that is then rejected is kept, and a
subscribe acks before it asks Slack anything."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from cyberbrief.knowledge import loader
from cyberbrief.slack.listeners.views import admin as admin_views
from cyberbrief.slack.views.admin import LOAD_CALLBACK
from tests.fake_slack import FakeSlack
from tests.slack_app import ADMIN, Bot, signed
from tests.slack_requests import command_body, view_body

REJECTED = (
    b"organisations:\n  - {name: Qwerty Institute, acronym: QWI}\n"
    b"people:\n  - {name: Nobody Known, organisation: No Such Organisation}\n"
)


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.on("users.info", lambda body: {"ok": True, "user": {"id": body["user"], "tz": ""}})
        yield fake


def upload(bot: Bot, file_bytes: bytes) -> None:
    url = bot.slack.serve_file("bad.yaml", file_bytes)
    bot.slack.on(
        "files.info",
        lambda body: {
            "ok": True,
            "file": {"id": "F1", "name": "bad.yaml", "url_private_download": url, "size": 99},
        },
    )
    values = {
        "file": {"value": {"type": "file_input", "files": [{"id": "F1"}]}},
        "options": {"value": {"type": "checkboxes", "selected_options": []}},
    }
    body = view_body(ADMIN, LOAD_CALLBACK, values, json.dumps({"channel": "C0ADMIN"}))
    response = bot.app.dispatch(signed(body))
    assert response.status == 200


def test_a_subscribe_during_an_upload_that_is_rejected_is_kept(
    running: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second failure of issue 8: the subscribe became part of the upload's transaction
    and was rolled back with it, after the user had been told "Subscribed"."""
    writing, go_on = threading.Event(), threading.Event()
    real_load = loader.load_records

    def load_that_pauses(*args: Any, **kwargs: Any) -> Any:
        def progress(done: int) -> None:  # inside the upload's transaction, first record written
            if done == 1:
                writing.set()
                go_on.wait(20)

        return real_load(*args, **kwargs, progress=progress)

    monkeypatch.setattr(admin_views, "load_records", load_that_pauses)
    upload(running, REJECTED)
    assert writing.wait(10), "the upload is writing"
    body = command_body(
        "subscribe at 09:00 UTC", running.slack.response_url("sub"), channel="C0NEW"
    )
    response = running.app.dispatch(signed(body))
    assert response.status == 200 and not response.body, "acked before any Slack call"
    running.slack.wait_for("conversations.info")  # the subscribe is under way
    go_on.set()
    reply = running.slack.wait_for_response("sub").body["text"]
    assert reply.startswith("Subscribed"), reply
    [note] = running.slack.wait_for("chat.postEphemeral")
    assert "nothing was loaded" in note.body["text"]
    assert running.subscription("C0NEW") is not None, "the subscription was kept"
    with running.services.read() as db:
        assert (
            db.conn.execute(
                "SELECT count(*) FROM organisations WHERE name = 'Qwerty Institute'"
            ).fetchone()[0]
            == 0
        )
    assert "Qwerty" not in str(running.services.answer("who is QWI"))


def test_subscribe_acks_before_asking_slack_about_the_channel(running: Bot) -> None:
    asked, answer = threading.Event(), threading.Event()

    def slow_info(body: dict[str, Any]) -> tuple[int, dict[str, str], dict[str, Any]]:
        asked.set()
        answer.wait(20)
        return 200, {}, {"ok": True, "channel": {"id": body["channel"], "is_member": True}}

    running.slack.on_reply("conversations.info", slow_info)
    body = command_body("subscribe at 08:00 UTC", running.slack.response_url("slow"))
    response = running.app.dispatch(signed(body))
    assert response.status == 200 and not response.body
    assert asked.wait(10) and not answer.is_set(), "acked while Slack had not answered"
    answer.set()
    assert running.slack.wait_for_response("slow").body["text"].startswith("Subscribed")


def test_a_hanging_workspace_admin_check_still_acks_in_time(running: Bot) -> None:
    """With workspace admins trusted, the check asks Slack (users.info) before the ack: one
    bounded attempt, and no answer means no admin rights, not a missed ack."""
    running.services.trust_workspace_admins = True
    answer = threading.Event()

    def hanging(body: dict[str, Any]) -> tuple[int, dict[str, str], dict[str, Any]]:
        answer.wait(20)
        return 200, {}, {"ok": True, "user": {"id": body["user"], "is_admin": True}}

    running.slack.on_reply("users.info", hanging)
    try:
        body = command_body("admin stats", running.slack.response_url("stats"), user="U0SOMEONE")
        response = running.app.dispatch(signed(body))
        assert not answer.is_set(), "answered before Slack did"
    finally:
        answer.set()
    assert response.status == 200
    assert "only cyberbrief admins" in json.loads(response.body)["text"]
