"""Forms whose hidden ``private_metadata`` was forged or altered: the kind picker of the add
form still shows the chosen kind's form (the form's channel is simply unknown), with no
traceback."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from cyberbrief.slack.views.admin import KIND_ACTION
from tests.slack_app import ADMIN, Bot, signed
from tests.slack_requests import new_trigger


def kind_picked(meta: str) -> str:
    payload = {
        "type": "block_actions",
        "team": {"id": "T0FAKE", "domain": "fake"},
        "user": {"id": ADMIN, "team_id": "T0FAKE"},
        "api_app_id": "A0APP",
        "token": "verification-token",
        "container": {"type": "view", "view_id": "V1"},
        "trigger_id": new_trigger(),
        "view": {"id": "V1", "hash": "h1", "type": "modal", "private_metadata": meta},
        "actions": [
            {
                "type": "static_select",
                "action_id": KIND_ACTION,
                "block_id": "kind",
                "selected_option": {"value": "facts"},
                "action_ts": "1.3",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)})


@pytest.mark.parametrize("meta", ["not json {", "[1]", '"C0"'])
def test_a_forged_add_form_still_picks_its_kind(
    running: Bot, meta: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert running.app.dispatch(signed(kind_picked(meta))).status == 200
    [update] = running.slack.wait_for("views.update")
    view = update.body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert view["type"] == "modal" and "fact" in json.dumps(view).lower()
    assert [r for r in caplog.records if r.exc_info] == [], "no traceback"
