"""50 concurrent Slack clients for 30 s against `bot.py serve`: questions, subscribes and an
admin loading files, all at once. Zero 5xx; every subscribe that was confirmed is in the
subscriptions table as asked, and every load that was confirmed is in `bot.py export`, whole.
Real process, real SQLite file, real HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml

from cyberbrief.digests import subscriptions as store
from cyberbrief.slack.views.admin import LOAD_CALLBACK
from cyberbrief.store.connection import connect
from tests.e2e.test_http_serve import PROJECT, start_server
from tests.fake_slack import FakeSlack
from tests.helpers import mini_store
from tests.slack_requests import command_body, new_trigger, post, signed_headers

CLIENTS = 50
SECONDS = 30.0
QUESTIONS = ("who is ICSPA", "events", "quote Hague", "who is Lobban", "what is the EU")
ADMIN = "U0ADMIN"


def load_body(file_id: str) -> str:
    payload = {
        "type": "view_submission",
        "team": {"id": "T0FAKE"},
        "user": {"id": ADMIN, "team_id": "T0FAKE"},
        "api_app_id": "A0APP",
        "trigger_id": new_trigger(),
        "view": {
            "id": "V1",
            "type": "modal",
            "callback_id": LOAD_CALLBACK,
            "private_metadata": json.dumps({"channel": file_id}),
            "state": {
                "values": {
                    "file": {"value": {"type": "file_input", "files": [{"id": file_id}]}},
                    "options": {"value": {"type": "checkboxes", "selected_options": []}},
                }
            },
        },
    }
    return urlencode({"payload": json.dumps(payload)})


def test_fifty_clients_of_questions_subscribes_and_loads(tmp_path: Path) -> None:
    db_path = tmp_path / "k.db"
    mini_store(db_path).close()
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    subscribed: dict[str, str] = {}  # channel -> the time asked
    loads: list[str] = []  # file ids submitted
    lock = threading.Lock()
    with FakeSlack() as slack:
        slack.on("users.info", lambda body: {"ok": True, "user": {"id": body["user"], "tz": ""}})
        files: dict[str, dict[str, Any]] = {}
        slack.on("files.info", lambda body: {"ok": True, "file": files[body["file"]]})
        server = start_server(db_path, slack, {"CYBERBRIEF_ADMINS": ADMIN})
        deadline = time.monotonic() + SECONDS

        def client(number: int) -> None:
            turn = 0
            while time.monotonic() < deadline:
                turn += 1
                try:
                    if number == 0:  # the admin: one file after another
                        file_id = f"F{turn:05d}"
                        text = f"organisations:\n  - {{name: Load Org {turn}, acronym: LO{turn}}}\n"
                        url = slack.serve_file(f"{file_id}.yaml", text.encode())
                        files[file_id] = {
                            "id": file_id,
                            "name": f"{file_id}.yaml",
                            "url_private_download": url,
                            "size": len(text),
                        }
                        body = load_body(file_id)
                        status, _ = post(server.events, body, signed_headers(body))
                        with lock:
                            loads.append(file_id)
                    elif number % 5 == 0:  # subscribes, each in a channel of its own
                        channel = f"C{number:03d}X{turn:05d}"
                        at = f"{(number + turn) % 24:02d}:{turn % 60:02d}"
                        body = command_body(
                            f"subscribe at {at} UTC", slack.response_url(channel), channel=channel
                        )
                        status, _ = post(server.events, body, signed_headers(body))
                        with lock:
                            subscribed[channel] = at
                    else:
                        question = QUESTIONS[(number + turn) % len(QUESTIONS)]
                        body = command_body(question, slack.response_url("q"))
                        status, reply = post(server.events, body, signed_headers(body))
                        if status == 200 and "Sorry" in str(reply):
                            with lock:
                                failures.append(f"{question}: {reply}")
                except OSError as error:
                    status = 0
                    with lock:
                        failures.append(repr(error))
                with lock:
                    statuses[status] += 1

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        replies = {c: slack.wait_for_response(c).body["text"] for c in subscribed}
        notes = slack.wait_for("chat.postEphemeral", count=len(loads), timeout=30)
        server.process.terminate()
        server.process.wait(timeout=10)

    print(
        f"\nmixed load: {dict(statuses)} HTTP statuses, {len(subscribed)} subscribes, "
        f"{len(loads)} admin loads, {len(failures)} failures"
    )
    assert statuses[200] == sum(statuses.values()), statuses
    assert not failures, failures[:5]
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
    exported = subprocess.run(
        [sys.executable, "bot.py", "export"],
        cwd=PROJECT,
        env={**os.environ, "CYBERBRIEF_DB": str(db_path)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = Counter(o["name"] for o in yaml.safe_load(exported)["organisations"])
    expected = {f"Load Org {int(f[1:])}" for f in loads}
    assert {n for n in names if n.startswith("Load Org")} == expected
    assert all(names[n] == 1 for n in expected), "each load's record once, none half-written"
