"""Where a signed ``/cyber`` request's time goes inside ``bot.py serve``, stage by stage: in a
Python process started with this directory first on ``PYTHONPATH`` and ``STAGELOG`` set, at
exit ``STAGELOG.<pid>`` gets each stage's wall time and its thread's CPU time per request, p50
/ p99 / mean (ms), over the requests that reached the ``/cyber`` listener.

    STAGELOG=/tmp/stages PYTHONPATH=bench/stage_log:. python -m bench.answers_http DB

(the server ``bench.answers_http`` starts inherits both). The stages, in a request's order:

- on waitress' worker thread (``W``): ``checks`` (the guard's header and signature checks, the
  body read), ``bolt in`` (Bolt's request parsing, middleware and matching, up to the
  listener's hand-off to its pool), ``ack wait`` (Bolt's wait for the listener's ack: it
  polls every 10 ms), ``ack seen`` (from the listener's ack to Bolt seeing it), ``bolt out``
  (the response built), ``send`` (waitress writing the response), ``W total``;
- on the listener's thread (``L``): ``queue`` (from the hand-off until the listener runs),
  ``read open`` (a pooled connection and its snapshot), ``answer`` (the answerer's own work),
  ``read close``, ``blocks`` (the reply's Block Kit, as dicts), ``ack``, then after it
  ``record`` (the answer log: ``log entry`` built, ``log begin`` (the write lock),
  ``log insert``, ``log commit``) and ``L total``;
- ``request`` (wall: waitress' service of the request, first byte read to last written).

Measurement only: nothing of the bot imports it; each wrapped function is the original,
timed. Requests are told apart by a counter set on the worker thread and carried to the
listener's thread through the listener pool's ``submit``.
"""

from __future__ import annotations

import atexit
import collections
import concurrent.futures.thread
import importlib.abc
import importlib.util
import os
import resource
import statistics
import sys
import threading
import time
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

_PATH = os.environ.get("STAGELOG")
_local = threading.local()
_data: dict[int, dict[str, list[float]]] = collections.defaultdict(
    lambda: collections.defaultdict(lambda: [0.0, 0.0])
)
_marks: dict[int, dict[str, float]] = collections.defaultdict(dict)
_count = [0]
_count_guard = threading.Lock()

ORDER = (
    "request", "W total", "checks", "bolt in", "ack wait", "ack seen", "bolt out", "send",
    "queue", "L total", "read open", "answer", "read close", "blocks", "ack", "record",
    "log entry", "log begin", "log insert", "log commit",
)  # fmt: skip


def _rid() -> int | None:
    return getattr(_local, "rid", None)


def _add(stage: str, wall: float, cpu: float, rid: int | None = None) -> None:
    rid = _rid() if rid is None else rid
    if rid is None:
        return
    cell = _data[rid][stage]
    cell[0] += wall * 1000
    cell[1] += cpu * 1000


