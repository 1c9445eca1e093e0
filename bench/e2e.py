"""End to end: bulk load, cold start, and signed `/cyber` requests against `bot.py serve`."""

from __future__ import annotations

import concurrent.futures
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from cyberbrief.knowledge.loader import RawRecord, load_records
from cyberbrief.knowledge.seed import open_store
from tests.fake_slack import FakeSlack
from tests.slack_requests import SECRET, command_body, post, signed_headers

from .data import Entry, queries

PROJECT = Path(__file__).resolve().parent.parent


def build_store(path: Path, pool: list[Entry]) -> float:
    """Load ``pool`` through the real loader (one transaction); returns seconds taken."""
    db = open_store(path)  # the bundled pack first, as on a real install
    records = []
    for entry in pool:
        if entry.kind == "person":
            records.append(RawRecord("people", f"#{entry.entity_id}", {"name": entry.name}))
        else:
            data = {"name": entry.name, **({"acronym": entry.acronym} if entry.acronym else {})}
            records.append(RawRecord("organisations", f"#{entry.entity_id}", data))
    start = time.perf_counter()
    load_records(db, records, actor="bench", origin="bench", clock=_now)
    took = time.perf_counter() - start
    db.close()
    return took


def _now() -> Any:
    import datetime as dt

    return dt.datetime.now(dt.UTC)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def serve(db: Path, api_url: str) -> tuple[subprocess.Popen[str], str, float]:
    env = {
        **os.environ,
        "CYBERBRIEF_DB": str(db),
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_API_URL": api_url,  # a loopback fake: Bolt checks its token with auth.test
    }
    env.pop("SLACK_APP_TOKEN", None)
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "bot.py", "serve", "--host", "127.0.0.1", "--port", "0"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if "listening on" not in line:
            raise RuntimeError(f"bot.py serve did not start: {line!r}")
        url = line.split("listening on ", 1)[1].strip().removesuffix("/slack/events")
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.01)
        # The first question builds the answerer's indexes: part of being ready.
        ask(url, "who is ICSPA")
    except BaseException:
        process.kill()
        raise
    return process, url, time.perf_counter() - start


def ask(url: str, text: str) -> float:
    body = command_body(text, "http://127.0.0.1:9/response")
    start = time.perf_counter()
    status, _ = post(f"{url}/slack/events", body, signed_headers(body))
    took = time.perf_counter() - start
    if status != 200:
        raise RuntimeError(f"HTTP {status} for {text!r}")
    return took


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def run(pool: list[Entry], requests: int, clients: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        load_s = build_store(db, pool)
        slack = FakeSlack().__enter__()
        process, url, cold_s = serve(db, slack.api_url)
        try:
            if pool:
                texts = [f"who is {q.text}" for q in queries(pool, requests)]
            else:  # the bundled pack alone
                pack = [
                    "who is ICSPA",
                    "wiliam hauge",
                    "quote Hague",
                    "cost of cybercrime",
                    "events",
                ]
                texts = (pack * requests)[:requests]
            sequential = [ask(url, t) for t in texts]
            start = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(clients) as executor:
                concurrent_times = list(executor.map(lambda t: ask(url, t), texts))
            wall = time.perf_counter() - start
            memory = rss_mb(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=10)
            slack.__exit__()
    return {
        "entries": len(pool),
        "bulk_load_s": load_s,
        "cold_start_s": cold_s,
        "seq_p50_ms": statistics.median(sequential) * 1000,
        "seq_p99_ms": percentile(sequential, 99) * 1000,
        "conc_p50_ms": statistics.median(concurrent_times) * 1000,
        "conc_p99_ms": percentile(concurrent_times, 99) * 1000,
        "conc_rps": len(texts) / wall,
        "clients": clients,
        "rss_mb": memory,
    }
