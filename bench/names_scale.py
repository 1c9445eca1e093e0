"""Names at scale as the bot meets them: a fresh process opens a store holding N entities'
names and builds its name index from the ``names`` table, then answers the labelled queries.

    python -m bench.names_scale [--sizes 100000 1000000] [--code PATH]

Prints Markdown rows per size: start (the index built from the table, which also saves it
beside the database; then a second process reading that saved copy), lookup p50/p99, top-1
on the same query mix as bench/matchers.py, and the process's resident memory after start
(``rss_mb``, the number a container limit sees) and at its peak (``peak_mb``), with the
memory of the same process before it built anything (``base_mb``: Python, numpy, rapidfuzz,
sqlite-utils). ``--code`` measures another checkout's matcher (e.g. the commit before a
change) against the same store and queries.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .data import Entry, entries, queries

HERE = Path(__file__).resolve().parent


def _percentile(values: list[float], p: float) -> float:
    """As bench/e2e.py's (not imported: it would import this checkout's cyberbrief)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def make_store(path: Path, size: int) -> list[Entry]:
    """A migrated store whose ``names`` table holds the names of ``size`` generated entities
    (rows as knowledge/names.py writes them; the full-text triggers are dropped so that a
    million rows insert in seconds: they are not what this measures)."""
    import sqlite_utils

    from cyberbrief.knowledge.normalize import norm
    from cyberbrief.store.migrations import migrate

    from .matchers import name_rows

    db = sqlite_utils.Database(path)
    migrate(db)
    for (name,) in db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'names'"
    ).fetchall():
        db.conn.execute(f"DROP TRIGGER {name}")
    pool = entries(size)
    kinds = {e.entity_id: e.kind for e in pool}
    with db.conn:
        db.conn.execute(
            "INSERT INTO changes (at, actor, origin, summary)"
            " VALUES ('2026-11-24T09:00:00+00:00', 'bench', 'bench', 'names')"
        )
        db.conn.executemany(
            "INSERT INTO names (kind, entity_id, text, norm, type) VALUES (?, ?, ?, ?, ?)",
            ((kinds[e], e, text, norm(text), type_) for e, text, type_ in name_rows(pool)),
        )
    db.conn.close()
    return pool


def child(path: Path, asked: Path, code: Path | None) -> None:
    """Runs in a fresh process: start, queries, memory; prints one JSON line."""
    if code is not None:
        sys.path.insert(0, str(code))
    import sqlite_utils

    from cyberbrief.answers.matcher import CONFIDENT, NameIndex

    mix = [(text, expected) for text, expected in json.loads(asked.read_text())]
    base = _status_mb("VmRSS")
    db = sqlite_utils.Database(path)
    saved = Path(f"{path}.names-index").exists()
    start = time.perf_counter()
    index = NameIndex.from_db(db)
    started = time.perf_counter() - start
    rss = _status_mb("VmRSS")
    start_peak = _status_mb("VmHWM")
    times, right = [], 0
    for text, expected in mix:
        t = time.perf_counter()
        found = index.search(text, limit=3)
        times.append(time.perf_counter() - t)
        got = found[0].entity_id if found and found[0].score >= CONFIDENT else None
        right += got == expected
    print(
        json.dumps(
            {
                "start": "saved copy read" if saved else "built from the table",
                "start_s": started,
                "p50_ms": statistics.median(times) * 1000,
                "p99_ms": _percentile(times, 99) * 1000,
                "top1": right / len(mix),
                "base_mb": base,
                "rss_mb": rss,
                "start_peak_mb": start_peak,
                "peak_mb": _status_mb("VmHWM"),
                "after_queries_anon_mb": _status_mb("RssAnon"),
                "after_queries_file_mb": _status_mb("RssFile"),
            }
        )
    )


def measure(path: Path, size: int, asked: Path, code: Path | None) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    args = ["--child", str(path), "--asked", str(asked)]
    args += ["--code", str(code)] if code else []
    ran = subprocess.run(
        [sys.executable, "-m", "bench.names_scale", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    row: dict[str, object] = {"size": size, "code": str(code) if code else "this checkout"}
    row.update(json.loads(ran.stdout.strip().splitlines()[-1]))
    row["load_avg"] = os.getloadavg()[0]
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=600)
    parser.add_argument("--code", type=Path, nargs="*", default=[])
    parser.add_argument("--child", type=Path)
    parser.add_argument("--asked", type=Path)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.asked, args.code[0] if args.code else None)
        return 0
    columns = "size | code | start | start_s | p50_ms | p99_ms | top1 | base_mb | rss_mb"
    columns += " | start_peak_mb | peak_mb"
    print(f"| {columns} | after_queries_anon_mb | after_queries_file_mb | load_avg |", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"names-{size}.db"
            pool = make_store(path, size)
            asked = Path(tmp) / "queries.json"
            mix = queries(pool, args.queries)
            asked.write_text(json.dumps([(q.text, q.expected) for q in mix]))
            del pool, mix
            for code in [None, *args.code]:
                copy = Path(f"{path}.names-index")
                copy.unlink(missing_ok=True)
                for _ in range(1 if code else 2):
                    row = measure(path, size, asked, code)
                    cells = (f"{v:.3g}" if isinstance(v, float) else str(v) for v in row.values())
                    print("| " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
