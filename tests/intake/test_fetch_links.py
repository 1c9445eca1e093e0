"""Links: pages fetched from a loopback web server within size, time and type limits, the
Slack policy refusing private addresses (directly and by redirect), and drafts from the
article text trafilatura keeps."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cyberbrief.intake.fetch import FEED_TYPES, FetchPolicy, FetchRefused, fetch
from cyberbrief.intake.links import draft_from_url, read_page
from cyberbrief.knowledge.loader import LoadFailed
from tests.helpers import mini_store
from tests.web_server import DATA, Route, WebServer, big_page, serve, trickle

SEOUL = (DATA / "seoul-conference.html").read_bytes()
OPERATOR = FetchPolicy(allow_private=True, timeout=10)
"""The command line's policy: the operator may fetch loopback addresses."""


@pytest.fixture
def web() -> Iterator[WebServer]:
    server = WebServer(
        routes={
            "/world/seoul": Route(
                SEOUL, etag='"v1"', last_modified="Thu, 17 Oct 2013 00:00:00 GMT"
            ),
            "/moved": Route(status=301, location="/world/seoul"),
            "/loop": Route(status=302, location="/loop"),
            "/huge": Route(big_page(50), length=50 * 1024 * 1024),
            "/huge-unannounced": Route(big_page(50)),
            "/report.pdf": Route(b"%PDF-1.4", content_type="application/pdf"),
            "/gone": Route(b"", status=410),
            "/empty": Route(b"<html><body><nav>Home</nav></body></html>"),
        }
    )
    yield from serve(server)


def slack_policy(web: WebServer) -> FetchPolicy:
    """What Slack requests get, with the test server's exact host:port trusted like an
    operator's intranet feed would be: anything else private stays refused."""
    return FetchPolicy(trusted_hosts=frozenset({f"127.0.0.1:{web.port}"}), timeout=10)


def test_a_page_is_fetched_with_validators_and_no_credentials(web: WebServer) -> None:
    fetched = fetch(web.url("/world/seoul"), OPERATOR)
    assert fetched.status == 200 and fetched.content == SEOUL
    assert fetched.content_type == "text/html" and fetched.charset == "utf-8"
    assert (fetched.etag, fetched.last_modified) == ('"v1"', "Thu, 17 Oct 2013 00:00:00 GMT")
    headers = web.hits("/world/seoul")[0]
    assert "Authorization" not in headers and "Cookie" not in headers
    assert not any("xox" in value for value in headers.values())
    again = fetch(web.url("/world/seoul"), OPERATOR, etag=fetched.etag)
    assert again.not_modified and again.content == b""


def test_redirects_are_followed_but_not_forever(web: WebServer) -> None:
    assert fetch(web.url("/moved"), OPERATOR).url == web.url("/world/seoul")
    with pytest.raises(FetchRefused, match="redirected more than 5 times"):
        fetch(web.url("/loop"), OPERATOR)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/huge", "larger than the 5 MB limit"),
        ("/huge-unannounced", "larger than the 5 MB limit"),
        ("/report.pdf", "is application/pdf, not text/html"),
        ("/gone", "HTTP 410"),
        ("/nowhere", "HTTP 404"),
    ],
)
def test_pages_outside_the_limits_are_refused(web: WebServer, path: str, message: str) -> None:
    with pytest.raises(FetchRefused, match=message):
        fetch(web.url(path), slack_policy(web))


def test_the_slack_policy_refuses_private_addresses_directly_and_by_redirect(
    web: WebServer,
) -> None:
    policy = slack_policy(web)
    for url in ("http://localhost:1/", "http://10.1.2.3/", "http://169.254.169.254/latest/"):
        with pytest.raises(FetchRefused, match=r"loopback|private|link-local"):
            fetch(url, policy)
    web.routes["/to-loopback"] = Route(
        status=302, location=f"http://localhost:{web.port}/world/seoul"
    )
    with pytest.raises(FetchRefused, match="localhost resolves to a loopback address"):
        fetch(web.url("/to-loopback"), policy)
    assert web.hits("/world/seoul") == [], "the redirect's target was never requested"
    with pytest.raises(FetchRefused, match="not an http"):
        fetch("file:///etc/passwd", policy)


def test_the_checked_address_is_the_one_connected_to(web: WebServer) -> None:
    """A host whose DNS answer is private is refused before any connection is made."""
    policy = FetchPolicy(timeout=10)
    with pytest.raises(FetchRefused, match="private address"):
        fetch("http://news.example/", policy, resolver=lambda host, port: ["192.168.1.10"])


def test_a_feed_type_is_not_a_page(web: WebServer) -> None:
    web.routes["/feed"] = Route(b"<rss/>", content_type="application/rss+xml")
    assert fetch(web.url("/feed"), OPERATOR, accept=FEED_TYPES).content == b"<rss/>"
    with pytest.raises(FetchRefused, match="not text/html"):
        fetch(web.url("/feed"), OPERATOR)


def test_the_article_is_kept_and_the_boilerplate_dropped(web: WebServer) -> None:
    page = read_page(web.url("/world/seoul"), OPERATOR)
    assert page.title == "Seoul hosts third global cyberspace conference"
    assert (page.publisher, page.date) == ("Example Wire", "2013-10-17")
    assert "President Park Geun-hye" in page.text
    for boilerplate in ("cookies", "Related stories", "All rights reserved", "Advertisement"):
        assert boilerplate not in page.text


