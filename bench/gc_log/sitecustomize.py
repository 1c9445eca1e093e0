"""The garbage collector's collections in every Python process started with this directory
first on ``PYTHONPATH`` and ``GCLOG`` set: at exit, ``GCLOG.<pid>`` gets how many collections
of each generation ran, their CPU (the collecting thread's) and, for the full ones, when
(seconds after start) and how many objects were frozen then (``gc.freeze``).

    GCLOG=/tmp/gc PYTHONPATH=bench/gc_log:. python -m bench.answers_http DB

(the server ``bench.answers_http`` starts inherits both: one file per process). Measurement
only: nothing of the bot imports it.
"""

from __future__ import annotations

import atexit
import gc
import os
import time

_PATH = os.environ.get("GCLOG")
_STARTED = time.monotonic()
_taken: list[tuple[int, float]] = []
_full: list[tuple[float, int, float]] = []
_began = [0.0]


def _note(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _began[0] = time.thread_time()
        return
    cpu = (time.thread_time() - _began[0]) * 1000
    _taken.append((info["generation"], cpu))
    if info["generation"] == 2:
        _full.append((time.monotonic() - _STARTED, gc.get_freeze_count(), cpu))


def _write() -> None:
    lines = [f"frozen at exit: {gc.get_freeze_count()}"]
    for generation in range(3):
        cpus = [cpu for g, cpu in _taken if g == generation]
        lines.append(
            f"generation {generation}: {len(cpus)} collections, CPU {sum(cpus):.1f} ms, "
            f"longest {max(cpus, default=0.0):.1f} ms"
        )
    lines += [f"full at {at:.1f} s, {frozen} frozen: {cpu:.1f} ms" for at, frozen, cpu in _full]
    with open(f"{_PATH}.{os.getpid()}", "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


if _PATH:
    gc.callbacks.append(_note)
    atexit.register(_write)
