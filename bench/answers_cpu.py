"""The issue-18 questions answered in one process: CPU time per answer by kind of question.

    python -m bench.answers_cpu DB [--requests 300] [--passes 2] [--profile OUT] [--slowest N]
        [--logged]

DB is a store ``python -m bench.answers --keep DB`` loaded (100k facts and 100k quotes); the
questions are that bench's own (why, who said, how many, unanswerable, in turn). Each answer is
timed by the answering thread's CPU time (``time.thread_time``), which other processes on a
shared, loaded machine disturb far less than wall time does; the vectors are read and the
model loaded first, as ``bot.py serve`` does at start. Prints, per pass, p50 / p99 CPU ms over
all questions and by kind, and how many were refused; ``--slowest N``: the last pass's N
slowest questions (the tail: the slowest 2 % of 300 is 6). ``--profile``: one more pass under
cProfile (CPU time; it is not timed), its top functions by own and cumulative time to OUT.
The last column: the CPU of the garbage collector's full collections in the pass (total: how
many, the longest), each landing on one question; the services are made as ``bot.py serve``
makes them (``long_lived``: start-up objects frozen once warm, when the code has it).

Runs against any checkout whose ``bench.answers`` makes the same questions: from the clone to
measure, ``cd CLONE && python -m bench.answers_cpu DB`` (an older clone without this file:
``PYTHONPATH=CLONE python path/to/answers_cpu.py DB`` with CLONE as the working directory).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import pstats
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from bench import answers as generated
from bench.e2e import percentile
from cyberbrief.slack.services import Services
from cyberbrief.store.connection import Store

KINDS = ("why", "who said", "how many", "unanswerable")
"""The kinds ``bench.answers.questions`` makes, in the order it cycles through them."""


def _services(store: Store) -> Services:
    """The services as ``bot.py serve`` makes them: start-up objects frozen once warm (older
    code has no such option)."""
    clock = lambda: dt.datetime.now(dt.UTC)  # noqa: E731
    try:
        return Services.create(store, clock, long_lived=True)  # type: ignore[call-arg, unused-ignore]
    except TypeError:
        return Services.create(store, clock)


class Collections:
    """The CPU the garbage collector's full (generation 2) collections took in the block,
    and the longest: each lands on the one question that triggered it."""

    def __init__(self) -> None:
        self.taken: list[float] = []
        self._started = 0.0

    def _note(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.thread_time()
        else:
            self.taken.append((time.thread_time() - self._started) * 1000)

    def __enter__(self) -> Collections:
        gc.callbacks.append(self._note)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self._note)

    def __str__(self) -> str:
        return f"{sum(self.taken):.1f}: {len(self.taken)}, {max(self.taken, default=0.0):.1f}"


def _warm(services: Services) -> None:
    warming = getattr(services, "warming", None)
    if warming is not None:
        warming.join()
    else:  # older code loads in the background without a handle
        time.sleep(8)
    services.answer("who is ICSPA")


def one_pass(
    services: Services,
    asked: list[str],
    each: dict[str, float] | None = None,
    logged: Services | None = None,
) -> tuple[dict[str, list[float]], int]:
    """CPU ms per answer by kind, and how many answers were not FOUND; ``each`` gets every
    question's CPU ms. ``logged``: each answer is recorded in the answer log after it through
    these services' own connection (not timed), as ``bot.py serve`` does after the ack: the
    store changes between questions, so every answer starts with SQLite's page cache emptied,
    as over HTTP."""
    by_kind: dict[str, list[float]] = {k: [] for k in KINDS}
    refused = 0
    for i, text in enumerate(asked):
        started = time.thread_time()
        answer = services.answer(text)
        took = (time.thread_time() - started) * 1000
        by_kind[KINDS[i % len(KINDS)]].append(took)
        if each is not None:
            each[text] = took
        refused += answer.status.name != "FOUND"
        if logged is not None:
            from cyberbrief.answers import answer_log  # not in the code before issue 19

            logged.record(
                answer,
                question=text,
                surface="command",
                channel_kind="channel",
                millis=took,
                answer_id=answer_log.new_answer_id(),
            )
    return by_kind, refused


def _cell(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} / {percentile(values, 99):.1f}"


def row(by_kind: dict[str, list[float]], refused: int) -> str:
    """One Markdown row: all, then each kind (p50 / p99 CPU ms), then refused."""
    every = [v for values in by_kind.values() for v in values]
    cells = [_cell(every), *(_cell(by_kind[k]) for k in KINDS), f"{refused}/{len(every)}"]
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--profile", type=Path, help="profile one more pass into this file")
    parser.add_argument(
        "--logged",
        action="store_true",
        help="record each answer in DB's answer log after it, as the server does",
    )
    parser.add_argument(
        "--slowest",
        type=int,
        default=0,
        help="list this many questions of the last pass, slowest first",
    )
    args = parser.parse_args(argv)
    if not args.db.exists():
        parser.error(f"no store at {args.db}: load one with python -m bench.answers --keep")
    texts = generated.records(100_000, 100_000)[1]
    asked = generated.questions(texts, args.requests)
    services = _services(Store(args.db))
    _warm(services)
    print("| all | " + " | ".join(KINDS) + " | refused | collector CPU ms: full collections, max |")
    each: dict[str, float] = {}
    logged = replace(services, store=Store(args.db)) if args.logged else None
    for number in range(1, args.passes + 1):
        with Collections() as collections:
            cells = row(*one_pass(services, asked, each, logged))
        print(cells, f"{collections} |", f"(pass {number})", flush=True)
    for text, took in sorted(each.items(), key=lambda tq: -tq[1])[: args.slowest]:
        print(f"{took:7.1f} ms  {text}")
    if args.profile:
        profiler = cProfile.Profile(time.thread_time)
        profiler.runcall(one_pass, services, asked, None, logged)
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(40)
        stats.sort_stats("cumulative").print_stats(60)
        args.profile.write_text(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
