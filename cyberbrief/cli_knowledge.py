"""The command line's knowledge commands: ``load`` (files, articles, links), ``history``,
``undo`` and ``export``. Registered on the main group by ``cyberbrief.cli``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from cyberbrief.app import utc_now
from cyberbrief.cli_context import _actor, _confirm, _fail, _store


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--kind", help="The kind of records in a CSV (else from its file name).")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--verbose", "-v", is_flag=True, help="List every record written.")
@click.option("--article", is_flag=True, help="Draft records from a news article (.txt).")
@click.option("--title", help="The article's headline (else from the page or file).")
@click.option("--publisher", help="Who published the article, e.g. 'BBC News'.")
@click.option("--date", help="The article's date: YYYY-MM-DD (or YYYY-MM, YYYY).")
@click.option("--url", help="The article's address, cited with its records.")
@click.option(
    "--new-sources",
    is_flag=True,
    help="Add a source cited by a key or title the store does not have (else an error).",
)
@click.option("--yes", "-y", is_flag=True, help="Accept without asking.")
@click.option("--review", is_flag=True, help="Queue an article's drafts for review instead.")
def load(
    files: tuple[str, ...],
    kind: str | None,
    dry_run: bool,
    verbose: bool,
    article: bool,
    title: str | None,
    publisher: str | None,
    date: str | None,
    url: str | None,
    yes: bool,
    review: bool,
    new_sources: bool,
) -> None:
    """Load knowledge files (YAML, JSON, CSV), or draft from a news article (a file, or a
    link: FILE may be an http(s) URL)."""
    from cyberbrief.cli_review import article_records
    from cyberbrief.knowledge.loader import LoadFailed, load_records, read_files

    db = _store()
    try:
        link = len(files) == 1 and files[0].startswith(("http://", "https://"))
        if article or link:
            drafted = article_records(
                db,
                files,
                link,
                {"title": title, "publisher": publisher, "date": date},
                url,
                review=review,
                dry_run=dry_run,
                yes=yes,
            )
            if drafted is None:
                return
            records = drafted
        else:
            records = read_files(list(files), kind)
        with _progress(len(records)) as progress:
            report = load_records(
                db,
                records,
                actor=_actor(),
                origin="load " + " ".join(files),
                clock=utc_now,
                dry_run=dry_run,
                progress=progress,
                new_sources=new_sources,
            )
    except LoadFailed as failure:
        _fail(str(failure))
        return
    for line in report.lines if dry_run or verbose else []:
        click.echo(f"  {line}")
    click.echo(report.summary())


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for long loads (nothing for short ones or non-terminals)."""
    if total < 500 or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label="loading", file=sys.stderr) as bar:
        done_so_far = [0]

        def step(done: int) -> None:
            bar.update(done - done_so_far[0])
            done_so_far[0] = done

        yield step


@click.command()
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
def history(limit: int) -> None:
    """List recent changes to knowledge."""
    from cyberbrief.store.journal import history as recent

    for change in recent(_store(), limit=limit):
        state = f" [undone by #{change.undone_by}]" if change.undone_by else ""
        click.echo(f"#{change.id}  {change.at}  {change.actor}  {change.summary}{state}")


@click.command()
@click.argument("change_id", required=False, type=int, metavar="[ID]")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def undo(change_id: int | None, yes: bool) -> None:
    """Revert one change exactly (default: the latest)."""
    from cyberbrief.knowledge.vectors import undo as revert
    from cyberbrief.store.journal import UndoRefused, describe_change, latest_undoable

    db = _store()
    target = change_id if change_id is not None else latest_undoable(db)
    if target is None:
        _fail("there is no change to undo")
        return
    description = describe_change(db, target)
    if description is None:
        _fail(f"there is no change #{target}")
        return
    click.echo(description)
    if not _confirm(f"Undo change #{target}?", yes):
        raise SystemExit(1)
    try:
        done = revert(db, target, actor=_actor(), clock=utc_now)
    except UndoRefused as refused:
        _fail(str(refused))
        return
    click.echo(f"undone as change #{done.id}: {done.summary}")


@click.command()
@click.argument("file", required=False)
def export(file: str | None) -> None:
    """Write the whole store as YAML that `load` accepts back."""
    from cyberbrief.knowledge.export import export_yaml

    text = export_yaml(_store())
    if file in (None, "-"):
        sys.stdout.write(text)
        return
    with open(str(file), "w", encoding="utf-8") as out:
        out.write(text)
    click.echo(f"exported to {file}", err=True)
