"""cyberbrief entry point: wiring and command line only.

python bot.py                  Socket Mode with Slack tokens, else a local console
python bot.py serve --port N   HTTP mode (Bolt's /slack/events)
python bot.py ask TEXT         one answer as plain text
python bot.py digest           the daily digest that would be posted, as text
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slack_bolt import App

    from handlers.services import Services
    from jobs.scheduler import DigestScheduler

DEFAULT_API_URL = "https://slack.com/api/"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def open_services(environ: dict[str, str]) -> Services:
    """The store (created and seeded on first use) and the answerer over it."""
    from handlers.services import Services
    from knowledge.store import db_path_from_env, open_store

    db = open_store(db_path_from_env(environ))
    admins = frozenset(
        a.strip() for a in environ.get("CYBERBRIEF_ADMINS", "").split(",") if a.strip()
    )
    services = Services.create(db, utc_now, admins)
    services.trust_workspace_admins = environ.get("CYBERBRIEF_TRUST_WORKSPACE_ADMINS") == "1"
    return services


def build_app(services: Services, environ: dict[str, str], *, console: bool = False) -> App:
    """The Bolt app with every listener; the console variant never calls Slack to authorise."""
    from slack_bolt import App
    from slack_bolt.authorization import AuthorizeResult
    from slack_bolt.logger.messages import (
        warning_client_prioritized_and_token_skipped,
        warning_token_skipped,
    )
    from slack_sdk import WebClient
    from slack_sdk.http_retry.builtin_handlers import (
        ConnectionErrorRetryHandler,
        RateLimitErrorRetryHandler,
        ServerErrorRetryHandler,
    )

    import handlers

    # Bolt warns that the token "will be unused" when it is given both a client and a token
    # (it reads SLACK_BOT_TOKEN itself): here the client carries that very token, so the
    # warning would only alarm whoever starts the bot.
    expected = {warning_client_prioritized_and_token_skipped(), warning_token_skipped()}
    bolt_log = logging.getLogger("slack_bolt.App")
    if not any(getattr(f, "cyberbrief", False) for f in bolt_log.filters):

        def drop_expected(record: logging.LogRecord) -> bool:
            return record.getMessage() not in expected

        drop_expected.cyberbrief = True  # type: ignore[attr-defined]
        bolt_log.addFilter(drop_expected)

    token = environ.get("SLACK_BOT_TOKEN") or None
    client = WebClient(
        token=token,
        base_url=environ.get("SLACK_API_URL") or DEFAULT_API_URL,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )
    if console:
        app = App(
            client=client,
            signing_secret="console",
            request_verification_enabled=False,
            authorize=lambda **_: AuthorizeResult(
                enterprise_id=None,
                team_id="TCONSOLE",
                bot_user_id="UCONSOLEBOT",
                bot_token="xoxb-console",
                user_id="UCONSOLE",
            ),
        )
    else:
        app = App(
            client=client,
            token=token,
            signing_secret=environ.get("SLACK_SIGNING_SECRET") or "",
            token_verification_enabled=False,
        )
    handlers.register(app, services)
    return app


def start_digests(
    services: Services, environ: dict[str, str], **options: object
) -> DigestScheduler | None:
    """Post subscribed channels' digests from this process (needs SLACK_BOT_TOKEN), on the
    services' clock; (un)subscribing re-derives the jobs at once through ``services``.
    ``options`` are for tests (a scheduler on a fake clock); the bot passes none."""
    from jobs.scheduler import from_environ

    digests = from_environ(services.db, environ, services.clock, DEFAULT_API_URL, **options)
    if digests is not None:
        services.on_subscriptions_changed = digests.sync
        digests.start()
    return digests


def cmd_ask(args: argparse.Namespace, environ: dict[str, str]) -> int:
    from knowledge.answers import Answerer
    from knowledge.plaintext import render
    from knowledge.store import db_path_from_env, open_store

    text = " ".join(args.text).strip()
    if not text:
        print("usage: bot.py ask TEXT (for example: bot.py ask who is ICSPA)", file=sys.stderr)
        return 2
    db = open_store(db_path_from_env(environ))
    answer = Answerer(db, today=lambda: utc_now().date()).answer(text)
    print(render(answer))
    return 0 if answer.answered or answer.status.value == "choices" else 1


def cmd_serve(args: argparse.Namespace, environ: dict[str, str]) -> int:
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIServer, make_server

    from slack_bolt.adapter.wsgi import SlackRequestHandler

    missing = [k for k in ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN") if not environ.get(k)]
    if missing:
        print(
            f"bot.py serve needs {' and '.join(missing)} (the Slack app's Signing Secret, "
            "Basic Information, and Bot User OAuth Token, Install App)",
            file=sys.stderr,
        )
        return 2
    services = open_services(environ)
    handler = SlackRequestHandler(build_app(services, environ), path="/slack/events")

    def wsgi(environ_: dict[str, object], start_response):  # type: ignore[no-untyped-def]
        if environ_.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok\n"]
        return handler(environ_, start_response)

    class ThreadingServer(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    server = make_server(args.host, args.port, wsgi, server_class=ThreadingServer)
    logging.getLogger("cyberbrief").info(
        "serving Slack events on http://%s:%d/slack/events", args.host, server.server_port
    )
    digests = start_digests(services, environ)
    print(f"listening on http://{args.host}:{server.server_port}/slack/events", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if digests is not None:
            digests.shutdown()
    return 0


def cmd_run(args: argparse.Namespace, environ: dict[str, str]) -> int:
    services = open_services(environ)
    if environ.get("SLACK_BOT_TOKEN") and environ.get("SLACK_APP_TOKEN"):
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        app = build_app(services, environ)
        start_digests(services, environ)
        SocketModeHandler(app, environ["SLACK_APP_TOKEN"]).start()  # type: ignore[no-untyped-call]
        return 0
    from handlers.console import run_console

    run_console(
        build_app(services, environ, console=True),
        sys.stdin,
        sys.stdout,
        interactive=sys.stdin.isatty(),
        missing=[k for k in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN") if not environ.get(k)],
    )
    return 0


def _confirm(question: str, assume_yes: bool) -> bool:
    """Ask on a terminal; without one, only ``--yes`` confirms."""
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        print(f"{question} Not confirmed: rerun with --yes to go ahead.", file=sys.stderr)
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def cmd_load(args: argparse.Namespace, environ: dict[str, str]) -> int:
    from knowledge.loader import LoadFailed, RawRecord, load_records, read_files
    from knowledge.store import db_path_from_env, open_store

    actor = environ.get("USER") or "command line"
    db = open_store(db_path_from_env(environ))
    try:
        if args.article:
            from knowledge.drafts import draft_from_file

            draft = draft_from_file(
                db,
                args.files,
                title=args.title,
                publisher=args.publisher,
                date=args.date,
                url=args.url,
            )
            print(draft.describe())
            if args.dry_run or not _confirm("Write these drafts to the store?", args.yes):
                return 0 if args.dry_run else 1
            records = [
                RawRecord(kind, f"{args.files[0]}: draft {kind} #{i}", data)
                for kind, items in draft.records().items()
                for i, data in enumerate(items, 1)
            ]
        else:
            records = read_files(args.files, args.kind)
        report = load_records(
            db,
            records,
            actor=actor,
            origin="load " + " ".join(args.files),
            clock=utc_now,
            dry_run=args.dry_run,
            progress=_progress(len(records)),
        )
    except LoadFailed as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    for line in report.lines if args.dry_run or args.verbose else []:
        print(f"  {line}")
    print(report.summary())
    return 0


def _progress(total: int):  # type: ignore[no-untyped-def]
    """A progress bar on stderr for long loads (nothing for short ones or non-terminals)."""
    if total < 500 or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="record", file=sys.stderr)

    def step(done: int) -> None:
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return step


def cmd_history(args: argparse.Namespace, environ: dict[str, str]) -> int:
    from knowledge.journal import history
    from knowledge.store import db_path_from_env, open_store

    db = open_store(db_path_from_env(environ))
    for change in history(db, limit=args.limit):
        state = f" [undone by #{change.undone_by}]" if change.undone_by else ""
        print(f"#{change.id}  {change.at}  {change.actor}  {change.summary}{state}")
    return 0


def cmd_undo(args: argparse.Namespace, environ: dict[str, str]) -> int:
    from knowledge.journal import UndoRefused, describe_change, latest_undoable, undo
    from knowledge.store import db_path_from_env, open_store

    db = open_store(db_path_from_env(environ))
    change_id = args.id if args.id is not None else latest_undoable(db)
    if change_id is None:
        print("error: there is no change to undo", file=sys.stderr)
        return 1
    description = describe_change(db, change_id)
    if description is None:
        print(f"error: there is no change #{change_id}", file=sys.stderr)
        return 1
    print(description)
    if not _confirm(f"Undo change #{change_id}?", args.yes):
        return 1
    try:
        done = undo(db, change_id, actor=environ.get("USER") or "command line", clock=utc_now)
    except UndoRefused as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 1
    print(f"undone as change #{done.id}: {done.summary}")
    return 0


def cmd_digest(args: argparse.Namespace, environ: dict[str, str]) -> int:
    from jobs.render import plain_text
    from knowledge.digest import build_digest
    from knowledge.store import db_path_from_env, open_store
    from knowledge.subscriptions import DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS, get

    if args.days is not None and not 1 <= args.days <= MAX_WINDOW_DAYS:
        print(f"error: --days must be 1 to {MAX_WINDOW_DAYS}", file=sys.stderr)
        return 2
    try:
        day = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        print(f"error: --date {args.date!r} is not a date YYYY-MM-DD", file=sys.stderr)
        return 2
    db = open_store(db_path_from_env(environ))
    sub = get(db, args.channel) if args.channel else None
    if args.channel and sub is None:
        print(f"note: {args.channel} is not subscribed: default settings", file=sys.stderr)
    if day is None:
        day = sub.local_date(utc_now()) if sub else utc_now().date()
    days = args.days or (sub.window_days if sub else DEFAULT_WINDOW_DAYS)
    topics = args.topic or (list(sub.topics) if sub else [])
    digest = build_digest(db, day, days, topics)
    print(plain_text(digest))
    if digest.empty and sub is not None and not sub.always_post:
        print(f"({args.channel} would get no post on such a day.)")
    return 0


def cmd_export(args: argparse.Namespace, environ: dict[str, str]) -> int:
    from knowledge.export import export_yaml
    from knowledge.store import db_path_from_env, open_store

    text = export_yaml(open_store(db_path_from_env(environ)))
    if args.file in (None, "-"):
        sys.stdout.write(text)
    else:
        with open(args.file, "w", encoding="utf-8") as out:
            out.write(text)
        print(f"exported to {args.file}", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bot.py", description="cyberbrief Slack app")
    sub = p.add_subparsers(dest="command")
    sub.add_parser("run", help="Socket Mode with Slack tokens, else a local console (default)")
    serve = sub.add_parser("serve", help="HTTP mode: Bolt's /slack/events endpoint")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "3000")))
    serve.add_argument("--host", default="0.0.0.0")
    ask = sub.add_parser("ask", help="answer one question as plain text")
    ask.add_argument("text", nargs="*")
    load = sub.add_parser("load", help="load knowledge files (YAML, JSON, CSV) or an article")
    load.add_argument("files", nargs="+", metavar="FILE")
    load.add_argument("--kind", help="the kind of records in a CSV (else from its file name)")
    load.add_argument(
        "--dry-run", action="store_true", help="show what would change; write nothing"
    )
    load.add_argument("--verbose", "-v", action="store_true", help="list every record written")
    load.add_argument("--article", action="store_true", help="draft records from a news article")
    load.add_argument("--title")
    load.add_argument("--publisher")
    load.add_argument("--date")
    load.add_argument("--url")
    load.add_argument("--yes", "-y", action="store_true", help="accept without asking")
    hist = sub.add_parser("history", help="list recent changes to knowledge")
    hist.add_argument("--limit", type=int, default=20)
    undo = sub.add_parser("undo", help="revert one change (default: the latest)")
    undo.add_argument("id", nargs="?", type=int)
    undo.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    export = sub.add_parser("export", help="write the whole store as YAML that load accepts")
    export.add_argument("file", nargs="?")
    digest = sub.add_parser("digest", help="print the daily digest that would be posted")
    digest.add_argument("--date", help="the day, YYYY-MM-DD (default today, channel's zone)")
    digest.add_argument("--channel", help="a subscribed channel ID: its zone, topics, window")
    digest.add_argument("--days", type=int, help="window in days (default 14)")
    digest.add_argument("--topic", action="append", help="narrow to a topic (repeatable)")
    return p


def main(argv: list[str] | None = None, environ: dict[str, str] | None = None) -> int:
    env = dict(os.environ if environ is None else environ)
    logging.basicConfig(
        level=env.get("CYBERBRIEF_LOG_LEVEL", "WARNING").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    args = parser().parse_args(argv)
    commands = {
        "run": cmd_run,
        "serve": cmd_serve,
        "ask": cmd_ask,
        "load": cmd_load,
        "history": cmd_history,
        "undo": cmd_undo,
        "export": cmd_export,
        "digest": cmd_digest,
        None: cmd_run,
    }
    try:
        return commands[args.command](args, env)
    except BrokenPipeError:
        # `bot.py ask ... | head`: the reader left; not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
