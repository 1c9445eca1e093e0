"""The command line for articles, feeds and the review queue: ``load --article`` (and links),
``feed add|list|remove|poll`` and ``drafts list|approve|reject``. Registered on the main group
by ``cyberbrief.cli``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

import cyberbrief.cli_context as base

if TYPE_CHECKING:
    import sqlite_utils

    from cyberbrief.knowledge.loader import RawRecord


@click.group()
def feed() -> None:
    """News feeds and event calendars to follow."""


@feed.command("add")
@click.argument("url")
@click.option(
    "--kind",
    type=click.Choice(["news", "calendar"]),
    default=None,
    help="news (RSS/Atom) or calendar (.ics); by default what the first fetch shows.",
)
@click.option("--topic", "topics", multiple=True, help="A topic for the feed (repeatable).")
@click.option("--every", "interval", type=int, default=60, show_default=True, help="Minutes.")
def feed_add(url: str, kind: str | None, topics: tuple[str, ...], interval: int) -> None:
    """Follow a news feed (RSS/Atom) or an event calendar (.ics), and poll it at once."""
    from cyberbrief.app import utc_now
    from cyberbrief.intake.feeds import FeedError, add_feed, poll_feed

    db = base._store()
    try:
        added = add_feed(
            db,
            url,
            kind=kind or "news",
            topics=topics,
            interval_minutes=interval,
            actor=base._actor(),
            clock=utc_now,
        )
    except FeedError as exc:
        base._fail(str(exc))
        return
    policy = base._settings().fetch_policy(operator=True)
    result = poll_feed(db, added, policy=policy, clock=utc_now)
    click.echo(f"following #{added.id} {added.url} ({result.feed.kind}, every {interval} min)")
    click.echo(result.line())
    if result.error:
        click.echo("it is polled again later; see `bot.py feed list`")


@feed.command("list")
def feed_list() -> None:
    """Every feed followed, with how its last poll went."""
    from cyberbrief.intake.feeds import list_feeds

    feeds = list_feeds(base._store())
    if not feeds:
        click.echo("No feeds yet: cyberbrief feed add URL [--kind calendar]")
    for f in feeds:
        topics = f"  topics: {', '.join(f.topics)}" if f.topics else ""
        click.echo(f"#{f.id} {f.kind:8} {f.title or '(untitled)'}  {f.url}{topics}")
        click.echo(f"    every {f.interval_minutes} min; {f.status()}")


@feed.command("remove")
@click.argument("feed_ref", metavar="ID|URL")
def feed_remove(feed_ref: str) -> None:
    """Stop following a feed (what it added stays; undo it from history)."""
    from cyberbrief.intake.feeds import FeedError, remove_feed

    try:
        gone = remove_feed(base._store(), feed_ref)
    except FeedError as exc:
        base._fail(str(exc))
        return
    click.echo(f"no longer following #{gone.id} {gone.url}")


@feed.command("poll")
@click.argument("feed_refs", nargs=-1, metavar="[ID|URL...]")
def feed_poll(feed_refs: tuple[str, ...]) -> None:
    """Poll the feeds now (all, or those named); exit 1 if any failed."""
    from cyberbrief.app import utc_now
    from cyberbrief.intake.feeds import FeedError, find_feed, list_feeds, poll_feed

    db = base._store()
    try:
        chosen = [find_feed(db, r) for r in feed_refs] if feed_refs else list_feeds(db)
    except FeedError as exc:
        base._fail(str(exc))
        return
    policy = base._settings().fetch_policy(operator=True)
    results = [poll_feed(db, f, policy=policy, clock=utc_now) for f in chosen]
    for result in results:
        click.echo(result.line())
    if any(r.error for r in results):
        raise SystemExit(1)


@click.group()
def drafts() -> None:
    """The review queue: drafts waiting for an admin."""


@drafts.command("list")
def drafts_list() -> None:
    """Pending drafts, by article."""
    from cyberbrief.intake.review import pending

    queued = pending(base._store())
    if not queued:
        click.echo("No drafts waiting for review.")
    batch = None
    for draft in queued:
        if draft.batch != batch:
            batch = draft.batch
            source = draft.source
            details = ", ".join(str(source[k]) for k in ("publisher", "date") if source.get(k))
            click.echo(f"“{source['title']}” ({details}) {batch} [{draft.origin}]")
        click.echo(f"  {draft.line()}")


def _ids(values: tuple[str, ...], every: bool) -> list[int]:
    from cyberbrief.intake.review import pending

    if every:
        return [d.id for d in pending(base._store())]
    try:
        return [int(v.lstrip("#")) for v in values]
    except ValueError:
        base._fail("drafts are named by number, as `drafts list` shows them (#12)", 2)
        return []


@drafts.command("approve")
@click.argument("ids", nargs=-1, metavar="ID...")
@click.option("--all", "every", is_flag=True, help="Every pending draft.")
def drafts_approve(ids: tuple[str, ...], every: bool) -> None:
    """Write drafts to the knowledge (one change, undoable)."""
    from cyberbrief.app import utc_now
    from cyberbrief.intake.review import approve
    from cyberbrief.knowledge.loader import LoadFailed

    chosen = _ids(ids, every)
    if not chosen:
        base._fail("name the drafts to approve (or --all)", 2)
    try:
        report = approve(base._store(), chosen, actor=base._actor(), clock=utc_now)
    except LoadFailed as failure:
        base._fail(str(failure))
        return
    click.echo(report.summary())


@drafts.command("reject")
@click.argument("ids", nargs=-1, metavar="ID...")
@click.option("--all", "every", is_flag=True, help="Every pending draft.")
def drafts_reject(ids: tuple[str, ...], every: bool) -> None:
    """Drop drafts from the queue (nothing is written)."""
    from cyberbrief.app import utc_now
    from cyberbrief.intake.review import reject
    from cyberbrief.knowledge.loader import LoadFailed

    chosen = _ids(ids, every)
    if not chosen:
        base._fail("name the drafts to reject (or --all)", 2)
    try:
        done = reject(base._store(), chosen, actor=base._actor(), clock=utc_now)
    except LoadFailed as failure:
        base._fail(str(failure))
        return
    click.echo(f"rejected {done} draft(s)")


def article_records(
    db: sqlite_utils.Database,
    files: tuple[str, ...],
    link: bool,
    details: dict[str, str | None],
    url: str | None,
    *,
    review: bool,
    dry_run: bool,
    yes: bool,
) -> list[RawRecord] | None:
    """Draft records from an article (a file or a link) and show them; the records to write
    once confirmed, or None when they went to the review queue instead."""
    from cyberbrief.app import utc_now
    from cyberbrief.drafting.drafts import draft_from_file
    from cyberbrief.intake.links import draft_from_url
    from cyberbrief.knowledge.loader import RawRecord

    title, publisher, date = details["title"], details["publisher"], details["date"]
    draft = (
        draft_from_url(
            db,
            files[0],
            base._settings().fetch_policy(operator=True),
            title=title,
            publisher=publisher,
            date=date,
        )
        if link
        else draft_from_file(db, list(files), title=title, publisher=publisher, date=date, url=url)
    )
    click.echo(draft.describe())
    if review and not dry_run:
        from cyberbrief.intake.review import queue_draft

        queued = queue_draft(db, draft, origin="command line", clock=utc_now)
        click.echo(f"{queued} draft(s) queued for review: cyberbrief drafts list")
        return None
    if dry_run or not base._confirm("Write these drafts to the store?", yes):
        raise SystemExit(0 if dry_run else 1)
    return [
        RawRecord(kind_, f"{files[0]}: draft {kind_} #{i}", data)
        for kind_, items in draft.records().items()
        for i, data in enumerate(items, 1)
    ]
