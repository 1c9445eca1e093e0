"""What every command of the command line shares: its settings, the store, who acts, asking
to confirm and failing with one line. Kept apart from ``cli`` so the sub-command modules
(``cli_review``) use it without importing the group that registers them."""

from __future__ import annotations

import os
import sys

import click
import sqlite_utils

from cyberbrief.settings import Settings


def _settings() -> Settings:
    """The settings the command runs with, read from the environment once by ``main``."""
    obj = click.get_current_context().find_root().obj
    return obj if isinstance(obj, Settings) else Settings.from_environ(os.environ)


def _store() -> sqlite_utils.Database:
    from cyberbrief.knowledge.seed import open_store

    return open_store(_settings().db_path)


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
