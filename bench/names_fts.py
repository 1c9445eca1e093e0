"""Names at scale: candidate generation by SQLite FTS5's trigram tokenizer (on disk) against
the in-memory trigram index, both re-scored by the same rapidfuzz rules.

    python -m bench.names_fts [--sizes 100000 1000000] [--queries 600]

Prints one Markdown row per size and method: p50/p99 lookup, top-1 accuracy on the labelled
query mix, build seconds, and memory (resident growth of this process; the FTS index lives
in the database file, whose size is shown too).
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from cyberbrief.answers.matcher import CONFIDENT
from cyberbrief.knowledge.normalize import norm

from .data import entries, queries
from .e2e import percentile
from .matchers import cyberbrief, name_rows
from .run import rss_mb

CANDIDATES = 3000
RAREST = 5
COMMON_SHARE = 0.05


class FtsTrigramNames:
    """Names in an FTS5 trigram table; candidates are the names sharing the rarest trigrams."""

    def __init__(self, path: Path, rows: list[tuple[int, str, str]]) -> None:
        self.conn = sqlite3.connect(path)
        self.conn.executescript(
            "CREATE TABLE names (id INTEGER PRIMARY KEY, entity_id INTEGER, norm TEXT);"
            "CREATE VIRTUAL TABLE names_tri USING fts5(norm, content='names',"
            " content_rowid='id', tokenize='trigram', detail='none');"
            "CREATE VIRTUAL TABLE names_tri_vocab USING fts5vocab(names_tri, 'row');"
        )
        with self.conn:
            self.conn.executemany(
                "INSERT INTO names (id, entity_id, norm) VALUES (?, ?, ?)",
                ((i, e, norm(t)) for i, (e, t, _) in enumerate(rows, 1)),
            )
            self.conn.execute("INSERT INTO names_tri (rowid, norm) SELECT id, norm FROM names")
        self.total = len(rows)

    def lookup(self, query: str) -> int | None:
        text = norm(query)
        padded = text if len(text) >= 3 else ""
        grams = sorted({padded[i : i + 3] for i in range(len(padded) - 2)})
        if not grams:
            return None
        marks = ", ".join("?" for _ in grams)
        counts = dict(
            self.conn.execute(
                f"SELECT term, doc FROM names_tri_vocab WHERE term IN ({marks})", grams
            ).fetchall()
        )
        known = sorted((g for g in grams if counts.get(g)), key=lambda g: counts[g])
        rare = [g for g in known if counts[g] <= self.total * COMMON_SHARE] or known[:3]
        if not rare:
            return None
        # The rarest trigrams' postings, unranked (bm25 over OR-ed trigram lists is what
        # makes a ranked query slow); rapidfuzz ranks the union.
        expression = " OR ".join('"' + g.replace('"', '""') + '"' for g in rare[:RAREST])
        rows = self.conn.execute(
            "SELECT n.entity_id, n.norm FROM names_tri JOIN names n ON n.id = names_tri.rowid"
            " WHERE names_tri MATCH ? LIMIT ?",
            (expression, CANDIDATES),
        ).fetchall()
        if not rows:
            return None
        found = process.extractOne(
            text, [r[1] for r in rows], scorer=fuzz.WRatio, score_cutoff=CONFIDENT
        )
        return rows[found[2]][0] if found else None


def measure(size: int, n_queries: int) -> list[dict[str, object]]:
    pool = entries(size)
    asked = queries(pool, n_queries)
    rows = name_rows(pool)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for method in ("cyberbrief trigram index (in memory)", "FTS5 trigram (on disk)"):
            gc.collect()
            before = rss_mb()
            start = time.perf_counter()
            if method.startswith("FTS5"):
                lookup = FtsTrigramNames(Path(tmp) / "names.db", rows).lookup
            else:
                lookup = cyberbrief(pool)
            build = time.perf_counter() - start
            times = []
            right = 0
            for q in asked:
                t = time.perf_counter()
                got = lookup(q.text)
                times.append(time.perf_counter() - t)
                right += got == q.expected
            db_file = Path(tmp) / "names.db"
            results.append(
                {
                    "size": size,
                    "method": method,
                    "p50_ms": statistics.median(times) * 1000,
                    "p99_ms": percentile(times, 99) * 1000,
                    "top1": right / len(asked),
                    "build_s": build,
                    "rss_growth_mb": rss_mb() - before,
                    "db_mb": db_file.stat().st_size / 1e6 if method.startswith("FTS5") else 0.0,
                }
            )
            del lookup
    return results


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=600)
    args = parser.parse_args(argv)
    for size in args.sizes:
        for row in measure(size, args.queries):
            cells = (
                f"{v:.3g}" if isinstance(v, float) else f"{v:,}" if isinstance(v, int) else str(v)
                for v in row.values()
            )
            print("| " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
