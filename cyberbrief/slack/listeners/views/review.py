"""The edit modal's submission: the kind's form (or, for kinds without one, the record as
YAML), checked like a load (behind ``require_admin``); problems are shown on their field."""

from __future__ import annotations

import json
from typing import Any

import yaml
from slack_bolt import Ack, BoltContext

from cyberbrief.intake.review import edit, get_drafts
from cyberbrief.knowledge.loader import LoadFailed
from cyberbrief.slack.middleware import services_of
from cyberbrief.slack.services import Services
from cyberbrief.slack.views.admin import FORMS, form_values


def edit_submitted(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    services = services_of(context)
    meta = json.loads(view.get("private_metadata") or "{}")
    draft_id = int(meta.get("id", 0))
    values = view.get("state", {}).get("values", {})
    if "record" in values:
        _save_yaml(ack, services, draft_id, values["record"]["yaml"].get("value") or "")
        return
    kind = str(meta.get("kind"))
    if kind not in FORMS:  # a forged or outdated modal
        ack(response_action="errors", errors={next(iter(values), "record"): "Unknown draft."})
        return
    fields = [f.name for f in FORMS[kind][1]]
    edited = form_values(kind, {"values": values})
    try:
        with services.write(before_ack=True) as db:
            found = get_drafts(db, [draft_id])
            kept = {k: v for k, v in (found[0].data if found else {}).items() if k not in fields}
            edit(db, draft_id, {**kept, **edited})  # fields the form lacks are kept as drafted
    except LoadFailed as failure:
        errors = {p.field: p.message for p in failure.problems if p.field in fields}
        if not errors:
            errors = {fields[0]: "; ".join(p.message for p in failure.problems)}
        ack(response_action="errors", errors={k: v[:150] for k, v in errors.items()})
        return
    ack()


def _save_yaml(ack: Ack, services: Services, draft_id: int, raw: str) -> None:
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
