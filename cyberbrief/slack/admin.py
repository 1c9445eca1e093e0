"""Admin paths in Slack: add and load knowledge, history, undo, stats.

Every path checks the user first (command, button, select and modal submission alike), since
Slack lets anyone who can see a modal or button send its payload.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.knowledge.drafts import draft_from_text
from cyberbrief.knowledge.loader import LoadFailed, RawRecord, load_records, parse_text
from cyberbrief.knowledge.repository import Repository
from cyberbrief.slack.admin_forms import (
    ADD_CALLBACK,
    ARTICLE_CALLBACK,
    FORMS,
    KIND_ACTION,
    LOAD_CALLBACK,
    add_view,
    article_view,
    form_values,
    load_view,
)
from cyberbrief.slack.commands import CommandContext, Route
from cyberbrief.slack.mrkdwn import escape
from cyberbrief.slack.services import Services
from cyberbrief.store.journal import UndoRefused, describe_change, history, latest_undoable, undo

UNDO_ACTION = "cyber_admin_undo"
REFUSAL = "Sorry, only cyberbrief admins can change knowledge. Ask an admin to add you."
MAX_DOWNLOAD = 20 * 1024 * 1024
ADMIN_HELP = (
    "*Admin commands*\n"
    "`/cyber admin add [fact|quote|event|organisation|person]` — a form\n"
    "`/cyber admin load` — upload a YAML/JSON/CSV file or a news article\n"
    "`/cyber admin history` — recent changes\n"
    "`/cyber admin undo [ID]` — revert a change (default the latest)\n"
    "`/cyber admin stats` — what the store holds"
)

log = logging.getLogger(__name__)


def is_admin(services: Services, client: WebClient, user_id: str) -> bool:
    """Listed in CYBERBRIEF_ADMINS, or a workspace admin/owner when that is trusted."""
    if user_id in services.admins:
        return True
    if not services.trust_workspace_admins or not user_id:
        return False
    try:
        user = client.users_info(user=user_id).get("user") or {}
    except SlackApiError:
        log.warning("users.info failed for %s; treating as not admin", user_id)
        return False
    return bool(user.get("is_admin") or user.get("is_owner"))


def _summary_text(origin: str, summary: str, lines: list[str]) -> str:
    shown = "\n".join(f"• {escape(line)}" for line in lines[:20])
    more = f"\n…and {len(lines) - 20} more" if len(lines) > 20 else ""
    return f"*{escape(origin)}*: {escape(summary)}" + (f"\n{shown}{more}" if shown else "")


def _failure_text(origin: str, failure: LoadFailed) -> str:
    return f"*{escape(origin)}*: nothing was loaded.\n" + "\n".join(
        f"• {escape(str(p))}" for p in failure.problems[:20]
    )


# /cyber admin ...


def admin_command(ctx: CommandContext) -> None:
    if not is_admin(ctx.services, ctx.client, ctx.user_id):
        ctx.reply(REFUSAL)
        return
    word, _, rest = ctx.args.partition(" ")
    word = word.lower()
    if word == "add":
        kind = _kind_word(rest.strip())
        ctx.ack()
        ctx.client.views_open(
            trigger_id=ctx.command["trigger_id"], view=add_view(kind, ctx.channel_id)
        )
    elif word == "load":
        ctx.ack()
        ctx.client.views_open(trigger_id=ctx.command["trigger_id"], view=load_view(ctx.channel_id))
    elif word == "history":
        ctx.reply(_history_text(ctx.services))
    elif word == "undo":
        _undo_prompt(ctx, rest.strip())
    elif word == "stats":
        counts = Repository(ctx.services.db).counts()
        ctx.reply("*Knowledge store*\n" + "\n".join(f"• {k}: {v}" for k, v in counts.items()))
    else:
        ctx.reply(ADMIN_HELP)


def _kind_word(word: str) -> str | None:
    from cyberbrief.knowledge.records import KIND_ALIASES

    kind = KIND_ALIASES.get(word.lower())
    return kind if kind in FORMS else None


def _history_text(services: Services) -> str:
    changes = history(services.db, limit=15)
    if not changes:
        return "No changes yet."
    lines = []
    for c in changes:
        state = f" _(undone by #{c.undone_by})_" if c.undone_by else ""
        lines.append(
            f"• *#{c.id}* {c.at} <@{c.actor}> {escape(c.summary)}{state}"
            if c.actor.startswith(("U", "W")) and c.actor.isalnum()
            else f"• *#{c.id}* {c.at} {escape(c.actor)}: {escape(c.summary)}{state}"
        )
    return "*Recent changes*\n" + "\n".join(lines)


def _undo_prompt(ctx: CommandContext, arg: str) -> None:
    if arg and not arg.lstrip("#").isdigit():
        ctx.reply("Usage: `/cyber admin undo [ID]`, e.g. `/cyber admin undo 12`.")
        return
    change_id = int(arg.lstrip("#")) if arg else latest_undoable(ctx.services.db)
    description = describe_change(ctx.services.db, change_id) if change_id else None
    if change_id is None or description is None:
        ctx.reply("There is no such change to undo. See `/cyber admin history`.")
        return
    ctx.reply(
        f"Undo change #{change_id}?",
        blocks=[
            {"type": "section", "text": {"type": "mrkdwn", "text": escape(description)[:3000]}},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": UNDO_ACTION,
                        "style": "danger",
                        "text": {"type": "plain_text", "text": f"Undo #{change_id}"},
                        "value": str(change_id),
                        "confirm": {
                            "title": {"type": "plain_text", "text": "Undo this change?"},
                            "text": {
                                "type": "plain_text",
                                "text": "Its rows go back as they were.",
                            },
                            "confirm": {"type": "plain_text", "text": "Undo"},
                            "deny": {"type": "plain_text", "text": "Keep"},
                        },
                    }
                ],
            },
        ],
    )


# file download


def download_file(client: WebClient, file_id: str) -> tuple[str, bytes]:
    """Fetch an uploaded file with the bot token, only from Slack's own hosts."""
    info = client.files_info(file=file_id).get("file") or {}
    url = str(info.get("url_private_download") or info.get("url_private") or "")
    api_host = urlsplit(client.base_url).hostname or ""
    host = urlsplit(url).hostname or ""
    if urlsplit(url).scheme not in ("http", "https") or not (
        host == api_host or host == "slack.com" or host.endswith(".slack.com")
    ):
        raise LoadFailed([_problem(str(info.get("name", file_id)), "the file is not on Slack")])
    if int(info.get("size") or 0) > MAX_DOWNLOAD:
        raise LoadFailed([_problem(str(info.get("name")), "file is larger than 20 MB")])
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        content = response.read(MAX_DOWNLOAD + 1)
    return str(info.get("name") or file_id), content


