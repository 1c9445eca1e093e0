"""The knowledge-gaps queue in Slack, over signed HTTP into ``bot.py serve``: admins see the
refused questions grouped and ranked, add a fact with the question as context, dismiss with a
reason; everyone else, and forged buttons, are refused and change nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cyberbrief.slack.middleware import REFUSAL
from tests.serving import Server, serving_mini_store
from tests.slack_requests import action_body, command_body, new_trigger, post, signed_headers

ADMIN = "U0ADMIN"
OTHER = "U0OTHER"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with serving_mini_store(tmp_path, {"CYBERBRIEF_ADMINS": ADMIN}) as running:
        yield running


def command(server: Server, text: str, user: str) -> tuple[Any, Any]:
    """``/cyber TEXT``: the ack, and (for a reply sent after it) what reached response_url."""
    name = new_trigger()
    body = command_body(text, server.slack.response_url(name), user=user)
    status, ack = post(server.events, body, signed_headers(body))
    assert status == 200
    later = None
    if isinstance(ack, dict) and "Looking through" in str(ack.get("text")):
        later = server.responses(name)[0].body
    return ack, later


def press(server: Server, action: str, value: str, user: str = ADMIN) -> str:
    name = new_trigger()
    body = action_body(action, value, server.slack.response_url(name), user=user)
    status, _ = post(server.events, body, signed_headers(body))
    assert status == 200
    return name


def opened_view(server: Server, count: int) -> dict[str, Any]:
    view = server.slack.wait_for("views.open", count)[count - 1].body["view"]
    return dict(json.loads(view) if isinstance(view, str) else view)


def gap_buttons(blocks: list[dict[str, Any]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for block in blocks:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            found.setdefault(element["action_id"], []).append(element["value"])
    return found


def test_admins_work_the_gaps_queue(server: Server) -> None:
    for user, question in [
        ("U0A", "who is the head of Zorblax"),
        ("U0B", "Who heads Zorblax?"),
        ("U0C", "what is the weather in Paris"),
    ]:
        _, _ = command(server, question, user)
    # Answers are recorded after the ack: wait for the third.
    refused, _ = command(server, "admin gaps", OTHER)
    assert REFUSAL in json.dumps(refused)
    for _ in range(200):
        _, listing = command(server, "admin gaps", ADMIN)
        if listing and "2 people" in json.dumps(listing) and "weather" in json.dumps(listing):
            break
    assert listing is not None
    text = json.dumps(listing["blocks"], ensure_ascii=False)
    assert "2 open, most asked first" in text
    assert text.index("Zorblax") < text.index("weather"), "most people first"
    assert "also asked as" in text
    buttons = gap_buttons(listing["blocks"])
    zorblax, weather = buttons["cyber_gap_add"]

    # Everyone else is refused on the buttons; a forged key is told the gap is gone.
    press(server, "cyber_gap_dismiss", weather, user=OTHER)
    name = press(server, "cyber_gap_dismiss", "no such gap")
    assert "no longer in the queue" in json.dumps(server.responses(name)[0].body)
    assert not server.slack.calls_to("views.open")

    press(server, "cyber_gap_add", zorblax)
    view = opened_view(server, 1)
    assert "Zorblax" in json.dumps(view) and view["callback_id"] == "cyber_admin_add"

    press(server, "cyber_gap_dismiss", weather)
    view = opened_view(server, 2)
    reason = {"reason": {"reason": {"type": "plain_text_input", "value": "out of scope"}}}
    status, reply = server.submit(OTHER, view["callback_id"], reason, view["private_metadata"])
    assert status == 200 and REFUSAL in json.dumps(reply)
    empty = {"reason": {"reason": {"type": "plain_text_input", "value": " "}}}
    status, reply = server.submit(ADMIN, view["callback_id"], empty, view["private_metadata"])
    assert "Give a reason" in json.dumps(reply)
    status, reply = server.submit(ADMIN, view["callback_id"], reason, view["private_metadata"])
    assert status == 200 and not reply
    _, listing = command(server, "admin gaps", ADMIN)
    assert listing is not None
    text = json.dumps(listing["blocks"])
    assert "1 open" in text and "weather" not in text
    status, reply = server.submit(ADMIN, view["callback_id"], reason, view["private_metadata"])
    assert "no longer in the queue" in json.dumps(reply)


def test_the_weekly_dm_can_be_turned_off(server: Server) -> None:
    ack, _ = command(server, "admin gaps off", ADMIN)
    assert "no longer get the weekly DM" in ack["text"]
    ack, _ = command(server, "admin gaps on", ADMIN)
    assert "will get a weekly DM" in ack["text"]


def test_admin_stats_shows_usage_and_health(server: Server) -> None:
    command(server, "who is ICSPA", "U0A")
    command(server, "who is Zorblax Quentin", "U0B")
    for _ in range(200):  # answers are recorded after their ack
        ack, _ = command(server, "admin stats", ADMIN)
        if "2 questions" in ack["text"]:
            break
    assert "Last 7 days: 2 questions (0.3 a day), 50 % answered" in ack["text"]
    assert "Drafts waiting for review: 0" in ack["text"] and "*Knowledge store*" in ack["text"]
    refused, _ = command(server, "admin stats", OTHER)
    assert REFUSAL in json.dumps(refused)
