"""Fetching a page or feed for drafting: bounded in size and time, and never given a secret.

This is the only place the knowledge layer goes on the network. It sends no credentials (it is
never handed the Slack token, and sends only a user agent, an Accept header and conditional
headers), reads at most ``max_bytes``, gives up after ``timeout`` seconds in all, accepts only
the content types asked for, and follows a few redirects itself so that each hop is checked.
With ``allow_private`` off (requests from Slack), a URL whose host resolves to a private,
loopback, link-local or otherwise non-global address is refused, directly or by redirect, and
the connection goes to the address that was checked (no second DNS answer).
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import Message
from urllib.parse import SplitResult, quote, urljoin, urlsplit

USER_AGENT = "cyberbrief/0.1 (drafting a Slack briefing from news pages and feeds)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
CALENDAR_TYPES = ("text/calendar",)


class FetchRefused(Exception):
    """The URL was not fetched or its answer not accepted; the message says why, for a user."""


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for one kind of caller. ``allow_private`` is for the operator's command line."""

    max_bytes: int = 5 * 1024 * 1024
    timeout: float = 15.0
    max_redirects: int = 5
    allow_private: bool = False
    trusted_hosts: frozenset[str] = frozenset()
    """``host`` or ``host:port`` an operator allows even on a private address (an intranet
    feed), from ``CYBERBRIEF_FETCH_TRUSTED_HOSTS``; a redirect elsewhere is checked as usual."""

    def trusts(self, host: str, port: int) -> bool:
        return (
            self.allow_private
            or host in self.trusted_hosts
            or (f"{host}:{port}" in self.trusted_hosts)
        )


