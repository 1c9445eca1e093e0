"""Admin paths in Slack over signed HTTP: refusals for everyone else, forms, uploads, undo."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_sdk.models.views import View

from cyberbrief.slack.middleware import REFUSAL
from cyberbrief.slack.views.admin import ADD_CALLBACK, LOAD_CALLBACK, UNDO_ACTION
from tests.serving import Server, serving_mini_store
from tests.slack_requests import post, signed_headers

ADMIN = "U0ADMIN"
OTHER = "U0OTHER"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with serving_mini_store(tmp_path, {"CYBERBRIEF_ADMINS": ADMIN}) as running:
        yield running


def click_undo(server: Server, user: str, change: str) -> None:
    from tests.slack_requests import action_body

    body = action_body(UNDO_ACTION, change, server.slack.response_url(f"undo-{user}"), user=user)
    status, _ = post(server.events, body, signed_headers(body))
    assert status == 200


def said_to(server: Server, user: str) -> str:
    notes = [*server.slack.calls_to("chat.postEphemeral"), *server.slack.calls_to("response_url")]
    return json.dumps([c.body for c in notes if c.body.get("user", user) == user])


@pytest.mark.parametrize(
    "command", ["admin add", "admin add fact", "admin load", "admin undo", "admin undo 1"]
)
def test_everyone_else_is_refused_on_every_command(server: Server, command: str) -> None:
    status, reply = server.command(command, user=OTHER)
    assert status == 200
    assert REFUSAL in json.dumps(reply)
    assert not server.slack.calls_to("views.open")


def test_everyone_else_is_refused_on_forms_and_buttons(server: Server) -> None:
    fact = {"text": {"value": {"type": "plain_text_input", "value": "A forged fact."}}}
    status, reply = server.submit(OTHER, ADD_CALLBACK, fact, json.dumps({"kind": "facts"}))
    assert status == 200 and REFUSAL in json.dumps(reply)
    status, reply = server.submit(OTHER, LOAD_CALLBACK, {})
    assert status == 200 and REFUSAL in json.dumps(reply)
    click_undo(server, OTHER, "1")
    server.slack.wait_for("response_url")
    assert REFUSAL in json.dumps([c.body for c in server.slack.calls_to("response_url")])
    _, answer = server.command("facts forged")
    assert "A forged fact." not in json.dumps(answer)


def test_an_admin_adds_a_fact_with_the_form(server: Server) -> None:
    status, _ = server.command("admin add fact", user=ADMIN)
    assert status == 200
    [opened] = server.slack.wait_for("views.open")
    view = (
        json.loads(opened.body["view"])
        if isinstance(opened.body["view"], str)
        else opened.body["view"]
    )
    View(**view).validate_json()
    values = {
        "text": {"value": {"type": "plain_text_input", "value": "Europe counts 27 CSIRTs."}},
        "about": {"value": {"type": "plain_text_input", "value": "ITU"}},
        "source": {"value": {"type": "plain_text_input", "value": "ewi"}},
    }
    status, reply = server.submit(ADMIN, ADD_CALLBACK, values, view.get("private_metadata") or "{}")
    assert status == 200 and "errors" not in json.dumps(reply)
    _, answer = server.command("how many CSIRTs does Europe count")
    assert "27 CSIRTs" in json.dumps(answer)


def test_a_bad_form_shows_the_problem_next_to_the_field(server: Server) -> None:
    values = {
        "name": {"value": {"type": "plain_text_input", "value": "Broken Event"}},
        "starts": {"value": {"type": "datepicker", "selected_date": "2026-05-02"}},
        "ends": {"value": {"type": "datepicker", "selected_date": "2026-05-01"}},
    }
    status, reply = server.submit(ADMIN, ADD_CALLBACK, values, json.dumps({"kind": "events"}))
    assert status == 200
    assert reply["response_action"] == "errors" and "ends" in reply["errors"]
    _, answer = server.command("event broken event")
    assert "Broken Event" not in json.dumps(answer.get("blocks", []))


def upload(server: Server, name: str, content: bytes) -> None:
    url = server.slack.serve_file(name, content)
    server.slack.on(
        "files.info",
        lambda body: {
            "ok": True,
            "file": {
                "id": body.get("file"),
                "name": name,
                "size": len(content),
                "url_private_download": url,
            },
        },
    )
    values = {"file": {"value": {"type": "file_input", "files": [{"id": "F0FILE", "name": name}]}}}
    status, reply = server.submit(ADMIN, LOAD_CALLBACK, values, json.dumps({"channel": "C0ADMIN"}))
    assert status == 200, reply


def test_an_admin_loads_a_file_and_undoes_it(server: Server) -> None:
    good = b"organisations:\n  - {name: Cyber Peace Institute, acronym: CPI, source: bbc}\n"
    upload(server, "orgs.yaml", good)
    [note] = server.slack.wait_for("chat.postEphemeral")
    assert "added 1 organisation" in note.body["text"]
    _, answer = server.command("who is CPI")
    assert "Cyber Peace Institute" in json.dumps(answer)

    _, history = server.command("admin history", user=ADMIN)
    assert "orgs.yaml" in json.dumps(history)
    _, confirm = server.command("admin undo", user=ADMIN)
    button = next(
        e
        for b in confirm["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == UNDO_ACTION
    )
    click_undo(server, ADMIN, button["value"])
    server.slack.wait_for("response_url")
    _, gone = server.command("who is CPI")
    assert "No answer found" in json.dumps(gone)


def test_a_bad_file_names_record_and_field_and_changes_nothing(server: Server) -> None:
    bad = (
        b"events:\n  - {name: Good Event, starts: 2026-05-01}\n"
        b"  - {name: Bad Event, starts: 1 May}\n"
    )
    upload(server, "events.yaml", bad)
    [note] = server.slack.wait_for("chat.postEphemeral")
    text = note.body["text"]
    assert "events.yaml" in text and "#2" in text and "starts" in text
    _, answer = server.command("event good event")
    assert "No answer found" in json.dumps(answer) or "Good Event" not in json.dumps(answer)
