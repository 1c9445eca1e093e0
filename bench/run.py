"""`python -m bench.run [--quick]`: measure, print, and write bench/RESULTS.md and a plot.

Every matcher runs on the same names and queries in the same process, one after another, so
their ratios hold even on a noisy machine. Slow baselines are time-boxed per store size and
say how many queries they managed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from . import e2e, fanout
from .data import entries, queries
from .matchers import MATCHERS

HERE = Path(__file__).resolve().parent
TARGETS = {
    "lookup p99 at 100k": "<= 5 ms",
    "lookup p99 at 1M": "<= 25 ms",
    "HTTP p99 at 100k": "<= 50 ms",
    "cold start, bundled pack": "<= 1.5 s",
    "cold start at 100k": "<= 5 s",
    "bulk load of 100k": "<= 30 s",
    "RSS at 100k": "<= 300 MB",
}


def rss_mb() -> float:
    return e2e.rss_mb(os.getpid())


def bench_matchers(sizes: list[int], n_queries: int, budget_s: float) -> list[dict[str, Any]]:
    rows = []
    for size in sizes:
        pool = entries(size)
        mix = queries(pool, n_queries)
        for name, factory in MATCHERS.items():
            try:
                gc.collect()
                before = rss_mb()
                start = time.perf_counter()
                lookup = factory(pool)
                build = time.perf_counter() - start
                memory = rss_mb() - before
            except ImportError:
                continue
            times, right, asked = [], 0, 0
            deadline = time.perf_counter() + budget_s
            for q in mix:
                t0 = time.perf_counter()
                got = lookup(q.text)
                times.append(time.perf_counter() - t0)
                right += got == q.expected
                asked += 1
                if time.perf_counter() > deadline and asked >= 12:
                    break
            rows.append(
                {
                    "size": size,
                    "matcher": name,
                    "queries": asked,
                    "p50_ms": statistics.median(times) * 1000,
                    "p99_ms": e2e.percentile(times, 99) * 1000,
                    "top1": right / asked,
                    "build_s": build,
                    "memory_mb": memory,
                }
            )
            print(json.dumps(rows[-1]), flush=True)
            del lookup
    return rows


def plot(rows: list[dict[str, Any]], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for matcher in dict.fromkeys(r["matcher"] for r in rows):
        points = [(r["size"], r["p99_ms"]) for r in rows if r["matcher"] == matcher]
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=matcher)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("names in the store (entries)")
    ax.set_ylabel("lookup p99 (ms)")
    ax.set_title("Lookup latency against store size")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    return True


def table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    def cell(value: Any) -> str:
        if isinstance(value, float):
            return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
        return f"{value:,}" if isinstance(value, int) else str(value)

    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(cell(r.get(c, "")) for c in columns) + " |" for r in rows]
    return "\n".join(lines)


KEPT_FROM = "## Answers at scale"


def header(quick: bool) -> list[str]:
    """What was run, when and on what machine."""
    cpu = platform.processor() or platform.machine()
    return [
        f"# Benchmark results{' (quick mode)' if quick else ''}",
        "",
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        f"- command: `make {'bench-quick' if quick else 'bench'}` (`python -m bench.run"
        f"{' --quick' if quick else ''}`)",
        "",
    ]


def lookup_section(quick: bool, matchers: list[dict[str, Any]], plotted: bool) -> list[str]:
    text = [
        "## Lookup: this project's matcher against the baselines",
        "",
        "Same names and query mix (exact, typos, partial names, acronyms, nonsense) for every"
        " matcher. top-1 counts a nonsense query as right when no confident answer is given."
        " Slow baselines are time-boxed: `queries` says how many they answered.",
        "",
        table(
            matchers,
            ["size", "matcher", "queries", "p50_ms", "p99_ms", "top1", "build_s", "memory_mb"],
        ),
        "",
    ]
    if plotted:
        image = "latency-quick.png" if quick else "latency.png"
        text += [f"![lookup p99 against store size]({image})", ""]
    return text


def end_to_end_section(ends: list[dict[str, Any]]) -> list[str]:
    return [
        "## End to end: signed `/cyber` requests into `bot.py serve`",
        "",
        "`entries` beyond the bundled pack; bulk load through the real loader in one transaction;"
        " cold start from process launch to the first answered question.",
        "",
        table(
            ends,
            [
                "entries",
                "bulk_load_s",
                "cold_start_s",
                "seq_p50_ms",
                "seq_p99_ms",
                "conc_p50_ms",
                "conc_p99_ms",
                "conc_rps",
                "clients",
                "rss_mb",
            ],
        ),
        "",
    ]


def fanout_section(fans: list[dict[str, Any]]) -> list[str]:
    return [
        "## Digest fan-out",
        "",
        "Real HTTP to a fake Slack (one message per second per channel; random 429 and 503"
        " answers) and real SQLite; pacing and Retry-After waits are virtual, so `work_s` is the"
        " machine's time and `virtual_wait_s` the waiting it implies. `pacing_floor_s` is"
        " channels × the scheduler's post interval.",
        "",
        table(
            fans,
            [
                "channels",
                "work_s",
                "virtual_wait_s",
                "pacing_floor_s",
                "passes",
                "injected_429",
                "injected_5xx",
                "duplicates",
                "lost",
            ],
        ),
        "",
    ]


def write_results(
    quick: bool,
    matchers: list[dict[str, Any]],
    ends: list[dict[str, Any]],
    fans: list[dict[str, Any]],
    plotted: bool,
) -> Path:
    name = "RESULTS-quick.md" if quick else "RESULTS.md"
    path = HERE / name
    text = [
        *header(quick),
        *lookup_section(quick, matchers, plotted),
        *end_to_end_section(ends),
        *fanout_section(fans),
        "## Targets",
        "",
        *[f"- {k}: {v}" for k, v in TARGETS.items()],
        "",
    ]
    # Sections measured by other scripts (bench/answers.py, bench/names_fts.py) are kept.
    kept = ""
    if path.exists():
        previous = path.read_text(encoding="utf-8")
        if KEPT_FROM in previous:
            kept = "\n" + previous[previous.index(KEPT_FROM) :]
    path.write_text("\n".join(text) + kept, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes; under a minute")
    args = parser.parse_args(argv)
    if args.quick:
        sizes, n_queries, budget = [1_000, 10_000], 120, 3.0
        e2e_sizes, requests, channels = [0, 10_000], 60, [200]
    else:
        sizes, n_queries, budget = [1_000, 10_000, 100_000, 1_000_000], 600, 20.0
        e2e_sizes, requests, channels = [0, 100_000], 400, [1_000, 10_000]
    matchers = bench_matchers(sizes, n_queries, budget)
    plotted = plot(matchers, HERE / ("latency-quick.png" if args.quick else "latency.png"))
    ends = []
    for size in e2e_sizes:
        ends.append(e2e.run(entries(size, seed=5) if size else [], requests, clients=8))
        print(json.dumps(ends[-1]), flush=True)
    fans = []
    for count in channels:
        fans.append(fanout.run(count))
        print(json.dumps(fans[-1]), flush=True)
    path = write_results(args.quick, matchers, ends, fans, plotted)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
