"""Send a listener's ack as soon as it is made, not on Bolt's next 10 ms poll.

Over HTTP (``serve``) and Socket Mode, Bolt runs each listener in a worker thread while the
request's thread waits for the listener's ``ack()`` by checking every 10 ms
(``slack_bolt.listener.thread_runner``: ``time.sleep(0.01)`` in a loop). A ``/cyber`` answer is
made inside its ack, so each answer waited up to 10 ms more, and far more on a busy machine,
where each of those sleeps oversleeps (bench/RESULTS.md, issue 18: at load 10-13 the median
over signed HTTP went from 49-59 ms to 28-31 ms with a 1 ms poll). Nothing else in that module
sleeps; its clock is swapped for one whose sleeps last at most :data:`ACK_POLL`.
"""

from __future__ import annotations

import time
import types

ACK_POLL = 0.001
"""Seconds between the request thread's checks for the listener's ack."""


def _short_sleep(seconds: float) -> None:
    time.sleep(min(seconds, ACK_POLL))


def prompt_acks() -> None:
    """Make Bolt's thread runner check for acks every :data:`ACK_POLL` seconds (idempotent;
    the runner's own timeout, ``time.time`` based, is unchanged)."""
    from slack_bolt.listener import thread_runner

    clock = types.SimpleNamespace(time=time.time, sleep=_short_sleep)
    thread_runner.time = clock  # type: ignore[attr-defined,assignment]  # it calls time.time, time.sleep
