"""The digest scheduler inside the bot process, derived from the ``subscriptions`` table.

One APScheduler cron job per active subscription fires at its local post time (APScheduler
handles the zone and daylight-saving changes); the job re-reads the subscription, works out
which local day is due with the injected clock, and hands it to
:func:`~cyberbrief.digests.delivery.deliver`, whose ledger makes the post happen once
whatever fires it: the cron job, the start-up catch-up, a retry, or another bot process on
the same database.

Jobs run one at a time on a single worker thread (sequential fan-out, spaced by a
:class:`~cyberbrief.digests.delivery.Pacer`), each on its own SQLite connection; no
transaction is open while Slack is called.

One scheduler per database: the scheduler that holds the ``scheduler`` lease row posts; in
every other process sharing the file it stands by (those processes answer questions only),
checking the lease at every resync and taking over when the holder stops
renewing it or its process is gone.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
import time
from collections.abc import Callable

import sqlite_utils
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from cyberbrief.digests import subscriptions as store
from cyberbrief.digests.channel import SlackPoster
from cyberbrief.digests.delivery import Clock, Outcome, Pacer, Render, Sleep, deliver
from cyberbrief.digests.subscriptions import Subscription
from cyberbrief.digests.zones import UnknownZone
from cyberbrief.store import leases
from cyberbrief.store.health import StoreUnavailable, explain

DEFAULT_GRACE = dt.timedelta(hours=3)
"""How late a missed digest may still be posted (``CYBERBRIEF_DIGEST_GRACE_MINUTES``)."""
RETRY_DELAY = dt.timedelta(minutes=5)
RESYNC_SECONDS = 60
"""How often jobs are re-derived from the table, for changes made by another process."""
POST_INTERVAL = 0.2
"""Seconds between digest posts across channels (see ``cyberbrief.digests.delivery.Pacer``)."""
LEASE_NAME = "scheduler"
LEASE_TTL = dt.timedelta(seconds=3 * RESYNC_SECONDS)
"""How long the scheduler lease lasts unless renewed: by every resync (each
``RESYNC_SECONDS``) and by every delivery."""

Connect = Callable[[], sqlite_utils.Database]

log = logging.getLogger(__name__)


def trigger(sub: Subscription) -> CronTrigger:
    """Every day at the subscription's local post time, in its zone."""
    return CronTrigger(hour=sub.post_time.hour, minute=sub.post_time.minute, timezone=sub.zone)


