"""What listeners need, passed in once at registration instead of held in globals."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sqlite_utils

from cyberbrief.answers import answer_log
from cyberbrief.answers.answer_log import AnswerLogPolicy
from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.neighbours import lower_priority
from cyberbrief.intake.fetch import FetchPolicy
from cyberbrief.knowledge import vectors
from cyberbrief.knowledge.model import Answer, Ref
from cyberbrief.store.connection import Store

if TYPE_CHECKING:
    from cyberbrief.slack.metrics import Metrics

Clock = Callable[[], dt.datetime]
RECORD_WAIT = 2.0
"""Seconds recording an answer waits for another writer before the entry is dropped."""
log = logging.getLogger(__name__)

ACK_WRITE_WAIT = 1.5
"""Seconds a write made before the ack waits for the lock: its reply must reach Slack in 3 s."""


def _warm_up(store: Store, answerer: Answerer, long_lived: bool = False) -> None:
    """Load the model, embed what lacks a current vector, read the vectors into memory;
    ``long_lived`` (a server): then keep what start-up built out of the collector's scans."""
    lower_priority()
    try:
        _load_meaning(store, answerer)
    finally:
        if long_lived:
            freeze_start_up_objects()


def freeze_start_up_objects() -> None:
    """Move every object alive now out of the garbage collector's full scans (``gc.freeze``).

    What start-up builds (the model, the name index, imported modules: tens of thousands of
    objects) lives as long as the process, yet each full collection walks all of it again:
    40-60 ms of CPU (at 100k facts and quotes) landing on whichever question triggers it,
    every few hundred questions. Frozen, a full collection walks only what questions left
    behind (about 5 ms). Garbage is collected first, so nothing already dead is kept.
    """
    gc.collect()
    gc.freeze()


def _load_meaning(store: Store, answerer: Answerer) -> None:
    if not answerer.meaning.available:
        return
    index = answerer.indexes.vectors
    index.reader = store.read  # later large reads happen in the background too
    try:
        vectors.backfill(store)
        with store.read() as db:
            index.load(db)
    except sqlite3.Error as problem:  # the store is checked and reported elsewhere
        log.warning("meaning vectors not brought up to date at start: %s", problem)


@dataclass
class Services:
    """The store, the answerer over it, and the clock; shared by every listener.

    Listeners use the store one unit of work at a time: ``with services.read() as db`` (a
    committed snapshot) or ``with services.write() as db`` (one short transaction, committed
    at the end of the block). There is no lock to take: Bolt's worker threads each get their
    own connection, and no listener keeps a transaction open across a Slack call.
    """

    store: Store
    clock: Clock
    answerer: Answerer
    """Holds the shared indexes; each answer reads through its own snapshot (``over``)."""
    admins: frozenset[str] = frozenset()
    trust_workspace_admins: bool = False
    fetch_policy: FetchPolicy = field(default_factory=FetchPolicy)
    """Links and feeds fetched from Slack: public addresses only (see intake.fetch)."""
    on_subscriptions_changed: Callable[[], None] = field(default=lambda: None, repr=False)
    """Called after a digest (un)subscribe, so the scheduler re-derives its jobs at once."""
    warming: threading.Thread | None = field(default=None, repr=False)
    """The start-up warm-up (model, vectors), running in the background."""
    log_policy: AnswerLogPolicy = field(default_factory=AnswerLogPolicy)
    """How long answers are kept in the answer log, and whether askers are (see answer_log)."""
    analysts: frozenset[str] = frozenset()
    """User and user group ids "Ask an analyst" tags (none: the button is not shown)."""
    analyst_channel: str | None = None
    """Where "Ask an analyst" posts; None: in the question's thread or channel."""
    metrics: Metrics | None = None
    """Counts questions and answer times for ``GET /metrics`` (None: not served)."""
    command_surface: str = "command"
    """What ``/cyber`` answers are recorded as: "console" in the local console."""

    @classmethod
    def create(
        cls,
        store: Store,
        clock: Clock,
        admins: frozenset[str] = frozenset(),
        *,
        long_lived: bool = False,
    ) -> Services:
        """``long_lived``: a server process, whose start-up objects are frozen once warm
        (:func:`freeze_start_up_objects`); never in tests or short commands, where objects
        frozen and dropped later would never be collected."""
        with store.read() as db:
            answerer = Answerer(db, today=lambda: clock().date())
        # Load the meaning model in the background, so the first why-question after start
        # does not wait for it (it is loaded once per process), then embed any record left
        # without a vector (one that predates stored vectors, a crash between writes).
        warming = threading.Thread(target=_warm_up, args=(store, answerer, long_lived), daemon=True)
        warming.start()
        return cls(store=store, clock=clock, answerer=answerer, admins=admins, warming=warming)

    def finish_warm_up(self) -> None:
        """Wait for the start-up warm-up before the process exits: a daemon thread still
        inside the tokenizer's native code when the interpreter ends aborts the process
        ("FATAL: exception not rethrown"), so a short-lived run (the console) waits."""
        if self.warming is not None:
            self.warming.join()

    def read(self) -> AbstractContextManager[sqlite_utils.Database]:
        """A committed snapshot of the store for one unit of work."""
        return self.store.read()

    def write(self, *, before_ack: bool = False) -> AbstractContextManager[sqlite_utils.Database]:
        """One short write transaction; keep Slack calls out of it. ``before_ack``: the
        request is acked after this write, so wait at most ``ACK_WRITE_WAIT`` for another
        writer (then the user is told the store is busy) rather than past Slack's 3 s."""
        return self.store.write(wait=ACK_WRITE_WAIT if before_ack else None)

    def answer(self, text: str) -> Answer:
        """Answer a question from a committed snapshot (concurrent answers do not wait)."""
        with self.store.read() as db:
            return self.answerer.over(db).answer(text)

    def card(self, kind: str, entity_id: int) -> Answer:
        with self.store.read() as db:
            return self.answerer.over(db).card(kind, entity_id)

    def timed_answer(self, text: str, card: Ref | None = None) -> tuple[Answer, float, int | None]:
        """The answer (or, for ``card``, that entity's card), how long it took (ms) and the log
        id it will be recorded under (None when nothing is recorded): chosen now, so its
        buttons can carry it."""
        started = time.perf_counter()
        answer = self.card(card.kind, card.id) if card else self.answer(text)
        millis = (time.perf_counter() - started) * 1000
        answer_id = answer_log.new_answer_id() if self.log_policy.recording else None
        return answer, millis, answer_id

    def record(
        self,
        answer: Answer,
        *,
        question: str,
        surface: str,
        channel_kind: str,
        millis: float,
        answer_id: int | None,
        asker: str | None = None,
    ) -> int | None:
        """Record an answer already shown (call it after the ack): its log id, or None when
        recording is off or the store refused it. Never raises: the answer is already out."""
        if self.metrics is not None:
            self.metrics.observe(surface, answer_log.OUTCOMES[answer.status], millis / 1000)
        if answer_id is None or not self.log_policy.recording:
            return None
        try:
            entry = answer_log.entry_for(
                answer,
                question=question,
                surface=surface,
                channel_kind=channel_kind,
                asked_at=self.clock(),
                millis=millis,
                asker=asker,
                policy=self.log_policy,
                answer_id=answer_id,
            )
            with self.store.write(wait=RECORD_WAIT) as db:
                return answer_log.record_answer(db, entry)
        except Exception as problem:  # full disk, read-only or vanished store: drop the entry
            log.warning("answer not recorded in the answer log: %s", problem)
            return None
