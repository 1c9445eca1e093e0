"""The review queue end to end over signed HTTP with the fake Slack: a news feed followed from
Slack, its story a pending draft, an admin approves it, a question answers from it, undo
removes it; links from Slack refused on private addresses and too-large pages; everyone but
an admin refused on every command, button and modal."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.models.views import View

from cyberbrief.slack.middleware import REFUSAL
from cyberbrief.slack.views.admin import UNDO_ACTION
from cyberbrief.slack.views.review import APPROVE, APPROVE_ALL, EDIT, EDIT_CALLBACK, REJECT
from tests.serving import Server, serving_mini_store
from tests.slack_requests import action_body, command_body, post, signed_headers
from tests.web_server import Route, WebServer, big_page, news_site, serve

ADMIN = "U0ADMIN"
OTHER = "U0OTHER"


@pytest.fixture
def web() -> Iterator[WebServer]:
    server = WebServer()
    for running in serve(server):
        running.routes.update(
            {
                **news_site(running),
                "/huge": Route(big_page(50)),
                "/to-loopback": Route(
                    status=302, location=f"http://localhost:{running.port}/world/seoul"
                ),
            }
        )
        yield running


@pytest.fixture
def server(tmp_path: Path, web: WebServer) -> Iterator[Server]:
    env = {"CYBERBRIEF_ADMINS": ADMIN, "CYBERBRIEF_FETCH_TRUSTED_HOSTS": f"127.0.0.1:{web.port}"}
    with serving_mini_store(tmp_path, env) as running:
        yield running


def command(server: Server, text: str, name: str, user: str = ADMIN) -> Any:
    body = command_body(text, server.slack.response_url(name), user=user)
    status, reply = post(server.events, body, signed_headers(body))
    assert status == 200
    return reply


def press(server: Server, action: str, value: str, name: str, user: str = ADMIN) -> None:
    body = action_body(action, value, server.slack.response_url(name), user=user)
    status, _ = post(server.events, body, signed_headers(body))
    assert status == 200


def buttons(blocks: list[dict[str, Any]], action: str) -> list[dict[str, Any]]:
    found = []
    for block in blocks:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("action_id") == action:
                found.append(element)
    return found


def block_text(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_a_feed_story_is_reviewed_approved_answered_and_undone(
    server: Server, web: WebServer
) -> None:
    reply = command(server, f"admin feed add {web.url('/feeds/cyber.rss')}", "feed")
    assert "Following #1" in reply["text"]
    [polled] = server.responses("feed")
    assert "2 new item(s) drafted for review" in polled.body["text"]

    review = command(server, "admin review", "review")
    shown = block_text(review["blocks"])
    assert "Seoul hosts third global cyberspace conference" in shown
    assert "Yun Byung-se" in shown and "Capacity building is not charity" in shown
    assert buttons(review["blocks"], APPROVE_ALL) and buttons(review["blocks"], EDIT)
    assert "Yun Byung-se" not in json.dumps(command(server, "who said capacity building", "q0"))

    line = next(
        b["text"]["text"]
        for b in review["blocks"]
        if b["type"] == "section" and "not charity" in b["text"]["text"]
    )
    draft_id = line.split()[0].lstrip("#")
    press(server, APPROVE, draft_id, "approve")
    [approved] = server.responses("approve")
    assert "Approved: added 1 source, 1 person, 1 quote" in approved.body["text"]
    assert "not charity" not in block_text(approved.body["blocks"])

    answer = json.dumps(command(server, "who said capacity building is not charity", "q1"))
    assert "Yun Byung-se" in answer and "Seoul hosts third global cyberspace" in answer

    confirm = command(server, "admin undo", "undo")
    [undo_button] = buttons(confirm["blocks"], UNDO_ACTION)
    press(server, UNDO_ACTION, undo_button["value"], "undone")
    server.responses("undone")
    answer = json.dumps(command(server, "who said capacity building is not charity", "q2"))
    assert "Yun Byung-se" not in answer

    dubai = next(
        b["accessory"]
        for b in review["blocks"]
        if (b.get("accessory") or {}).get("action_id") == APPROVE_ALL and "dubai" in block_text([b])
    )
    press(server, APPROVE_ALL, dubai["value"], "all")
    [everything] = server.responses("all")
    assert "Approved: added" in everything.body["text"]
    door = json.dumps(command(server, "who said the door is not closed", "q3"), ensure_ascii=False)
    assert "Hamadoun Touré" in door and "Dubai telecoms treaty talks end in split" in door, door


def test_links_from_slack_are_drafted_and_private_or_huge_pages_refused(
    server: Server, web: WebServer
) -> None:
    command(server, f"admin load {web.url('/policy/dubai-talks')}", "link")
    [done] = server.responses("link")
    assert (
        "from “Dubai telecoms treaty talks end in split” are waiting for review"
        in (done.body["text"])
    )
    for path, name, why in (
        ("/to-loopback", "loop", "localhost resolves to a loopback address"),
        ("/huge", "huge", "larger than the 5 MB limit"),
        (":99999/x", "port", "port that is not a number from 1 to 65535"),
    ):
        url = f"http://127.0.0.1{path}" if path.startswith(":") else web.url(path)
        command(server, f"admin load {url}", name)
        [refused] = server.responses(name)
        assert "Nothing drafted" in refused.body["text"] and why in refused.body["text"]
    command(server, f"admin load http://localhost:{server.slack.base_url.rsplit(':', 1)[1]}/", "s")
    [slack] = server.responses("s")
    assert "loopback address" in slack.body["text"], "not even the (fake) Slack API host"
    for _, headers in web.requests:
        assert "xoxb" not in json.dumps(headers), "the bot token never leaves for the web"


def test_an_edit_is_checked_like_a_load_and_a_reject_writes_nothing(
    server: Server, web: WebServer
) -> None:
    command(server, f"admin load {web.url('/world/seoul')}", "link")
    server.responses("link")
    review = command(server, "admin review", "review")
    person = next(
        b["text"]["text"]
        for b in review["blocks"]
        if b["type"] == "section" and "Jozias van Aartsen" in b["text"]["text"]
    )
    draft_id = person.split()[0].lstrip("#")
    press(server, EDIT, draft_id, "edit")
    [opened] = server.slack.wait_for("views.open")
    view = opened.body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    View(**view).validate_json()  # within Slack's limits
    shown = {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"]}
    assert shown["name"] == "Jozias van Aartsen", "one input per field, filled in"
    assert "Mayor of The Hague" in (shown["role"] or "")

    bad = submit_form(server, ADMIN, draft_id, {"role": "no name given"})
    assert bad[1]["response_action"] == "errors" and "name" in bad[1]["errors"], bad
    good = submit_form(server, ADMIN, draft_id, {"name": "Jozias van Aartsen", "role": "Mayor"})
    assert good == (200, "")
    review = command(server, "admin review", "review-after-edit")
    assert "Mayor" in json.dumps(review) and "Mayor of The Hague" not in json.dumps(review)
    press(server, REJECT, draft_id, "reject")
    [rejected] = server.responses("reject")
    assert f"Rejected draft #{draft_id}" in rejected.body["text"]
    assert f"#{draft_id} person" not in block_text(rejected.body["blocks"])


@pytest.mark.parametrize("meta", ["not json {", "[1, 2]", '{"id": "seven"}', '"7"'])
def test_a_forged_edit_form_says_what_was_wrong(server: Server, meta: str) -> None:
    values = {"name": {"value": {"type": "plain_text_input", "value": "Forged Name"}}}
    status, reply = server.submit(ADMIN, EDIT_CALLBACK, values, meta)
    assert status == 200
    assert reply["response_action"] == "errors", reply
    assert "does not say which draft it edits" in reply["errors"]["name"]
    assert "Traceback" not in server.stderr()


def submit_form(
    server: Server, user: str, draft_id: str, fields: dict[str, str]
) -> tuple[int, Any]:
    values = {
        name: {"value": {"type": "plain_text_input", "value": value}}
        for name, value in fields.items()
    }
    meta = json.dumps({"id": int(draft_id), "kind": "people"})
    return server.submit(user, EDIT_CALLBACK, values, meta)


def submit_edit(server: Server, user: str, draft_id: str, text: str) -> tuple[int, Any]:
    values = {"record": {"yaml": {"type": "plain_text_input", "value": text}}}
    return server.submit(user, EDIT_CALLBACK, values, json.dumps({"id": int(draft_id)}))


def test_everyone_else_is_refused_everywhere(server: Server, web: WebServer) -> None:
    command(server, f"admin load {web.url('/world/seoul')}", "link")
    server.responses("link")
    for text in (
        "admin review",
        f"admin load {web.url('/world/seoul')}",
        f"admin feed add {web.url('/feeds/cyber.rss')}",
        "admin feed list",
        "admin feed poll",
    ):
        assert REFUSAL in json.dumps(command(server, text, "no", user=OTHER)), text
    for action in (APPROVE, REJECT, EDIT, APPROVE_ALL):
        press(server, action, "1", f"no-{action}", user=OTHER)
        [refused] = server.responses(f"no-{action}")
        assert REFUSAL in refused.body["text"]
    _, reply = submit_edit(server, OTHER, "1", "name: Forged Person")
    assert REFUSAL in json.dumps(reply)
    assert not server.slack.calls_to("views.open")
    review = command(server, "admin review", "still")
    assert "Forged Person" not in block_text(review["blocks"])
    assert len(buttons(review["blocks"], APPROVE)) >= 5, "every draft still pending"