class DigestScheduler:
    """Owns the APScheduler instance and the delivery dependencies."""

    def __init__(
        self,
        connect_db: Connect,
        client: SlackPoster,
        *,
        clock: Clock,
        render: Render,
        sleep: Sleep = time.sleep,
        grace: dt.timedelta = DEFAULT_GRACE,
        post_interval: float = POST_INTERVAL,
        retry_delay: dt.timedelta = RETRY_DELAY,
        scheduler: BaseScheduler | None = None,
        attach_calendar: bool = True,
        resync_seconds: float = RESYNC_SECONDS,
    ) -> None:
        self.connect_db = connect_db
        self.client = client
        self.clock = clock
        self.render = render
        self.sleep = sleep
        self.grace = grace
        self.retry_delay = retry_delay
        self.attach_calendar = attach_calendar
        self.resync_seconds = resync_seconds
        self.pacer = Pacer(post_interval, clock, sleep)
        self.scheduler = scheduler or BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(max_workers=1)},
            job_defaults={"coalesce": True, "max_instances": 1},
            timezone=dt.UTC,
        )
        self.holder = leases.new_holder()
        self._fault: str | None = None
        """The database problem last logged (one line per problem, not per job)."""
        """This scheduler's name in the lease row and in the digests it claims."""
        self.active = False
        """Whether this scheduler holds the lease (and so has digest jobs)."""
        self._specs: dict[str, tuple[str, str]] = {}
        self._sync_lock = threading.Lock()

    # jobs

    @staticmethod
    def job_id(channel_id: str) -> str:
        return f"digest:{channel_id}"

    def sync(self) -> None:
        """Make the cron jobs match the active subscriptions: add, replace, remove (all of
        them while another process holds the lease)."""
        with self._sync_lock:
            db = self.connect_db()
            try:
                subs = store.all_subscriptions(db, active_only=True) if self.active else []
            finally:
                db.close()
            wanted = {s.channel_id: s for s in subs}
            for channel in [c for c in self._specs if c not in wanted]:
                if self.scheduler.get_job(self.job_id(channel)) is not None:
                    self.scheduler.remove_job(self.job_id(channel))
                del self._specs[channel]
            grace_seconds = max(int(self.grace.total_seconds()), 1)
            for channel, sub in wanted.items():
                spec = (sub.post_time_text, sub.timezone)
                if self._specs.get(channel) == spec:
                    continue
                try:
                    cron = trigger(sub)
                except UnknownZone:  # stored before this tzdata dropped the zone
                    log.error("digest for %s: unknown time zone %r", channel, sub.timezone)
                    continue
                self.scheduler.add_job(
                    self.run,
                    cron,
                    args=[channel],
                    id=self.job_id(channel),
                    name=f"digest for {channel} at {spec[0]} {spec[1]}",
                    replace_existing=True,
                    misfire_grace_time=grace_seconds,
                    coalesce=True,
                )
                self._specs[channel] = spec

    def _resync(self) -> None:
        """:meth:`sync` from the scheduler's own jobs: a database that has gone was alerted
        once already, and one that fails is one line."""
        try:
            self.sync()
        except StoreUnavailable:
            pass
        except sqlite3.Error as fault:
            self._store_fault(fault)

    def scheduled(self) -> dict[str, tuple[str, str]]:
        """Channel → (post time, zone) of the jobs currently derived."""
        return dict(self._specs)

    def owed(
        self, db: sqlite_utils.Database, sub: Subscription, now: dt.datetime
    ) -> dt.date | None:
        """The local day whose digest ``sub`` is owed at ``now``: its post time passed within
        the grace window, after the channel got this schedule, and the ledger lacks it (or
        its calendar file)."""
        if sub.paused:
            return None
        day = sub.due_day(now, self.grace)
        if day is None or _saved_after(sub, sub.post_at(day)):
            return None
        found = store.delivery(db, sub.channel_id, day)
        if found is None or not found.decided:
            return day
        return day if self.attach_calendar and found.calendar_owed else None

    def hold_lease(self) -> bool:
        """Take or renew the scheduler lease; False while another live process holds it."""
        db = self.connect_db()
        try:
            return leases.acquire(db, LEASE_NAME, self.holder, self.clock(), LEASE_TTL)
        finally:
            db.close()

    def check_lease(self) -> None:
        """Renew the lease, or take it over once its holder is gone; jobs follow."""
        try:
            held = self.hold_lease()
        except StoreUnavailable:
            return
        except sqlite3.Error as fault:
            self._store_fault(fault)
            return
        except Exception:
            log.exception("digest scheduler: cannot check the lease")
            return
        self._store_ok()
        if held and not self.active:
            self.active = True
            log.info("digest scheduler: this process posts the digests (%s)", self.holder)
            self._resync()
            if self.scheduler.running:
                self.scheduler.add_job(
                    self.catch_up,
                    "date",
                    run_date=self.clock(),
                    id="catch-up",
                    replace_existing=True,
                    misfire_grace_time=None,
                )
        elif not held and self.active:
            self.active = False
            log.warning("digest scheduler: another process took the lease; standing by")
            self._resync()

    def resync(self) -> None:
        """The periodic job: renew (or take over) the lease, then follow the table (a
        database that has gone was alerted once already)."""
        was_active = self.active
        self.check_lease()
        if self.active and was_active:
            self._resync()

    def run(self, channel_id: str) -> Outcome:
        """The job: deliver the channel's due digest, if any (safe to call any time, from any
        process: the ledger decides; a scheduler without the lease posts nothing)."""
        now = self.clock()
        try:
            db = self.connect_db()
        except StoreUnavailable:  # logged once by check_present, not every minute
            outcome = Outcome(channel_id, None, "failed", detail="database gone")
        except sqlite3.Error as fault:
            self._store_fault(fault)
            outcome = Outcome(channel_id, None, "failed", detail="database")
        except Exception:
            log.exception("digest job for %s: cannot open the database", channel_id)
            outcome = Outcome(channel_id, None, "failed", detail="database")
        else:
            try:
                if leases.acquire(db, LEASE_NAME, self.holder, now, LEASE_TTL):
                    self._store_ok()
                    outcome = self._run(db, channel_id, now)
                else:
                    outcome = Outcome(channel_id, None, "standby", detail="another process posts")
            except StoreUnavailable:
                outcome = Outcome(channel_id, None, "failed", detail="database gone")
            except sqlite3.Error as fault:
                self._store_fault(fault)
                outcome = Outcome(channel_id, None, "failed", detail="database")
            except Exception:
                log.exception("digest job for %s failed", channel_id)
                outcome = Outcome(channel_id, None, "failed", detail="error")
            finally:
                db.close()
        try:
            if outcome.status == "paused":
                self.sync()
            elif outcome.retry:
                delay = self.retry_delay
                if outcome.retry_after is not None:
                    delay = max(delay, dt.timedelta(seconds=outcome.retry_after))
                self._schedule_retry(channel_id, self.clock() + delay)
        except Exception:
            log.exception("digest job for %s: rescheduling failed", channel_id)
        log.info("digest %s: %s %s", channel_id, outcome.status, outcome.detail)
        return outcome

    def _run(self, db: sqlite_utils.Database, channel_id: str, now: dt.datetime) -> Outcome:
        """Re-read the subscription (it may have changed since the job was made) and deliver
        what is due; ``run`` owns the error handling and the rescheduling."""
        sub = store.get(db, channel_id)
        if sub is None or sub.paused:
            return Outcome(channel_id, None, "gone")
        day = sub.due_day(now, self.grace)
        if day is None or _saved_after(sub, sub.post_at(day)):
            return Outcome(channel_id, day, "not_due")
        return deliver(
            db,
            self.client,
            sub,
            day,
            clock=self.clock,
            sleep=self.sleep,
            render=self.render,
            pacer=self.pacer,
            attach_calendar=self.attach_calendar,
        )

    def _schedule_retry(self, channel_id: str, when: dt.datetime) -> None:
        """One more attempt at ``when``; ``run`` gives up by itself once the grace window
        closes."""
        if not self.scheduler.running:
            return
        self.scheduler.add_job(
            self.run,
            "date",
            run_date=when,
            args=[channel_id],
            id=f"retry:{channel_id}",
            replace_existing=True,
            misfire_grace_time=max(int(self.grace.total_seconds()), 1),
        )

    def catch_up(self) -> list[Outcome]:
        """Deliver every digest whose post time passed within the grace window and that the
        ledger does not have: what a bot that was down at post time owes."""
        due: list[str] = []
        try:
            db = self.connect_db()
            try:
                now = self.clock()
                for sub in store.all_subscriptions(db, active_only=True):
                    try:
                        if self.owed(db, sub, now) is not None:
                            due.append(sub.channel_id)
                    except UnknownZone:
                        log.error(
                            "digest for %s: unknown time zone %r", sub.channel_id, sub.timezone
                        )
            finally:
                db.close()
        except StoreUnavailable:  # alerted once by check_present; nothing can be owed
            return []
        except sqlite3.Error as fault:  # corrupt or unreadable: one line, not a traceback
            self._store_fault(fault, "digest catch-up skipped")
            return []
        outcomes = [self.run(channel) for channel in due]
        log.info(
            "digest catch-up: %d due, %d posted",
            len(due),
            sum(o.status == "posted" for o in outcomes),
        )
        return outcomes

    # life cycle

    def start(self) -> None:
        """Take the lease if free (deriving the jobs and queueing the catch-up first), keep
        checking it, and start the worker thread."""
        self.scheduler.start(paused=True)
        self.check_lease()
        if not self.active:
            log.info("digest scheduler: another process posts the digests; standing by")
        self.scheduler.add_job(
            self.resync,
            IntervalTrigger(
                seconds=self.resync_seconds,
                start_date=self.clock() + dt.timedelta(seconds=self.resync_seconds),
                timezone=dt.UTC,
            ),
            id="resync",
            coalesce=True,
        )
        self.scheduler.resume()

    def shutdown(self, wait: bool = False) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=wait)
        if self.active:
            try:
                db = self.connect_db()
                try:
                    leases.release(db, LEASE_NAME, self.holder)
                finally:
                    db.close()
            except (StoreUnavailable, sqlite3.Error) as fault:
                log.warning("digest scheduler: could not release the lease: %s", explain(fault))
            except Exception:
                log.exception("digest scheduler: could not release the lease")
            self.active = False

    def _store_fault(self, fault: sqlite3.Error, what: str = "digest scheduler") -> None:
        """One clear line per database problem (read-only, corrupt...), not a traceback per
        job per minute; repeated only once the problem changes or was fixed in between."""
        reason = explain(fault)
        if reason != self._fault:
            self._fault = reason
            log.error("%s: %s", what, reason)

    def _store_ok(self) -> None:
        if self._fault is not None:
            log.info("digest scheduler: the database works again")
            self._fault = None


def _saved_after(sub: Subscription, instant: dt.datetime) -> bool:
    """A subscription made, moved or resumed after a day's post time was not promised that
    day (the reply to ``subscribe`` named the next post time, after now)."""
    since = sub.scheduled_since
    return since is not None and since > instant
