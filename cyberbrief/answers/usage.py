"""Usage and health for admins (``/cyber admin stats``, ``bot.py stats``): questions a day, the
share answered, the share resolved without a Not helpful vote or an analyst, the most asked
entities, answer times, digests posted, skipped and failed, failing feeds, drafts waiting.

Everything is read from the store in one snapshot, so any process on the database sees the
same figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

import sqlite_utils

from cyberbrief.store.migrations import ENTITY_TABLES

WINDOWS = (7, 30)


@dataclass
class Window:
    days: int
    questions: int
    per_day: float
    answered_share: float | None
    resolved_share: float | None
    """Answered, with no Not helpful vote and no analyst asked."""
    p50_ms: int | None
    p99_ms: int | None
    by_surface: dict[str, int]


@dataclass
class Usage:
    windows: list[Window]
    top_entities: list[tuple[str, int]]
    digests: dict[str, int]
    feeds_failing: list[str]
    drafts_waiting: int
    log_entries: int
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def percentile(sorted_values: list[int], share: float) -> int | None:
    """The nearest-rank percentile of already sorted values (None when there are none)."""
    if not sorted_values:
        return None
    rank = max(1, -(-len(sorted_values) * share // 1))  # ceil(n * share)
    return sorted_values[int(rank) - 1]


def _window(db: sqlite_utils.Database, now: dt.datetime, days: int) -> Window:
    since = _stamp(now - dt.timedelta(days=days))
    total, answered, resolved = db.conn.execute(
        "SELECT count(*), "
        "coalesce(sum(outcome IN ('answered', 'help')), 0), "
        "coalesce(sum(outcome IN ('answered', 'help') "
        "  AND NOT EXISTS (SELECT 1 FROM answer_votes v WHERE v.answer_id = l.id AND v.helpful = 0)"
        "  AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.answer_id = l.id)), 0) "
        "FROM answer_log l WHERE asked_at >= ?",
        (since,),
    ).fetchone()
    millis = [
        int(m)
        for (m,) in db.conn.execute(
            "SELECT millis FROM answer_log WHERE asked_at >= ? ORDER BY millis", (since,)
        )
    ]
    surfaces = dict(
        db.conn.execute(
            "SELECT surface, count(*) FROM answer_log WHERE asked_at >= ? GROUP BY surface "
            "ORDER BY count(*) DESC",
            (since,),
        ).fetchall()
    )
    return Window(
        days=days,
        questions=int(total),
        per_day=round(total / days, 1),
        answered_share=round(answered / total, 3) if total else None,
        resolved_share=round(resolved / total, 3) if total else None,
        p50_ms=percentile(millis, 0.5),
        p99_ms=percentile(millis, 0.99),
        by_surface={str(k): int(v) for k, v in surfaces.items()},
    )


def usage(db: sqlite_utils.Database, now: dt.datetime, top: int = 10) -> Usage:
    """The figures as of ``now``."""
    since = _stamp(now - dt.timedelta(days=max(WINDOWS)))
    entities = db.conn.execute(
        "SELECT e.value, count(*) FROM answer_log l, json_each(l.entities) e "
        "WHERE l.asked_at >= ? GROUP BY e.value ORDER BY count(*) DESC, e.value LIMIT ?",
        (since, top),
    ).fetchall()
    labelled = [(_label(db, str(key)), int(count)) for key, count in entities]
    digests = {
        "posted": 0,
        "skipped": 0,
        "failed": 0,
    }
    for status, lease, count in db.conn.execute(
        "SELECT status, lease_until < ?, count(*) FROM deliveries WHERE posted_at >= ? "
        "GROUP BY status, lease_until < ?",
        (_stamp(now), since, _stamp(now)),
    ):
        if status == "posted":
            digests["posted"] += count
        elif status == "empty":
            digests["skipped"] += count
        elif lease:  # claimed, never confirmed, and its lease has run out
            digests["failed"] += count
    failing = [
        f"{title or url}: {error or 'failing'}"
        for title, url, error in db.conn.execute(
            "SELECT title, url, last_error FROM feeds WHERE failures > 0 ORDER BY id"
        )
    ]
    (waiting,) = db.conn.execute("SELECT count(*) FROM drafts WHERE status = 'pending'").fetchone()
    (entries,) = db.conn.execute("SELECT count(*) FROM answer_log").fetchone()
    return Usage(
        windows=[_window(db, now, days) for days in WINDOWS],
        top_entities=labelled,
        digests=digests,
        feeds_failing=failing,
        drafts_waiting=int(waiting),
        log_entries=int(entries),
    )


def _label(db: sqlite_utils.Database, key: str) -> str:
    """An entity key ("person:12") as its name, or the key when it is gone."""
    kind, _, number = key.partition(":")
    table = ENTITY_TABLES.get(kind, "")
    if not table or not number.isdigit():
        return key
    row = db.conn.execute(f"SELECT name FROM {table} WHERE id = ?", (int(number),)).fetchone()
    return str(row[0]) if row else key


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f} %"


def lines(figures: Usage) -> list[str]:
    """The figures as plain lines (the command line; Slack escapes and bolds them)."""
    out = []
    for w in figures.windows:
        times = f"p50 {w.p50_ms} ms, p99 {w.p99_ms} ms" if w.p50_ms is not None else "no answers"
        out.append(
            f"Last {w.days} days: {w.questions} questions ({w.per_day} a day), "
            f"{_share(w.answered_share)} answered, {_share(w.resolved_share)} resolved without "
            f"a Not helpful vote or an analyst; {times}"
        )
    if figures.top_entities:
        out.append("Most asked about: " + ", ".join(f"{n} ({c})" for n, c in figures.top_entities))
    d = figures.digests
    out.append(
        f"Digests (30 days): {d['posted']} posted, {d['skipped']} skipped, {d['failed']} failed"
    )
    out.append(
        "Feeds failing: " + ("; ".join(figures.feeds_failing) if figures.feeds_failing else "none")
    )
    out.append(f"Drafts waiting for review: {figures.drafts_waiting}")
    return out
