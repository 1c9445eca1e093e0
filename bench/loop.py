"""The learning loop's costs (issue 19): answering over signed HTTP with the answer log on and
off, and the knowledge-gaps view over a large answer log.

    .venv/bin/python -m bench.loop --quick          # 1,000 entities, 200 requests, 10k entries
    .venv/bin/python -m bench.loop --entities 100000 --requests 2000 --log 100000
    .venv/bin/python -m bench.answers --keep /tmp/answers.db     # then, on its 100k + 100k:
    .venv/bin/python -m bench.loop --store /tmp/answers.db --requests 2000 --rounds 2 --skip-gaps

Recording happens after the ack, so it cannot lengthen the ack itself; what it can cost is
CPU and a write lock shared with the next answers, which the side-by-side p99 shows. On a
shared machine the gaps view's CPU seconds are the steadier figure (wall time includes
waiting for a core).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from cyberbrief.answers import gaps
from cyberbrief.answers.answer_log import AnswerEntry, record_answer
from cyberbrief.answers.answerer import Answerer
from cyberbrief.knowledge.embedding import shared_model
from cyberbrief.knowledge.seed import open_store
from cyberbrief.store.connection import transaction
from tests.fake_slack import FakeSlack
from tests.slack_requests import SECRET

from . import answers as answers_bench
from .data import entries, queries
from .e2e import ask, build_store, percentile

PROJECT = Path(__file__).resolve().parent.parent
NOW = dt.datetime.now(dt.UTC)


def _serve(db: Path, api_url: str, log_days: str) -> tuple[subprocess.Popen[str], str]:
    env = {
        **os.environ,
        "CYBERBRIEF_DB": str(db),
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_API_URL": api_url,
        "CYBERBRIEF_ANSWER_LOG_DAYS": log_days,
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
    url = line.split("listening on ", 1)[1].strip().removesuffix("/slack/events")
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1):
                break
        except OSError:
            time.sleep(0.01)
    ask(url, "who is ICSPA")  # builds the indexes
    return process, url


def recording_cost(
    entity_count: int, requests: int, store: Path | None = None, rounds: int = 1
) -> list[dict[str, object]]:
    """Answer p50/p99 (ms, signed HTTP, sequential) with the log on, then off, ``rounds``
    times on the same store. ``store``: a database kept by ``bench.answers --keep`` (100k
    facts and 100k quotes by default), asked its fact, quote and why questions, instead of
    ``entity_count`` generated names asked "who is"."""
    if store is not None:
        facts = quotes = 100_000
        texts = answers_bench.questions(answers_bench.records(facts, quotes)[1], requests)
        size = f"{facts:,} facts + {quotes:,} quotes"
    else:
        pool = entries(entity_count)
        texts = [f"who is {q.text}" for q in queries(pool, requests)]
        size = f"{entity_count:,} entities"
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as slack:
        db = store or Path(tmp) / "bench.db"
        if store is None:
            build_store(db, pool)
        for _ in range(rounds):
            for label, days in (("on (90 days)", "90"), ("off (0)", "0")):
                load = os.getloadavg()[0]
                process, url = _serve(db, slack.api_url, days)
                try:
                    times = [ask(url, t) * 1000 for t in texts]
                finally:
                    process.terminate()
                    process.wait(timeout=10)
                rows.append(
                    {
                        "answer log": label,
                        "store": size,
                        "requests": requests,
                        "p50 ms": round(percentile(times, 50), 2),
                        "p99 ms": round(percentile(times, 99), 2),
                        "load avg": f"{load:.1f}-{os.getloadavg()[0]:.1f}",
                    }
                )
    return rows


WORDS = (
    "treaty budget head director minister agency strategy attack norms ransomware election "
    "sanctions cable satellite botnet espionage encryption export talks summit pledge"
).split()
NAMES = "Zorblax Quentin Varda Ostrava Kelvane Morrow Dalit Seraph Tolland Brix".split()


def _question(rnd: random.Random) -> str:
    """A question about a made-up name, in one of a few phrasings (rephrasings group)."""
    name, word = rnd.choice(NAMES) + str(rnd.randrange(300)), rnd.choice(WORDS)
    form = rnd.randrange(3)
    if form == 0:
        return f"what is the {word} of {name}"
    if form == 1:
        return f"{name} {word}?"
    return f"tell me about the {word} of {name}"


def gaps_view(log_entries: int) -> dict[str, object]:
    """Seconds to group and rank the gaps of ``log_entries`` logged answers (30 % refused,
    5 % voted Not helpful), and to add the closest record to the first ten."""
    rnd = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_store(Path(tmp) / "bench.db")
        with transaction(db):
            for number in range(log_entries):
                at = (NOW - dt.timedelta(minutes=rnd.randrange(60 * 24 * 40))).isoformat(
                    timespec="seconds"
                )
                roll = rnd.random()
                outcome = "refused" if roll < 0.3 else "answered"
                question = _question(rnd) if roll < 0.35 else f"who is ICSPA {number % 50}"
                answer_id = record_answer(
                    db, AnswerEntry(at, "command", "channel", question, outcome)
                )
                if 0.3 <= roll < 0.35 and answer_id is not None:
                    db.conn.execute(
                        "INSERT INTO answer_votes (answer_id, voter, helpful, at) "
                        "VALUES (?, ?, 0, ?)",
                        (answer_id, f"h:{number}", at),
                    )
        model = shared_model()
        start, cpu = time.perf_counter(), time.process_time()
        found = gaps.collect(db, NOW, model=model)
        collect_s = time.perf_counter() - start
        collect_cpu = time.process_time() - cpu
        answerer = Answerer(db, today=lambda: NOW.date())
        start = time.perf_counter()
        gaps.with_closest(gaps.open_gaps(found), answerer.answer, 10)
        closest_s = time.perf_counter() - start
        db.close()
    return {
        "log entries": log_entries,
        "gaps": len(found),
        "group and rank s": round(collect_s, 3),
        "of it CPU s": round(collect_cpu, 3),
        "closest for 10 s": round(closest_s, 3),
    }


def table(rows: list[dict[str, object]]) -> str:
    columns = list(rows[0])
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(str(row[c]) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--log", type=int, default=100_000)
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-gaps", action="store_true")
    parser.add_argument(
        "--store", type=Path, help="a database kept by bench.answers --keep (facts and quotes)"
    )
    parser.add_argument("--rounds", type=int, default=1, help="on/off pairs, alternated")
    args = parser.parse_args(argv)
    if args.quick:
        args.entities, args.requests, args.log = 1000, 200, 10_000
    if not args.skip_http:
        print(table(recording_cost(args.entities, args.requests, args.store, args.rounds)))
        print()
    if not args.skip_gaps:
        print(table([gaps_view(args.log)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
