"""Reading an article file and drafting records from it, with the store's known names.

The drafting itself (``drafting.article``) is pure text work; this module adds what it
needs from the outside world: the file's text, its source details and who the store knows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

if TYPE_CHECKING:
    from cyberbrief.drafting.article import Draft
from cyberbrief.knowledge import names
from cyberbrief.knowledge.loader import LoadFailed
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.records import Problem

MAX_ARTICLE_BYTES = 512 * 1024
"""A long news article is tens of KB; anything near this is not one article."""


HEADLINE_WORDS = 20


def headline_or_description(text: str) -> dict[str, str]:
    """The article's headline as its title, or, when it has none, a description saying so.

    A headline is a first paragraph of one short line that is not a sentence. An article that
    starts straight with its text (a report, a commentary) has no headline: inventing one from
    its first sentence would put words in quotation marks that no one wrote as a title.
    """
    paragraph: list[str] = []
    for line in text.splitlines():
        if line.strip():
            paragraph.append(line.strip())
        elif paragraph:
            break
    first = paragraph[0]
    if len(paragraph) == 1 and len(first.split()) <= HEADLINE_WORDS and first[-1] not in ".!?":
        return {"title": first[:200]}
    words = " ".join(paragraph).split()
    opening = " ".join(words[:12]).rstrip(",;:")
    return {"title": f'Untitled article, first words "{opening}"', "untitled": "true"}


def draft_from_text(
    db: sqlite_utils.Database,
    name: str,
    content: bytes,
    *,
    title: str | None = None,
    publisher: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> Draft:
    """Draft records from an article's bytes; bad input raises ``LoadFailed``."""
    from cyberbrief.drafting.article import draft_article

    if len(content) > MAX_ARTICLE_BYTES:
        limit = MAX_ARTICLE_BYTES // 1024
        raise LoadFailed(
            [Problem(name, None, f"is too large for an article (the limit is {limit} KB)")]
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadFailed(
            [Problem(name, None, f"is not UTF-8 text (bad byte at position {exc.start})")]
        ) from None
    if not text.strip():
        raise LoadFailed([Problem(name, None, "is empty")])
    source = {"title": title} if title else headline_or_description(text)
    for key, value in (("publisher", publisher), ("date", date), ("url", url)):
        if value:
            source[key] = value
    people = [r[0] for r in db.conn.execute("SELECT text FROM names WHERE kind = 'person'")]
    orgs = [r[0] for r in db.conn.execute("SELECT text FROM names WHERE kind = 'organisation'")]
    draft = draft_article(text, source, known_people=people, known_organisations=orgs)
    draft.people = [p for p in draft.people if not _role_on_record(db, p)]
    return draft


def _role_on_record(db: sqlite_utils.Database, person: dict[str, str]) -> bool:
    """A drafted person the store has with the same role: nothing to review (a new role is
    drafted, and approving it keeps the one on record in the person's history)."""
    found = names.find(db, person["name"], ("person",))
    if not found or not person.get("role"):
        return False
    row = db.conn.execute("SELECT role FROM people WHERE id = ?", (found[0][1],)).fetchone()
    return bool(row and row[0]) and norm(str(row[0])) == norm(person["role"])


def draft_from_file(
    db: sqlite_utils.Database,
    paths: Sequence[str],
    *,
    title: str | None = None,
    publisher: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> Draft:
    """Draft records from one article file."""
    if len(paths) != 1:
        raise LoadFailed([Problem(", ".join(paths), None, "--article takes exactly one file")])
    path = Path(paths[0])
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise LoadFailed([Problem(str(path), None, f"cannot be read: {exc.strerror}")]) from None
    return draft_from_text(
        db, str(path), content, title=title, publisher=publisher, date=date, url=url
    )
