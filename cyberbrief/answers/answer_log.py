"""The answer log: every question answered, on every surface, for the admins' gaps and stats.

An entry says when, where (surface, channel kind), what was asked, how it went (outcome, kind
of answer, the sources cited, the entities it was about) and how long it took. The asker's
user id is kept only when the operator turns it on (``AnswerLogPolicy.keep_askers``); votes
are then keyed by a hash of the voter's id with a random key kept in the store, so one vote
per person holds without the id being stored.

Recording is done after the answer is shown and never raises: a full disk or a read-only
store drops the entry (logged once a minute at most), never the answer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlite_utils

from cyberbrief.knowledge.model import Answer, Status

log = logging.getLogger(__name__)

SURFACES = ("command", "mention", "dm", "assistant", "console", "ask", "workflow")
CHANNEL_KINDS = ("channel", "private", "dm", "group", "none")
OUTCOMES = {
    Status.FOUND: "answered",
    Status.CHOICES: "choices",
    Status.NOT_FOUND: "refused",
    Status.HELP: "help",
}
MAX_QUESTION = 500
"""Characters of a question kept (questions are capped at 500 where they are asked)."""
MAX_ID = 2**53 - 1
"""Ids stay exact in JSON readers that use doubles (Slack's payloads pass through them)."""


@dataclass(frozen=True)
class AnswerLogPolicy:
    """What the operator chose: how many days entries are kept (0: none are recorded) and
    whether askers' and voters' user ids are stored."""

    keep_days: int = 90
    keep_askers: bool = False

    @property
    def recording(self) -> bool:
        return self.keep_days > 0


@dataclass(frozen=True)
class AnswerEntry:
    """One answered question, as recorded."""

    asked_at: str
    surface: str
    channel_kind: str
    question: str
    outcome: str
    kind: str = ""
    cited: Sequence[str] = field(default_factory=tuple)
    entities: Sequence[str] = field(default_factory=tuple)
    millis: int = 0
    asker: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if self.surface not in SURFACES:
            raise ValueError(f"surface must be one of {', '.join(SURFACES)}, not {self.surface!r}")
        if self.channel_kind not in CHANNEL_KINDS:
            raise ValueError(
                f"channel_kind must be one of {', '.join(CHANNEL_KINDS)}, not {self.channel_kind!r}"
            )
        if self.outcome not in OUTCOMES.values():
            raise ValueError(f"outcome must be one of {sorted(OUTCOMES.values())}")


def new_answer_id() -> int:
    """A fresh log id, chosen before the answer is shown so its buttons can carry it."""
    return secrets.randbelow(MAX_ID) + 1


def entry_for(
    answer: Answer,
    *,
    question: str,
    surface: str,
    channel_kind: str,
    asked_at: dt.datetime,
    millis: float,
    asker: str | None,
    policy: AnswerLogPolicy,
    answer_id: int | None = None,
) -> AnswerEntry:
    """The log entry of ``answer``; the asker is dropped unless the policy keeps askers."""
    return AnswerEntry(
        id=answer_id,
        asked_at=asked_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
        surface=surface,
        channel_kind=channel_kind,
        question=" ".join(question.split())[:MAX_QUESTION],
        outcome=OUTCOMES[answer.status],
        kind=answer.kind,
        cited=tuple(c.text() for c in answer.all_citations()),
        entities=tuple(ref.key for ref in answer.entities()),
        millis=max(0, round(millis)),
        asker=asker if policy.keep_askers and asker else None,
    )


def channel_kind_of(channel_id: str | None, channel_type: str | None = None) -> str:
    """Slack's channel type (``im``, ``mpim``, ``group``, ``channel``), else a guess from the
    id's first letter (D: a DM, G: private or a group DM, C: a channel)."""
    kinds = {"im": "dm", "mpim": "group", "group": "private", "channel": "channel"}
    if channel_type in kinds:
        return kinds[channel_type]
    if not channel_id:
        return "none"
    return {"D": "dm", "G": "private", "C": "channel"}.get(channel_id[:1], "none")


def record_answer(db: sqlite_utils.Database, entry: AnswerEntry) -> int | None:
    """Write ``entry`` (inside the caller's transaction, if any); its id, or None when the
    store refused it (full, read-only, locked, gone): the answer is never the worse for it."""
    row = (
        entry.id if entry.id is not None else new_answer_id(),
        entry.asked_at,
        entry.surface,
        entry.channel_kind,
        entry.question,
        entry.outcome,
        entry.kind,
        json.dumps(list(entry.cited)),
        json.dumps(list(entry.entities)),
        entry.millis,
        entry.asker,
    )
    try:
        db.conn.execute(
            "INSERT INTO answer_log (id, asked_at, surface, channel_kind, question, outcome, "
            "kind, cited, entities, millis, asker) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            row,
        )
    except (sqlite3.Error, OSError) as problem:
        log.warning("answer not recorded in the answer log: %s", problem)
        return None
    return int(row[0]) if row[0] is not None else None


def prune(db: sqlite_utils.Database, now: dt.datetime, keep_days: int) -> int:
    """Delete entries (and their votes) older than ``keep_days`` days; all of them at 0.
    Returns how many entries went."""
    if keep_days <= 0:
        return int(db.conn.execute("DELETE FROM answer_log").rowcount)
    cutoff = (now - dt.timedelta(days=keep_days)).astimezone(dt.UTC).isoformat(timespec="seconds")
    return int(db.conn.execute("DELETE FROM answer_log WHERE asked_at < ?", (cutoff,)).rowcount)


@dataclass(frozen=True)
class LoggedAnswer:
    """An entry read back, with its id."""

    id: int
    asked_at: str
    surface: str
    channel_kind: str
    question: str
    outcome: str
    kind: str
    cited: list[str]
    entities: list[str]
    millis: int
    asker: str | None


def _logged(row: sqlite3.Row | tuple[object, ...]) -> LoggedAnswer:
    values = list(row)
    return LoggedAnswer(
        id=int(str(values[0])),
        asked_at=str(values[1]),
        surface=str(values[2]),
        channel_kind=str(values[3]),
        question=str(values[4]),
        outcome=str(values[5]),
        kind=str(values[6]),
        cited=list(json.loads(str(values[7]))),
        entities=list(json.loads(str(values[8]))),
        millis=int(str(values[9])),
        asker=None if values[10] is None else str(values[10]),
    )


COLUMNS = (
    "id, asked_at, surface, channel_kind, question, outcome, kind, cited, entities, millis, asker"
)


def get_answer(db: sqlite_utils.Database, answer_id: int) -> LoggedAnswer | None:
    row = db.conn.execute(f"SELECT {COLUMNS} FROM answer_log WHERE id = ?", (answer_id,)).fetchone()
    return _logged(row) if row else None


def read_answers(
    db: sqlite_utils.Database, since: dt.datetime | None = None, limit: int | None = None
) -> list[LoggedAnswer]:
    """Entries asked at or after ``since`` (all when None), newest first."""
    cutoff = since.astimezone(dt.UTC).isoformat(timespec="seconds") if since else ""
    sql = f"SELECT {COLUMNS} FROM answer_log WHERE asked_at >= ? ORDER BY asked_at DESC, id"
    params: list[object] = [cutoff]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_logged(row) for row in db.conn.execute(sql, params)]


def voter_key(db: sqlite_utils.Database, user_id: str, policy: AnswerLogPolicy) -> str:
    """Who voted, as stored: the user id when askers are logged, else a keyed hash of it
    (the key is random per store, so the hash names no one outside it)."""
    if policy.keep_askers:
        return user_id
    row = db.conn.execute("SELECT key FROM answer_log_key WHERE id = 1").fetchone()
    key = bytes(row[0]) if row else b""
    return "h:" + hmac.new(key, user_id.encode(), hashlib.sha256).hexdigest()[:32]
