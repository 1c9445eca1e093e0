"""Knowledge gaps: questions the store refused, or answered Not helpfully, grouped so that
rephrasings of one question count once, ranked by how many people asked.

Grouping: two phrasings are one gap when their content words overlap (Jaccard >= 0.6, words
lower-cased, stop words dropped, plurals folded), or, with the meaning model, when they are
close in meaning (cosine >= 0.85) and name the same names. A gap's state (dismissed with a
reason, or resolved by a change) is kept under the key of its phrasings in ``gap_states``;
an undone change re-opens what it resolved (``gap_recheck``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import sqlite_utils

from cyberbrief.answers.textsearch import search
from cyberbrief.knowledge.embedding import Model, embed
from cyberbrief.knowledge.model import Answer, Status

WINDOW_DAYS = 30
WORD_OVERLAP = 0.6
MEANING = 0.85
MEANING_LIMIT = 1000
"""Phrasings (most asked first) compared in meaning; past it, words alone group them."""
STOP = frozenset(
    "a an the is are was were be been of in on at to for from by with about and or what who "
    "whom which when where why how does do did has have had it its this that these those "
    "me my i you your we our they their there tell please any some much many can could "
    "would should will s".split()
)
WORD = re.compile(r"[a-z0-9]+")
NAME = re.compile(r"\b[A-Z][\w-]*")


def content_words(question: str) -> frozenset[str]:
    """The words that carry the question, lower-cased, plurals folded."""
    out = set()
    for word in WORD.findall(question.lower()):
        if word in STOP:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.add(word)
    return frozenset(out)


def gap_key(question: str) -> str:
    """One phrasing's key: its content words, sorted (the question itself when it has none)."""
    words = content_words(question)
    return " ".join(sorted(words)) if words else " ".join(question.lower().split())


def _names(question: str) -> frozenset[str]:
    return frozenset(n.lower() for n in NAME.findall(question)[1:] or NAME.findall(question))


@dataclass
class Gap:
    """One question the store does not answer well, however it was phrased."""

    key: str
    question: str
    phrasings: list[str]
    people: int
    asks: int
    refused: int
    not_helpful: int
    first_at: str
    last_at: str
    answer_ids: list[int]
    keys: list[str] = field(default_factory=list)
    state: str = "open"
    reason: str | None = None
    change_id: int | None = None
    closest: str | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "question": self.question,
            "phrasings": self.phrasings,
            "people": self.people,
            "asks": self.asks,
            "refused": self.refused,
            "not_helpful": self.not_helpful,
            "first_asked": self.first_at,
            "last_asked": self.last_at,
            "state": self.state,
            "reason": self.reason,
            "resolved_by_change": self.change_id,
            "closest": self.closest,
            "key": self.key,
        }


@dataclass
class _Phrasing:
    key: str
    questions: Counter[str] = field(default_factory=Counter)
    anonymous: int = 0
    """Asks with no asker on record: each counts as one person."""
    askers: set[str] = field(default_factory=set)
    voters: set[str] = field(default_factory=set)
    refused: int = 0
    not_helpful: int = 0
    first_at: str = "9999"
    last_at: str = ""
    answer_ids: list[int] = field(default_factory=list)

    @property
    def people(self) -> int:
        return self.anonymous + len(self.askers) + len(self.voters)


GAP_ROWS = """
WITH down AS (
    SELECT answer_id, group_concat(voter, ' ') AS voters FROM answer_votes
    WHERE helpful = 0 GROUP BY answer_id
)
SELECT l.id, l.question, l.asked_at, l.outcome, l.asker, down.voters
    FROM answer_log l LEFT JOIN down ON down.answer_id = l.id
    WHERE l.outcome = 'refused' AND l.asked_at >= ?
UNION ALL
SELECT l.id, l.question, l.asked_at, l.outcome, l.asker, down.voters
    FROM down JOIN answer_log l ON l.id = down.answer_id
    WHERE l.outcome != 'refused' AND l.asked_at >= ?
"""


