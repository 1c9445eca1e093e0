"""``/cyber subscribe``, ``unsubscribe``, ``subscriptions`` and ``digest``: daily digests.

Parsing (``subscribe_options``) is forgiving (``at 7:30``, ``7.30am``, ``europe/brussels``) but
never guesses: a bad time or an unknown zone gets a message with an example, and a channel the
bot cannot post in is refused with how to fix it, before anything is stored. Storage goes
through ``digests.subscriptions``; jobs are re-derived through
``services.on_subscriptions_changed``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from slack_sdk.errors import SlackApiError

from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.content import build_digest
from cyberbrief.digests.subscriptions import DEFAULT_WINDOW_DAYS, Subscription
from cyberbrief.digests.zones import UnknownZone, zone
from cyberbrief.slack.faults import describe as describe_fault
from cyberbrief.slack.listeners.commands.context import CommandContext, Route
from cyberbrief.slack.listeners.commands.subscribe_options import Invalid, Options, parse_options
from cyberbrief.slack.middleware import is_admin
from cyberbrief.slack.mrkdwn import escape
from cyberbrief.slack.views.digest import message
from cyberbrief.slack.views.subscriptions import channel_ref, describe, status_line, when_text

USAGE = (
    "Usage: `/cyber subscribe [at HH:MM] [TIME ZONE] [TOPIC ...] [days N] [always]`, "
    "e.g. `/cyber subscribe at 07:30 Europe/Brussels EU cybercrime`."
)
SUBSCRIBE_HELP = (
    "*Daily digests*\n"
    "`/cyber subscribe [at HH:MM] [TIME ZONE] [TOPIC ...]` — this channel gets upcoming events "
    "and initiative milestones every day (default 09:00 in your Slack time zone). Add "
    "`days N` for an N-day window (default 14), `always` to post even when nothing is coming "
    "up (`quiet` to stop), `all` to drop topics. Subscribing again changes only what you give.\n"
    "`/cyber unsubscribe` — stop this channel's digest\n"
    "`/cyber subscriptions` — this channel's digest (admins: every channel's)\n"
    "`/cyber digest [TOPIC ...]` — preview today's digest here (only you see it)"
)
INVITE = (
    "I can't post in this channel because I'm not a member of it. Invite me with "
    "`/invite @cyberbrief`, then run `/cyber subscribe` again."
)

CONSOLE_NOTE = (
    "Digests are not posted from the console: this subscription is kept for the console only "
    "(see it with `/cyber digest`). To get digests, run `/cyber subscribe` in a Slack channel."
)

log = logging.getLogger(__name__)


def cannot_post(ctx: CommandContext) -> tuple[str | None, str]:
    """Why the bot could not post digests here (None if it can), and a note for the reply."""
    channel = ctx.channel_id
    if not channel or channel.startswith("D"):
        return "Digests go to channels: run `/cyber subscribe` in the channel that wants them.", ""
    try:
        info = ctx.client.conversations_info(channel=channel).get("channel") or {}
    except SlackApiError as error:
        code = str(error.response.get("error") or "")
        if code in ("channel_not_found", "not_in_channel"):
            return INVITE, ""
        log.warning("conversations.info %s failed: %s", channel, code)
        return None, f"_(I could not check that I can post here: {escape(code)}.)_"
    except Exception as error:
        log.warning("conversations.info %s failed: %r", channel, error)
        return None, "_(I could not check with Slack that I can post here.)_"
    if info.get("is_archived"):
        return "This channel is archived, so I can't post in it. Unarchive it first.", ""
    if info.get("is_im") or info.get("is_mpim"):
        return "Digests go to channels: run `/cyber subscribe` in the channel that wants them.", ""
    if info.get("is_member") is False:
        return INVITE, ""
    return None, ""


def user_zone(ctx: CommandContext) -> str | None:
    """The user's Slack time zone (``users.info``), if Slack says and it is a real zone."""
    if not ctx.user_id:
        return None
    try:
        user = ctx.client.users_info(user=ctx.user_id).get("user") or {}
        name = str(user.get("tz") or "")
        return zone(name).key if name else None
    except (SlackApiError, UnknownZone):
        return None
    except Exception as error:
        log.warning("users.info %s failed: %r", ctx.user_id, error)
        return None


def _changed(ctx: CommandContext) -> None:
    try:
        ctx.services.on_subscriptions_changed()
    except Exception:
        log.exception("re-deriving digest jobs failed; the next resync will retry")


# /cyber subscribe ...


def answer_later(ctx: CommandContext) -> Callable[[str], None]:
    """Ack now, so Slack's 3 s never depends on Slack's own API; the reply then goes through
    ``response_url``. The local console has no Slack to wait on: it replies in the ack."""
    if not ctx.command.get("response_url"):
        return ctx.reply
    ctx.ack()

    def say(text: str) -> None:
        ctx.respond(response_type="ephemeral", text=text, replace_original=False)

    return say


