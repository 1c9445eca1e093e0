"""The Bolt app, its services and its digest scheduler, wired from the settings.

``create_app`` is the one place the listeners meet the store: the entry points (Socket Mode,
``serve``, the console, tests) all build the same app here.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wsgiref.types import WSGIApplication

    from slack_bolt import App, BoltContext, BoltResponse
    from slack_sdk import WebClient

    from cyberbrief.answers.answer_log import AnswerLogPolicy
    from cyberbrief.answers.log_pruning import AnswerLogPruner
    from cyberbrief.console_forms import Terminal
    from cyberbrief.digests.scheduler import DigestScheduler
    from cyberbrief.intake.polling import FeedPoller
    from cyberbrief.server import MetricsServer
    from cyberbrief.settings import Settings
    from cyberbrief.slack.metrics import Metrics
    from cyberbrief.slack.services import Services

LISTENER_THREADS = 32


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def open_services(settings: Settings) -> Services:
    """The store (created and seeded on first use) and the answerer over it, for a server
    process (Socket Mode, ``serve``): its start-up objects are frozen once warm."""
    from cyberbrief.knowledge.seed import open_store
    from cyberbrief.slack.services import Services
    from cyberbrief.store.connection import Store

    path = settings.db_path
    open_store(path).close()  # created, migrated and seeded once, before any listener runs
    services = Services.create(Store(path), utc_now, settings.admins, long_lived=True)
    services.trust_workspace_admins = settings.trust_workspace_admins
    services.fetch_policy = settings.fetch_policy(operator=False)
    services.log_policy = answer_log_policy(settings)
    services.metrics = new_metrics(services)
    services.analysts = settings.analysts
    services.analyst_channel = settings.analyst_channel
    return services


def new_metrics(services: Services) -> Metrics:
    """This process's metrics, on a registry of its own (never prometheus-client's global)."""
    from prometheus_client import CollectorRegistry

    from cyberbrief.slack.metrics import Metrics

    return Metrics(CollectorRegistry(), services.store.read)


def start_metrics_server(services: Services, settings: Settings) -> MetricsServer | None:
    """Socket Mode: ``GET /metrics`` and ``GET /healthz`` on CYBERBRIEF_METRICS_PORT (None
    when it is unset), in a thread of its own."""
    from cyberbrief.server import MetricsServer, metrics_app
    from cyberbrief.store.health import problem

    if settings.metrics_port is None or services.metrics is None:
        return None
    path = settings.db_path
    return MetricsServer(
        metrics_app(services.metrics.exposition, health=lambda: problem(path)),
        "0.0.0.0",
        settings.metrics_port,
    )


def answer_log_policy(settings: Settings) -> AnswerLogPolicy:
    """What the answer log keeps: CYBERBRIEF_ANSWER_LOG_DAYS, CYBERBRIEF_LOG_ASKERS."""
    from cyberbrief.answers.answer_log import AnswerLogPolicy

    return AnswerLogPolicy(keep_days=settings.answer_log_days, keep_askers=settings.log_askers)


def start_answer_log(
    services: Services, settings: Settings | None = None, **options: Any
) -> AnswerLogPruner:
    """The learning loop's jobs in this process, on the services' clock: prune the answer log
    (at start and hourly), ask open knowledge gaps again after changes, and DM admins the
    new gaps weekly (with SLACK_BOT_TOKEN). ``options`` go to :class:`AnswerLogPruner`
    (tests: a scheduler on a fake clock)."""
    from cyberbrief.answers.log_pruning import AnswerLogPruner
    from cyberbrief.slack.loop_jobs import LoopJobs

    pruner = AnswerLogPruner(
        services.store.connect,
        clock=services.clock,
        keep_days=services.log_policy.keep_days,
        **options,
    )
    client = web_client(settings) if settings and settings.slack_bot_token else None
    LoopJobs(services, client).schedule(pruner.scheduler)
    pruner.start()
    return pruner


def _quiet_expected_bolt_warnings() -> None:
    """Bolt warns that the token "will be unused" when it is given both a client and a token
    (it reads SLACK_BOT_TOKEN itself): here the client carries that very token, so the
    warning would only alarm whoever starts the bot."""
    from slack_bolt.logger.messages import (
        warning_client_prioritized_and_token_skipped,
        warning_token_skipped,
    )

    expected = {warning_client_prioritized_and_token_skipped(), warning_token_skipped()}
    bolt_log = logging.getLogger("slack_bolt.App")
    if not any(getattr(f, "cyberbrief", False) for f in bolt_log.filters):

        def drop_expected(record: logging.LogRecord) -> bool:
            return record.getMessage() not in expected

        drop_expected.cyberbrief = True  # type: ignore[attr-defined]
        bolt_log.addFilter(drop_expected)


def web_client(settings: Settings) -> WebClient:
    """The app's Web API client: the bot token, Slack's URL (or SLACK_API_URL) and retries
    for dropped connections, 429s and 5xx."""
    from slack_sdk import WebClient
    from slack_sdk.http_retry.builtin_handlers import (
        ConnectionErrorRetryHandler,
        RateLimitErrorRetryHandler,
        ServerErrorRetryHandler,
    )

    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )


def _console_app(client: WebClient, terminal: Terminal) -> App:
    """An app that never asks Slack who it is, and whose listeners get a local fake client;
    each listener runs to its end before the reply is shown (``process_before_response``),
    so what it sends after its ack is printed in order and no thread outlives the console."""
    from slack_bolt import App
    from slack_bolt.authorization import AuthorizeResult

    from cyberbrief.console import use_console_client

    app = App(
        client=client,
        signing_secret="console",
        request_verification_enabled=False,
        process_before_response=True,
        authorize=lambda **_: AuthorizeResult(
            enterprise_id=None,
            team_id="TCONSOLE",
            bot_user_id="UCONSOLEBOT",
            bot_token="xoxb-console",
            user_id="UCONSOLE",
        ),
    )
    use_console_client(app, terminal)
    return app


def create_app(services: Services, settings: Settings, *, console: Terminal | None = None) -> App:
    """The Bolt app with every listener; the console variant (given its terminal) never
    calls Slack (to authorise, or from a listener: they get a local fake client)."""
    from slack_bolt import App

    from cyberbrief import slack as handlers
    from cyberbrief.slack.ack_wait import AckWaitingPool

    _quiet_expected_bolt_warnings()
    client = web_client(settings)
    if console is not None:
        app = _console_app(client, console)
        services.command_surface = "console"
    else:
        # Listeners ack, then keep their thread for the reply (response_url, Web API);
        # Bolt's default pool of 5 let six slow replies hold up every new /cyber's ack. The
        # pool hands the ack back the moment it is made (Bolt alone polls for it every 10 ms).
        pool = AckWaitingPool(LISTENER_THREADS, thread_name_prefix="listener")
        app = App(
            client=client,
            token=client.token,
            signing_secret=settings.slack_signing_secret or "",
            token_verification_enabled=False,
            listener_executor=pool,
        )
        app.middleware(pool.ack_signal())
        app.middleware(_same_workspace)
    handlers.register(app, services)
    return app


OTHER_WORKSPACE = "cyberbrief is installed in another Slack workspace; it does not answer here."


def _same_workspace(
    context: BoltContext, body: dict[str, object], next: Callable[[], BoltResponse]
) -> BoltResponse:
    """Refuse requests signed for this app but sent from a workspace other than the one its
    bot token belongs to (``auth.test``): their users are not ours to answer or admit."""
    from slack_bolt.response import BoltResponse

    installed = context.authorize_result.team_id if context.authorize_result else None
    asked = context.team_id
    if installed and asked and asked != installed and not context.is_enterprise_install:
        logging.getLogger("cyberbrief").warning(
            "refused a request from workspace %s (installed in %s)", asked, installed
        )
        return BoltResponse(status=200, body=OTHER_WORKSPACE)
    return next()


def start_digests(services: Services, settings: Settings, **options: Any) -> DigestScheduler | None:
    """Post subscribed channels' digests from this process, on the services' clock, or None
    without SLACK_BOT_TOKEN (nothing could post); (un)subscribing re-derives the jobs at once
    through ``services``. ``options`` go to :class:`DigestScheduler`, for tests (a scheduler
    on a fake clock, a sleep that does not block); the bot passes none."""
    from cyberbrief.digests.scheduler import DigestScheduler
    from cyberbrief.slack.digest_client import digest_client
    from cyberbrief.slack.views.digest import message

    if not settings.slack_bot_token:
        return None
    digests = DigestScheduler(
        services.store.connect,
        digest_client(settings.slack_bot_token, settings.slack_api_url),
        clock=services.clock,
        render=message,
        grace=settings.digest_grace,
        **options,
    )
    services.on_subscriptions_changed = digests.sync
    digests.start()
    return digests


def start_feeds(services: Services, **options: object) -> FeedPoller:
    """Poll followed feeds from this process, each on its interval, on the services' clock
    and fetch policy. ``options`` are for tests (a scheduler on a fake clock)."""
    from cyberbrief.intake.polling import FeedPoller

    poller = FeedPoller(
        services.store.connect,
        clock=services.clock,
        policy=services.fetch_policy,
        **options,  # type: ignore[arg-type]
    )
    poller.start()
    return poller


def wsgi_app(
    app: App, settings: Settings, metrics: Callable[[], bytes] | None = None
) -> WSGIApplication:
    """Bolt's ``/slack/events`` behind the request checks of ``cyberbrief.server``, plus
    ``GET /healthz`` (503 with the reason when the database is gone, unreadable or
    unmigrated)."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    from cyberbrief.server import guard
    from cyberbrief.store.health import problem

    path = settings.db_path
    return guard(
        SlackRequestHandler(app, path="/slack/events"),
        signing_secret=settings.slack_signing_secret or "",
        health=lambda: problem(path),
        max_body=settings.http_max_body,
        metrics=metrics,
    )
