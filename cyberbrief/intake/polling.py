"""Polling followed feeds inside the bot process: one APScheduler job per feed, on its own
interval, re-derived from the ``feeds`` table every minute (feeds added or removed from Slack
or the command line are picked up without a restart).

A job that comes round while its feed is backing off (``next_poll_at`` still ahead after a
failure) does nothing. Each poll uses a database connection of its own and the Slack fetch
policy (public addresses only, plus ``CYBERBRIEF_FETCH_TRUSTED_HOSTS``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections.abc import Callable

import sqlite_utils
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger

from cyberbrief.intake.feeds import FeedError, PollResult, find_feed, list_feeds, poll_feed
from cyberbrief.intake.fetch import Fetched, FetchPolicy, fetch
from cyberbrief.store.health import StoreUnavailable

Clock = Callable[[], dt.datetime]
Connect = Callable[[], sqlite_utils.Database]
RESYNC_SECONDS = 60.0

log = logging.getLogger(__name__)


class FeedPoller:
    """Owns the feed jobs; ``poll`` is what each job runs."""

    def __init__(
        self,
        connect_db: Connect,
        *,
        clock: Clock,
        policy: FetchPolicy,
        scheduler: BaseScheduler | None = None,
        resync_seconds: float = RESYNC_SECONDS,
        fetcher: Callable[..., Fetched] = fetch,
    ) -> None:
        self.connect_db = connect_db
        self.clock = clock
        self.policy = policy
        self.fetcher = fetcher
        self.resync_seconds = resync_seconds
        self.scheduler = scheduler or BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(max_workers=1)},
            job_defaults={"coalesce": True, "max_instances": 1},
            timezone=dt.UTC,
        )
        self._specs: dict[str, int] = {}
        self._lock = threading.Lock()

    @staticmethod
    def job_id(feed_id: int) -> str:
        return f"feed:{feed_id}"

    def sync(self) -> None:
        """One job per feed at its interval; jobs of removed feeds go."""
        db = self.connect_db()
        try:
            feeds = list_feeds(db)
        finally:
            db.conn.close()
        now = self.clock()
        with self._lock:
            wanted = {self.job_id(f.id): f for f in feeds}
            for job_id in set(self._specs) - set(wanted):
                self.scheduler.remove_job(job_id)
                del self._specs[job_id]
            for job_id, feed in wanted.items():
                if self._specs.get(job_id) == feed.interval_minutes:
                    continue
                first = _parse(feed.next_poll_at) or now
                self.scheduler.add_job(
                    self.poll,
                    IntervalTrigger(
                        minutes=feed.interval_minutes,
                        start_date=max(first, now),
                        timezone=dt.UTC,
                    ),
                    args=[feed.id],
                    id=job_id,
                    replace_existing=True,
                    misfire_grace_time=None,
                )
                self._specs[job_id] = feed.interval_minutes

    def poll(self, feed_id: int) -> PollResult | None:
        """Poll one feed unless it is backing off; never raises (a job must not die)."""
        try:
            db = self.connect_db()
        except StoreUnavailable:  # the database has gone: alerted once, not every poll
            return None
        try:
            feed = find_feed(db, str(feed_id))
            waiting = _parse(feed.next_poll_at)
            if feed.failures and waiting is not None and waiting > self.clock():
                return None
            result = poll_feed(db, feed, policy=self.policy, clock=self.clock, fetcher=self.fetcher)
            log.info("feed poll: %s", result.line())
            return result
        except FeedError:
            return None  # removed since the last sync
        except Exception:
            log.exception("feed #%s: poll failed", feed_id)
            return None
        finally:
            db.conn.close()

    def _resync(self) -> None:
        """The periodic :meth:`sync`; a database that has gone was alerted once already."""
        with contextlib.suppress(StoreUnavailable):
            self.sync()

    def start(self) -> None:
        self.sync()
        self.scheduler.add_job(
            self._resync,
            IntervalTrigger(
                seconds=self.resync_seconds,
                start_date=self.clock() + dt.timedelta(seconds=self.resync_seconds),
                timezone=dt.UTC,
            ),
            id="feeds-resync",
            coalesce=True,
        )
        if not self.scheduler.running:
            self.scheduler.start()

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)


def _parse(stamp: str | None) -> dt.datetime | None:
    if not stamp:
        return None
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