def _phrasings(db: sqlite_utils.Database, since: str) -> dict[str, _Phrasing]:
    found: dict[str, _Phrasing] = {}
    keys: dict[str, str] = {}
    for answer_id, question, asked_at, outcome, asker, down in db.conn.execute(
        GAP_ROWS, (since, since)
    ):
        key = keys.get(question)
        if key is None:
            key = keys[question] = gap_key(question)
        entry = found.get(key)
        if entry is None:
            entry = found[key] = _Phrasing(key)
        entry.questions[question] += 1
        if asker:
            entry.askers.add(asker)
        else:
            entry.anonymous += 1
        if down:
            voters = down.split()
            entry.voters.update(voters)
            entry.not_helpful += len(voters)
        if outcome == "refused":
            entry.refused += 1
        if asked_at < entry.first_at:
            entry.first_at = asked_at
        if asked_at > entry.last_at:
            entry.last_at = asked_at
        entry.answer_ids.append(answer_id)
    return found


class _Groups:
    """Union-find over phrasing keys."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def _join_by_words(groups: _Groups, keys: Sequence[str]) -> None:
    """Join phrasings whose word sets overlap by ``WORD_OVERLAP`` (Jaccard). Prefix filtering
    (as in set-similarity joins): two sets that similar must share one of their rarest
    ``len - ceil(t * len) + 1`` words, so only those are indexed and probed."""
    words = {k: frozenset(k.split()) for k in keys}
    frequency = Counter(word for key in keys for word in words[key])
    by_word: dict[str, list[str]] = {}
    prefixes = {}
    for key in keys:
        ordered = sorted(words[key], key=lambda w: (frequency[w], w))
        size = len(ordered)
        prefixes[key] = ordered[: size - math.ceil(WORD_OVERLAP * size - 1e-9) + 1]
        for word in prefixes[key]:
            by_word.setdefault(word, []).append(key)
    for key in keys:
        mine = words[key]
        seen: set[str] = set()
        for word in prefixes[key]:
            for other in by_word[word]:
                if other <= key or other in seen:
                    continue
                seen.add(other)
                theirs = words[other]
                if len(mine & theirs) / len(mine | theirs) >= WORD_OVERLAP:
                    groups.join(key, other)


def _join_by_meaning(
    groups: _Groups, keys: Sequence[str], example: dict[str, str], model: Model
) -> None:
    keys = list(keys)[:MEANING_LIMIT]
    if len(keys) < 2:
        return
    vectors = embed(model, [example[k] for k in keys])
    names = [_names(example[k]) for k in keys]
    close = np.argwhere(vectors @ vectors.T >= MEANING)
    for i, j in close:
        if i < j and names[i] == names[j]:
            groups.join(keys[i], keys[j])


def gap_states_by_key(db: sqlite_utils.Database) -> dict[str, tuple[str, str | None, int | None]]:
    rows = db.conn.execute("SELECT gap_key, state, reason, change_id FROM gap_states")
    return {key: (state, reason, change_id) for key, state, reason, change_id in rows}


def collect(
    db: sqlite_utils.Database,
    now: dt.datetime,
    *,
    days: int = WINDOW_DAYS,
    model: Model | None = None,
) -> list[Gap]:
    """Every gap of the last ``days`` days (open, dismissed and resolved), most people first."""
    since = (now - dt.timedelta(days=days)).astimezone(dt.UTC).isoformat(timespec="seconds")
    phrasings = _phrasings(db, since)
    ranked = sorted(phrasings, key=lambda k: (-phrasings[k].people, k))
    groups = _Groups(ranked)
    _join_by_words(groups, ranked)
    if model is not None:
        example = {k: phrasings[k].questions.most_common(1)[0][0] for k in ranked}
        _join_by_meaning(groups, ranked, example, model)
    members: dict[str, list[_Phrasing]] = {}
    for key in ranked:
        members.setdefault(groups.find(key), []).append(phrasings[key])
    states = gap_states_by_key(db)
    gaps = [_gap(parts, states) for parts in members.values()]
    return sorted(gaps, key=lambda g: (-g.people, -g.asks, g.last_at, g.key))


def _gap(parts: list[_Phrasing], states: dict[str, tuple[str, str | None, int | None]]) -> Gap:
    if len(parts) == 1:
        questions = parts[0].questions
        askers, voters = parts[0].askers, parts[0].voters
    else:
        questions, askers, voters = Counter(), set(), set()
        for part in parts:
            questions.update(part.questions)
            askers |= part.askers
            voters |= part.voters
    keys = [p.key for p in parts]
    # The most asked phrasing; of equals, the longest (the one that says most).
    phrasings = (
        list(questions)
        if len(questions) == 1
        else sorted(questions, key=lambda q: (-questions[q], -len(q), q))
    )
    gap = Gap(
        key=keys[0],
        question=phrasings[0],
        phrasings=phrasings,
        people=sum(p.anonymous for p in parts) + len(askers) + len(voters),
        asks=sum(questions.values()),
        refused=sum(p.refused for p in parts),
        not_helpful=sum(p.not_helpful for p in parts),
        first_at=min(p.first_at for p in parts),
        last_at=max(p.last_at for p in parts),
        answer_ids=[i for p in parts for i in p.answer_ids],
        keys=keys,
    )
    for key in keys:
        if key in states:
            gap.state, gap.reason, gap.change_id = states[key]
            break
    return gap


def open_gaps(gaps: Sequence[Gap]) -> list[Gap]:
    return [g for g in gaps if g.state == "open"]


def dismiss(db: sqlite_utils.Database, gap: Gap, reason: str, by: str, now: dt.datetime) -> None:
    """Out of scope: the gap leaves the queue, with the admin's reason."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValueError("Give a reason for dismissing the gap (such as 'out of scope').")
    set_state(db, gap, "dismissed", reason[:300], None, by, now)


