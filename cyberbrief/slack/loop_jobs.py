"""The learning loop's jobs in the running bot: open gaps asked again after every change to
knowledge (a load, an approval, an undo, from Slack or the command line), and the weekly DM
of new gaps to each admin who has not turned it off (``/cyber admin gaps off``)."""

from __future__ import annotations

import datetime as dt
import logging

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.answers import gap_recheck
from cyberbrief.answers import gaps as queue
from cyberbrief.slack.listeners.commands.gaps import DIGEST_OFF
from cyberbrief.slack.services import Services
from cyberbrief.slack.views.gaps import gaps_blocks

RECHECK_EVERY = dt.timedelta(minutes=1)
DM_EVERY = dt.timedelta(days=7)
SENT = "gaps_digest_sent_at"

log = logging.getLogger(__name__)


class LoopJobs:
    """Owns the recheck and weekly-DM jobs on a scheduler it is given."""

    def __init__(self, services: Services, client: WebClient | None) -> None:
        self.services = services
        self.client = client
        self.seen_revision: int | None = None

    def recheck(self) -> tuple[list[queue.Gap], list[str]]:
        """Ask open gaps again if knowledge changed since the last look; never raises. The
        questions are answered from a snapshot: no write lock is held while they are."""
        services = self.services
        try:
            revision = services.store.revision()
            if revision == self.seen_revision:
                return [], []
            with services.write() as db:
                reopened = gap_recheck.reopen_undone(db)
            with services.read() as db:
                found, newest = gap_recheck.answered_now(
                    db, services.answer, services.clock(), model=services.answerer.meaning.model
                )
            resolved = []
            if newest is not None and found:
                with services.write() as db:
                    resolved = gap_recheck.mark_resolved(db, found, newest, services.clock())
            self.seen_revision = revision
        except Exception as problem:
            log.warning("knowledge gaps not checked again: %s", problem)
            return [], []
        if resolved or reopened:
            log.info("knowledge gaps: %d resolved, %d re-opened", len(resolved), len(reopened))
        return resolved, reopened

    def weekly_dm(self) -> int:
        """DM each admin (not opted out) the gaps first asked since the last DM; how many got it."""
        services = self.services
        if self.client is None or not services.admins:
            return 0
        now = services.clock()
        with services.read() as db:
            row = db.conn.execute(
                "SELECT value FROM admin_prefs WHERE name = ?", (SENT,)
            ).fetchone()
            since = row[0] if row else (now - DM_EVERY).isoformat(timespec="seconds")
            off = {
                name.removeprefix(DIGEST_OFF)
                for (name,) in db.conn.execute(
                    "SELECT name FROM admin_prefs WHERE name LIKE ?", (DIGEST_OFF + "%",)
                )
            }
            found = queue.collect(db, now, model=services.answerer.meaning.model)
        new = [g for g in queue.open_gaps(found) if g.first_at >= since]
        with services.write() as db:
            db.conn.execute(
                "INSERT OR REPLACE INTO admin_prefs (name, value) VALUES (?, ?)",
                (SENT, now.isoformat(timespec="seconds")),
            )
        if not new:
            return 0
        with services.read() as db:
            shown = queue.with_closest(new, services.answer, 10, db)
        blocks = gaps_blocks(shown, len(new), queue.WINDOW_DAYS)
        blocks[0]["text"]["text"] = (
            f"*New knowledge gaps this week*: {len(new)}, most asked first. "
            "(`/cyber admin gaps off` stops these messages.)"
        )
        sent = 0
        for admin in sorted(services.admins - off):
            try:
                self.client.chat_postMessage(
                    channel=admin, text=f"{len(new)} new knowledge gaps", blocks=blocks
                )
                sent += 1
            except SlackApiError as error:
                log.warning("weekly gaps DM to %s failed: %s", admin, error.response.get("error"))
        return sent

    def _weekly_dm_safely(self) -> None:
        try:
            self.weekly_dm()
        except Exception as problem:  # a job must not die; next week tries again
            log.warning("weekly gaps DM not sent: %s", problem)

    def schedule(self, scheduler: BaseScheduler) -> None:
        now = self.services.clock()
        scheduler.add_job(
            self.recheck,
            IntervalTrigger(seconds=RECHECK_EVERY.total_seconds(), start_date=now + RECHECK_EVERY),
            id="gaps-recheck",
            replace_existing=True,
            coalesce=True,
        )
        scheduler.add_job(
            self._weekly_dm_safely,
            IntervalTrigger(seconds=DM_EVERY.total_seconds(), start_date=now + DM_EVERY),
            id="gaps-weekly-dm",
            replace_existing=True,
            coalesce=True,
        )
