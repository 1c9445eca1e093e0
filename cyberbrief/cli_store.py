"""The command line for the store file itself: ``backup FILE`` and ``restore FILE``.
Registered on the main group by ``cyberbrief.cli``."""

from __future__ import annotations

from pathlib import Path

import click

import cyberbrief.cli_context as base


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.0f} kB"


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def backup(file: Path, force: bool) -> None:
    """Copy the store to FILE, consistent even while the bot runs (SQLite's online backup)."""
    from cyberbrief.store.backup import backup as copy
    from cyberbrief.store.health import StoreUnavailable

    if file.exists() and not force:
        base._fail(f"{file} exists; choose another name or add --force to replace it", 2)
    database = base._settings().db_path
    try:
        done = copy(database, file)
    except StoreUnavailable as problem:
        base._fail(str(problem), 2)
        return
    click.echo(
        f"backed up {database} to {file}: {done.changes} changes, schema version "
        f"{done.schema_version}, {_size(done.size)} (the names index is a cache: not needed)"
    )


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def restore(file: Path, yes: bool) -> None:
    """Replace the store with a backup made by `cyberbrief backup` (stop the bot first)."""
    from cyberbrief.store.backup import check_restorable
    from cyberbrief.store.backup import restore as put_back
    from cyberbrief.store.health import StoreUnavailable

    database = base._settings().db_path
    try:
        found = check_restorable(file)
    except StoreUnavailable as problem:
        base._fail(str(problem), 2)
        return
    click.echo(
        f"{file}: {found.changes} changes, schema version {found.schema_version}, "
        f"{_size(found.size)}"
    )
    if not base._confirm(f"Replace the store at {database} with it?", yes):
        raise SystemExit(1)
    kept = put_back(file, database)
    base._store().close()  # an older backup's schema is brought up to date here
    click.echo(f"restored {database} from {file}")
    if kept is not None:
        click.echo(f"the store it replaced is kept as {kept}")
