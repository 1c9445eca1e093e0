"""Drafting from a link: fetch the page (``intake.fetch``), keep the article, draft from it.

trafilatura is given the HTML we fetched and never fetches anything itself: it separates the
article from navigation, adverts and footers and reads the title, publisher (site name) and
publication date from the page's metadata.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import sqlite_utils

from cyberbrief.intake.fetch import (
    CALENDAR_TYPES,
    FEED_TYPES,
    HTML_TYPES,
    Fetched,
    FetchPolicy,
    FetchRefused,
    fetch,
)
from cyberbrief.knowledge.loader import LoadFailed
from cyberbrief.knowledge.records import Problem

if TYPE_CHECKING:
    from cyberbrief.drafting.article import Draft

Fetcher = Callable[..., Fetched]
MIN_ARTICLE_WORDS = 30
"""Fewer words than this is a menu, a paywall notice or an error page, not an article."""


@dataclass(frozen=True)
class Page:
    """An article as read from a web page."""

    url: str
    text: str
    title: str
    publisher: str | None
    date: str | None


def extract(html: str, url: str) -> Page | None:
    """The article in ``html`` (None when the page has no article text)."""
    import trafilatura

    document: Any = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None:
        return None
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = (data.get("text") or "").strip()
    if len(text.split()) < MIN_ARTICLE_WORDS:
        return None
    title = (data.get("title") or "").strip()  # none: the draft describes the article instead
    date = data.get("date") or None
    return Page(
        url=url,
        text=text,
        title=title,
        publisher=(data.get("sitename") or "").strip() or urlsplit(url).hostname,
        date=date if isinstance(date, str) and len(date) == 10 else None,
    )


def read_page(url: str, policy: FetchPolicy, *, fetcher: Fetcher = fetch) -> Page:
    """Fetch ``url`` and extract its article; failures raise ``LoadFailed`` naming the URL."""
    try:
        fetched = fetcher(url, policy, accept=HTML_TYPES + FEED_TYPES + CALENDAR_TYPES)
    except FetchRefused as refused:
        why = str(refused).removeprefix(url + " ")
        raise LoadFailed([Problem(url, None, f"was not fetched: {why}")]) from None
    if fetched.content_type in CALENDAR_TYPES:
        raise LoadFailed(
            [
                Problem(
                    url,
                    None,
                    "is an event calendar, not an article: follow it with `feed add URL` "
                    "(its events are written as they appear)",
                )
            ]
        )
    if fetched.content_type in FEED_TYPES:
        raise LoadFailed(
            [
                Problem(
                    url,
                    None,
                    "is a news feed (RSS/Atom), not an article: follow it with `feed add URL` "
                    "(each new story is drafted for review)",
                )
            ]
        )
    page = extract(fetched.text(), fetched.url)
    if page is None:
        raise LoadFailed([Problem(url, None, "has no article text to draft from")])
    return Page(page.url if page.url else url, page.text, page.title, page.publisher, page.date)


def draft_from_url(
    db: sqlite_utils.Database,
    url: str,
    policy: FetchPolicy,
    *,
    title: str | None = None,
    publisher: str | None = None,
    date: str | None = None,
    fetcher: Fetcher = fetch,
) -> Draft:
    """Draft records from the article at ``url``, citing it with what the page says about
    itself unless the caller gives title, publisher or date."""
    from cyberbrief.drafting.drafts import draft_from_text

    page = read_page(url, policy, fetcher=fetcher)
    return draft_from_text(
        db,
        url,
        page.text.encode("utf-8"),
        title=title or page.title or None,
        publisher=publisher or page.publisher,
        date=date or page.date,
        url=url,
    )