def set_state(
    db: sqlite_utils.Database,
    gap: Gap,
    state: str,
    reason: str | None,
    change_id: int | None,
    by: str | None,
    now: dt.datetime,
) -> None:
    db.conn.execute(
        "INSERT INTO gap_states (gap_key, question, state, reason, change_id, by, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (gap_key) DO UPDATE SET state = excluded.state, "
        "reason = excluded.reason, change_id = excluded.change_id, by = excluded.by, "
        "at = excluded.at",
        (gap.key, gap.question, state, reason, change_id, by, now.isoformat(timespec="seconds")),
    )


def find_gap(gaps: Sequence[Gap], key: str) -> Gap | None:
    return next((g for g in gaps if key in g.keys), None)


def closest_on_file(answer: Answer) -> str | None:
    """What the store holds nearest the question: the answer's subject or first suggestion."""
    if answer.status is Status.FOUND and answer.subject is not None:
        return answer.subject.label
    if answer.choices:
        return answer.choices[0].label
    if answer.status is Status.FOUND:
        return answer.title
    return None


def _closest_by_words(db: sqlite_utils.Database, question: str) -> str | None:
    """The record sharing most of the question's words (full-text search), as a line."""
    hits = search(db, question, limit=10)
    if not hits:
        return None
    text = " ".join(hits[0].text.split())
    return f"{hits[0].kind}: {text[:200]}{'…' if len(text) > 200 else ''}"


def with_closest(
    gaps: Sequence[Gap],
    ask: Callable[[str], Answer],
    limit: int,
    db: sqlite_utils.Database | None = None,
) -> list[Gap]:
    """The first ``limit`` gaps, each with the closest record on file: what the answer offers
    (its subject or first suggestion), else, with ``db``, the record sharing most words."""
    shown = list(gaps[:limit])
    for gap in shown:
        gap.closest = closest_on_file(ask(gap.question))
        if gap.closest is None and db is not None:
            gap.closest = _closest_by_words(db, gap.question)
    return shown
