"""``/cyber admin review``, ``load URL`` and ``feed ...`` (behind ``require_admin``).

Links and feed polls fetch only public addresses (``CYBERBRIEF_FETCH_TRUSTED_HOSTS`` aside)
and run after the command is acknowledged, on a database connection of their own, so a slow
site never holds up answers.
"""

from __future__ import annotations

import shlex

import sqlite_utils

from cyberbrief.intake.feeds import (
    FeedError,
    add_feed,
    find_feed,
    list_feeds,
    poll_feed,
    remove_feed,
)
from cyberbrief.intake.fetch import FetchPolicy
from cyberbrief.intake.links import draft_from_url
from cyberbrief.intake.review import queue_draft
from cyberbrief.knowledge.loader import LoadFailed
from cyberbrief.slack.listeners.commands.context import CommandContext
from cyberbrief.slack.mrkdwn import escape
from cyberbrief.slack.services import Services
from cyberbrief.slack.views.review import FEED_HELP, review_message


def _connect(services: Services) -> sqlite_utils.Database:
    """A connection of its own for work that waits on the network."""
    return services.store.connect()


def show_review(ctx: CommandContext) -> None:
    with ctx.services.read() as db:
        text, blocks = review_message(db)
    ctx.reply(text, blocks or None)


def load_link(ctx: CommandContext, url: str, policy: FetchPolicy) -> None:
    """Fetch and draft a link into the queue; the reply comes when it is done."""
    ctx.ack(response_type="ephemeral", text=f"Fetching {escape(url)} …")
    db = _connect(ctx.services)
    try:
        draft = draft_from_url(db, url, policy)
        queued = queue_draft(
            db, draft, origin=f"link from <@{ctx.user_id}>", clock=ctx.services.clock
        )
    except LoadFailed as failure:
        ctx.respond(
            response_type="ephemeral",
            text="Nothing drafted.\n" + "\n".join(f"• {escape(str(p))}" for p in failure.problems),
        )
        return
    finally:
        db.conn.close()
    ctx.respond(
        response_type="ephemeral",
        text=f"{queued} draft(s) from “{escape(draft.source['title'])}” are waiting for review: "
        "`/cyber admin review`",
    )


def feed_command(ctx: CommandContext, policy: FetchPolicy) -> None:
    """``feed add|list|remove|poll``."""
    try:
        words = shlex.split(ctx.args)
    except ValueError:
        words = ctx.args.split()
    action, rest = (words[0].lower(), words[1:]) if words else ("", [])
    try:
        if action == "add" and rest:
            kind = "calendar" if "calendar" in rest[1:] else "news"
            topics = [w.split(":", 1)[1] for w in rest[1:] if w.lower().startswith("topic:")]
            with ctx.services.write(before_ack=True) as db:
                feed = add_feed(
                    db,
                    rest[0],
                    kind=kind,
                    topics=topics,
                    actor=ctx.user_id,
                    clock=ctx.services.clock,
                )
            ctx.reply(f"Following #{feed.id} {escape(feed.url)} ({feed.kind}); polling it now.")
            _poll(ctx, [feed.id], policy)
        elif action == "list":
            with ctx.services.read() as db:
                feeds = list_feeds(db)
            lines = [
                f"• *#{f.id}* {f.kind} {escape(f.title or f.url)} — {escape(f.status())}"
                for f in feeds
            ]
            ctx.reply("*Feeds*\n" + "\n".join(lines) if lines else "No feeds yet.\n" + FEED_HELP)
        elif action == "remove" and rest:
            with ctx.services.write(before_ack=True) as db:
                gone = remove_feed(db, rest[0])
            ctx.reply(f"No longer following #{gone.id} {escape(gone.url)}.")
        elif action == "poll":
            with ctx.services.read() as db:
                ids = [find_feed(db, r).id for r in rest] or [f.id for f in list_feeds(db)]
            ctx.ack(response_type="ephemeral", text=f"Polling {len(ids)} feed(s) …")
            _poll(ctx, ids, policy)
        else:
            ctx.reply(FEED_HELP)
    except FeedError as exc:
        ctx.reply(f"Sorry: {escape(str(exc))}.")


def _poll(ctx: CommandContext, ids: list[int], policy: FetchPolicy) -> None:
    db = _connect(ctx.services)
    try:
        lines = [
            poll_feed(db, find_feed(db, str(i)), policy=policy, clock=ctx.services.clock).line()
            for i in ids
        ]
    finally:
        db.conn.close()
    ctx.respond(
        response_type="ephemeral",
        text="\n".join(f"• {escape(line)}" for line in lines)
        + "\nNew drafts: `/cyber admin review`",
    )
