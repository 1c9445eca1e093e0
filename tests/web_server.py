"""A small web server on 127.0.0.1 for fetch, link and feed tests: fixed routes, a record of
every request's headers, conditional GETs answered with 304, and bodies streamed lazily (a
50 MB page costs nothing unless read)."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).parent / "data" / "web"


@dataclass
class Route:
    """What one path answers: a body (bytes, or a function giving chunks) with a type."""

    body: bytes | Callable[[], Iterator[bytes]] = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    length: int | None = None
    """Content-Length to announce for a streamed body (None: send none)."""


@dataclass
class WebServer:
    """Routes by path; ``requests`` holds (path, headers) of every request in order."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]


def _handler(server: WebServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            server.requests.append((self.path, dict(self.headers.items())))
            route = server.routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self._not_modified(route):
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(route.status)
            if route.location:
                self.send_header("Location", route.location)
            self.send_header("Content-Type", route.content_type)
            for name, value in (("ETag", route.etag), ("Last-Modified", route.last_modified)):
                if value:
                    self.send_header(name, value)
            self._send_body(route)

        def _not_modified(self, route: Route) -> bool:
            etag = self.headers.get("If-None-Match")
            since = self.headers.get("If-Modified-Since")
            return bool(
                (route.etag and etag == route.etag)
                or (route.last_modified and since == route.last_modified)
            )

        def _send_body(self, route: Route) -> None:
            if isinstance(route.body, bytes):
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)
                return
            if route.length is not None:
                self.send_header("Content-Length", str(route.length))
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for chunk in route.body():
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading: that is what a size limit does

    return Handler


def serve(server: WebServer) -> Iterator[WebServer]:
    """Run ``server`` on a free loopback port for the duration of a fixture."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()


def big_page(megabytes: int) -> Callable[[], Iterator[bytes]]:
    """An HTML page of ``megabytes`` MB, generated as it is sent."""

    def chunks() -> Iterator[bytes]:
        yield b"<html><body><p>"
        block = b"cyber " * 10922 + b"\n"  # about 64 KB
        for _ in range(megabytes * 16):
            yield block
        yield b"</p></body></html>"

    return chunks


def news_site(server: WebServer, rss_etag: str | None = None) -> dict[str, Route]:
    """A small news site's routes: its RSS feed (whose links point back at ``server``) and the
    two articles the feed lists."""
    base = f"http://127.0.0.1:{server.port}".encode()
    rss = (DATA / "news.rss").read_bytes().replace(b"{base}", base)
    return {
        "/feeds/cyber.rss": Route(rss, content_type="application/rss+xml", etag=rss_etag),
        "/world/seoul": Route((DATA / "seoul-conference.html").read_bytes()),
        "/policy/dubai-talks": Route((DATA / "dubai-talks.html").read_bytes()),
    }


def trickle(
    payload: bytes, every: float, head: bytes = b"", tls: ssl.SSLContext | None = None
) -> Iterator[tuple[str, int]]:
    """A hostile server on a free loopback port that answers each connection with ``head`` at
    once, then ``payload`` one byte every ``every`` seconds (a slow-loris in reverse), over
    TLS when given a server context; yields (host, port) for the duration of a fixture."""
    import socket
    import time

    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def answer(conn: socket.socket) -> None:
        with conn:
            try:
                if tls is not None:
                    conn = tls.wrap_socket(conn, server_side=True)
                conn.recv(65536)
                conn.sendall(head)
                for byte in payload:
                    if stop.is_set():
                        return
                    conn.sendall(bytes([byte]))
                    time.sleep(every)
            except OSError:
                pass  # the client hung up: that is what a deadline does

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=answer, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield "127.0.0.1", listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=2)
        listener.close()
