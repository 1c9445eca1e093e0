"""`bot.py serve` sharing one store between Bolt's threads, its digest scheduler and a crash:
a slow Slack never stalls acks, and a digest Slack accepted just before a SIGKILL is recorded
after the restart, not posted twice. Real processes, real SQLite files, real HTTP."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path
from typing import Any

from cyberbrief.digests import subscriptions as store
from cyberbrief.slack.views.admin import LOAD_CALLBACK, UNDO_ACTION
from cyberbrief.store.connection import connect
from tests.digest_jobs import due_a_minute_ago
from tests.fake_slack import FakeSlack
from tests.serving import serving_mini_store, start_server, start_with_log, wait_for_line
from tests.slack_requests import (
    action_body,
    command_body,
    post,
    signed_headers,
    view_body,
)

ACK_DEADLINE = 3.0
"""Slack's deadline for an ack: an HTTP client that waits no longer is what Slack is."""

Reply = tuple[int, dict[str, str], dict[str, Any]]


def held_post(slack: FakeSlack, release: threading.Event, accepted: threading.Event) -> None:
    """chat.postMessage that Slack accepts at once but answers only when ``release`` is set
    (a slow Slack; or, if the bot is killed meanwhile, an answer it never reads)."""

    def respond(body: dict[str, Any]) -> Reply:
        ts = f"{time.time():.6f}"
        slack.keep(str(body.get("channel")), body, ts)
        accepted.set()
        release.wait(30)
        return 200, {}, {"ok": True, "channel": body.get("channel"), "ts": ts}

    slack.on_reply("chat.postMessage", respond)


def test_questions_and_a_subscribe_are_acked_while_a_digest_post_hangs(tmp_path: Path) -> None:
    """The third failure of issue 8: the scheduler waited for chat.postMessage inside SQLite's
    write lock, a subscribe waited for that lock, and every question waited behind it."""
    db_path = tmp_path / "k.db"
    due_a_minute_ago(db_path)
    release, accepted = threading.Event(), threading.Event()
    with FakeSlack() as slack:
        held_post(slack, release, accepted)
        server = start_server(db_path, slack)
        try:
            assert accepted.wait(20), "the digest post reached Slack"
            results: list[tuple[str, int, Any]] = []

            def ask(text: str, channel: str) -> None:
                body = command_body(text, slack.response_url(channel), channel=channel)
                try:
                    status, reply = post(
                        server.events, body, signed_headers(body), timeout=ACK_DEADLINE
                    )
                except OSError as error:  # timed out: Slack would show the user an error
                    status, reply = 0, repr(error)
                results.append((text, status, reply))

            asks = [("subscribe at 09:00 UTC", "C0OTHER")] + [
                (q, "C0ASK") for q in ("who is ICSPA", "events", "quote Hague") * 4
            ]
            threads = [threading.Thread(target=ask, args=a) for a in asks]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert not release.is_set(), "all of it happened while the post still hung"
            assert len(results) == len(asks)
            assert all(status == 200 for _, status, _ in results), results
            answers = [r for t, _, r in results if t == "who is ICSPA"]
            assert all("International Cyber Security" in str(r) for r in answers), answers
        finally:
            release.set()
            server.process.terminate()
            server.process.wait(timeout=10)
    db = connect(str(db_path))
    try:
        assert store.get(db, "C0OTHER") is not None, "the subscribe was stored"
        [digest] = store.deliveries(db, "C0DIGEST")
        assert digest.status == "posted" and digest.ts
    finally:
        db.close()


def test_a_digest_accepted_by_slack_before_a_sigkill_is_recorded_not_posted_again(
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "k.db"
    due_a_minute_ago(db_path)
    release, accepted = threading.Event(), threading.Event()
    with FakeSlack() as slack:
        held_post(slack, release, accepted)
        process, _ = start_with_log(db_path, slack)
        try:
            assert accepted.wait(20), "the digest post reached Slack"
            process.send_signal(signal.SIGKILL)  # Slack has it; the ts was never recorded
            process.wait(timeout=10)
        finally:
            release.set()
        db = connect(str(db_path))
        try:
            [claim] = store.deliveries(db, "C0DIGEST")
            assert claim.status == "sending" and claim.ts is None
        finally:
            db.close()

        process, lines = start_with_log(db_path, slack)  # restarted at once, well within the grace
        try:
            wait_for_line(lines, "was posted before a restart")
            wait_for_line(lines, "digest catch-up: 1 due")
        finally:
            process.terminate()
            process.wait(timeout=10)
        [message] = slack.messages("C0DIGEST")
        assert len(slack.calls_to("chat.postMessage")) == 1, "exactly one digest"
        assert message.metadata and message.metadata["event_type"] == "cyberbrief_digest"
    db = connect(str(db_path))
    try:
        [digest] = store.deliveries(db, "C0DIGEST")
        assert digest.status == "posted" and digest.ts == message.ts
    finally:
        db.close()


def test_a_retried_admin_load_and_undo_are_done_once(tmp_path: Path) -> None:
    """Slack re-sends what it got no timely answer for (X-Slack-Retry-Num): the work is not
    done again, in whichever process the retry lands."""
    db_path = tmp_path / "k.db"
    with serving_mini_store(tmp_path, {"CYBERBRIEF_ADMINS": "U0ADMIN"}) as server:
        slack = server.slack
        url = slack.serve_file("new.yaml", b"organisations:\n  - {name: Retry Org}\n")
        slack.on(
            "files.info",
            lambda body: {
                "ok": True,
                "file": {
                    "id": "F1",
                    "name": "new.yaml",
                    "url_private_download": url,
                    "size": 40,
                },
            },
        )
        load = view_body(
            "U0ADMIN",
            LOAD_CALLBACK,
            {
                "file": {"value": {"type": "file_input", "files": [{"id": "F1"}]}},
                "options": {"value": {"type": "checkboxes", "selected_options": []}},
                "kind": {"value": {"type": "static_select", "selected_option": None}},
            },
        )
        undo_button = action_body(UNDO_ACTION, "LATEST", slack.response_url("undo"), user="U0ADMIN")
        for body in (load, load):
            status, _ = post(server.events, body, retried(signed_headers(body)))
            assert status == 200
        slack.wait_for("chat.postEphemeral")
        change = latest_change(db_path)
        undo_button = undo_button.replace("LATEST", str(change))
        for _ in range(2):
            status, _ = post(server.events, undo_button, retried(signed_headers(undo_button)))
            assert status == 200
        server.responses("undo")
    db = connect(str(db_path))
    try:
        origins = [r[0] for r in db.conn.execute("SELECT origin FROM changes ORDER BY id")]
        assert origins.count("Slack upload new.yaml") == 1, origins
        assert origins.count("undo") == 1, origins
        assert (
            db.conn.execute(
                "SELECT count(*) FROM organisations WHERE name = 'Retry Org'"
            ).fetchone()[0]
            == 0
        ), "loaded once, undone once"
    finally:
        db.close()
    assert len(slack.calls_to("chat.postEphemeral")) == 1, "one 'loaded' note"
    assert len([c for c in slack.calls_to("response_url") if c.path.endswith("/undo")]) == 1


_retries = iter(range(1, 100))


def retried(headers: dict[str, str]) -> dict[str, str]:
    """Headers as Slack sends them: the first delivery, then its retries."""
    number = next(_retries)
    return headers if number == 1 else {**headers, "X-Slack-Retry-Num": str(number - 1)}


def latest_change(db_path: Path) -> int:
    db = connect(str(db_path))
    try:
        return int(db.conn.execute("SELECT max(id) FROM changes").fetchone()[0])
    finally:
        db.close()