def test_a_link_is_drafted_citing_the_page(web: WebServer, tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    draft = draft_from_url(db, web.url("/world/seoul"), OPERATOR)
    assert draft.source == {
        "title": "Seoul hosts third global cyberspace conference",
        "publisher": "Example Wire",
        "date": "2013-10-17",
        "url": web.url("/world/seoul"),
    }
    speakers = {q["speaker"] for q in draft.quotes}
    assert speakers == {"Park Geun-hye", "Yun Byung-se", "Li Baodong", "Jozias van Aartsen"}
    roles = {p["name"]: p.get("role") for p in draft.people}
    assert roles["Jozias van Aartsen"] == "Mayor of The Hague"


def test_links_that_fail_name_the_url_and_why(web: WebServer, tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    with pytest.raises(LoadFailed, match="has no article text"):
        draft_from_url(db, web.url("/empty"), OPERATOR)
    with pytest.raises(LoadFailed, match=r"/gone: was not fetched: answered HTTP 410 Gone"):
        draft_from_url(db, web.url("/gone"), OPERATOR)


SLOW_HEAD = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nX-Padding: "
    + b"x" * 200
    + b"\r\n\r\n"
)
SLOW_BODY = b"<html><body>" + b"cyber " * 200


@pytest.mark.parametrize(
    ("head", "trickled"),
    [
        (b"", SLOW_HEAD + SLOW_BODY),
        (b"HTTP/1.1 200 OK\r\nX-Slow: ", SLOW_HEAD[17:] + SLOW_BODY),
        (SLOW_HEAD, SLOW_BODY),
    ],
    ids=["status-trickled", "headers-trickled", "body-trickled"],
)
def test_a_slow_server_is_cut_at_the_deadline_headers_included(
    head: bytes, trickled: bytes
) -> None:
    """One byte every 0.1 s (the headers alone take 25 s, the page two minutes): the limit
    is a wall-clock limit on the whole fetch, so a 1 s limit refuses it after about 1 s."""
    for host, port in trickle(trickled, 0.1, head=head):
        started = time.monotonic()
        with pytest.raises(FetchRefused, match="took longer than 1 s"):
            fetch(f"http://{host}:{port}/slow", FetchPolicy(allow_private=True, timeout=1))
        assert time.monotonic() - started < 2.5, "cut at the deadline, not when the server chose"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:99999/x", "port"),
        ("http://127.0.0.1:0/x", "port"),
        ("http://127.0.0.1:http/x", "port"),
        ("http://[::1/x", "not a valid address"),
        ("http://news.example/caf\u00e9 x", "could not be fetched|not a valid"),
        ("http://" + "a" * 70 + ".example/", "could not be resolved|not a valid"),
    ],
)
def test_malformed_urls_are_refused_with_a_reason(url: str, message: str) -> None:
    with pytest.raises(FetchRefused, match=message):
        fetch(url, FetchPolicy(allow_private=True, timeout=2))


@pytest.mark.parametrize(
    "address",
    [
        "::7f00:1",  # IPv4-compatible 127.0.0.1
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:10.0.0.1",
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:c0a8:0101::1",  # 6to4 of 192.168.1.1
        "64:ff9b::7f00:1",  # NAT64 well-known prefix
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
        "::1",
    ],
)
def test_ipv6_forms_of_private_ipv4_addresses_are_refused(address: str) -> None:
    with pytest.raises(FetchRefused, match=r"loopback|private|link-local|non-public"):
        fetch("http://news.example/", FetchPolicy(timeout=2), resolver=lambda h, p: [address])
    with pytest.raises(FetchRefused, match=r"loopback|private|link-local|non-public"):
        fetch(f"http://[{address}]:1/", FetchPolicy(timeout=2))


def test_a_tls_handshake_trickled_a_byte_at_a_time_is_cut_at_the_deadline() -> None:
    """A TLS record header announcing 16 KB, then a byte every 0.1 s: the handshake is inside
    the limit too (the socket being wrapped for TLS is still the one cut)."""
    record = b"\x16\x03\x03\x40\x00" + b"\x00" * 1000
    for host, port in trickle(record, 0.1):
        started = time.monotonic()
        with pytest.raises(FetchRefused, match="took longer than 1 s"):
            fetch(f"https://{host}:{port}/", FetchPolicy(allow_private=True, timeout=1))
        assert time.monotonic() - started < 2.5


def test_an_https_body_trickled_a_record_at_a_time_is_cut_at_the_deadline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over TLS each byte is a record of its own, and each read has a fresh socket timeout:
    the watchdog must cut the TLS socket (wrapping detaches the plain one it was given)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("needs the openssl command to make a certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert, key)
    trusting = ssl.create_default_context
    monkeypatch.setattr(ssl, "create_default_context", lambda: trusting(cafile=str(cert)))
    for host, port in trickle(SLOW_BODY, 0.1, head=SLOW_HEAD, tls=server):
        started = time.monotonic()
        with pytest.raises(FetchRefused, match="took longer than 1 s"):
            fetch(f"https://{host}:{port}/slow", FetchPolicy(allow_private=True, timeout=1))
        assert time.monotonic() - started < 2.5, "cut at the deadline, not when the server chose"
