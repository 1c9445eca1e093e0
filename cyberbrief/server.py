"""HTTP mode: waitress (a production WSGI server: one process, a pool of threads) in front of
Bolt's ``/slack/events``, plus ``GET /healthz``.

Everything a stranger can send is checked here before Bolt sees it, cheapest first: the body
size (waitress refuses an over-long ``Content-Length`` before reading the body), the presence
and shape of Slack's signature headers (checked before the body is read), the signature itself
over the raw bytes, and only then the UTF-8 decoding Bolt assumes. A malformed request gets a
400/401/413 with a one-line reason, never a 500 with a traceback.

Connections are bounded too (:func:`guard_connections`): each has
``CYBERBRIEF_HTTP_RECEIVE_TIMEOUT`` seconds to send a whole request, headers and body, however
it trickles them (Slack's requests are small and arrive at once), and the oldest waiting
connections are closed when the server nears its connection limit, so idle or stalled sockets
cannot keep Slack's requests out.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

    from cyberbrief.settings import Settings

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8"
"""Prometheus' text exposition format (what prometheus-client's generate_latest writes)."""
MAX_SKEW_SECONDS = 5 * 60
"""Slack's own replay window for signed requests."""


def _plain(start_response: StartResponse, status: str, text: str) -> list[bytes]:
    body = (text + "\n").encode()
    start_response(
        status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
    )
    return [body]


def _signature_ok(secret: bytes, timestamp: str, body: bytes, signature: str) -> bool:
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret, base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))


def _header_problem(environ: WSGIEnvironment, max_body: int, now: float) -> tuple[str, str] | None:
    """Status and reason to refuse a POST on its headers alone, before reading its body."""
    length = str(environ.get("CONTENT_LENGTH") or "").strip()
    if not length.isascii() or not length.isdigit():
        return "400 Bad Request", "a body with a numeric Content-Length is required"
    if int(length) > max_body:
        return "413 Payload Too Large", f"the body is over {max_body} bytes"
    stamp = str(environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or "")
    signature = str(environ.get("HTTP_X_SLACK_SIGNATURE") or "")
    if not stamp or not signature:
        return "401 Unauthorized", "not signed by Slack"
    if not stamp.isascii() or not stamp.isdigit() or len(stamp) > 12:
        return "401 Unauthorized", "X-Slack-Request-Timestamp is not a Unix time"
    if abs(now - int(stamp)) > MAX_SKEW_SECONDS:
        return "401 Unauthorized", "the request is stale (timestamp over 5 minutes off)"
    if not signature.startswith("v0="):
        return "401 Unauthorized", "X-Slack-Signature is malformed"
    return None


