"""Socket Mode: check both tokens, connect (waiting out an unreachable Slack), run until
SIGINT or SIGTERM, then stop cleanly.

The client is slack_sdk's websocket-client adapter with two small changes (see
``_steady_client``), chosen by measuring against a loopback Socket Mode server
(``python -m bench.socket_mode``; tests/e2e/). The built-in client (slack_sdk 3.48):

- acks about 3 s late after every ``refresh_requested``: while it replaces the connection,
  the old connection's reader holds the receive lock inside a ``recv`` that waits up to 3 s,
  and the new connection is not read until that lock is free;
- spins at full CPU for about a minute (55-60 s, 20-35 CPU s) when the TCP connection is
  closed without a WebSocket close frame: ``recv`` returning no bytes (end of stream) is
  taken as "no data yet". The fix, raising on an empty read (slackapi/python-slack-sdk#1246),
  was reverted by #1269 because it also ended connections the client had closed itself.

The stock websocket-client adapter is back 0.5 s after such a drop with no measurable CPU,
but on a refresh it closes the old connection first and its reader notices only at its next
10 s wake-up: for that long there is no connection, and an ack due meanwhile is dropped.
With a 1 s pong deadline (which also drops half-open connections) and acks that wait for
the new connection, the new connection is open 0.5-1.5 s after ``refresh_requested`` and every
ack arrives within Slack's 3 s. A connection that goes silent without closing (half-open:
a sleeping laptop, a NAT dropping state) is replaced about 8.5 s after it went silent (pings
every 5 s); the stock adapter had not noticed after 40 s.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
import urllib.error
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger("cyberbrief.socket_mode")

FIRST_RETRY_SECONDS = 1.0
SEND_WAIT_SECONDS = 2.5
PING_INTERVAL_SECONDS = 5.0
PING_TIMEOUT_SECONDS = 1.0
MAX_RETRY_SECONDS = 60.0

# Each refusal names the variable and says how to get a working value.
BOT_TOKEN_HELP = (
    "SLACK_BOT_TOKEN was refused by Slack ({error}): set it to the Bot User OAuth Token "
    "(xoxb-...) on your app's Install App page (reinstall the app if it was revoked)"
)
APP_TOKEN_HELP = (
    "SLACK_APP_TOKEN was refused by Slack ({error}): set it to an app-level token (xapp-...) "
    "with the connections:write scope, from Basic Information, App-Level Tokens"
)
SOCKET_MODE_OFF_HELP = (
    "SLACK_APP_TOKEN works but Socket Mode is off for this app ({error}): turn it on under "
    "Socket Mode in the app's settings (manifest.yaml has socket_mode_enabled: true)"
)
TOKEN_ERRORS = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "not_allowed_token_type",
        "missing_scope",
        "no_permission",
    }
)


class TokenRefused(Exception):
    """A token Slack will not accept: the message names the variable and the fix."""


class Stopped(Exception):
    """A stop signal arrived while starting."""


@dataclass
class Identity:
    """Who the bot token belongs to, and the Socket Mode URL already issued for the app."""

    user: str
    team: str
    url: str


HELLO_PATIENCE = 10.0
"""Seconds without Slack's hello after which the bot says it is still connecting."""