def _timed(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, its wall and thread CPU time added to ``stage`` of the current request
    (outermost call only)."""

    def timed(*args: Any, **kwargs: Any) -> Any:
        busy = getattr(_local, "busy", set())
        _local.busy = busy
        if stage in busy or _rid() is None:
            return function(*args, **kwargs)
        busy.add(stage)
        wall, cpu = time.perf_counter(), time.thread_time()
        usage = resource.getrusage(resource.RUSAGE_THREAD)
        try:
            return function(*args, **kwargs)
        finally:
            _add(stage, time.perf_counter() - wall, time.thread_time() - cpu)
            _note_switches(stage, usage, resource.getrusage(resource.RUSAGE_THREAD))
            busy.discard(stage)

    return timed


_switches: dict[str, list[tuple[int, int, int]]] = collections.defaultdict(list)


def _note_switches(stage: str, before: Any, after: Any) -> None:
    """How often the thread gave up the CPU during ``stage``: voluntarily (waiting for the
    interpreter lock, a lock, a disk read), involuntarily (the kernel gave the CPU to
    another process), and the blocks it read from disk (page cache misses)."""
    if _rid() is None:
        return
    _switches[stage].append(
        (
            after.ru_nvcsw - before.ru_nvcsw,
            after.ru_nivcsw - before.ru_nivcsw,
            after.ru_inblock - before.ru_inblock,
        )
    )


class _TimedContext:
    """A context manager's enter and exit, timed as two stages."""

    def __init__(self, inner: Any, entering: str, leaving: str) -> None:
        self.inner, self.entering, self.leaving = inner, entering, leaving

    def __enter__(self) -> Any:
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return self.inner.__enter__()
        finally:
            _add(self.entering, time.perf_counter() - wall, time.thread_time() - cpu)

    def __exit__(self, *exc: Any) -> Any:
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return self.inner.__exit__(*exc)
        finally:
            _add(self.leaving, time.perf_counter() - wall, time.thread_time() - cpu)


def _patch_server(module: ModuleType) -> None:
    guard = module.guard

    def timed_guard(bolt: Any, **kwargs: Any) -> Any:
        def timed_bolt(environ: Any, start_response: Any) -> Any:
            _local.bolt_started = (time.perf_counter(), time.thread_time())
            return bolt(environ, start_response)

        served = guard(timed_bolt, **kwargs)

        def serve(environ: Any, start_response: Any) -> Any:
            if environ.get("PATH_INFO") != module.EVENTS_PATH:
                return served(environ, start_response)
            with _count_guard:
                _count[0] += 1
                _local.rid = _count[0]
            _local.bolt_started = None
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                return served(environ, start_response)
            finally:
                now, now_cpu = time.perf_counter(), time.thread_time()
                began = _local.bolt_started or (now, now_cpu)
                _add("checks", began[0] - wall, began[1] - cpu)
                done = _local.__dict__.pop("run_done", (now, now_cpu))
                _add("bolt out", now - done[0], now_cpu - done[1])
                _local.guarded = (now, now_cpu)

        return serve

    module.guard = timed_guard


def _patch_waitress(module: ModuleType) -> None:
    service = module.HTTPChannel.service

    def timed_service(self: Any) -> Any:
        _local.rid = _local.guarded = None
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return service(self)
        finally:
            rid = _rid()
            if rid is not None:
                now, now_cpu = time.perf_counter(), time.thread_time()
                _add("request", now - wall, 0.0)
                _add("W total", 0.0, now_cpu - cpu)
                guarded = _local.guarded or (now, now_cpu)
                _add("send", now - guarded[0], now_cpu - guarded[1])
            _local.rid = None

    module.HTTPChannel.service = timed_service


def _patch_runner(module: ModuleType) -> None:
    run = module.ThreadListenerRunner.run

    def timed_run(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return run(self, *args, **kwargs)
        finally:
            rid = _rid()
            if rid is not None:
                now, now_cpu = time.perf_counter(), time.thread_time()
                marks = _marks[rid]
                if "submitted" in marks:
                    began = _local.bolt_started or (marks["submitted"], marks["submitted_cpu"])
                    _add(
                        "bolt in", marks["submitted"] - began[0], marks["submitted_cpu"] - began[1]
                    )
                    _add("ack wait", now - marks["submitted"], now_cpu - marks["submitted_cpu"])
                if "acked" in marks:
                    _add("ack seen", now - marks["acked"], 0.0)
                _local.run_done = (now, now_cpu)

    module.ThreadListenerRunner.run = timed_run


def _patch_ack(module: ModuleType) -> None:
    call = module.Ack.__call__

    def timed_call(self: Any, *args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return call(self, *args, **kwargs)
        finally:
            rid = _rid()
            if rid is not None:
                _add("ack", time.perf_counter() - wall, time.thread_time() - cpu)
                _marks[rid]["acked"] = time.perf_counter()

    module.Ack.__call__ = timed_call


def _patch_submit() -> None:
    submit = concurrent.futures.thread.ThreadPoolExecutor.submit

    def carrying_submit(self: Any, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        rid = _rid()
        if rid is None or not getattr(self, "_thread_name_prefix", "").startswith("listener"):
            return submit(self, fn, *args, **kwargs)
        _marks[rid]["submitted"] = time.perf_counter()
        _marks[rid]["submitted_cpu"] = time.thread_time()

        def carried(*a: Any, **k: Any) -> Any:
            _local.rid = rid
            _add("queue", time.perf_counter() - _marks[rid]["submitted"], 0.0)
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                return fn(*a, **k)
            finally:
                _add("L total", time.perf_counter() - wall, time.thread_time() - cpu)
                _local.rid = None

        return submit(self, carried, *args, **kwargs)

    concurrent.futures.thread.ThreadPoolExecutor.submit = carrying_submit  # type: ignore[method-assign]


def _patch_store(module: ModuleType) -> None:
    read, write = module.Store.read, module.Store.write
    module.Store.read = lambda self: _TimedContext(read(self), "read open", "read close")
    module.Store.write = lambda self, wait=None: _TimedContext(
        write(self, wait), "log begin", "log commit"
    )


def _patch_answerer(module: ModuleType) -> None:
    module.Answerer.answer = _timed("answer", module.Answerer.answer)


def _patch_cyber(module: ModuleType) -> None:
    blocks, dicts = module.answer_blocks, module.to_dicts
    module.answer_blocks = _timed("blocks", blocks)
    module.to_dicts = _timed("blocks", dicts)


def _patch_services(module: ModuleType) -> None:
    module.Services.record = _timed("record", module.Services.record)


def _patch_answer_log(module: ModuleType) -> None:
    module.entry_for = _timed("log entry", module.entry_for)
    module.record_answer = _timed("log insert", module.record_answer)


PATCHES: dict[str, Callable[[ModuleType], None]] = {
    "cyberbrief.server": _patch_server,
    "waitress.channel": _patch_waitress,
    "slack_bolt.listener.thread_runner": _patch_runner,
    "slack_bolt.context.ack.ack": _patch_ack,
    "cyberbrief.store.connection": _patch_store,
    "cyberbrief.answers.answerer": _patch_answerer,
    "cyberbrief.slack.listeners.commands.cyber": _patch_cyber,
    "cyberbrief.slack.services": _patch_services,
    "cyberbrief.answers.answer_log": _patch_answer_log,
}


class _Watch(importlib.abc.MetaPathFinder):
    """Applies ``PATCHES`` to each module once it is imported."""

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name not in PATCHES:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run(module)
            try:
                PATCHES[name](module)
            except AttributeError as missing:  # older code: that stage is not timed
                print(f"stage_log: {name} not timed ({missing})", file=sys.stderr)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(len(ordered) * p / 100) - 1))]


def _write() -> None:
    asked = [d for d in _data.values() if "answer" in d]
    if not asked:
        return
    lines = [
        f"requests: {len(asked)}",
        "| stage | wall p50 / p99 / mean ms | CPU p50 / p99 / mean ms |",
        "| --- | --- | --- |",
    ]
    for stage in ORDER:
        walls = [d[stage][0] for d in asked]
        cpus = [d[stage][1] for d in asked]
        lines.append(
            f"| {stage} | {statistics.median(walls):.2f} / {_pct(walls, 99):.2f} / "
            f"{statistics.mean(walls):.2f} | {statistics.median(cpus):.2f} / "
            f"{_pct(cpus, 99):.2f} / {statistics.mean(cpus):.2f} |"
        )
    for stage, counts in _switches.items():
        lines.append(
            f"{stage}: per call, mean voluntary switches "
            f"{statistics.mean(c[0] for c in counts):.2f}"
            f", involuntary {statistics.mean(c[1] for c in counts):.2f}, blocks read "
            f"{statistics.mean(c[2] for c in counts):.2f} (max {max(c[2] for c in counts)})"
        )
    with open(f"{_PATH}.{os.getpid()}", "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


if _PATH:
    _patch_submit()
    atexit.register(_write)
    sys.meta_path.insert(0, _Watch())
