"""The edit modal's submission: the record as YAML, checked like a load (behind
``require_admin``); problems are shown on the field."""

from __future__ import annotations

import json
from typing import Any

import yaml
from slack_bolt import Ack, BoltContext

from cyberbrief.knowledge.loader import LoadFailed
from cyberbrief.knowledge.review import edit
from cyberbrief.slack.middleware import services_of


def edit_submitted(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    services = services_of(context)
    draft_id = int(json.loads(view.get("private_metadata") or "{}").get("id", 0))
    raw = view["state"]["values"]["record"]["yaml"].get("value") or ""
    try:
        data = yaml.safe_load(raw)
        if not isinstance(data, dict):
            raise ValueError("write the record as `field: value` lines")
        with services.write(before_ack=True) as db:
            edit(db, draft_id, data)
    except (yaml.YAMLError, ValueError) as exc:
        ack(response_action="errors", errors={"record": f"Not valid YAML: {exc}"[:150]})
        return
    except LoadFailed as failure:
        message = "; ".join(str(p) for p in failure.problems)
        ack(response_action="errors", errors={"record": message[:150]})
        return
    ack()
