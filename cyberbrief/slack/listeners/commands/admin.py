"""``/cyber admin ...``: add and load knowledge (modals), history, undo, stats.

Registered behind ``require_admin``, so only admins reach these functions.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from cyberbrief.answers.usage import lines, usage
from cyberbrief.knowledge.repository import Repository
from cyberbrief.slack.listeners.commands import gaps, review
from cyberbrief.slack.listeners.commands.context import CommandContext
from cyberbrief.slack.listeners.commands.cyber import run
from cyberbrief.slack.mrkdwn import escape
from cyberbrief.slack.numbers import whole_number
from cyberbrief.slack.services import Services
from cyberbrief.slack.views.admin import FORMS, add_view, load_view, undo_prompt_blocks
from cyberbrief.store.journal import describe_change, history, latest_undoable

ADMIN_HELP = (
    "*Admin commands*\n"
    "`/cyber admin add [fact|quote|event|organisation|person]` — a form\n"
    "`/cyber admin load` — upload a YAML/JSON/CSV file or a news article\n"
    "`/cyber admin load URL` — draft from a web page into the review queue\n"
    "`/cyber admin review` — drafts waiting for review: approve, edit or reject\n"
    "`/cyber admin feed add|list|remove|poll` — news feeds and event calendars\n"
    "`/cyber admin history` — recent changes\n"
    "`/cyber admin undo [ID]` — revert a change (default the latest)\n"
    "`/cyber admin gaps [off|on]` — questions the bot could not answer well; the weekly DM\n"
    "`/cyber admin stats` — usage and health, and what the store holds"
)


def admin(
    ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    """The ``/cyber admin`` listener."""
    run(ack, command, respond, client, context, admin_command)


def admin_command(ctx: CommandContext) -> None:
    word, _, rest = ctx.args.partition(" ")
    word = word.lower()
    if word == "add":
        kind = _kind_word(rest.strip())
        ctx.ack()
        ctx.client.views_open(
            trigger_id=ctx.command["trigger_id"], view=add_view(kind, ctx.channel_id)
        )
    elif word == "load" and rest.strip().startswith(("http://", "https://")):
        review.load_link(ctx, rest.strip(), ctx.services.fetch_policy)
    elif word == "review":
        review.show_review(ctx)
    elif word == "feed":
        ctx.args = rest
        review.feed_command(ctx, ctx.services.fetch_policy)
    elif word == "load":
        ctx.ack()
        ctx.client.views_open(trigger_id=ctx.command["trigger_id"], view=load_view(ctx.channel_id))
    elif word == "history":
        ctx.reply(_history_text(ctx.services))
    elif word == "undo":
        _undo_prompt(ctx, rest.strip())
    elif word == "gaps":
        gaps.gaps_command(ctx, rest)
    elif word == "stats":
        with ctx.services.read() as db:
            counts = Repository(db).counts()
            figures = usage(db, ctx.services.clock())
        ctx.reply(
            "*Usage*\n"
            + "\n".join(f"• {escape(line)}" for line in lines(figures))
            + "\n*Knowledge store*\n"
            + "\n".join(f"• {k}: {v}" for k, v in counts.items())
        )
    else:
        ctx.reply(ADMIN_HELP)


def _kind_word(word: str) -> str | None:
    from cyberbrief.knowledge.records import KIND_ALIASES

    kind = KIND_ALIASES.get(word.lower())
    return kind if kind in FORMS else None


def _history_text(services: Services) -> str:
    with services.read() as db:
        changes = history(db, limit=15)
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
    typed = whole_number(arg.lstrip("#")) if arg else None
    if arg and typed is None:
        ctx.reply("Usage: `/cyber admin undo [ID]`, e.g. `/cyber admin undo 12`.")
        return
    with ctx.services.read() as db:
        change_id = typed if arg else latest_undoable(db)
        description = describe_change(db, change_id) if change_id else None
    if change_id is None or description is None:
        ctx.reply("There is no such change to undo. See `/cyber admin history`.")
        return
    ctx.reply(f"Undo change #{change_id}?", blocks=undo_prompt_blocks(change_id, description))