def guard(
    bolt: WSGIApplication,
    *,
    signing_secret: str,
    health: Callable[[], str | None],
    max_body: int,
    clock: Callable[[], float] = time.time,
    metrics: Callable[[], bytes] | None = None,
) -> WSGIApplication:
    """``bolt`` behind the checks above; ``health`` says why the bot cannot serve (or None);
    ``metrics`` gives ``GET /metrics`` its text (Prometheus' format)."""
    secret = signing_secret.encode()
    monitoring = metrics_app(metrics, health)

    def serve(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")
        if path in ("/healthz", "/metrics"):
            return monitoring(environ, start_response)
        if path != EVENTS_PATH:
            return _plain(start_response, "404 Not Found", "not found")
        if method != "POST":
            return _plain(start_response, "405 Method Not Allowed", "POST only")
        refused = _header_problem(environ, max_body, clock())
        if refused is not None:
            return _plain(start_response, *refused)
        length = int(environ["CONTENT_LENGTH"])
        body = environ["wsgi.input"].read(length) if length else b""
        stamp, signature = (
            environ["HTTP_X_SLACK_REQUEST_TIMESTAMP"],
            environ["HTTP_X_SLACK_SIGNATURE"],
        )
        if len(body) != length:
            return _plain(start_response, "400 Bad Request", "the body is shorter than declared")
        if not _signature_ok(secret, stamp, body, signature):
            return _plain(start_response, "401 Unauthorized", "invalid signature")
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return _plain(start_response, "400 Bad Request", "the body is not UTF-8")
        environ["wsgi.input"] = io.BytesIO(body)
        return bolt(environ, start_response)

    return serve


def metrics_app(
    metrics: Callable[[], bytes] | None, health: Callable[[], str | None]
) -> WSGIApplication:
    """``GET /healthz`` and ``GET /metrics`` (404 without ``metrics``): what monitoring reads."""

    def serve(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO")
        if path == "/healthz":
            trouble = health()
            if trouble is None:
                return _plain(start_response, "200 OK", "ok")
            return _plain(start_response, "503 Service Unavailable", f"unavailable: {trouble}")
        if path != "/metrics" or metrics is None:
            return _plain(start_response, "404 Not Found", "not found")
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return _plain(start_response, "405 Method Not Allowed", "GET only")
        body = metrics()
        start_response(
            "200 OK",
            [("Content-Type", METRICS_TYPE), ("Content-Length", str(len(body)))],
        )
        return [body]

    return serve


class MetricsServer:
    """``metrics_app`` on a port of its own, in a daemon thread (Socket Mode has no HTTP
    server to share); ``shutdown`` stops it."""

    def __init__(self, app: WSGIApplication, host: str, port: int) -> None:
        from waitress.server import create_server

        self.server = create_server(app, host=host, port=port, threads=2, ident="cyberbrief")
        self.port = int(self.server.effective_port)
        self.thread = threading.Thread(target=self.server.run, name="metrics", daemon=True)
        self.thread.start()

    def shutdown(self) -> None:
        self.server.close()


def run(
    wsgi: WSGIApplication,
    host: str,
    port: int,
    settings: Settings,
    on_listening: Callable[[str, int], None],
) -> None:
    """Serve until Ctrl+C or SIGTERM, with the ``CYBERBRIEF_HTTP_*`` limits of ``settings``;
    ``on_listening`` gets the bound host and port (0 picks)."""
    from waitress.server import create_server

    listeners: dict[int, Any] = {}
    server = create_server(
        wsgi,
        map=listeners,
        host=host,
        port=port,
        threads=settings.http_threads,
        max_request_body_size=settings.http_max_body,
        connection_limit=settings.http_connections,
        backlog=settings.http_backlog,
        channel_timeout=settings.http_timeout,
        cleanup_interval=1,
        expose_tracebacks=False,
        ident="cyberbrief",
        clear_untrusted_proxy_headers=True,
    )
    guard_connections(listeners, settings.http_receive_timeout)
    on_listening(str(server.effective_host), int(server.effective_port))

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # waitress's run() closes the server on it and returns

    previous = signal.signal(signal.SIGTERM, stop)  # a service manager's stop: a clean exit
    try:
        server.run()
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()


def guard_connections(listeners: dict[int, Any], receive_timeout: float) -> None:
    """Bound every connection of waitress' listening servers in ``listeners`` (its socket map)
    by time to deliver a request, and keep a tenth of the connection limit free.

    waitress alone closes a connection only after ``channel_timeout`` seconds with no bytes at
    all, so a client sending one byte now and then, or a few hundred idle sockets, could hold
    every connection slot and make Slack's own requests wait past its 3 s."""
    from waitress.server import BaseWSGIServer

    for listener in list(listeners.values()):
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = _timed_channel_class()
            listener.maintenance = _maintenance(listener, receive_timeout)


def _timed_channel_class() -> type[Any]:
    """waitress' channel noting when the request it is receiving began (its first byte)."""
    from waitress.channel import HTTPChannel

    class TimedChannel(HTTPChannel):  # type: ignore[misc]
        receiving_since: float | None = None

        def received(self, data: bytes) -> bool:
            if data and self.request is None:
                self.receiving_since = time.time()
            done: bool = super().received(data)
            if self.request is None:
                self.receiving_since = None
            return done

    return TimedChannel


def _maintenance(listener: Any, receive_timeout: float) -> Callable[[float], None]:
    """The server's periodic sweep (every second, on its own loop): close connections that
    are not being answered and have waited past ``receive_timeout`` (since the first byte of
    the request they are sending, or since they last sent or received anything), then the
    longest-waiting ones (and any waiting over a second) while fewer than a tenth of the
    connection slots are free."""
    limit = int(listener.adj.connection_limit)
    room = limit - max(1, limit // 10)
    said = {"at": 0.0, "closed": 0}  # one warning a minute at most during a flood

    def sweep(now: float) -> None:
        waiting: list[tuple[float, Any]] = []
        for channel in list(listener.active_channels.values()):
            if channel.requests or channel.will_close:
                continue  # being answered (or already closing)
            since = getattr(channel, "receiving_since", None) or channel.last_activity
            if now - since > receive_timeout:
                channel.will_close = True
            else:
                waiting.append((since, channel))
        closing = sum(1 for c in listener.active_channels.values() if c.will_close)
        crowded = len(listener.active_channels) - closing - room
        if crowded > 0:  # Slack sends its request as soon as it connects: a second is ample
            waiting.sort(key=lambda pair: pair[0])
            evicted = [c for i, (t, c) in enumerate(waiting) if i < crowded or now - t > 1.0]
            for channel in evicted:
                channel.will_close = True
            said["closed"] += len(evicted)
            if now - said["at"] >= 60:
                log.warning(
                    "serve: near the connection limit (%d); closed %d connection(s) that sent"
                    " no whole request",
                    limit,
                    said["closed"],
                )
                said["at"], said["closed"] = now, 0

    return sweep
