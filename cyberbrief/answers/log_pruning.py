"""Pruning the answer log inside the running bot: an APScheduler job, hourly and at start,
deletes entries older than ``CYBERBRIEF_ANSWER_LOG_DAYS`` (all of them at 0)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import sqlite_utils
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger

from cyberbrief.answers.answer_log import prune
from cyberbrief.store.connection import transaction

Clock = Callable[[], dt.datetime]
Connect = Callable[[], sqlite_utils.Database]
PRUNE_EVERY = dt.timedelta(hours=1)
JOB_ID = "answer-log-prune"

log = logging.getLogger(__name__)


class AnswerLogPruner:
    """Owns the pruning job; ``prune_now`` is what it runs."""

    def __init__(
        self,
        connect_db: Connect,
        *,
        clock: Clock,
        keep_days: int,
        scheduler: BaseScheduler | None = None,
        every: dt.timedelta = PRUNE_EVERY,
    ) -> None:
        self.connect_db = connect_db
        self.clock = clock
        self.keep_days = keep_days
        self.every = every
        self.scheduler = scheduler or BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(max_workers=1)},
            job_defaults={"coalesce": True, "max_instances": 1},
            timezone=dt.UTC,
        )

    def prune_now(self) -> int:
        """Delete what is past keeping; never raises (a job must not die). How many went."""
        try:
            db = self.connect_db()
        except Exception as problem:  # the store has gone: reported by its health check
            log.warning("answer log not pruned: %s", problem)
            return 0
        try:
            with transaction(db):
                gone = prune(db, self.clock(), self.keep_days)
        except Exception as problem:
            log.warning("answer log not pruned: %s", problem)
            return 0
        finally:
            db.conn.close()
        if gone:
            log.info("answer log: %d entries older than %d days deleted", gone, self.keep_days)
        return gone

    def start(self) -> None:
        self.prune_now()
        self.scheduler.add_job(
            self.prune_now,
            IntervalTrigger(
                seconds=self.every.total_seconds(),
                start_date=self.clock() + self.every,
                timezone=dt.UTC,
            ),
            id=JOB_ID,
            replace_existing=True,
            coalesce=True,
        )
        if not self.scheduler.running:
            self.scheduler.start()

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
