"""50 concurrent Slack clients for 30 s against `bot.py serve`: questions, subscribes and an
admin loading files, all at once. Zero 5xx; every subscribe that was confirmed is in the
subscriptions table as asked, and every load that was confirmed is in `bot.py export`, whole.
Real process, real SQLite file, real HTTP."""

from __future__ import annotations

import json
import os
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from cyberbrief.digests import subscriptions as store
from cyberbrief.slack.views.admin import LOAD_CALLBACK
from cyberbrief.store.connection import connect
from tests.fake_slack import FakeSlack
from tests.helpers import mini_store, run_process
from tests.serving import Server, serving
from tests.slack_requests import command_body, post, signed_headers, view_body

CLIENTS = 50
SECONDS = 30.0
QUESTIONS = ("who is ICSPA", "events", "quote Hague", "who is Lobban", "what is the EU")
ADMIN = "U0ADMIN"


def load_body(file_id: str) -> str:
    values = {
        "file": {"value": {"type": "file_input", "files": [{"id": file_id}]}},
        "options": {"value": {"type": "checkboxes", "selected_options": []}},
    }
    return view_body(ADMIN, LOAD_CALLBACK, values, json.dumps({"channel": file_id}))


class Clients:
    """What the clients did and saw; client 0 is the admin loading one file after another,
    every fifth client subscribes (each time in a channel of its own), the rest ask."""

    def __init__(self, server: Server, slack: FakeSlack, deadline: float) -> None:
        self.server, self.slack, self.deadline = server, slack, deadline
        self.statuses: Counter[int] = Counter()
        self.failures: list[str] = []
        self.subscribed: dict[str, str] = {}  # channel -> the time asked
        self.loads: list[str] = []  # file ids submitted
        self.files: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()
        slack.on("files.info", lambda body: {"ok": True, "file": self.files[body["file"]]})

    def load(self, turn: int) -> int:
        file_id = f"F{turn:05d}"
        text = f"organisations:\n  - {{name: Load Org {turn}, acronym: LO{turn}}}\n"
        url = self.slack.serve_file(f"{file_id}.yaml", text.encode())
        self.files[file_id] = {
            "id": file_id,
            "name": f"{file_id}.yaml",
            "url_private_download": url,
            "size": len(text),
        }
        body = load_body(file_id)
        status, _ = post(self.server.events, body, signed_headers(body))
        with self.lock:
            self.loads.append(file_id)
        return status

    def subscribe(self, number: int, turn: int) -> int:
        channel = f"C{number:03d}X{turn:05d}"
        at = f"{(number + turn) % 24:02d}:{turn % 60:02d}"
        body = command_body(
            f"subscribe at {at} UTC", self.slack.response_url(channel), channel=channel
        )
        status, _ = post(self.server.events, body, signed_headers(body))
        with self.lock:
            self.subscribed[channel] = at
        return status

    def ask(self, number: int, turn: int) -> int:
        question = QUESTIONS[(number + turn) % len(QUESTIONS)]
        body = command_body(question, self.slack.response_url("q"))
        status, reply = post(self.server.events, body, signed_headers(body))
        if status == 200 and "Sorry" in str(reply):
            with self.lock:
                self.failures.append(f"{question}: {reply}")
        return status

    def run(self, number: int) -> None:
        turn = 0
        while time.monotonic() < self.deadline:
            turn += 1
            try:
                if number == 0:
                    status = self.load(turn)
                elif number % 5 == 0:
                    status = self.subscribe(number, turn)
                else:
                    status = self.ask(number, turn)
            except OSError as error:
                status = 0
                with self.lock:
                    self.failures.append(repr(error))
            with self.lock:
                self.statuses[status] += 1


def test_fifty_clients_of_questions_subscribes_and_loads(tmp_path: Path) -> None:
    db_path = tmp_path / "k.db"
    mini_store(db_path).close()
    with FakeSlack() as slack:
        slack.on("users.info", lambda body: {"ok": True, "user": {"id": body["user"], "tz": ""}})
        with serving(db_path, slack, {"CYBERBRIEF_ADMINS": ADMIN}) as server:
            clients = Clients(server, slack, time.monotonic() + SECONDS)
            threads = [threading.Thread(target=clients.run, args=(n,)) for n in range(CLIENTS)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            replies = {c: slack.wait_for_response(c).body["text"] for c in clients.subscribed}
            notes = slack.wait_for("chat.postEphemeral", count=len(clients.loads), timeout=30)
    statuses, subscribed, loads = clients.statuses, clients.subscribed, clients.loads
    print(
        f"\nmixed load: {dict(statuses)} HTTP statuses, {len(subscribed)} subscribes, "
        f"{len(loads)} admin loads, {len(clients.failures)} failures"
    )
    assert statuses[200] == sum(statuses.values()), statuses
    assert not clients.failures, clients.failures[:5]
    assert sum(statuses.values()) > CLIENTS * 10, statuses
    confirmed = {c for c, text in replies.items() if text.startswith("Subscribed")}
    assert confirmed == set(subscribed), {c: replies[c] for c in set(subscribed) - confirmed}
    db = connect(str(db_path))
    try:
        rows = {s.channel_id: s for s in store.all_subscriptions(db)}
    finally:
        db.close()
    assert set(rows) == confirmed, "no subscription lost, none extra"
    assert all(rows[c].post_time_text == subscribed[c] for c in confirmed), "each as asked"
    assert all(rows[c].timezone == "UTC" for c in confirmed)
    loaded = [n.body for n in notes if "added" in n.body["text"]]
    assert len(loaded) == len(loads) > 0, [n.body["text"] for n in notes][:5]
    assert_each_load_exported_once(db_path, loads)


def assert_each_load_exported_once(db_path: Path, loads: list[str]) -> None:
    """``bot.py export`` holds each loaded file's record once: none lost, none half-written."""
    exported = run_process(["export"], {**os.environ, "CYBERBRIEF_DB": str(db_path)})
    assert exported.returncode == 0, exported.stderr
    names = Counter(o["name"] for o in yaml.safe_load(exported.stdout)["organisations"])
    expected = {f"Load Org {int(f[1:])}" for f in loads}
    assert {n for n in names if n.startswith("Load Org")} == expected
    assert all(names[n] == 1 for n in expected), "each load's record once, none half-written"