def subscribe_command(ctx: CommandContext) -> None:
    """Parse (no network), ack, then check the channel and the user's zone with Slack and
    save: the confirmation or the reason comes through ``response_url``."""
    if ctx.args.lower() in ("help", "?", "--help"):
        ctx.reply(SUBSCRIBE_HELP)
        return
    try:
        options = parse_options(ctx.args)
    except Invalid as bad:
        ctx.reply(f"{escape(str(bad))}\n{USAGE}")
        return
    say = answer_later(ctx)
    try:
        say(_subscribe(ctx, options))
    except Exception as error:
        say(describe_fault(error, "/cyber subscribe"))


def _subscribe(ctx: CommandContext, options: Options) -> str:
    problem, note = cannot_post(ctx)
    if problem:
        return problem
    services = ctx.services
    with services.read() as db:
        existing = store.get(db, ctx.channel_id)
    base = existing or Subscription(
        channel_id=ctx.channel_id,
        timezone=user_zone(ctx) or "UTC",
        window_days=DEFAULT_WINDOW_DAYS,
    )
    given = {k: v for k, v in vars(options).items() if v is not None}
    wanted = replace(
        base,
        team_id=str(ctx.command.get("team_id") or "") or None,
        created_by=base.created_by or ctx.user_id or None,
        **given,
    )
    with services.write() as db:
        sub = store.save(db, wanted, services.clock)
        upcoming = store.next_post(db, sub, services.clock())
    _changed(ctx)
    verb = "Resumed" if existing and existing.paused else "Updated" if existing else "Subscribed"
    lines = [
        f"{verb} {channel_ref(sub.channel_id)}: a digest of events and initiative milestones "
        f"{describe(sub)}.",
        f"Next digest: *{when_text(upcoming)}*."
        if sub.channel_id != store.CONSOLE_CHANNEL
        else CONSOLE_NOTE,
    ]
    if not sub.always_post:
        lines.append("Days with nothing coming up post nothing (add `always` to post anyway).")
    if note:
        lines.append(note)
    return "\n".join(lines)


def unsubscribe_command(ctx: CommandContext) -> None:
    with ctx.services.write() as db:
        removed = store.delete(db, ctx.channel_id)
    if not removed:
        ctx.reply("This channel has no digest subscription, so there is nothing to stop.")
        return
    _changed(ctx)
    ctx.reply(
        f"Unsubscribed {channel_ref(ctx.channel_id)}: no more daily digests here. "
        "`/cyber subscribe` starts them again."
    )


def subscriptions_command(ctx: CommandContext) -> None:
    services = ctx.services
    # The console lists only its own (kept apart from real channels), as for a non-admin.
    admin = ctx.channel_id != store.CONSOLE_CHANNEL and is_admin(services, ctx.client, ctx.user_id)
    with services.read() as db:
        now = services.clock()
        if admin:
            subs = store.all_subscriptions(db)
        else:
            found = store.get(db, ctx.channel_id)
            subs = [found] if found else []
        lines = [
            status_line(
                s,
                None if s.paused else store.next_post(db, s, now),
                store.last_delivery(db, s.channel_id),
            )
            for s in subs[:40]
        ]
    if not subs:
        ctx.reply(
            "No channel subscribes to the digest yet."
            if admin
            else "This channel has no digest subscription. "
            "`/cyber subscribe [at HH:MM] [TIME ZONE] [TOPIC ...]` starts one."
        )
        return
    heading = "*Digest subscriptions*" if admin else "*This channel's digest*"
    more = f"\n…and {len(subs) - 40} more" if len(subs) > 40 else ""
    ctx.reply(f"{heading}\n" + "\n".join(lines) + more)


def digest_command(ctx: CommandContext) -> None:
    try:
        options = parse_options(ctx.args)
    except Invalid as bad:
        ctx.reply(f"{escape(str(bad))}\nUsage: `/cyber digest [TOPIC ...] [days N]`.")
        return
    services = ctx.services
    with services.read() as db:
        sub = store.get(db, ctx.channel_id)
        settings = sub or Subscription(channel_id=ctx.channel_id)
        if options.topics is not None or options.window_days is not None:
            settings = replace(
                settings,
                topics=settings.topics if options.topics is None else options.topics,
                window_days=options.window_days or settings.window_days,
            )
        day = settings.local_date(services.clock())
        digest = build_digest(db, day, settings.window_days, settings.topics)
    text, blocks = message(digest)
    notes = ["Preview of today's digest for this channel; only you can see it."]
    if sub is None:
        notes.append("This channel is not subscribed: `/cyber subscribe` posts it every day.")
    elif sub.paused:
        notes.append(f"The subscription is paused: {escape(sub.paused_reason or '')}.")
    if digest.empty and not settings.always_post:
        notes.append("On a day like this the subscription posts nothing.")
    note = {"type": "context", "elements": [{"type": "mrkdwn", "text": " ".join(notes)}]}
    ctx.reply(text, [note, *blocks][:50])


ROUTES: dict[str, Route] = {
    "subscribe": subscribe_command,
    "unsubscribe": unsubscribe_command,
    "subscriptions": subscriptions_command,
    "digest": digest_command,
}
