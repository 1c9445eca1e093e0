"""Digest tests' data and clock: a fortnight of events and milestones from 24 March 2026, and
APScheduler driven by a fake clock.

Loaded on top of tests/data/mini_pack.yaml (which brings ITU, the Foreign Office and the
"Future Cyber Summit" of 2030) through the real loader, so the digest reads what admins load.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import apscheduler.executors.base
import apscheduler.schedulers.base
import pytest
import sqlite_utils
from apscheduler.executors.base import BaseExecutor, run_job
from apscheduler.job import Job
from apscheduler.schedulers.base import BaseScheduler

from cyberbrief.knowledge.loader import load_records, parse_text
from tests.helpers import FakeClock, mini_store

DAY = dt.date(2026, 3, 24)
"""A Tuesday; the window of 14 days runs to 6 April 2026."""

EXTRA = """
sources:
  - key: schedule
    title: Cyber policy calendar
    publisher: Test Desk
    date: 2026-03-01
    url: https://example.org/calendar?year=2026&month=3
organisations:
  - name: European Union Agency for Cybersecurity
    acronym: ENISA
    description: The EU agency for cybersecurity.
    source: schedule
  - name: Computer Emergency Response Team for the EU institutions
    acronym: CERT-EU
    source: schedule
  - name: Council of Europe
    acronym: CoE
    description: Human rights organisation of 46 European states, seated in Strasbourg.
    source: schedule
events:
  - name: Cyber Resilience Forum
    starts: 2026-03-26
    ends: 2026-03-27
    location: Brussels, Belgium
    organisers: [ENISA]
    description: Annual forum on the Cyber Resilience Act. Second sentence is not shown.
    url: https://example.org/crf
    source: schedule
  - name: CERT-EU Annual Conference
    starts: 2026-04-02
    location: Brussels, Belgium
    organisers: [CERT-EU]
    source: schedule
  - name: Global Cybersecurity Dialogue
    starts: 2026-03-30
    ends: 2026-03-31
    location: Geneva, Switzerland
    organisers: [ITU]
    description: Ministers discuss capacity building; commas, semicolons; and a backslash \\ too.
    source: schedule
  - name: Octopus Conference on Cybercrime
    starts: 2026-04-05
    location: Strasbourg, France
    organisers: [Council of Europe]
    source: schedule
  - name: Long Running Exercise
    starts: 2026-03-20
    ends: 2026-03-25
    location: Tallinn
    source: schedule
  - name: Hackers & Policy <!channel> Night
    starts: 2026-04-06
    location: <https://evil.example|click me>
    source: schedule
  - name: Later Summit
    starts: 2026-05-20
    location: Lisbon
    source: schedule
initiatives:
  - name: EU Cybersecurity Strategy
    organisation: ENISA
    description: The Union's strategy for a secure digital decade.
    milestones:
      - {date: 2026-03-31, text: Progress report due}
      - {date: 2026-06-30, text: Final report}
    source: schedule
  - name: Budapest Convention Review
    organisation: Council of Europe
    starts: 2026-04-01
    description: Review of the convention on cyber crime.
    source: schedule
"""

WINDOW_EVENTS = [
    "Long Running Exercise",
    "Cyber Resilience Forum",
    "Global Cybersecurity Dialogue",
    "CERT-EU Annual Conference",
    "Octopus Conference on Cybercrime",
    "Hackers & Policy <!channel> Night",
]
"""Events in the 14-day window from DAY, in date order."""


def digest_store(path: Path) -> sqlite_utils.Database:
    """The mini pack plus the fortnight above."""
    clock = FakeClock(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC))
    db = mini_store(path, clock)
    load_records(
        db, parse_text("extra.yaml", EXTRA.encode()), actor="tests", origin="tests", clock=clock
    )
    return db


# APScheduler on the fake clock


class QueueExecutor(BaseExecutor):  # type: ignore[misc]
    """Like the bot's single worker thread: submitted jobs wait in a queue and run one at a
    time after APScheduler has finished its bookkeeping for them (so a job may reschedule or
    remove itself, as the scheduler's retry and pause do)."""

    def __init__(self) -> None:
        super().__init__()
        self.queue: list[tuple[Job, list[dt.datetime]]] = []

    def _do_submit_job(self, job: Job, run_times: list[dt.datetime]) -> None:
        self.queue.append((job, run_times))

    def drain(self) -> None:
        while self.queue:
            job, run_times = self.queue.pop(0)
            try:
                events = run_job(job, job._jobstore_alias, run_times, self._logger.name)
            except BaseException as error:
                self._run_job_error(job.id, error, error.__traceback__)
            else:
                self._run_job_success(job.id, events)


class DrivenScheduler(BaseScheduler):  # type: ignore[misc]
    """APScheduler's own job processing (triggers, misfire grace, coalescing), with no thread:
    the test moves a :class:`FakeClock` and calls :meth:`advance_to`, and due jobs run at once
    in the test's thread. Build it with :func:`driven_scheduler`, which points APScheduler's
    "now" at the fake clock."""

    def __init__(self, clock: FakeClock) -> None:
        self.worker = QueueExecutor()
        super().__init__(executors={"default": self.worker}, timezone=dt.UTC)
        self.clock = clock

    def shutdown(self, wait: bool = True) -> None:
        super().shutdown(wait)

    def wakeup(self) -> None:
        """Nothing to wake: jobs run only when the test advances the clock."""

    def next_fire(self) -> dt.datetime | None:
        times = [j.next_run_time for j in self.get_jobs() if j.next_run_time is not None]
        return min(times) if times else None

    def step(self) -> None:
        """One round of the scheduler's loop at the current time, then its worker's queue."""
        self._process_jobs()
        self.worker.drain()

    def advance_to(self, target: dt.datetime) -> None:
        """Move the clock to ``target``, stopping at every fire time on the way to run what is
        due there (jobs may move the clock further, as an injected sleep does)."""
        self.step()
        while (fire := self.next_fire()) is not None and fire <= target:
            self.clock.now = max(self.clock.now, fire.astimezone(dt.UTC))
            self.step()
        self.clock.now = max(self.clock.now, target)
        self.step()


def driven_scheduler(monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> DrivenScheduler:
    """A :class:`DrivenScheduler` whose idea of "now" (fire times, misfire checks) is ``clock``."""

    class Now(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # type: ignore[override]
            return clock().astimezone(tz or dt.UTC)

    monkeypatch.setattr(apscheduler.schedulers.base, "datetime", Now)
    monkeypatch.setattr(apscheduler.executors.base, "datetime", Now)
    return DrivenScheduler(clock)
