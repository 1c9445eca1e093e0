"""Escaping stored text for Slack's mrkdwn, so knowledge can never ping or forge links.

Slack treats ``<...>`` as control sequences (``<!channel>``, ``<@U123>``, ``<http://x|y>``)
and ``&`` as the start of an entity; escaping those three characters makes any stored text
display as typed. Bare ``@channel``-style words are also broken with a zero-width joiner,
in case a message is ever posted with ``link_names``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)


def escape(text: str) -> str:
    """Text safe to put inside a mrkdwn string."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(lambda m: "@\u2060" + m.group(1), text)


def link(url: str | None, label: str) -> str:
    """A mrkdwn link to an http(s) URL, or just the escaped label if the URL is unsafe."""
    if url:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc and not re.search(r"[\s<>|]", url):
            return f"<{url.replace('&', '&amp;')}|{escape(label)}>"
    return escape(label)


def split(text: str, limit: int) -> list[str]:
    """Cut escaped ``text`` into pieces of at most ``limit`` characters, nothing dropped.

    Pieces end at a space where one is near the limit, and never inside an escape sequence
    (``&amp;``), so every piece still displays as typed.
    """
    pieces: list[str] = []
    text = text.strip()
    while len(text) > limit:
        cut = text.rfind(" ", limit // 2, limit + 1)
        if cut <= 0:
            cut = limit
            amp = text.rfind("&", max(0, cut - 5), cut)
            if amp > 0 and ";" not in text[amp:cut]:
                cut = amp
        piece = text[:cut].rstrip()
        if piece:
            pieces.append(piece)
        text = text[cut:].lstrip()
    if text.strip():
        pieces.append(text)
    return pieces


def truncate(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters without leaving a half escape sequence."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"