def _problem(where: str, message: str) -> Any:
    from cyberbrief.knowledge.records import Problem

    return Problem(where, None, message)


def _tell(client: WebClient, channel: str, user: str, text: str) -> None:
    """An ephemeral note to the admin where they started, or a DM if that fails."""
    try:
        client.chat_postEphemeral(channel=channel, user=user, text=text)
    except SlackApiError:
        client.chat_postMessage(channel=user, text=text)


def register(app: App, services: Services) -> None:
    """Attach admin modals and buttons."""

    @app.action(KIND_ACTION)
    def pick_kind(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        if not is_admin(services, client, body["user"]["id"]):
            return
        view = body.get("view") or {}
        meta = json.loads(view.get("private_metadata") or "{}")
        kind = body["actions"][0].get("selected_option", {}).get("value")
        client.views_update(
            view_id=view["id"], hash=view.get("hash"), view=add_view(kind, meta.get("channel", ""))
        )

    @app.view(ADD_CALLBACK)
    def add_submitted(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        user = body["user"]["id"]
        if not is_admin(services, client, user):
            ack(response_action="errors", errors={"kind": REFUSAL})
            return
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

    @app.view(LOAD_CALLBACK)
    def load_submitted(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        user = body["user"]["id"]
        if not is_admin(services, client, user):
            ack(response_action="errors", errors={"file": REFUSAL})
            return
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

    @app.view(ARTICLE_CALLBACK)
    def article_confirmed(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        user = body["user"]["id"]
        if not is_admin(services, client, user):
            ack()
            _tell(client, user, user, REFUSAL)
            return
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

    @app.action(UNDO_ACTION)
    def undo_clicked(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        user = body["user"]["id"]
        if not is_admin(services, client, user):
            respond(replace_original=False, text=REFUSAL)
            return
        value = str(body["actions"][0].get("value", ""))
        if not value.isdigit():
            respond(replace_original=False, text="That button does not name a change.")
            return
        try:
            done = undo(services.db, int(value), actor=user, clock=services.clock)
        except UndoRefused as refused:
            respond(replace_original=True, text=f"Not undone: {refused}")
            return
        respond(replace_original=True, text=f"Undone as change #{done.id}: {escape(done.summary)}")


ROUTES: dict[str, Route] = {"admin": admin_command}
