"""``bot.py serve`` against sockets that hold connections open: idle ones, ones that send
headers announcing a body and then nothing, and ones that trickle a byte at a time. Each has a
few seconds to send a whole request; near the connection limit the longest-waiting are closed,
so a signed ``/cyber`` is still answered within Slack's 3 s. Real sockets on 127.0.0.1."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.serving import Server, serving_mini_store
from tests.slack_requests import command_body, post, signed_headers

ICSPA = "International Cyber Security Protection Alliance"
LIMIT = 40
STALLED_HEAD = (
    b"POST /slack/events HTTP/1.1\r\nHost: bot\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    env = {"CYBERBRIEF_HTTP_CONNECTIONS": str(LIMIT), "CYBERBRIEF_HTTP_RECEIVE_TIMEOUT": "2"}
    with serving_mini_store(Path(tmp_path_factory.mktemp("conns")), env) as running:
        yield running


def address(server: Server) -> tuple[str, int]:
    host, port = server.url.removeprefix("http://").split(":")
    return host, int(port)


def ask(server: Server) -> tuple[int, object]:
    """A signed ``/cyber who is ICSPA``, given Slack's 3 s to be answered."""
    body = command_body("who is ICSPA", "http://127.0.0.1:9/r")
    return post(server.events, body, signed_headers(body), timeout=3.0)


@pytest.mark.parametrize("sent", [b"", STALLED_HEAD], ids=["idle", "headers-then-nothing"])
def test_more_stalled_connections_than_the_limit_do_not_keep_slack_out(
    server: Server, sent: bytes
) -> None:
    with ExitStack() as stack:
        for _ in range(LIMIT + LIMIT // 2):
            sock = stack.enter_context(socket.create_connection(address(server), timeout=5))
            if sent:
                sock.sendall(sent)
        time.sleep(0.5)  # the server has taken all it will take
        status, reply = ask(server)
    assert status == 200 and ICSPA in str(reply)
    assert "Traceback" not in server.stderr()


def test_a_request_trickled_a_byte_at_a_time_is_cut_off(server: Server) -> None:
    """Each byte resets waitress' own idle timer (30 s); the request as a whole has 2 s."""
    closed = False
    with socket.create_connection(address(server), timeout=5) as sock:
        sock.sendall(STALLED_HEAD)
        for _ in range(80):  # 20 s of trickling, if the server let it
            try:
                sock.sendall(b"x")
                sock.setblocking(False)
                try:
                    closed = sock.recv(1024) == b""
                except BlockingIOError:
                    pass
                finally:
                    sock.setblocking(True)
            except OSError:  # reset by the server
                closed = True
            if closed:
                break
            time.sleep(0.25)
    assert closed, "the server still waited for the body after 20 s"
    status, reply = ask(server)
    assert status == 200 and ICSPA in str(reply)
