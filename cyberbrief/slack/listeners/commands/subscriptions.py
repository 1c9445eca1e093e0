"""``/cyber subscribe``, ``unsubscribe``, ``subscriptions`` and ``digest``: daily digests.

Parsing is forgiving (``at 7:30``, ``7.30am``, ``europe/brussels``) but never guesses: a bad
time or an unknown zone gets a message with an example, and a channel the bot cannot post in
is refused with how to fix it, before anything is stored. Storage goes through
``knowledge.subscriptions``; jobs are re-derived through ``services.on_subscriptions_changed``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from slack_sdk.errors import SlackApiError

from cyberbrief.digests import subscriptions as store
from cyberbrief.digests import zones
from cyberbrief.digests.content import build_digest, clean_topics
from cyberbrief.digests.subscriptions import (
    DEFAULT_WINDOW_DAYS,
    MAX_TOPICS,
    MAX_WINDOW_DAYS,
    Subscription,
)
from cyberbrief.digests.zones import BadTime, UnknownZone, parse_time, zone
from cyberbrief.slack.faults import describe as describe_fault
from cyberbrief.slack.listeners.commands.cyber import CommandContext, Route
from cyberbrief.slack.middleware import is_admin
from cyberbrief.slack.mrkdwn import escape
from cyberbrief.slack.numbers import whole_number
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
ZONE_EXAMPLES = "Use an IANA name such as `Europe/Brussels`, `America/New_York` or `UTC`."
_TIME_LIKE = re.compile(r"^\d{1,2}([:.h]\d{2})?\s*(am|pm)?$", re.IGNORECASE)

log = logging.getLogger(__name__)


class Invalid(ValueError):
    """Sub-command arguments that make no sense; the message says what to type instead."""


@dataclass(frozen=True)
class Options:
    """What the user typed; None means "not given" (keep the current value or the default)."""

    post_time: dt.time | None = None
    timezone: str | None = None
    topics: tuple[str, ...] | None = None
    window_days: int | None = None
    always_post: bool | None = None


def _words(text: str) -> list[str]:
    text = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    try:
        raw = shlex.split(text)
    except ValueError:
        raw = text.replace('"', " ").split()
    words: list[str] = []
    for word in raw:
        if " " in word:  # a quoted phrase is one topic
            words.append(word.strip(" ,"))
        else:
            words.extend(w for w in word.split(",") if w)
    return [w for w in words if w]


def _days(value: str) -> int:
    days = whole_number(value, 4)
    if days is None or not 1 <= days <= MAX_WINDOW_DAYS:
        raise Invalid(
            f"'{value}' is not a number of days; use 1 to {MAX_WINDOW_DAYS}, e.g. `days 7`."
        )
    return days


def _zone_name(text: str) -> str:
    try:
        return zone(text).key
    except UnknownZone:
        why = zones.zone_refusal(text)
        if why is not None:
            raise Invalid(f"{why}.") from None
        raise Invalid(f"I don't know the time zone '{text}'. {ZONE_EXAMPLES}") from None


def parse_options(text: str) -> Options:
    """``[at HH:MM] [ZONE] [TOPIC ...] [days N] [always|quiet] [all]``, in any order.

    A zone is ``UTC``, ``GMT``, a name with a slash (``Europe/Brussels``), or right after the
    time any zone name (``at 9:00 CET``) or a place only one zone is named after (``at 7:30
    Brussels``, shown back as ``Europe/Brussels``); other words are topics, so ``Japan`` or
    ``Brussels`` alone is a topic, not a zone. Offsets (``UTC+2``) are refused: they ignore
    daylight saving.
    """
    words = _words(text)
    found: dict[str, Any] = {}
    topics: list[str] = []
    clear_topics = False
    i = 0
    while i < len(words):
        word = words[i]
        low = word.lower()
        if low == "at" or (_TIME_LIKE.match(word) and (":" in word or low.endswith(("am", "pm")))):
            i = _read_time(words, i, found)
        elif zones.is_offset(word):
            raise _offset_refused(word)
        elif "/" in word or low in ("utc", "gmt"):
            if "timezone" in found:
                raise Invalid(f"Give one time zone only. {ZONE_EXAMPLES}")
            found["timezone"] = _zone_name(word)
        elif low in ("days", "--days", "window") or low.startswith(("days=", "--days=")):
            value = low.partition("=")[2]
            if not value:
                i += 1
                value = words[i] if i < len(words) else ""
            found["window_days"] = _days(value)
        elif low.isdecimal() and i + 1 < len(words) and words[i + 1].lower() in ("days", "day"):
            found["window_days"] = _days(low)
            i += 1
        elif low == "for" and i + 1 < len(words) and words[i + 1].isdecimal():
            pass
        elif low in ("always", "--always", "always-post"):
            found["always_post"] = True
        elif low in ("quiet", "--quiet"):
            found["always_post"] = False
        elif low in ("all", "everything", "--all"):
            clear_topics = True
        else:
            topics.append(word)
        i += 1
    if topics or clear_topics:
        found["topics"] = _topics(topics, clear_topics)
    return Options(**found)


def _read_time(words: list[str], i: int, found: dict[str, Any]) -> int:
    """``[at] 7:30 [am|pm] [ZONE]`` starting at ``words[i]`` into ``found``; returns the index
    of the last word it used."""
    word = words[i]
    if word.lower() == "at":
        i += 1
        if i >= len(words):
            raise Invalid("Say when after `at`, e.g. `/cyber subscribe at 07:30`.")
        word = words[i]
        if whole_number(word, 2) is not None:  # "at 9" is clear enough: 09:00
            word += ":00"
    if i + 1 < len(words) and words[i + 1].lower() in ("am", "pm"):
        i += 1
        word += words[i]
    if "post_time" in found:
        raise Invalid("Give one time only, e.g. `at 07:30`.")
    try:
        found["post_time"] = parse_time(word)
    except BadTime as bad:
        raise Invalid(f"{bad}.") from None
    following = words[i + 1] if i + 1 < len(words) else ""
    if zones.is_zone_name(following):
        i += 1
        found["timezone"] = _zone_name(following)
    elif place := zones.zone_for_place(following):  # "at 07:30 Brussels"
        i += 1
        found["timezone"] = place
    elif why := zones.zone_refusal(following):  # "at 07:30 Europe"
        raise Invalid(f"{why}.")
    return i


def _offset_refused(word: str) -> Invalid:
    fixed = zones.fixed_zone_for(word)
    return Invalid(
        f"'{word}' is an offset, not a time zone, and would be an hour out for half "
        "the year where clocks change. Use the place's zone, e.g. `Europe/Brussels`"
        + (f", or `{fixed}` for a fixed {word}." if fixed else ".")
    )


def _topics(topics: list[str], clear: bool) -> tuple[str, ...]:
    """The topics given (cleaned and checked), or none for ``all``."""
    if topics and clear:
        raise Invalid("Give topics or `all`, not both.")
    if not topics:
        return ()
    cleaned = clean_topics(topics)
    if len(cleaned) > MAX_TOPICS:
        raise Invalid(f"That is {len(cleaned)} topics; {MAX_TOPICS} at most.")
    if any(len(t) > 60 for t in cleaned):
        raise Invalid("Topics are words or short phrases (60 characters at most).")
    return tuple(cleaned)


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
        f"Next digest: *{when_text(upcoming)}*.",
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
    admin = is_admin(services, ctx.client, ctx.user_id)
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
