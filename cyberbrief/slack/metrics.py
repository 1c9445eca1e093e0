"""Prometheus metrics for ``GET /metrics`` (``serve``, or ``CYBERBRIEF_METRICS_PORT`` in Socket
Mode), on a registry passed in (never prometheus-client's global one): questions by surface
and outcome and an answer-time histogram counted by this process, and, read from the store at
each scrape, digests by outcome, feeds and their failures, drafts waiting, the answer log and
the knowledge store's size.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import sqlite_utils
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector

from cyberbrief.store.migrations import ENTITY_TABLES

if TYPE_CHECKING:
    from prometheus_client.metrics_core import Metric

log = logging.getLogger(__name__)

ANSWER_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
CONTENT_TYPE = CONTENT_TYPE_LATEST
Reader = Callable[[], AbstractContextManager[sqlite_utils.Database]]
RECORD_TABLES = ("facts", "quotes", *ENTITY_TABLES.values())


def _count(db: sqlite_utils.Database, sql: str) -> float:
    return float(db.conn.execute(sql).fetchone()[0])


class StoreCollector(Collector):
    """Figures read from the store at each scrape (any process's digests, feeds, drafts)."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def collect(self) -> Iterable[Metric]:
        try:
            with self.read() as db:
                yield from list(self._read(db))
        except (sqlite3.Error, OSError) as problem:  # /healthz says why; metrics stay up
            log.info("store metrics not read: %s", problem)

    def _read(self, db: sqlite_utils.Database) -> Iterator[Metric]:
        digests = CounterMetricFamily(
            "cyberbrief_digests", "Digest deliveries by outcome", labels=["outcome"]
        )
        counts = dict(db.conn.execute("SELECT status, count(*) FROM deliveries GROUP BY status"))
        for status, outcome in (("posted", "posted"), ("empty", "skipped"), ("sending", "pending")):
            digests.add_metric([outcome], float(counts.get(status, 0)))
        yield digests
        feeds = GaugeMetricFamily("cyberbrief_feeds", "Followed feeds by state", labels=["state"])
        ok, failing = db.conn.execute(
            "SELECT coalesce(sum(failures = 0), 0), coalesce(sum(failures > 0), 0) FROM feeds"
        ).fetchone()
        feeds.add_metric(["ok"], float(ok))
        feeds.add_metric(["failing"], float(failing))
        yield feeds
        items = CounterMetricFamily("cyberbrief_feed_items", "Feed items seen, all feeds")
        items.add_metric([], _count(db, "SELECT count(*) FROM feed_items"))
        yield items
        drafts = GaugeMetricFamily("cyberbrief_drafts_waiting", "Drafts waiting for review")
        drafts.add_metric([], _count(db, "SELECT count(*) FROM drafts WHERE status = 'pending'"))
        yield drafts
        logged = GaugeMetricFamily("cyberbrief_answer_log_entries", "Answers in the answer log")
        logged.add_metric([], _count(db, "SELECT count(*) FROM answer_log"))
        yield logged
        records = GaugeMetricFamily(
            "cyberbrief_records", "Knowledge records in the store", labels=["table"]
        )
        for table in RECORD_TABLES:
            (count,) = db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()
            records.add_metric([table], float(count))
        yield records
        pages, size = (
            db.conn.execute("PRAGMA page_count").fetchone()[0],
            db.conn.execute("PRAGMA page_size").fetchone()[0],
        )
        store = GaugeMetricFamily("cyberbrief_store_bytes", "Size of the SQLite database")
        store.add_metric([], float(pages * size))
        yield store


class Metrics:
    """This process's counters, and the store's figures, on one registry."""

    def __init__(self, registry: CollectorRegistry, read: Reader) -> None:
        self.registry = registry
        self.questions = Counter(
            "cyberbrief_questions",
            "Questions answered by this process, by surface and outcome",
            ["surface", "outcome"],
            registry=registry,
        )
        self.answer_seconds = Histogram(
            "cyberbrief_answer_seconds",
            "Time to answer a question (the lookup, not Slack's round trip)",
            ["surface"],
            buckets=ANSWER_BUCKETS,
            registry=registry,
        )
        registry.register(StoreCollector(read))

    def observe(self, surface: str, outcome: str, seconds: float) -> None:
        self.questions.labels(surface=surface, outcome=outcome).inc()
        self.answer_seconds.labels(surface=surface).observe(seconds)

    def exposition(self) -> bytes:
        """The registry in Prometheus' text format."""
        return generate_latest(self.registry)
