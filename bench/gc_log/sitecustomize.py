"""The garbage collector's collections in every Python process started with this directory
first on ``PYTHONPATH`` and ``GCLOG`` set: at exit, ``GCLOG.<pid>`` gets how many collections
of each generation ran, their CPU (the collecting thread's) and, for the full ones, when
(seconds after start) and how many objects were frozen then (``gc.freeze``). In a process
that answers (``Services.answer``), each answer's wall time beside its thread's CPU time too,
p50 / p99 and the slowest ten: whether a slow answer worked or waited (for the GIL, the CPU).

    GCLOG=/tmp/gc PYTHONPATH=bench/gc_log:. python -m bench.answers_http DB

(the server ``bench.answers_http`` starts inherits both: one file per process). Measurement
only: nothing of the bot imports it.
"""

from __future__ import annotations

import atexit
import gc
import importlib.abc
import importlib.util
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

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


_answers: list[tuple[float, float, str]] = []
WATCHED = "cyberbrief.slack.services"


def _timed(answer: Callable[..., Any]) -> Callable[..., Any]:
    def timed(self: Any, text: str) -> Any:
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return answer(self, text)
        finally:
            took = ((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000)
            _answers.append((*took, text))

    return timed


class _Watch(importlib.abc.MetaPathFinder):
    """Wraps ``Services.answer`` once its module is imported (nothing else is touched)."""

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name != WATCHED:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run(module)
            module.Services.answer = _timed(module.Services.answer)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _answer_lines() -> list[str]:
    if not _answers:
        return []
    walls, cpus = sorted(a[0] for a in _answers), sorted(a[1] for a in _answers)
    p99 = max(0, round(len(walls) * 0.99) - 1)
    lines = [
        f"answers: {len(_answers)}, wall p50 / p99 {statistics.median(walls):.1f} / "
        f"{walls[p99]:.1f} ms, CPU p50 / p99 {statistics.median(cpus):.1f} / {cpus[p99]:.1f} ms"
    ]
    for wall, cpu, text in sorted(_answers, reverse=True)[:10]:
        lines.append(f"  {wall:6.1f} ms wall {cpu:6.1f} ms CPU  {text}")
    return lines


def _write() -> None:
    lines = [f"frozen at exit: {gc.get_freeze_count()}"]
    for generation in range(3):
        cpus = [cpu for g, cpu in _taken if g == generation]
        lines.append(
            f"generation {generation}: {len(cpus)} collections, CPU {sum(cpus):.1f} ms, "
            f"longest {max(cpus, default=0.0):.1f} ms"
        )
    lines += [f"full at {at:.1f} s, {frozen} frozen: {cpu:.1f} ms" for at, frozen, cpu in _full]
    lines += _answer_lines()
    with open(f"{_PATH}.{os.getpid()}", "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


if _PATH:
    gc.callbacks.append(_note)
    atexit.register(_write)
    sys.meta_path.insert(0, _Watch())
