"""Bad input from Slack users and forged payloads, over signed HTTP into `bot.py serve`: every
one gets a 200 and a clear reply (never a 404, a 500 or "something went wrong"), and the
server's log has no traceback. Includes a hypothesis fuzz of ``/cyber`` text."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cyberbrief.slack.views.admin import ADD_CALLBACK, LOAD_CALLBACK, UNDO_ACTION
from cyberbrief.slack.views.answer import MORE_ACTION, OPEN_ACTION, SHARE_ACTION
from tests.serving import Server, serving_mini_store
from tests.slack_requests import action_body, post, signed_headers

ADMIN = "U0ADMIN"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = Path(tmp_path_factory.mktemp("faults"))
    with serving_mini_store(folder, {"CYBERBRIEF_ADMINS": ADMIN}) as running:
        yield running


def no_traceback(server: Server) -> None:
    log = server.stderr()
    assert "Traceback" not in log and "went wrong" not in log, log[-4000:]


def reply_text(reply: Any) -> str:
    return json.dumps(reply, ensure_ascii=False)


def within_block_kit(reply: dict[str, Any]) -> None:
    """Slack refuses a message over these limits, and the user then sees nothing."""
    assert len(reply.get("text") or "") <= 40_000
    blocks = reply.get("blocks") or []
    assert len(blocks) <= 50
    for block in blocks:
        text = (block.get("text") or {}).get("text") or ""
        assert len(text) <= 3000
        for field in block.get("fields") or []:
            assert len(field.get("text") or "") <= 2000
        for element in block.get("elements") or []:
            if element.get("type") == "button":
                assert len(element["text"]["text"]) <= 75
                assert len(element.get("value") or "") <= 2000
                assert len(element.get("action_id") or "") <= 255


# -- /cyber inputs that used to answer "something went wrong" -----------------------------

REFUSED = {
    "subscribe days ²": "number of days",
    "subscribe days ①": "number of days",
    "subscribe days ٣": "number of days",
    "subscribe days 99999999999999999999999": "number of days",
    "subscribe at 07:30 America/Argentina": "is a region of the time zone database",
    "subscribe at 07:30 Europe": "is a region of the time zone database",
    "subscribe America/Argentina": "time zone",
    "digest at 07:30 Europe/": "time zone",
    "subscribe at 07:30 localtime": "is not a place's time zone",
    "subscribe Factory/x": "time zone",
    "subscribe at 07:30 right/UTC": "time zone",
    "subscribe at 07:30 posix/UTC": "time zone",
    "subscribe at 07:30 Etc/../UTC": "time zone",
}


@pytest.mark.parametrize("text", list(REFUSED))
def test_bad_numbers_and_zones_are_refused_clearly(server: Server, text: str) -> None:
    status, reply = server.command(text, channel="C0ZONES")
    assert status == 200
    shown = reply_text(reply)
    assert REFUSED[text] in shown
    assert "Subscribed" not in shown and "went wrong" not in shown
    no_traceback(server)


@pytest.mark.parametrize("zone", ["localtime", "Factory", "posixrules", "right/UTC", "Europe"])
def test_zone_database_entries_that_are_not_places_are_not_accepted(
    server: Server, zone: str
) -> None:
    for text in (f"subscribe at 07:30 {zone}", f"digest at 07:30 {zone}"):
        status, reply = server.command(text, channel="C0ZONE2")
        assert status == 200
        shown = reply_text(reply)
        assert f"'{zone}' is" in shown and "time zone" in shown, shown
        assert "Subscribed" not in shown
    no_traceback(server)


@pytest.mark.parametrize("text", ["admin undo ①", "admin undo ²", "admin undo 1" + "0" * 40])
def test_admin_undo_with_a_strange_number_shows_the_usage(server: Server, text: str) -> None:
    status, reply = server.command(text, user=ADMIN)
    assert status == 200 and "Usage" in reply_text(reply)
    no_traceback(server)


# -- forged and malformed buttons and modals ---------------------------------------------------


def send_action(server: Server, action_id: str, value: Any, name: str) -> int:
    body = action_body(action_id, "", server.slack.response_url(name), user=ADMIN)
    payload = json.loads(__import__("urllib.parse").parse.parse_qs(body)["payload"][0])
    payload["actions"][0]["value"] = value
    if value is None:
        del payload["actions"][0]["value"]
    raw = urlencode({"payload": json.dumps(payload)})
    status, _ = post(server.events, raw, signed_headers(raw))
    return status


@pytest.mark.parametrize(
    ("action_id", "value"),
    [
        (f"{OPEN_ACTION}:1", "organisation:" + "9" * 40),
        (f"{OPEN_ACTION}:1", "organisation:²"),
        (f"{OPEN_ACTION}:" + "9" * 400, "person:-1"),
        (MORE_ACTION, "null"),
        (MORE_ACTION, "[1, 2]"),
        (MORE_ACTION, '{"ref": "event:' + "9" * 30 + '"}'),
        (SHARE_ACTION, '{"q": null}'),
        (SHARE_ACTION, None),
        (UNDO_ACTION, "①"),
        (UNDO_ACTION, "9" * 40),
        ("not_ours", "x"),
    ],
)
def test_forged_buttons_get_a_clear_reply(server: Server, action_id: str, value: Any) -> None:
    name = f"forged-{abs(hash((action_id, value)))}"
    assert send_action(server, action_id, value, name) == 200
    (said,) = server.responses(name)
    assert said.body.get("text"), "a reply the user can read"
    assert "went wrong" not in said.body["text"]
    no_traceback(server)


@pytest.mark.parametrize(
    ("callback", "values", "meta"),
    [
        (ADD_CALLBACK, {}, "not json"),
        (ADD_CALLBACK, {}, "[1]"),
        (ADD_CALLBACK, {"text": None}, '{"kind": ["facts"]}'),
        (ADD_CALLBACK, {"text": {"value": None}}, '{"kind": "facts"}'),
        (LOAD_CALLBACK, {"options": None, "file": {"value": {"files": None}}}, None),
        (LOAD_CALLBACK, {"file": {"value": {"files": 7}}}, "{"),
        (LOAD_CALLBACK, None, "{}"),
        ("not_ours", {}, "{}"),
    ],
)
def test_forged_modals_get_a_clear_answer(
    server: Server, callback: str, values: Any, meta: Any
) -> None:
    status, reply = server.submit(ADMIN, callback, values, meta)
    assert status == 200
    assert reply, "the modal shows something: errors or a notice"
    assert reply.get("response_action") in ("errors", "update")
    no_traceback(server)


# -- admin uploads that fail ----------------------------------------------------------------


def upload(server: Server, name: str, files_info: Any, article: bool = False) -> tuple[int, Any]:
    server.slack.on("files.info", files_info)
    values: dict[str, Any] = {"file": {"value": {"files": [{"id": "F0UP", "name": name}]}}}
    if article:
        values["options"] = {"value": {"selected_options": [{"value": "article"}]}}
    return server.submit(ADMIN, LOAD_CALLBACK, values, json.dumps({"channel": "C0ADMIN"}))


def last_note(server: Server, before: int) -> str:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        notes = server.slack.calls_to("chat.postEphemeral")
        if len(notes) > before:
            return str(notes[-1].body["text"])
        time.sleep(0.01)
    raise AssertionError("the admin was told nothing")


def test_files_info_failing_says_so_and_what_to_do(server: Server) -> None:
    before = len(server.slack.calls_to("chat.postEphemeral"))
    server.slack.error("files.info", "missing_scope", times=1)
    upload(server, "orgs.yaml", lambda body: {"ok": True, "file": {}})
    note = last_note(server, before)
    assert "files.info: missing_scope" in note and "files:read" in note
    no_traceback(server)


def test_a_404_from_the_file_host_says_upload_again(server: Server) -> None:
    before = len(server.slack.calls_to("chat.postEphemeral"))
    url = f"{server.slack.base_url}/files/deleted.yaml"
    upload(
        server,
        "deleted.yaml",
        lambda body: {"ok": True, "file": {"name": "deleted.yaml", "url_private_download": url}},
    )
    note = last_note(server, before)
    assert "deleted.yaml" in note and "404" in note and "upload it again" in note
    no_traceback(server)


def test_an_unreadable_file_says_why(server: Server) -> None:
    before = len(server.slack.calls_to("chat.postEphemeral"))
    url = server.slack.serve_file("binary.yaml", b"\xff\xfe\x00garbage")
    upload(
        server,
        "binary.yaml",
        lambda body: {"ok": True, "file": {"name": "binary.yaml", "url_private_download": url}},
    )
    note = last_note(server, before)
    assert "binary.yaml" in note and "not UTF-8" in note
    no_traceback(server)


def test_an_article_is_drafted_after_the_ack(server: Server) -> None:
    """The ack is a progress view; the drafts (or why there are none) replace it."""
    url = server.slack.serve_file(
        "article.txt", b'"We must act," said Jane Doe, the minister for cyber security.\n'
    )
    status, reply = upload(
        server,
        "article.txt",
        lambda body: {"ok": True, "file": {"name": "article.txt", "url_private_download": url}},
        article=True,
    )
    assert status == 200 and reply["response_action"] == "update"
    assert "Drafting" in reply_text(reply)
    [updated] = server.slack.wait_for("views.update")
    view = updated.body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert updated.body["view_id"] == "V1"
    assert "Jane Doe" in json.dumps(view)
    no_traceback(server)


# -- fuzz -------------------------------------------------------------------------------------

WORDS = [
    "subscribe", "unsubscribe", "digest", "subscriptions", "admin", "undo", "history", "at",
    "days", "day", "for", "quiet", "always", "all", "UTC", "GMT+2", "Europe/Brussels",
    "Europe", "America/Argentina", "localtime", "Factory", "posixrules", "right/UTC", "7am",
    "07:30", "25:99", "²", "①", "٣", "7", "0", "-1", "99999999999999999999", "who", "is",
    "ICSPA", "quote", "events", "help", "<!channel>", "*bold*", "`code`", "\u202e", "🙂",
    ",", '"', "'", "#12", "topic", "--days=3", "days=", "window",
]  # fmt: skip

texts = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join),
    st.text(max_size=120),
    st.text(alphabet=st.characters(categories=["Nd", "No", "Zs", "Po"]), max_size=20).map(
        lambda t: f"subscribe days {t}"
    ),
)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=texts, admin=st.booleans())
def test_fuzzed_cyber_text_is_always_answered(server: Server, text: str, admin: bool) -> None:
    started = time.monotonic()
    status, reply = server.command(text, user=ADMIN if admin else "U0USER", channel="C0FUZZ")
    assert time.monotonic() - started < 3, "Slack gives up after 3 seconds"
    assert status == 200, reply
    assert isinstance(reply, dict) and (reply.get("text") or reply.get("blocks")), reply
    within_block_kit(reply)
    no_traceback(server)


def test_a_slack_upload_with_a_key_twice_is_refused_naming_it(server: Server) -> None:
    before = len(server.slack.calls_to("chat.postEphemeral"))
    url = server.slack.serve_file(
        "orgs.json", b'{"organisations":[{"name":"First Org"}],"organisations":[{"name":"Second"}]}'
    )
    upload(
        server,
        "orgs.json",
        lambda body: {"ok": True, "file": {"name": "orgs.json", "url_private_download": url}},
    )
    note = last_note(server, before)
    assert "nothing was loaded" in note and "the key 'organisations' appears twice" in note
    _, answer = server.command("who is First Org")
    assert "First Org" not in reply_text(answer.get("blocks", []))
    no_traceback(server)
