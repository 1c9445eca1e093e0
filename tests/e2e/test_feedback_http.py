"""Helpful / Not helpful over real HTTP into ``bot.py serve``: Slack's feedback_buttons payloads,
signed as Slack signs them; one vote per person per answer (changeable), the optional form,
and forged or replayed presses refused with a clear reply and nothing changed."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.helpers import stored
from tests.serving import Server, serving_mini_store
from tests.slack_requests import new_trigger, post, signed_headers

FORM = "cyber_feedback_form"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serving_mini_store(tmp_path_factory.mktemp("feedback")) as running:
        yield running


def db_path(server: Server) -> Path:
    return Path(server.log or "").with_name("k.db")


def answer_id(server: Server, question: str) -> int:
    status, reply = server.command(question)
    assert status == 200
    block = reply["blocks"][-1]
    assert block["type"] == "context_actions", "the feedback block comes last"
    value = block["elements"][0]["positive_button"]["value"]
    assert value.startswith("+")
    return int(value[1:])


def press(server: Server, value: str, user: str = "U0VOTER", team: str = "T0FAKE") -> str:
    """Press a feedback button as Slack sends it; the reply posted to response_url."""
    name = new_trigger()
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": team, "domain": "fake"},
        "user": {"id": user, "team_id": team},
        "api_app_id": "A0APP",
        "token": "verification-token",
        "container": {"type": "message", "message_ts": "1.1", "is_ephemeral": True},
        "trigger_id": new_trigger(),
        "channel": {"id": "C0CHAN", "name": "policy"},
        "response_url": server.slack.response_url(name),
        "actions": [
            {
                "type": "feedback_buttons",
                "action_id": "cyber_feedback",
                "block_id": "cyber_feedback",
                "value": value,
                "action_ts": "1.3",
            }
        ],
    }
    body = urlencode({"payload": json.dumps(payload)})
    status, reply = post(server.events, body, signed_headers(body))
    assert status == 200
    if isinstance(reply, str) and reply:
        return reply  # refused in the ack (another workspace)
    return str(server.responses(name)[0].body["text"])


def votes(server: Server, answer: int) -> list[tuple[str, int, str | None, str | None]]:
    conn = sqlite3.connect(f"file:{db_path(server)}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT voter, helpful, reason, note FROM answer_votes WHERE answer_id = ?", (answer,)
        ).fetchall()
    finally:
        conn.close()


def knowledge_and_votes(server: Server) -> list[str]:
    """The store without the ledger of handled requests (every request adds to it)."""
    return [line for line in stored(db_path(server)) if '"handled_requests"' not in line]


def form(reasons: list[str], note: str) -> dict[str, Any]:
    return {
        "reason": {
            "reason": {
                "type": "checkboxes",
                "selected_options": [
                    {"value": r, "text": {"type": "plain_text", "text": r}} for r in reasons
                ],
            }
        },
        "note": {"note": {"type": "plain_text_input", "value": note}},
    }


def test_one_vote_per_person_which_they_can_change(server: Server) -> None:
    answer = answer_id(server, "who is ICSPA")
    assert press(server, f"+{answer}") == "Thanks, glad it helped."
    assert press(server, f"+{answer}") == (
        "You already voted that way on this answer; it counts once."
    )
    assert press(server, f"+{answer}", user="U0OTHER") == "Thanks, glad it helped."
    opened = len(server.slack.calls_to("views.open"))
    assert press(server, f"-{answer}") == "Thanks, your vote is now Not helpful."
    view = server.slack.wait_for("views.open", opened + 1)[-1].body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert view["callback_id"] == FORM and view["private_metadata"] == str(answer)
    status, reply = server.submit(
        "U0VOTER", FORM, form(["wrong", "out_of_date"], " too  old "), str(answer)
    )
    assert status == 200 and not reply
    kept = sorted(votes(server, answer), key=lambda v: v[1])
    assert [(helpful, reason, note) for _, helpful, reason, note in kept] == [
        (0, '["wrong", "out_of_date"]', "too old"),
        (1, None, None),
    ]
    # No user id stored: voters are keyed hashes.
    assert all(voter.startswith("h:") for voter, *_ in kept)
    assert not any("U0VOTER" in line or "U0OTHER" in line for line in stored(db_path(server)))


def test_forged_and_replayed_presses_change_nothing(server: Server) -> None:
    answer = answer_id(server, "who is ITU")
    assert press(server, f"+{answer}", user="U0FIRST") == "Thanks, glad it helped."
    before = knowledge_and_votes(server)
    assert "does not belong to a cyberbrief answer" in press(server, "+abc")
    assert "does not belong to a cyberbrief answer" in press(server, f"*{answer}")
    assert "no longer on record" in press(server, "+999999999")
    assert "installed in another Slack workspace" in press(server, f"+{answer}", team="T0EVIL")
    # A form for an answer nobody voted Not helpful on, and one naming no answer.
    status, reply = server.submit("U0VOTER", FORM, form(["wrong"], ""), str(answer))
    assert status == 200 and "does not match a Not helpful vote" in json.dumps(reply)
    status, reply = server.submit("U0VOTER", FORM, form(["wrong"], ""), "DROP TABLE")
    assert status == 200 and reply["response_action"] == "errors"
    status, reply = server.submit("U0VOTER", FORM, form(["made_up"], ""), str(answer))
    assert status == 200 and reply["response_action"] == "errors"
    assert knowledge_and_votes(server) == before
