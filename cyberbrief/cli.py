"""The command line: ``cyberbrief`` (also ``python -m cyberbrief`` and ``bot.py``) and its
sub-commands.

Each command opens the store, calls one function of the packages below and prints its result;
the behaviour lives in those packages, not here.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import click

from cyberbrief.app import (
    answer_log_policy,
    create_app,
    open_services,
    start_answer_log,
    start_digests,
    start_feeds,
    start_metrics_server,
    utc_now,
    web_client,
    wsgi_app,
)
from cyberbrief.cli_context import (
    DAY,
    _fail,
    _noting_a_new_store,
    _settings,
    _store,
)
from cyberbrief.settings import Settings, SettingsError
from cyberbrief.store.health import StoreUnavailable, explain

PROG = "cyberbrief"
"""The command's name in usage lines and hints (the `cyberbrief` console script)."""

if TYPE_CHECKING:
    import sqlite_utils
    from slack_sdk import WebClient

    from cyberbrief.knowledge.model import Answer
    from cyberbrief.slack.services import Services


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def cli(ctx: click.Context) -> None:
    """cyberbrief Slack app: briefs teams on international cybersecurity policy."""
    from cyberbrief.log_format import configure

    configure(_settings().log_level, _settings().log_format)
    if ctx.invoked_subcommand is None:
        ctx.invoke(run)


@cli.command()
def run() -> None:
    """Socket Mode with Slack tokens, else a local console (the default)."""
    settings = _settings()
    with _noting_a_new_store(settings.db_path):
        services = open_services(settings)
    try:
        if settings.slack_bot_token and settings.slack_app_token:
            _socket_mode(services, settings, settings.slack_app_token)
            return
        from cyberbrief.console import CONSOLE_USER, TOKENS, Terminal, run_console

        # Whoever runs the console is its operator, so an admin in it.
        services.admins = services.admins | {CONSOLE_USER}
        terminal = Terminal(sys.stdin, sys.stdout, interactive=sys.stdin.isatty())
        run_console(
            create_app(services, settings, console=terminal),
            terminal,
            missing=settings.unset(*TOKENS),
        )
    finally:
        services.finish_warm_up()  # however it ends (a refused token too): no abort at exit


def _socket_mode(services: Services, settings: Settings, app_token: str) -> None:
    """Socket Mode until SIGINT/SIGTERM; exit 2 with one line if a token is refused."""
    from cyberbrief.slack import socket_mode

    def say(line: str) -> None:
        click.echo(f"cyberbrief: {line}", err=True)

    def start_others() -> Callable[[], None]:
        digests = start_digests(services, settings)
        feeds = start_feeds(services)

        pruner = start_answer_log(services, settings)
        metrics = start_metrics_server(services, settings)

        def stop() -> None:
            if metrics is not None:
                metrics.shutdown()
            pruner.shutdown()
            feeds.shutdown()
            if digests is not None:
                digests.shutdown()

        return stop

    app = create_app(services, settings)
    with socket_mode.StopSignal().installed() as stop:
        try:
            socket_mode.serve(app, app_token, stop, say, start_others)
        except socket_mode.TokenRefused as refused:
            _fail(str(refused), 2)


@cli.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=lambda: _settings().port,
    show_default="$PORT, else 3000",
)
@click.option("--host", default="0.0.0.0", show_default=True)
def serve(port: int, host: str) -> None:
    """HTTP mode: Bolt's /slack/events endpoint (and GET /healthz), served by waitress."""
    from cyberbrief.server import run

    settings = _settings()
    missing = settings.unset("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN")
    if missing:
        click.echo(
            f"cyberbrief serve needs {' and '.join(missing)} (the Slack app's Signing Secret, "
            "Basic Information, and Bot User OAuth Token, Install App)",
            err=True,
        )
        raise SystemExit(2)
    _check_bot_token(web_client(settings))  # before the store is opened or created
    with _noting_a_new_store(settings.db_path):
        services = open_services(settings)
    metrics = services.metrics.exposition if services.metrics else None
    wsgi = wsgi_app(create_app(services, settings), settings, metrics)
    digests = None

    def listening(bound_host: str, bound_port: int) -> None:
        nonlocal digests
        logging.getLogger("cyberbrief").info(
            "serving Slack events on http://%s:%d/slack/events (waitress, %d threads)",
            bound_host,
            bound_port,
            settings.http_threads,
        )
        digests = start_digests(services, settings)
        start_feeds(services)
        start_answer_log(services, settings)
        click.echo(f"listening on http://{host}:{bound_port}/slack/events")
        sys.stdout.flush()

    try:
        run(wsgi, host, port, settings, listening)
    except KeyboardInterrupt:
        pass
    finally:
        if digests is not None:
            digests.shutdown()
        services.finish_warm_up()