class StopSignal:
    """SIGINT and SIGTERM set an event instead of raising KeyboardInterrupt wherever the
    main thread happens to be, so the bot stops its scheduler and socket in order."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.name = ""

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        self.name = signal.Signals(signum).name
        self.event.set()

    @contextmanager
    def installed(self) -> Iterator[StopSignal]:
        previous = {s: signal.signal(s, self._handle) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield self
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def wait(self, seconds: float | None = None) -> bool:
        """True once a stop was asked for (waits up to ``seconds``; forever for None)."""
        return self.event.wait(seconds)


def _unreachable(error: BaseException) -> bool:
    """Errors that mean "Slack cannot be reached now", worth retrying."""
    if isinstance(error, SlackApiError):
        status = getattr(error.response, "status_code", 200)
        return status >= 500 or error.response.get("error") in ("ratelimited", "fatal_error")
    return isinstance(error, OSError)  # URLError, refused, reset, timed out, DNS


def check_bot_token(client: WebClient) -> dict[str, Any]:
    """``auth.test`` with the bot token: who it is. Raises :class:`TokenRefused` for a token
    Slack refuses; network errors propagate (``serve`` and Socket Mode both check it first)."""
    try:
        return dict(client.auth_test().data)  # type: ignore[arg-type]
    except SlackApiError as error:
        code = str(error.response.get("error"))
        if code in TOKEN_ERRORS:
            raise TokenRefused(BOT_TOKEN_HELP.format(error=code)) from None
        raise


def check_bot_token_patiently(
    client: WebClient, say: Callable[[str], None], sleep: Callable[[float], None] = time.sleep
) -> dict[str, Any]:
    """:func:`check_bot_token`, retrying with backoff (1 s doubling to 60 s) while Slack is
    unreachable and saying so each time (``serve``: Ctrl+C or SIGTERM stops the wait)."""
    delay = FIRST_RETRY_SECONDS
    while True:
        try:
            with _quiet_web_client():
                return check_bot_token(client)
        except TokenRefused:
            raise
        except Exception as error:
            if not _unreachable(error):
                raise
            say(f"Slack is unreachable ({_describe(error)}); retrying in {delay:g} s")
        sleep(delay)
        delay = min(delay * 2, MAX_RETRY_SECONDS)


def check_tokens(app: App, app_token: str) -> Identity:
    """``auth.test`` with the bot token and ``apps.connections.open`` with the app token.

    Raises :class:`TokenRefused` for a token Slack refuses; network errors propagate.
    """
    auth = check_bot_token(app.client)
    try:
        opened = app.client.apps_connections_open(app_token=app_token)
    except SlackApiError as error:
        code = str(error.response.get("error"))
        if code in TOKEN_ERRORS:
            raise TokenRefused(APP_TOKEN_HELP.format(error=code)) from None
        if code in ("socket_mode_not_enabled", "app_socket_mode_disabled"):
            raise TokenRefused(SOCKET_MODE_OFF_HELP.format(error=code)) from None
        raise
    return Identity(str(auth.get("user") or "?"), str(auth.get("team") or "?"), opened["url"])


def check_tokens_patiently(
    app: App, app_token: str, stop: StopSignal, say: Callable[[str], None]
) -> Identity:
    """:func:`check_tokens`, retrying with backoff (1 s doubling to 60 s) while Slack is
    unreachable, and saying so each time. Raises :class:`Stopped` on a stop signal."""
    delay = FIRST_RETRY_SECONDS
    while True:
        try:
            with _quiet_web_client():
                return check_tokens(app, app_token)
        except TokenRefused:
            raise
        except Exception as error:
            if not _unreachable(error):
                raise
            say(f"Slack is unreachable ({_describe(error)}); retrying in {delay:g} s")
        if stop.wait(delay):
            raise Stopped
        delay = min(delay * 2, MAX_RETRY_SECONDS)


@contextmanager
def _quiet_web_client() -> Iterator[None]:
    """slack_sdk logs each failed attempt as an error; while starting, the one line saying
    Slack is unreachable and when the next try is replaces them."""
    web_log = logging.getLogger("slack_sdk.web.base_client")

    def drop(record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to send a request")

    web_log.addFilter(drop)
    try:
        yield
    finally:
        web_log.removeFilter(drop)


def _describe(error: BaseException) -> str:
    if isinstance(error, SlackApiError):
        return f"HTTP {getattr(error.response, 'status_code', '?')}"
    if isinstance(error, urllib.error.URLError):
        return str(error.reason)
    return str(error) or type(error).__name__


class _QuietDrops(logging.Filter):
    """The websocket-client adapter logs a dropped or silent connection as errors although it
    reconnects by itself at once; keep one INFO line saying what happened instead."""

    SAID = (
        ("Connection to remote host was lost", "Slack dropped the connection; reconnecting"),
        ("ping/pong timed out", "Slack stopped answering pings; reconnecting"),
    )

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        for cue, said in self.SAID:
            if cue in text:
                if record.name == "websocket":
                    return False  # the adapter's own line says it
                record.levelno, record.levelname = logging.INFO, "INFO"
                record.msg, record.args = said, ()
                return True
        return True


def _steady_client() -> type[Any]:
    """slack_sdk's websocket-client Socket Mode client, made to keep in-flight acks.

    On ``refresh_requested`` the adapter closes the old connection at once and opens the new
    one when the old reader has noticed (up to 10 s later: its wait for data). An ack sent
    in between (a request that arrived just before the refresh) found no open connection and
    was dropped: Slack then told the user the app did not respond. Here the reader wakes
    every ``PING_TIMEOUT_SECONDS``, and a send waits for the new connection (at most
    ``SEND_WAIT_SECONDS``) and goes out on it."""
    from slack_sdk.socket_mode.websocket_client import SocketModeClient
    from websocket import WebSocketException

    class SteadySocketModeClient(SocketModeClient):
        def _run_current_session(self) -> None:
            """The adapter's loop with a pong deadline: its reader then wakes every
            ``PING_TIMEOUT_SECONDS`` (not every 10 s) to notice it was replaced, and a
            connection that stops answering pings (half-open) is dropped and replaced."""
            session = self.current_session
            if session is None:
                return
            try:
                session.run_forever(
                    ping_interval=self.ping_interval,
                    ping_timeout=PING_TIMEOUT_SECONDS,
                    http_proxy_host=self.http_proxy_host,
                    http_proxy_port=self.http_proxy_port,
                    http_proxy_auth=self.http_proxy_auth,
                    proxy_type=self.proxy_type,
                )
            except Exception as error:
                self.logger.warning("Socket Mode connection failed: %r", error)
                session.close()

        def send_message(self, message: str) -> None:
            deadline = time.monotonic() + SEND_WAIT_SECONDS
            while True:
                session = self.current_session
                sock = getattr(session, "sock", None)
                try:
                    if session is not None and sock is not None and sock.connected:
                        session.send(message)
                        return
                except WebSocketException:
                    pass  # replaced while sending: try the new connection
                if self.closed or time.monotonic() >= deadline:
                    super().send_message(message)  # the adapter's own last try (and error)
                    return
                time.sleep(0.01)

    return SteadySocketModeClient


def socket_mode_handler(app: App, app_token: str, url: str | None = None) -> Any:
    """Bolt's websocket-client Socket Mode handler (see the module docstring for why) on
    :func:`_steady_client`, reusing ``url`` from the start-up check when given."""
    from slack_bolt.adapter.socket_mode.websocket_client import SocketModeHandler

    class SteadySocketModeHandler(SocketModeHandler):
        def __init__(self) -> None:  # Bolt's own builds the stock client
            self.app = app
            self.app_token = app_token
            self.client = _steady_client()(
                app_token=app_token,
                logger=app.logger,
                web_client=app.client,
                ping_interval=PING_INTERVAL_SECONDS,
            )
            self.client.socket_mode_request_listeners.append(self.handle)  # type: ignore[arg-type]

    handler = SteadySocketModeHandler()
    for name in (app.logger.name, "websocket"):
        target = logging.getLogger(name)
        if not any(isinstance(f, _QuietDrops) for f in target.filters):
            target.addFilter(_QuietDrops())
    if url:
        handler.client.wss_uri = url
    return handler


def serve(
    app: App,
    app_token: str,
    stop: StopSignal,
    say: Callable[[str], None],
    on_connected: Callable[[], Callable[[], None]],
) -> None:
    """Check the tokens, connect, call ``on_connected`` (which returns its own shutdown),
    then wait for a stop signal and shut both down. Raises :class:`TokenRefused`."""
    try:
        identity = check_tokens_patiently(app, app_token, stop, say)
    except Stopped:
        say(f"stopped ({stop.name}) before connecting to Slack")
        return
    handler = socket_mode_handler(app, app_token, identity.url)
    hello = threading.Event()

    def on_message(_client: Any, message: dict[str, Any], _raw: str | None) -> None:
        if message.get("type") == "hello":
            hello.set()

    handler.client.message_listeners.append(on_message)
    handler.connect()  # the adapter connects in its own thread: wait for Slack's hello
    try:
        if not _connected(hello, stop, say):
            say(f"stopped ({stop.name}) before Slack said hello")
            return
        stop_others = on_connected()
        who = f"@{identity.user} in {identity.team}"
        say(f"connected to Slack (Socket Mode) as {who}; Ctrl+C to stop")
        try:
            stop.wait()
        finally:
            stop_others()
    finally:
        handler.close()
    say(f"stopped ({stop.name})")


def _connected(hello: threading.Event, stop: StopSignal, say: Callable[[str], None]) -> bool:
    """Wait for Slack's hello on the new connection (the adapter retries by itself), saying
    once if it is slow; False if a stop comes first."""
    slow_after = time.monotonic() + HELLO_PATIENCE
    said = False
    while not hello.wait(0.05):
        if stop.wait(0):
            return False
        if not said and time.monotonic() > slow_after:
            say(f"no hello from Slack after {HELLO_PATIENCE:g} s; still connecting")
            said = True
    return True
