"""Admin modal submissions: add a record, load a file, confirm an article's drafts.

Registered behind ``require_admin``. Problems go back next to the form's field where Slack
allows it, else to the admin as an ephemeral note (or a DM).
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.drafting.drafts import draft_from_text
from cyberbrief.knowledge.loader import (
    LoadFailed,
    RawRecord,
    check_records,
    load_records,
    parse_text,
)
from cyberbrief.slack.faults import notice_view
from cyberbrief.slack.files import download_file
from cyberbrief.slack.middleware import services_of, user_id_of
from cyberbrief.slack.mrkdwn import escape
from cyberbrief.slack.services import Services
from cyberbrief.slack.views.admin import FORMS, article_view, form_metadata, form_values


def _state(view: dict[str, Any], block: str) -> dict[str, Any]:
    """One input's state, {} when missing or null (a forged or truncated submission)."""
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else None
    found = values.get(block) if isinstance(values, dict) else None
    inner = found.get("value") if isinstance(found, dict) else None
    return inner if isinstance(inner, dict) else {}


def _drafted(
    services: Services, client: WebClient, file_id: str, metadata: dict[str, Any]
) -> dict[str, Any]:
    """The review modal for an uploaded article, or a modal saying why it cannot be drafted."""
    try:
        name, content = download_file(client, file_id)
        with services.read() as db:
            draft = draft_from_text(db, name, content)
    except LoadFailed as failure:
        return notice_view(
            "Nothing was drafted.\n"
            + "\n".join(f"• {escape(str(p))}" for p in failure.problems[:5])
        )
    return article_view(draft.describe(), metadata)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _summary_text(origin: str, summary: str, lines: list[str]) -> str:
    shown = "\n".join(f"• {escape(line)}" for line in lines[:20])
    more = f"\n…and {len(lines) - 20} more" if len(lines) > 20 else ""
    return f"*{escape(origin)}*: {escape(summary)}" + (f"\n{shown}{more}" if shown else "")


def _failure_text(origin: str, failure: LoadFailed) -> str:
    return f"*{escape(origin)}*: nothing was loaded.\n" + "\n".join(
        f"• {escape(str(p))}" for p in failure.problems[:20]
    )


def _tell(client: WebClient, channel: str, user: str, text: str) -> None:
    """An ephemeral note to the admin where they started, or a DM if that fails."""
    try:
        client.chat_postEphemeral(channel=channel, user=user, text=text)
    except SlackApiError:
        client.chat_postMessage(channel=user, text=text)


def add_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """The add form: one record, validated like a file's; problems shown by their field."""
    services = services_of(context)
    user = user_id_of(body)
    meta = form_metadata(view)
    kind = str(meta.get("kind"))
    if kind not in FORMS:
        ack(response_action="errors", errors={"kind": "Choose what to add first."})
        return
    state = {"values": {f.name: {"value": _state(view, f.name)} for f in FORMS[kind][1]}}
    record = form_values(kind, state)
    origin = f"Slack form: add {FORMS[kind][0].lower()}"
    try:
        with services.write(before_ack=True) as db:
            report = load_records(
                db,
                [RawRecord(kind, "the form", record)],
                actor=user,
                origin=origin,
                clock=services.clock,
            )
    except LoadFailed as failure:
        fields = {f.name for f in FORMS[kind][1]}
        errors = {p.field: p.message for p in failure.problems if p.field in fields}
        if not errors:
            errors = {FORMS[kind][1][0].name: "; ".join(p.message for p in failure.problems)}
        ack(response_action="errors", errors={k: v[:150] for k, v in errors.items()})
        return
    ack()
    _tell(
        client,
        str(meta.get("channel") or user),
        user,
        _summary_text(origin, report.summary(), report.lines),
    )


def load_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """The upload form: a knowledge file is loaded (or dry-run); an article is drafted and
    shown for review first."""
    services = services_of(context)
    user = user_id_of(body)
    files = [f for f in _list(_state(view, "file").get("files")) if isinstance(f, dict)]
    options = {
        str(o.get("value"))
        for o in _list(_state(view, "options").get("selected_options"))
        if isinstance(o, dict)
    }
    chosen = _state(view, "kind").get("selected_option")
    kind = chosen.get("value") if isinstance(chosen, dict) else None
    meta = form_metadata(view)
    channel = str(meta.get("channel") or user)
    if not files:
        ack(response_action="errors", errors={"file": "Attach a file to load."})
        return
    file_id = str(files[0].get("id"))
    if "article" in options:
        # Drafting a long article takes a while: ack at once with a progress view, then
        # replace it with the drafts (or the reason there are none).
        ack(response_action="update", view=notice_view("Drafting records from the article…"))
        metadata = {"file": file_id, "channel": channel, "dry_run": "dry_run" in options}
        client.views_update(
            view_id=str(view.get("id") or ""), view=_drafted(services, client, file_id, metadata)
        )
        return
    ack()
    try:
        name, content = download_file(client, file_id)
        records = check_records(parse_text(name, content, kind))  # before the write lock
        with services.write() as db:  # a rejected or dry-run load leaves no trace
            report = load_records(
                db,
                records,
                actor=user,
                origin=f"Slack upload {name}",
                clock=services.clock,
                dry_run="dry_run" in options,
            )
    except LoadFailed as failure:
        _tell(client, channel, user, _failure_text(f"Slack upload {file_id}", failure))
        return
    _tell(
        client,
        channel,
        user,
        _summary_text(
            f"Slack upload {name}", report.summary(), report.lines if report.dry_run else []
        ),
    )


def article_confirmed(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """The reviewed drafts of an article, written (or dry-run)."""
    services = services_of(context)
    user = user_id_of(body)
    ack()
    meta = form_metadata(view)
    channel = str(meta.get("channel") or user)
    try:
        name, content = download_file(client, str(meta.get("file")))
        with services.read() as db:
            draft = draft_from_text(db, name, content)
        records = check_records(
            [
                RawRecord(k, f"{name}: draft {k} #{i}", r)
                for k, items in draft.records().items()
                for i, r in enumerate(items, 1)
            ]
        )
        with services.write() as db:
            report = load_records(
                db,
                records,
                actor=user,
                origin=f"Slack article {name}",
                clock=services.clock,
                dry_run=bool(meta.get("dry_run")),
            )
    except LoadFailed as failure:
        _tell(client, channel, user, _failure_text("Article", failure))
        return
    _tell(client, channel, user, _summary_text(f"Article {name}", report.summary(), []))
