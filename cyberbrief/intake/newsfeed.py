"""Items of an RSS or Atom news feed, read with feedparser from bytes we fetched ourselves.

feedparser is handed a stream, never a URL, so it cannot go on the network. Its time grows
with the square of an element's attributes (100,000 of them on one element: minutes), so a
tag longer than :data:`MAX_TAG_BYTES` is refused before parsing; the fetch's size limit
bounds the rest.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

MAX_ITEMS = 50
"""Items read per poll; a feed's newest are first, and older ones were seen before."""
MAX_TAG_BYTES = 8 * 1024
"""A start tag longer than this (some 900 attributes) is not a news feed's: refused."""
_LONG_TAG = re.compile(rb"<[^!<>][^<>]{%d}" % MAX_TAG_BYTES)
"""Linear: each match attempt stops at the next ``<`` or ``>``; CDATA and comments
(``<!``) may hold long text."""


class FeedInvalid(Exception):
    """The bytes are not a news feed; the message says why."""


@dataclass(frozen=True)
class FeedItem:
    """One story: its stable id (guid/id, else the link), its link, title and date."""

    key: str
    link: str
    title: str
    published: str | None


@dataclass(frozen=True)
class NewsFeed:
    title: str | None
    items: list[FeedItem]


def parse_news(content: bytes, url: str) -> NewsFeed:
    """The feed's title and items with a link; ``FeedInvalid`` when nothing feed-like is in it."""
    import feedparser

    if _LONG_TAG.search(content):
        raise FeedInvalid(
            f"has an element whose tag runs past {MAX_TAG_BYTES // 1024} KB (thousands of "
            "attributes?): refused before parsing"
        )
    parsed: Any = feedparser.parse(io.BytesIO(content), response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise FeedInvalid(f"is not an RSS or Atom feed{f' ({problem})' if problem else ''}")
    items: list[FeedItem] = []
    for entry in parsed.entries[:MAX_ITEMS]:
        link = str(entry.get("link") or "").strip()
        if not link.startswith(("http://", "https://")):
            continue
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        items.append(
            FeedItem(
                key=str(entry.get("id") or link),
                link=link,
                title=str(entry.get("title") or link).strip(),
                published=dt.date(*published[:3]).isoformat() if published else None,
            )
        )
    title = parsed.feed.get("title")
    return NewsFeed(title=str(title).strip() if title else None, items=items)