@dataclass(frozen=True)
class Fetched:
    """A fetched body (empty when ``not_modified``) with what conditional GETs need next time."""

    url: str
    status: int
    content: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body decoded with its declared charset, else UTF-8 (bad bytes replaced)."""
        try:
            return self.content.decode(self.charset or "utf-8", errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")


Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchRefused(f"{host} could not be resolved ({exc.strerror})") from None
    except UnicodeError as exc:  # a host name IDNA cannot encode (a label over 63 letters)
        raise FetchRefused(f"{host} is not a valid host name ({exc})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")
IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped ``::ffff:a.b.c.d``, compatible
    ``::a.b.c.d``, 6to4 ``2002:AABB:CCDD::``, NAT64 ``64:ff9b::a.b.c.d``, Teredo's client),
    which is where a packet to it may end up."""
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in NAT64_PREFIX or (ip in IPV4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _check_address(host: str, address: str) -> None:
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        inner = embedded_ipv4(ip)
        if inner is not None and (not inner.is_global or inner.is_multicast):
            ip = inner
    if not ip.is_global or ip.is_multicast:
        kind = (
            "loopback"
            if ip.is_loopback
            else "link-local"
            if ip.is_link_local
            else "private"
            if ip.is_private
            else "non-public"
        )
        raise FetchRefused(f"{host} resolves to a {kind} address ({ip}); only public hosts")


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to an address already checked, whatever DNS says now."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    raw_sock: socket.socket | None = None
    """The socket, kept after ``getresponse`` drops ``sock`` for a closing response."""

    def connect(self) -> None:
        self.sock = self.raw_sock = socket.create_connection(
            (self._address, self.port), self.timeout
        )


class _PinnedHTTPS(http.client.HTTPSConnection):
    """An HTTPS connection to a checked address, verifying the certificate for the host."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    raw_sock: socket.socket | None = None

    def connect(self) -> None:
        # The handshake has a deadline of its own (the socket timeout, for the whole of it);
        # the watchdog cuts the TLS socket after it, since wrapping detaches the plain one.
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self.raw_sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def fetch(
    url: str,
    policy: FetchPolicy,
    *,
    accept: Sequence[str] = HTML_TYPES,
    etag: str | None = None,
    last_modified: str | None = None,
    resolver: Resolver = resolve,
    clock: Callable[[], float] = time.monotonic,
) -> Fetched:
    """GET ``url`` within ``policy``; redirects are followed hop by hop, each one checked.

    Raises ``FetchRefused`` with a message for the user on any refusal or failure.
    """
    deadline = clock() + policy.timeout
    current = url
    for _ in range(policy.max_redirects + 1):
        response = _get_once(
            current, policy, accept, etag, last_modified, resolver, deadline, clock
        )
        if response is not None and not isinstance(response, str):
            return response
        if response is None:
            raise FetchRefused(f"{current} redirected without a Location")
        current = urljoin(current, response)
    raise FetchRefused(f"{url} redirected more than {policy.max_redirects} times")


def check_url(url: str) -> tuple[SplitResult, str, int]:
    """The URL's parts, host and port, or ``FetchRefused`` saying what is wrong with it (a
    port out of range, brackets that do not close, a scheme we do not fetch)."""
    try:
        parts = urlsplit(url)
        port_given = parts.port
    except ValueError as exc:
        problem = str(exc)
        if "port" in problem.lower():
            raise FetchRefused(f"{url} has a port that is not a number from 1 to 65535") from None
        raise FetchRefused(f"{url} is not a valid address ({problem})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused(f"{url} is not an http(s) address")
    if parts.username or parts.password:
        raise FetchRefused(f"{url} carries a user name or password; leave them out")
    if port_given == 0:
        raise FetchRefused(f"{url} has a port that is not a number from 1 to 65535")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise FetchRefused(f"{url!r} is not a valid address (it contains spaces or controls)")
    return parts, parts.hostname, port_given or (443 if parts.scheme == "https" else 80)


def _get_once(
    url: str,
    policy: FetchPolicy,
    accept: Sequence[str],
    etag: str | None,
    last_modified: str | None,
    resolver: Resolver,
    deadline: float,
    clock: Callable[[], float],
) -> Fetched | str | None:
    """One request: a ``Fetched``, or the next URL (str) for a redirect, or None."""
    parts, host, port = check_url(url)
    addresses = resolver(host, port)
    if not addresses:
        raise FetchRefused(f"{host} could not be resolved")
    if not policy.trusts(host, port):
        for address in addresses:
            _check_address(host, address)
    remaining = deadline - clock()
    if remaining <= 0:
        raise FetchRefused(f"{url} took longer than {policy.timeout:g} s")
    kind = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    connection = kind(host, port, addresses[0], remaining)
    headers = {"User-Agent": USER_AGENT, "Accept": ", ".join(accept) + ", */*;q=0.1"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~-._") + (
        f"?{quote(parts.query, safe='/%:@!$&()*+,;=?~-._')}" if parts.query else ""
    )
    # A server may trickle its headers or body a byte at a time, each byte inside a socket
    # timeout: the watchdog shuts the socket at the deadline, whatever is being read.
    watchdog = _Watchdog(connection, remaining)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        answer = _answer(url, response, policy, accept, deadline, clock)
        if watchdog.fired:
            raise TimeoutError
        return answer
    except FetchRefused:
        if watchdog.fired:  # cut short: what was read says nothing about the page
            raise FetchRefused(f"{url} took longer than {policy.timeout:g} s") from None
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if watchdog.fired or isinstance(exc, TimeoutError | socket.timeout):
            raise FetchRefused(f"{url} took longer than {policy.timeout:g} s") from None
        raise FetchRefused(f"{url} could not be fetched ({exc})") from None
    finally:
        watchdog.cancel()
        connection.close()


class _Watchdog:
    """Shuts a connection's socket after ``seconds``: the wall-clock limit on one request,
    headers included (a blocking read returns at once when its socket is shut)."""

    def __init__(self, connection: _PinnedHTTP | _PinnedHTTPS, seconds: float) -> None:
        self.fired = False
        self._connection = connection
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True
        self._timer.start()

    def _cut(self) -> None:
        self.fired = True
        sock = self._connection.raw_sock
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed
                # the plain socket's shutdown, also for TLS (SSLSocket's would unwrap first)
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


def _answer(
    url: str,
    response: http.client.HTTPResponse,
    policy: FetchPolicy,
    accept: Sequence[str],
    deadline: float,
    clock: Callable[[], float],
) -> Fetched | str | None:
    status = response.status
    if status in (301, 302, 303, 307, 308):
        return response.getheader("Location")
    header = Message()
    header["content-type"] = response.getheader("Content-Type") or ""
    content_type = header.get_content_type() if header["content-type"] else ""
    common = {
        "url": url,
        "status": status,
        "content_type": content_type,
        "charset": header.get_param("charset") if header["content-type"] else None,
        "etag": response.getheader("ETag"),
        "last_modified": response.getheader("Last-Modified"),
    }
    if status == 304:
        return Fetched(content=b"", **common)  # type: ignore[arg-type]
    if status != 200:
        raise FetchRefused(f"{url} answered HTTP {status} {response.reason}")
    if content_type not in accept:
        wanted = " or ".join(accept)
        raise FetchRefused(f"{url} is {content_type or 'of no stated type'}, not {wanted}")
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > policy.max_bytes:
        raise FetchRefused(f"{url} is larger than the {_size(policy.max_bytes)} limit")
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(64 * 1024):
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchRefused(f"{url} is larger than the {_size(policy.max_bytes)} limit")
        if clock() > deadline:
            raise FetchRefused(f"{url} took longer than {policy.timeout:g} s")
        chunks.append(chunk)
    return Fetched(content=b"".join(chunks), **common)  # type: ignore[arg-type]


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
