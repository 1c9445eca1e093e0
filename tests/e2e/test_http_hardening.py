"""`bot.py serve` against what an attacker or an unlucky network sends: malformed, oversized,
unsigned and foreign requests get a 4xx with a reason (never a 500), the server stays up under
50 concurrent clients, slow replies do not hold up new acks, and ``/healthz`` tells the truth
about the database."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fake_slack import FakeSlack, Reply
from tests.helpers import mini_store, run_process
from tests.serving import Server, serving, serving_mini_store, start_server
from tests.slack_requests import command_body, post, signed_headers

ICSPA = "International Cyber Security Protection Alliance"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serving_mini_store(Path(tmp_path_factory.mktemp("harden"))) as running:
        yield running


def raw_request(server: Server, head: str, body: bytes = b"") -> tuple[int, str]:
    """Send bytes as given (headers no client library would let through); status and body."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    status_line, _, rest = received.decode("utf-8", "replace").partition("\r\n")
    return int(status_line.split()[1]), rest.partition("\r\n\r\n")[2]


def head(length: str, extra: str = "") -> str:
    return (
        "POST /slack/events HTTP/1.1\nHost: bot\nConnection: close\n"
        f"Content-Type: application/x-www-form-urlencoded\nContent-Length: {length}\n{extra}"
    )


def assert_no_traceback(server: Server) -> None:
    assert "Traceback" not in server.stderr(), server.stderr()[-3000:]


# -- malformed requests get a 4xx that says why ---------------------------------------------


def test_a_non_numeric_content_length_is_a_400(server: Server) -> None:
    status, _ = raw_request(server, head("abc"), b"text=who+is+ICSPA")
    assert status == 400
    assert_no_traceback(server)


def test_a_100_mb_body_is_refused_before_it_is_sent(server: Server) -> None:
    """Only the headers go out: the server answers 413 without waiting for (or buffering)
    the 100 MB it was promised."""
    status, reason = raw_request(server, head(str(100 * 1024 * 1024)))
    assert status == 413, reason
    assert_no_traceback(server)


def test_an_unsigned_body_is_refused_from_its_headers(server: Server) -> None:
    """The server answers 401 while the promised body has not been sent at all."""
    body = command_body("who is ICSPA", server.slack.response_url())
    host, port = server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.putrequest("POST", "/slack/events")
    conn.putheader("Content-Type", "application/x-www-form-urlencoded")
    conn.putheader("Content-Length", str(len(body)))
    conn.endheaders()
    conn.send(body.encode())
    response = conn.getresponse()
    assert response.status == 401
    assert b"not signed" in response.read()
    conn.close()


@pytest.mark.parametrize("stamp", ["abc", "1e9", "", "١٧٠٠٠٠٠٠٠٠", "99999999999999999999"])
def test_a_malformed_timestamp_is_a_401(server: Server, stamp: str) -> None:
    body = command_body("who is ICSPA", server.slack.response_url())
    signature = signed_headers(body)["X-Slack-Signature"]
    status, reason = raw_request(
        server,
        head(
            str(len(body)), f"X-Slack-Request-Timestamp: {stamp}\nX-Slack-Signature: {signature}\n"
        ),
        body.encode(),
    )
    assert status == 401, reason
    assert_no_traceback(server)


def test_a_signed_body_that_is_not_utf8_is_a_400(server: Server) -> None:
    body = command_body("who is ICSPA", server.slack.response_url()).encode() + b"%\xff\xfe\xc3"
    stamp = str(int(time.time()))
    import hashlib
    import hmac

    signature = (
        "v0="
        + hmac.new(
            b"test-signing-secret", f"v0:{stamp}:".encode() + body, hashlib.sha256
        ).hexdigest()
    )
    status, reason = raw_request(
        server,
        head(
            str(len(body)),
            f"X-Slack-Request-Timestamp: {stamp}\nX-Slack-Signature: {signature}\n",
        ),
        body,
    )
    assert status == 400 and "UTF-8" in reason
    assert_no_traceback(server)


def test_a_request_from_another_workspace_is_refused(server: Server) -> None:
    """Signed with our secret (the same app), but from a team the bot is not installed in."""
    body = command_body("who is ICSPA", server.slack.response_url("foreign")).replace(
        "team_id=T0FAKE", "team_id=T0OTHER"
    )
    status, reply = post(server.events, body, signed_headers(body))
    assert status == 200
    assert "another Slack workspace" in str(reply)
    assert ICSPA not in str(reply)


