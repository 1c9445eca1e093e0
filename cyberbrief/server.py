"""HTTP mode: waitress (a production WSGI server: one process, a pool of threads) in front of
Bolt's ``/slack/events``, plus ``GET /healthz``.

Everything a stranger can send is checked here before Bolt sees it, cheapest first: the body
size (waitress refuses an over-long ``Content-Length`` before reading the body), the presence
and shape of Slack's signature headers (checked before the body is read), the signature itself
over the raw bytes, and only then the UTF-8 decoding Bolt assumes. A malformed request gets a
400/401/413 with a one-line reason, never a 500 with a traceback.
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
from typing import TYPE_CHECKING

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

    server = create_server(
        wsgi,
        host=host,
        port=port,
        threads=settings.http_threads,
        max_request_body_size=settings.http_max_body,
        connection_limit=settings.http_connections,
        backlog=settings.http_backlog,
        channel_timeout=settings.http_timeout,
        expose_tracebacks=False,
        ident="cyberbrief",
        clear_untrusted_proxy_headers=True,
    )
    on_listening(str(server.effective_host), int(server.effective_port))

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # waitress's run() closes the server on it and returns

    previous = signal.signal(signal.SIGTERM, stop)  # a service manager's stop: a clean exit
    try:
        server.run()
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()
