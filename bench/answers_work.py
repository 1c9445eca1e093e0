"""The issue-18 questions answered in one process, counting the work each does instead of
timing it: the same on a loaded machine as on a quiet one, so two commits compare exactly.

    python -m bench.answers_work DB [--requests 300]

DB is a store ``python -m bench.answers --keep DB`` loaded (100k facts and 100k quotes); the
questions are that bench's own (why, who said, how many, unanswerable, in turn). Per kind of
question it prints the mean number of SQL statements the answer runs (its own, not FTS5's),
how many of them repeat one already run for the same question, and how many records FTS5
ranked by bm25 (each a read of ``search_docsize``: 1-1.5 us apiece, the most of a search's
time). Runs against any checkout whose ``bench.answers`` makes the same questions (from the
clone to measure: ``cd CLONE && python -m bench.answers_work DB``; an older clone without this
file: ``PYTHONPATH=. python path/to/answers_work.py DB`` with CLONE as the working directory).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from bench import answers as generated
from cyberbrief.slack.services import Services
from cyberbrief.store.connection import Store

KINDS = ("why", "who said", "how many", "unanswerable")
"""The kinds ``bench.answers.questions`` makes, in the order it cycles through them."""


def _warm(store: Store) -> Services:
    """The services as ``bot.py serve`` makes them, with the model and vectors loaded (older
    code loads in the background without a handle to wait on)."""
    services = Services.create(store, lambda: dt.datetime.now(dt.UTC))
    warming = getattr(services, "warming", None)
    if warming is not None:
        warming.join()
    else:
        time.sleep(8)
    services.answer("who is ICSPA")
    return services


class Work:
    """What one answer ran, from SQLite's trace of every statement (FTS5's own start "--")."""

    def __init__(self) -> None:
        self.statements: Counter[str] = Counter()
        self.ranked = 0

    def __call__(self, sql: str) -> None:
        if sql.startswith("--"):
            self.ranked += "search_docsize" in sql
        elif not sql.startswith(("SAVEPOINT", "RELEASE")):  # sqlite-utils' own, around each
            self.statements[sql] += 1

    @property
    def repeated(self) -> int:
        return sum(n - 1 for n in self.statements.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args(argv)
    if not args.db.exists():
        parser.error(f"no store at {args.db}: load one with python -m bench.answers --keep")
    asked = generated.questions(generated.records(100_000, 100_000)[1], args.requests)
    services = _warm(Store(args.db))
    by_kind: dict[str, list[Work]] = {k: [] for k in KINDS}
    for i, text in enumerate(asked):
        work = Work()
        with services.store.read() as db:
            db.conn.set_trace_callback(work)
            try:
                services.answerer.over(db).answer(text)
            finally:
                db.conn.set_trace_callback(None)
        by_kind[KINDS[i % len(KINDS)]].append(work)
    every = [w for works in by_kind.values() for w in works]
    print("| statements / repeated / bm25 rows a question | all | " + " | ".join(KINDS) + " |")
    cells = [_cell(every), *(_cell(by_kind[k]) for k in KINDS)]
    print("| (mean) | " + " | ".join(cells) + " |")
    return 0


def _cell(works: list[Work]) -> str:
    statements = statistics.mean(sum(w.statements.values()) for w in works)
    repeated = statistics.mean(w.repeated for w in works)
    ranked = statistics.mean(w.ranked for w in works)
    return f"{statements:.1f} / {repeated:.1f} / {ranked:.0f}"


if __name__ == "__main__":
    sys.exit(main())
