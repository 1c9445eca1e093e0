"""The issue-18 questions over signed HTTP, each beside the server's own time to answer it:
what the HTTP path adds (waitress, the signature checks, Bolt's dispatch and its wait for the
listener's ack, the reply's blocks) apart from the answer itself.

    python -m bench.answers_http DB [--requests 300] [--passes 1]

DB is a store ``python -m bench.answers --keep DB`` loaded (100k facts and 100k quotes). Starts
``bot.py serve`` on it (a loopback fake Slack, as ``bench.answers`` does), waits for the
vectors to be read, then asks the bench's questions in turn. Per pass it prints the HTTP time
p50 / p99, the answer time the server recorded in its answer log (``millis``, whole ms, the
answer alone) p50 / p99, their difference per question p50 / p99 / max, and the server
process's CPU per request (user + system, from /proc: Linux only), then the five slowest
requests. The answer log must be on (the default); each request adds an entry to DB's log.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from bench import answers as generated
from bench.e2e import ask, percentile, serve
from tests.fake_slack import FakeSlack

SETTLE_S = 12.0
"""Seconds for ``serve`` to read 200k stored vectors in the background before timing starts."""


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def logged_millis(db: Path, since: str) -> dict[str, int]:
    """The answer time recorded for each question asked since ``since`` (the newest wins)."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT question, millis FROM answer_log WHERE asked_at >= ? ORDER BY asked_at",
            (since,),
        ).fetchall()
    finally:
        con.close()
    return {str(q): int(m) for q, m in rows}


def _cell(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} / {percentile(values, 99):.1f}"


def one_pass(db: Path, url: str, pid: int, asked: list[str]) -> None:
    since = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    started = cpu_seconds(pid)
    times = [ask(url, text) * 1000 for text in asked]
    cpu_ms = (cpu_seconds(pid) - started) / len(asked) * 1000
    time.sleep(0.5)  # the last entry is written just after its reply
    millis = logged_millis(db, since)
    answered = [float(millis.get(text, 0)) for text in asked]
    gaps = [t - m for t, m in zip(times, answered, strict=True)]
    print(
        f"| {_cell(times)} | {_cell(answered)} | {_cell(gaps)} / {max(gaps):.1f} "
        f"| {cpu_ms:.1f} | {len(millis)}/{len(asked)} |",
        flush=True,
    )
    for took, text in sorted(zip(times, asked, strict=True), reverse=True)[:5]:
        print(f"    {took:7.1f} ms http, {millis.get(text, 0):4d} ms answer: {text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--passes", type=int, default=1)
    args = parser.parse_args(argv)
    if not args.db.exists():
        parser.error(f"no store at {args.db}: load one with python -m bench.answers --keep")
    asked = generated.questions(generated.records(100_000, 100_000)[1], args.requests)
    with FakeSlack() as slack:
        process, url, _ = serve(args.db, slack.api_url)
        try:
            time.sleep(SETTLE_S)
            ask(url, asked[0])
            print(
                "| http p50 / p99 ms | answer p50 / p99 ms | http - answer p50 / p99 / max ms "
                "| server CPU ms a request | logged |"
            )
            for _ in range(args.passes):
                one_pass(args.db, url, process.pid, asked)
        finally:
            process.terminate()
            process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
