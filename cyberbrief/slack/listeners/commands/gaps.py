"""``/cyber admin gaps``: the open knowledge gaps, most asked first, with their actions;
``/cyber admin gaps off|on``: the weekly DM of new gaps (behind ``require_admin``)."""

from __future__ import annotations

from cyberbrief.answers import gaps as queue
from cyberbrief.slack.listeners.commands.context import CommandContext
from cyberbrief.slack.views.gaps import gaps_blocks

DIGEST_OFF = "gaps_digest_off:"
"""An admin_prefs name prefix: the admin so named gets no weekly DM of new gaps."""


def gaps_command(ctx: CommandContext, rest: str) -> None:
    """``/cyber admin gaps``: the open gaps; ``off``/``on``: the weekly DM of new gaps."""
    word = rest.strip().lower()
    if word in ("off", "on"):
        with ctx.services.write(before_ack=True) as db:
            if word == "off":
                db.conn.execute(
                    "INSERT OR REPLACE INTO admin_prefs (name, value) VALUES (?, '1')",
                    (DIGEST_OFF + ctx.user_id,),
                )
            else:
                db.conn.execute(
                    "DELETE FROM admin_prefs WHERE name = ?", (DIGEST_OFF + ctx.user_id,)
                )
        ctx.reply(
            "You will no longer get the weekly DM of new knowledge gaps (`/cyber admin gaps on` "
            "brings it back)."
            if word == "off"
            else "You will get a weekly DM of new knowledge gaps."
        )
        return
    if word:
        ctx.reply("Usage: `/cyber admin gaps` (the queue), `/cyber admin gaps off|on` (weekly DM).")
        return
    ctx.ack(response_type="ephemeral", text="Looking through the knowledge gaps …")
    services = ctx.services
    with services.read() as db:
        found = queue.open_gaps(
            queue.collect(db, services.clock(), model=services.answerer.meaning.model)
        )
        shown = queue.with_closest(found, services.answer, 10, db)
    if not found:
        ctx.respond(response_type="ephemeral", text="No open knowledge gaps in the last 30 days.")
        return
    ctx.respond(
        response_type="ephemeral",
        text=f"{len(found)} open knowledge gaps",
        blocks=gaps_blocks(shown, len(found), queue.WINDOW_DAYS),
    )
