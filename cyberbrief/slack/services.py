"""What listeners need, passed in once at registration instead of held in globals."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlite_utils

from cyberbrief.answers.answerer import Answerer
from cyberbrief.knowledge.fetch import FetchPolicy
from cyberbrief.knowledge.model import Answer

Clock = Callable[[], dt.datetime]


@dataclass
class Services:
    """The store, the answerer over it, and the clock; shared by every listener."""

    db: sqlite_utils.Database
    clock: Clock
    answerer: Answerer
    admins: frozenset[str] = frozenset()
    trust_workspace_admins: bool = False
    fetch_policy: FetchPolicy = field(default_factory=FetchPolicy)
    """Links and feeds fetched from Slack: public addresses only (see knowledge.fetch)."""
    on_subscriptions_changed: Callable[[], None] = field(default=lambda: None, repr=False)
    """Called after a digest (un)subscribe, so the scheduler re-derives its jobs at once."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def create(
        cls, db: sqlite_utils.Database, clock: Clock, admins: frozenset[str] = frozenset()
    ) -> Services:
        answerer = Answerer(db, today=lambda: clock().date())
        # Load the meaning model in the background, so the first why-question after start
        # does not wait for it (it is loaded once per process).
        threading.Thread(target=lambda: answerer.meaning.available, daemon=True).start()
        return cls(db=db, clock=clock, answerer=answerer, admins=admins)

    def answer(self, text: str) -> Answer:
        """Answer a question; serialised because Bolt runs listeners on worker threads."""
        with self._lock:
            return self.answerer.answer(text)

    @property
    def lock(self) -> threading.Lock:
        """Held around any use of ``db`` from a listener: a connection's transaction is
        shared by every thread using it, so listeners take turns."""
        return self._lock

    def card(self, kind: str, entity_id: int) -> Answer:
        with self._lock:
            return self.answerer.card(kind, entity_id)
