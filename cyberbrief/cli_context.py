"""What every command of the command line shares: its settings, the store, who acts, asking
to confirm and failing with one line. Kept apart from ``cli`` so the sub-command modules
(``cli_review``) use it without importing the group that registers them."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import sqlite_utils

from cyberbrief.settings import Settings


def _settings() -> Settings:
    """The settings the command runs with, read from the environment once by ``main``."""
    obj = click.get_current_context().find_root().obj
    return obj if isinstance(obj, Settings) else Settings.from_environ(os.environ)


def _store() -> sqlite_utils.Database:
    from cyberbrief.knowledge.seed import open_store

    path = _settings().db_path
    with _noting_a_new_store(path):
        return open_store(path)


@contextmanager
def _noting_a_new_store(path: Path) -> Iterator[None]:
    """Say so when opening ``path`` created the store (the first start), so a mistyped
    CYBERBRIEF_DB in an existing folder is noticed at once."""
    existed = path.exists()
    yield
    if not existed and path.exists():
        click.echo(f"cyberbrief: created a new store at {path} with the starter pack", err=True)


def _actor() -> str:
    return _settings().user or "command line"


def _confirm(question: str, assume_yes: bool) -> bool:
    """Ask on a terminal; without one, only ``--yes`` confirms."""
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        click.echo(f"{question} Not confirmed: rerun with --yes to go ahead.", err=True)
        return False
    return click.confirm(question, default=False)


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    raise SystemExit(code)


class Day(click.ParamType):  # type: ignore[type-arg]
    """A date typed YYYY-MM-DD; a bad one is refused with the format in those words (click's
    own DateTime says '%Y-%m-%d')."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.datetime):
            return value
        try:
            return dt.datetime.strptime(str(value).strip(), "%Y-%m-%d")
        except ValueError:
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD", param, ctx)


DAY = Day()
