"""Admin modal submissions: add a record, load a file, confirm an article's drafts.

Registered behind ``require_admin``. Problems go back next to the form's field where Slack
allows it, else to the admin as an ephemeral note (or a DM).
"""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.knowledge.drafts import draft_from_text
from cyberbrief.knowledge.loader import LoadFailed, RawRecord, load_records, parse_text
from cyberbrief.slack.files import download_file
from cyberbrief.slack.middleware import services_of
from cyberbrief.slack.mrkdwn import escape
from cyberbrief.slack.views.admin import FORMS, article_view, form_values


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
    user = body["user"]["id"]
    meta = json.loads(view.get("private_metadata") or "{}")
    kind = meta.get("kind")
    if kind not in FORMS:
        ack(response_action="errors", errors={"kind": "Choose what to add first."})
        return
    record = form_values(kind, view.get("state", {}))
    origin = f"Slack form: add {FORMS[kind][0].lower()}"
    try:
        report = load_records(
            services.db,
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
        meta.get("channel", user),
        user,
        _summary_text(origin, report.summary(), report.lines),
    )


def load_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """The upload form: a knowledge file is loaded (or dry-run); an article is drafted and
    shown for review first."""
    services = services_of(context)
    user = body["user"]["id"]
    values = view.get("state", {}).get("values", {})
    files = values.get("file", {}).get("value", {}).get("files") or []
    options = {
        o.get("value")
        for o in values.get("options", {}).get("value", {}).get("selected_options") or []
    }
    kind = (values.get("kind", {}).get("value", {}).get("selected_option") or {}).get("value")
    meta = json.loads(view.get("private_metadata") or "{}")
    channel = meta.get("channel", user)
    if not files:
        ack(response_action="errors", errors={"file": "Attach a file to load."})
        return
    file_id = str(files[0].get("id"))
    if "article" in options:
        try:
            name, content = download_file(client, file_id)
            draft = draft_from_text(services.db, name, content)
        except LoadFailed as failure:
            ack(response_action="errors", errors={"file": str(failure.problems[0])[:150]})
            return
        ack(
            response_action="update",
            view=article_view(
                draft.describe(),
                {"file": file_id, "channel": channel, "dry_run": "dry_run" in options},
            ),
        )
        return
    ack()
    try:
        name, content = download_file(client, file_id)
        records = parse_text(name, content, kind)
        report = load_records(
            services.db,
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
    user = body["user"]["id"]
    ack()
    meta = json.loads(view.get("private_metadata") or "{}")
    channel = meta.get("channel", user)
    try:
        name, content = download_file(client, str(meta.get("file")))
        draft = draft_from_text(services.db, name, content)
        records = [
            RawRecord(k, f"{name}: draft {k} #{i}", r)
            for k, items in draft.records().items()
            for i, r in enumerate(items, 1)
        ]
        report = load_records(
            services.db,
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
