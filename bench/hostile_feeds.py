"""`python -m bench.hostile_feeds`: the worst feeds of issue 21 polled inside `bot.py serve`.

An admin follows, over signed `/cyber admin feed add` requests, a calendar with FREQ=SECONDLY
and FREQ=MINUTELY rules that never end, a news feed with one element of 100,000 attributes
(1 MB), and a server that trickles a feed a byte every 0.5 s; each is polled at once, after
the ack, inside the serving process. Meanwhile another user asks questions every 0.1 s. The
row: the process's memory when idle and its peak during the polls (from /proc), the slowest
ack during the polls, and how long until every poll had answered the admin. Goals (issue
21): acks <= 1 s, memory <= 200 MB over the idle process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from cyberbrief.knowledge.seed import open_store
from tests.fake_slack import FakeSlack
from tests.slack_requests import SECRET, command_body, post, signed_headers
from tests.web_server import Route, WebServer, serve, trickle

from .e2e import ask, rss_mb

PROJECT = Path(__file__).resolve().parent.parent
CALENDARS = PROJECT / "tests" / "data" / "calendars"
ADMIN = "U0ADMIN"


def attribute_bomb() -> bytes:
    attrs = " ".join(f'a{i}="x"' for i in range(100_000))
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Bomb</title>'
        f"<item {attrs}><link>https://news.example/a</link></item></channel></rss>"
    ).encode()


def start_serve(db: Path, api_url: str, trusted: str) -> tuple[subprocess.Popen[str], str]:
    env = {
        **os.environ,
        "CYBERBRIEF_DB": str(db),
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_API_URL": api_url,
        "CYBERBRIEF_ADMINS": ADMIN,
        "CYBERBRIEF_FETCH_TRUSTED_HOSTS": trusted,
    }
    env.pop("SLACK_APP_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "bot.py", "serve", "--host", "127.0.0.1", "--port", "0"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if "listening on" not in line:
        process.kill()
        raise RuntimeError(f"bot.py serve did not start: {line!r}")
    url = line.split("listening on ", 1)[1].strip().removesuffix("/slack/events")
    for _ in range(500):
        try:
            ask(url, "who is ICSPA")
            break
        except OSError:
            time.sleep(0.02)
    return process, url


def run() -> dict[str, Any]:
    web = WebServer()
    web_running = serve(web)
    next(web_running)
    web.routes["/endless.ics"] = Route(
        (CALENDARS / "secondly.ics").read_bytes(), content_type="text/calendar"
    )
    web.routes["/bomb.rss"] = Route(attribute_bomb(), content_type="application/rss+xml")
    slow_feed = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n<rss>" + b" " * 200
    slow_running = trickle(slow_feed, 0.5)
    slow_host, slow_port = next(slow_running)
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as slack:
        db = Path(tmp) / "bench.db"
        open_store(db).close()
        trusted = f"127.0.0.1:{web.port},{slow_host}:{slow_port}"
        process, url = start_serve(db, slack.api_url, trusted)
        try:
            time.sleep(1)
            idle = rss_mb(process.pid)
            peak = idle
            acks: list[float] = []
            admin_acks: list[float] = []
            stop = threading.Event()

            def sample() -> None:
                nonlocal peak
                while not stop.is_set():
                    peak = max(peak, rss_mb(process.pid))
                    time.sleep(0.05)

            def asker() -> None:
                while not stop.is_set():
                    acks.append(ask(url, "who is ICSPA"))
                    time.sleep(0.1)

            threads = [threading.Thread(target=f, daemon=True) for f in (sample, asker)]
            for thread in threads:
                thread.start()
            started = time.perf_counter()
            feeds = [
                (web.url("/endless.ics") + " calendar", "cal"),
                (web.url("/bomb.rss"), "bomb"),
                (f"http://{slow_host}:{slow_port}/slow.rss", "slow"),
            ]
            for feed, name in feeds:
                body = command_body(f"admin feed add {feed}", slack.response_url(name), user=ADMIN)
                took = time.perf_counter()
                status, _ = post(f"{url}/slack/events", body, signed_headers(body))
                admin_acks.append(time.perf_counter() - took)
                assert status == 200, status
            replies = {name: slack.wait_for_response(name, timeout=60) for _, name in feeds}
            answered = time.perf_counter() - started
            stop.set()
            for thread in threads:
                thread.join(timeout=5)
        finally:
            process.terminate()
            process.wait(timeout=10)
            for running in (web_running, slow_running):
                running.close()
    return {
        "idle_mb": idle,
        "peak_mb": peak,
        "over_idle_mb": peak - idle,
        "asks": len(acks),
        "slowest_ack_ms": max(acks + admin_acks) * 1000,
        "polls_answered_s": answered,
        "replies": {n: str(c.body.get("text", ""))[:300] for n, c in replies.items()},
    }


def main() -> int:
    row = run()
    print(json.dumps(row, indent=2, ensure_ascii=False))
    lines = [
        "# Hostile feeds polled inside `bot.py serve` (issue 21)",
        "",
        f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "- command: `python -m bench.hostile_feeds`",
        "",
        "| idle_mb | peak_mb | over_idle_mb | asks | slowest_ack_ms | polls_answered_s |",
        "| --- | --- | --- | --- | --- | --- |",
        "| {idle_mb:.1f} | {peak_mb:.1f} | {over_idle_mb:.1f} | {asks} | {slowest_ack_ms:.1f} "
        "| {polls_answered_s:.1f} |".format(**row),
        "",
        "What the admin was told:",
        "",
        *[f"- {name}: {text}" for name, text in row["replies"].items()],
        "",
    ]
    (Path(__file__).parent / "RESULTS_hostile_feeds.md").write_text("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