def test_get_on_the_events_path_and_unknown_paths(server: Server) -> None:
    for path, expected in (("/slack/events", 405), ("/admin", 404)):
        try:
            urllib.request.urlopen(f"{server.url}{path}", timeout=5)
            raise AssertionError("expected an error status")
        except urllib.error.HTTPError as exc:
            assert exc.code == expected


# -- load -----------------------------------------------------------------------------------


def test_slow_replies_do_not_hold_up_new_acks(server: Server) -> None:
    """Twelve button presses whose replies (response_url) hang; a new /cyber is still
    answered in its ack."""
    release = threading.Event()

    def hang(body: dict[str, Any]) -> Reply:
        release.wait(timeout=30)
        return 200, {}, {"ok": True}

    server.slack.on_reply("response_url", hang)
    try:
        _, reply = server.command("quote Lobban")
        more = next(
            e
            for b in reply["blocks"]
            for e in b.get("elements", [])
            if e.get("action_id", "").startswith("cyber_")
        )
        for i in range(12):
            status, _ = server.action(more["action_id"], more["value"], f"slow{i}")
            assert status == 200
        status, reply = server.command("who is ICSPA")
        assert status == 200 and ICSPA in reply["text"]
    finally:
        release.set()
        server.slack.on_reply("response_url", lambda body: (200, {}, {"ok": True}))


LOAD_SECONDS = float(os.environ.get("CYBERBRIEF_LOAD_SECONDS", "5"))
"""The issue's 30 s run is ``CYBERBRIEF_LOAD_SECONDS=30``; CI's 2 cores get a shorter one."""


def test_fifty_concurrent_clients_get_no_resets(server: Server) -> None:
    outcomes: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + LOAD_SECONDS

    def client(n: int) -> None:
        while time.monotonic() < stop:
            body = command_body("who is ICSPA" if n % 2 else "quote Hague", "http://127.0.0.1:9/r")
            try:
                status, _ = post(server.events, body, signed_headers(body), timeout=30)
                outcome = str(status)
            except (ConnectionError, OSError) as exc:
                outcome = type(exc).__name__
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    failed = [o for o in outcomes if o != "200"]
    assert len(outcomes) >= 50
    assert not failed, f"{len(failed)} of {len(outcomes)} failed: {sorted(set(failed))}"
    assert_no_traceback(server)


# -- /healthz and the database ----------------------------------------------------------------


def healthz(server: Server) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"{server.url}/healthz", timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_healthz_fails_when_the_database_folder_is_removed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    db = folder / "k.db"
    mini_store(db).close()
    with FakeSlack() as slack, serving(db, slack) as running:
        assert healthz(running) == (200, "ok\n")
        shutil.rmtree(folder)
        status, reason = healthz(running)
        assert status == 503 and "folder" in reason and str(folder) in reason


def test_healthz_fails_on_an_unmigrated_database(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    mini_store(db).close()
    with FakeSlack() as slack, serving(db, slack) as running:
        import sqlite3

        conn = sqlite3.connect(db)
        conn.execute("PRAGMA user_version = 1")
        conn.commit()
        conn.close()
        status, reason = healthz(running)
        assert status == 503 and "schema version 1" in reason


def test_sigterm_stops_the_server_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    mini_store(db).close()
    with FakeSlack() as slack:
        running = start_server(db, slack)
        running.process.terminate()
        assert running.process.wait(timeout=10) == 0
        assert "Traceback" not in running.stderr()


@pytest.mark.parametrize(
    ("name", "value", "named"),
    [
        ("CYBERBRIEF_HTTP_THREADS", "lots", "CYBERBRIEF_HTTP_THREADS must be a whole number"),
        ("CYBERBRIEF_HTTP_MAX_BODY", "12", "CYBERBRIEF_HTTP_MAX_BODY must be a whole number"),
        ("PORT", "x", "PORT must be a whole number from 0 to 65535, not 'x'"),
    ],
)
def test_a_bad_server_setting_is_named_at_start(
    tmp_path: Path, name: str, value: str, named: str
) -> None:

    env = {
        **os.environ,
        "CYBERBRIEF_DB": str(tmp_path / "k.db"),
        "SLACK_SIGNING_SECRET": "s",
        "SLACK_BOT_TOKEN": "xoxb-test",
        name: value,
    }
    run = run_process(["serve", "--host", "127.0.0.1"], env)
    assert run.returncode == 2
    assert named in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
