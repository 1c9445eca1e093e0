"""How a channel's digest subscription reads in Slack: settings, next and last post."""

from __future__ import annotations

import datetime as dt
import re

from cyberbrief.digests.subscriptions import Delivery, Subscription
from cyberbrief.slack.mrkdwn import escape

_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{2,}$")


def channel_ref(channel_id: str) -> str:
    """``<#C123>`` for a real channel ID (Slack shows its name), else the escaped text."""
    return f"<#{channel_id}>" if _CHANNEL_ID.match(channel_id) else escape(channel_id)


def when_text(at: dt.datetime) -> str:
    """``Wednesday 25 March 2026 at 07:30 CET``."""
    return f"{at:%A} {at.day} {at:%B %Y} at {at:%H:%M} {at.tzname() or ''}".strip()


def describe(sub: Subscription) -> str:
    """The settings in words (escaped)."""
    text = f"every day at *{sub.post_time_text} {escape(sub.timezone)}*, the next "
    text += f"{sub.window_days} days"
    if sub.topics:
        text += " on " + escape(", ".join(sub.topics))
    text += "; posts even when nothing is coming up" if sub.always_post else ""
    return text


def status_line(sub: Subscription, upcoming: dt.datetime | None, last: Delivery | None) -> str:
    line = f"• {channel_ref(sub.channel_id)}: {describe(sub)}"
    if sub.paused:
        since = (
            f" since {escape(sub.paused_at[:16].replace('T', ' '))} UTC" if sub.paused_at else ""
        )
        line += (
            f"\n      *Paused*{since}: {escape(sub.paused_reason or '')}. "
            "`/cyber subscribe` in the channel resumes it."
        )
    elif upcoming is not None:
        line += f"\n      next: {when_text(upcoming)}"
    if last is not None:
        what = "posted" if last.status == "posted" else "nothing to post"
        line += f"; last: {last.local_date.isoformat()} ({what})"
    return line
