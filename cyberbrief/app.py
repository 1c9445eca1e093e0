"""The Bolt app, its services and its digest scheduler, wired from the environment.

``create_app`` is the one place the listeners meet the store: the entry points (Socket Mode,
``serve``, the console, tests) all build the same app here.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

    from slack_bolt import App

    from cyberbrief.digests.scheduler import DigestScheduler
    from cyberbrief.slack.services import Services

DEFAULT_API_URL = "https://slack.com/api/"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def open_services(environ: dict[str, str]) -> Services:
    """The store (created and seeded on first use) and the answerer over it."""
    from cyberbrief.knowledge.seed import db_path_from_env, open_store
    from cyberbrief.slack.services import Services

    db = open_store(db_path_from_env(environ))
    admins = frozenset(
        a.strip() for a in environ.get("CYBERBRIEF_ADMINS", "").split(",") if a.strip()
    )
    services = Services.create(db, utc_now, admins)
    services.trust_workspace_admins = environ.get("CYBERBRIEF_TRUST_WORKSPACE_ADMINS") == "1"
    return services


def create_app(services: Services, environ: dict[str, str], *, console: bool = False) -> App:
    """The Bolt app with every listener; the console variant never calls Slack (to
    authorise, or from a listener: they get a local fake client)."""
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

    from cyberbrief import slack as handlers

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
    if console:
        from cyberbrief.console import use_console_client

        use_console_client(app)
    handlers.register(app, services)
    return app


def start_digests(
    services: Services, environ: dict[str, str], **options: object
) -> DigestScheduler | None:
    """Post subscribed channels' digests from this process (needs SLACK_BOT_TOKEN), on the
    services' clock; (un)subscribing re-derives the jobs at once through ``services``.
    ``options`` are for tests (a scheduler on a fake clock); the bot passes none."""
    from cyberbrief.digests.scheduler import from_environ
    from cyberbrief.slack.views.digest import message

    digests = from_environ(
        services.db, environ, services.clock, DEFAULT_API_URL, message, **options
    )
    if digests is not None:
        services.on_subscriptions_changed = digests.sync
        digests.start()
    return digests


def wsgi_app(app: App) -> WSGIApplication:
    """Bolt's ``/slack/events`` endpoint plus ``GET /healthz`` for load balancers."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    handler = SlackRequestHandler(app, path="/slack/events")

    def serve(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok\n"]
        return handler(environ, start_response)

    return serve
