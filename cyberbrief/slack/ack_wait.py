"""The HTTP response leaves as soon as a listener acks, not up to 10 ms later.

Bolt runs each listener in its pool and makes the request's thread wait for the ack by
polling: ``while ack.response is None: time.sleep(0.01)``. A ``/cyber`` question is answered
inside its ack, so every answer waited 0-10 ms more (5 on average, more when the thread then
waits for the interpreter lock) before Bolt noticed it. Here the pool's ``submit`` itself
waits, on an event the request's ack sets (or the listener's end, for one that never acks),
so Bolt's loop finds the ack already there and never sleeps. Nothing else changes: the
listener still runs in the pool, and what it does after its ack (recording the answer, Web
API calls) still happens after the response is sent.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from slack_bolt import Ack, BoltContext

ACK_WAIT = 3.0
"""Seconds ``submit`` waits for the ack: Slack's own limit (Bolt's ``ack_timeout``)."""


class _SignallingAck(Ack):
    """Bolt's ``ack``, also setting ``acked`` once the response is set."""

    def __init__(self, acked: threading.Event) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.acked = acked

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().__call__(*args, **kwargs)
        finally:
            self.acked.set()


class AckWaitingPool(ThreadPoolExecutor):
    """Bolt's listener pool: ``submit`` from a request's thread (after the middleware of
    :meth:`ack_signal` put a signalling ``ack`` in that request's context) returns once the
    listener acked or ended, or after ``ack_wait`` seconds; any other ``submit`` returns at
    once."""

    def __init__(self, max_workers: int, *, ack_wait: float = ACK_WAIT, **options: Any) -> None:
        super().__init__(max_workers=max_workers, **options)
        self.ack_wait = ack_wait
        self._expected = threading.local()

    def ack_signal(self) -> Callable[[BoltContext, Callable[[], None]], None]:
        """A global middleware for the app: each request's ``ack`` tells this pool when it is
        called (register it before any listener can run)."""
        expected = self._expected

        def signal_ack(context: BoltContext, next: Callable[[], None]) -> None:
            acked = threading.Event()
            context["ack"] = _SignallingAck(acked)
            expected.acked = acked
            next()

        return signal_ack

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        acked: threading.Event | None = getattr(self._expected, "acked", None)
        self._expected.acked = None  # only the request's first hand-off (its listener) waits
        future = super().submit(fn, *args, **kwargs)
        if acked is not None:
            future.add_done_callback(lambda _: acked.set())
            acked.wait(self.ack_wait)
        return future