def _check_bot_token(client: WebClient) -> None:
    """Before listening, as Socket Mode does: a bot token Slack refuses stops ``serve`` with
    exit 2 and one line (else every /cyber would get Bolt's "installation no longer
    available"); while Slack is unreachable it says so and retries."""
    from cyberbrief.slack.socket_mode import TokenRefused, check_bot_token_patiently

    try:
        who = check_bot_token_patiently(
            client, lambda line: click.echo(f"cyberbrief: {line}", err=True)
        )
    except TokenRefused as refused:
        _fail(str(refused), 2)
        return
    logging.getLogger("cyberbrief").info(
        "bot token accepted: %s in workspace %s", who.get("user"), who.get("team")
    )


@cli.command()
@click.argument("text", nargs=-1)
def ask(text: tuple[str, ...]) -> None:
    """Answer one question as plain text (exit 1 when the store has no answer)."""
    from cyberbrief.answers.answerer import Answerer
    from cyberbrief.answers.plaintext import render

    question = " ".join(text).strip()
    if not question:
        click.echo(
            "usage: cyberbrief ask TEXT (for example: cyberbrief ask who is ICSPA)", err=True
        )
        raise SystemExit(2)
    db = _store()
    started = time.perf_counter()
    answer = Answerer(db, today=lambda: utc_now().date()).answer(question)
    millis = (time.perf_counter() - started) * 1000
    click.echo(render(answer))
    _record_ask(db, answer, question, millis)
    raise SystemExit(0 if answer.answered or answer.status.value == "choices" else 1)


def _record_ask(db: sqlite_utils.Database, answer: Answer, question: str, millis: float) -> None:
    """Record ``bot.py ask`` in the answer log (after it printed: a failure loses nothing)."""
    from cyberbrief.answers.answer_log import entry_for, record_answer
    from cyberbrief.store.connection import transaction

    policy = answer_log_policy(_settings())
    if not policy.recording:
        return
    entry = entry_for(
        answer,
        question=question,
        surface="ask",
        channel_kind="none",
        asked_at=utc_now(),
        millis=millis,
        asker=None,
        policy=policy,
    )
    try:
        with transaction(db):
            record_answer(db, entry)
    except Exception as problem:  # read-only or full store: the answer is already printed
        logging.getLogger("cyberbrief").warning("answer not recorded: %s", problem)


@cli.command()
@click.option("--date", "day", type=DAY, help="The day (YYYY-MM-DD).")
@click.option("--channel", help="A subscribed channel ID: its zone, topics and window.")
@click.option("--days", type=int, help="The window in days (default 14).")
@click.option("--topic", "topics", multiple=True, help="Narrow to a topic (repeatable).")
def digest(day: dt.datetime | None, channel: str | None, days: int | None, topics: Any) -> None:
    """Print the daily digest that would be posted."""
    from cyberbrief.digests.content import build_digest
    from cyberbrief.digests.render import plain_text
    from cyberbrief.digests.subscriptions import DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS, get

    if days is not None and not 1 <= days <= MAX_WINDOW_DAYS:
        _fail(f"--days must be 1 to {MAX_WINDOW_DAYS}", 2)
    db = _store()
    sub = get(db, channel) if channel else None
    if channel and sub is None:
        click.echo(f"note: {channel} is not subscribed: default settings", err=True)
    date = day.date() if day else (sub.local_date(utc_now()) if sub else utc_now().date())
    window = days or (sub.window_days if sub else DEFAULT_WINDOW_DAYS)
    chosen = list(topics) or (list(sub.topics) if sub else [])
    since = (utc_now() - dt.timedelta(days=1)).isoformat(timespec="seconds")
    content = build_digest(db, date, window, chosen, new_since=since)
    click.echo(plain_text(content))
    if content.empty and sub is not None and not sub.always_post:
        click.echo(f"({channel} would get no post on such a day.)")


def _register() -> None:
    from cyberbrief.cli_knowledge import export, history, load, undo
    from cyberbrief.cli_loop import gaps, stats
    from cyberbrief.cli_review import drafts, feed
    from cyberbrief.cli_store import backup, restore

    cli.add_command(load)
    cli.add_command(history)
    cli.add_command(undo)
    cli.add_command(export)
    cli.add_command(gaps)
    cli.add_command(stats)
    cli.add_command(feed)
    cli.add_command(drafts)
    cli.add_command(backup)
    cli.add_command(restore)


_register()


def main(argv: list[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Run the command line; returns the exit code (0 done, 1 refused or not found, 2 usage
    or a bad environment variable). ``environ`` is read once, here (tests pass their own)."""
    try:
        settings = Settings.from_environ(os.environ if environ is None else environ)
    except SettingsError as bad:
        for line in str(bad).splitlines():
            click.echo(f"error: {line}", err=True)
        return 2
    try:
        cli.main(args=argv, prog_name=PROG, obj=settings, standalone_mode=True)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except (StoreUnavailable, sqlite3.Error) as fault:
        # A store that cannot be used (read-only, locked, corrupt, newer, disk full, gone):
        # one line saying what to do, not a traceback.
        click.echo(f"error: {explain(fault, settings.db_path)}", err=True)
        return 2
    except BrokenPipeError:
        # `cyberbrief ask ... | head`: the reader left; not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
