"""Fact, quote and why questions at scale: FTS5 (+ meaning) with 100k facts and 100k quotes.

    python -m bench.answers [--facts 100000] [--quotes 100000] [--requests 300]

Loads generated facts and quotes (realistic length and word frequencies, speakers from a pool
of people) through the real loader in one transaction, then measures: the load, `bot.py ask`
as a process, the first answer after start and after a load, and fact/quote/why questions
over signed HTTP into `bot.py serve` (p50/p99, RSS). Prints one Markdown table row per run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import itertools
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from cyberbrief.knowledge.loader import RawRecord, load_records
from cyberbrief.knowledge.seed import open_store
from tests.fake_slack import FakeSlack

from .e2e import PROJECT, ask, percentile, rss_mb, serve

COMMON = (
    "cyber security attack network government policy international agreement national "
    "threat data crime law cooperation internet states countries officials warned report "
    "systems infrastructure defence intelligence agency minister talks framework"
).split()


def _vocabulary(rnd: random.Random, size: int = 6000) -> list[str]:
    letters = "abcdefghiklmnoprstuvw"
    words = {"".join(rnd.choice(letters) for _ in range(rnd.randint(4, 10))) for _ in range(size)}
    return sorted(words)


def _sentence(rnd: random.Random, vocabulary: list[str], length: int) -> str:
    """Zipf-distributed words (rank r drawn with weight 1 / (r + 10)), a third of them the
    common policy words every record in a cyber store shares."""
    common = rnd.choices(COMMON, k=length // 3)
    words = rnd.choices(vocabulary, cum_weights=_zipf(len(vocabulary)), k=length - len(common))
    mixed = common + words
    rnd.shuffle(mixed)
    return " ".join(mixed).capitalize() + "."


@functools.cache
def _zipf(size: int) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 10) for rank in range(size)))


def records(facts: int, quotes: int, seed: int = 7) -> tuple[list[RawRecord], list[str]]:
    """Generated records, and sample texts to ask about (taken from them)."""
    rnd = random.Random(seed)
    vocabulary = _vocabulary(rnd)
    people = [
        f"Speaker {w.capitalize()} {rnd.choice(vocabulary).capitalize()}" for w in vocabulary[:2000]
    ]
    out = [RawRecord("sources", "#s", {"key": "bench", "title": "Bench source"})]
    out += [
        RawRecord("people", f"#p{i}", {"name": n, "role": "Official"}) for i, n in enumerate(people)
    ]
    texts = []
    for i in range(facts):
        text = _sentence(rnd, vocabulary, rnd.randint(14, 28))
        out.append(RawRecord("facts", f"#f{i}", {"text": text, "source": "bench"}))
        texts.append(text)
    for i in range(quotes):
        text = _sentence(rnd, vocabulary, rnd.randint(12, 40))
        data = {"text": text, "speaker": rnd.choice(people), "source": "bench"}
        out.append(RawRecord("quotes", f"#q{i}", data))
        texts.append(text)
    return out, texts


def questions(texts: list[str], count: int, seed: int = 3) -> list[str]:
    """Fact, quote and why questions made from stored texts, and some the store cannot answer."""
    rnd = random.Random(seed)
    asked = []
    for i in range(count):
        words = [w.strip(".").lower() for w in rnd.choice(texts).split()]
        some = rnd.sample(words, min(4, len(words)))
        asked.append(
            [
                f"why {' '.join(some)}",
                f"who said {' '.join(words[2:7])}",
                f"how many {' '.join(some)}",
                f"what is the {rnd.choice(COMMON)} of zzqx{i}",
            ][i % 4]
        )
    return asked


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def ask_process(db: Path, text: str) -> float:
    env = {**os.environ, "CYBERBRIEF_DB": str(db)}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "bot.py", "ask", text], cwd=PROJECT, env=env, capture_output=True
    )
    return time.perf_counter() - start


def run(facts: int, quotes: int, requests: int, keep: Path | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db_path = keep or Path(tmp) / "bench.db"
        recs, texts = records(facts, quotes)
        load_s = None
        if not db_path.exists():  # a kept database from an earlier run is measured again
            db = open_store(db_path)
            start = time.perf_counter()
            load_records(db, recs, actor="bench", origin="bench", clock=_now)
            load_s = time.perf_counter() - start
            db.close()
        asked = questions(texts, requests)
        ask_s = [ask_process(db_path, q) for q in (asked[0], asked[1], "who is ICSPA")]
        slack = FakeSlack().__enter__()
        process, url, cold_s = serve(db_path, slack.api_url)
        try:
            first_s = ask(url, asked[0])
            times = [ask(url, q) for q in asked]
            extra = open_store(db_path, seed=False)
            load_records(
                extra,
                [
                    RawRecord(
                        "facts",
                        "#new",
                        {"text": f"A fact loaded while serving ({_now()}).", "source": "bench"},
                    )
                ],
                actor="bench",
                origin="bench",
                clock=_now,
            )
            extra.close()
            after_load_s = ask(url, asked[2])
            memory = rss_mb(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=10)
            slack.__exit__()
        size_mb = db_path.stat().st_size / 1e6
    return {
        "facts": facts,
        "quotes": quotes,
        "load_s": load_s,
        "db_mb": size_mb,
        "ask_why_s": ask_s[0],
        "ask_quote_s": ask_s[1],
        "ask_name_s": ask_s[2],
        "cold_start_s": cold_s,
        "first_answer_s": first_s,
        "after_load_s": after_load_s,
        "p50_ms": statistics.median(times) * 1000,
        "p99_ms": percentile(times, 99) * 1000,
        "rss_mb": memory,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument(
        "--keep", type=Path, help="database file to load once and reuse (same sizes each run)"
    )
    args = parser.parse_args(argv)
    row = run(args.facts, args.quotes, args.requests, args.keep)
    print("| " + " | ".join(row) + " |")
    print(
        "| "
        + " | ".join(
            f"{v:.3g}" if isinstance(v, float) else "" if v is None else f"{v:,}"
            for v in row.values()
        )
        + " |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
