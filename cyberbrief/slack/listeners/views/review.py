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

DAMAGED = (
    "This form does not say which draft it edits (its hidden details are not the bot's): "
    "press Edit again in /cyber admin review."
)[:150]


def _metadata(view: dict[str, Any]) -> dict[str, Any] | None:
    """The draft id and kind the modal was opened with; None when the hidden details are not
    JSON or not an object (a forged or altered submission)."""
    try:
        meta = json.loads(str(view.get("private_metadata") or "{}"))
    except ValueError:
        return None
    return meta if isinstance(meta, dict) else None


def edit_submitted(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    services = services_of(context)
    values = view.get("state", {}).get("values", {})
    meta = _metadata(view) or {}
    draft_id = meta.get("id")
    if not isinstance(draft_id, int) or isinstance(draft_id, bool):
        ack(response_action="errors", errors={next(iter(values), "record"): DAMAGED})
        return
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
