"""What a daily digest holds: events and initiative milestones in a window of days.

The queries and the topic filter live here, returning plain dataclasses with their sources;
rendering (Slack blocks, text, iCalendar) is the job of ``jobs/``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlite_utils

from cyberbrief.knowledge.draft_rows import short
from cyberbrief.knowledge.model import Citation
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.repository import Repository
from cyberbrief.knowledge.rows import Initiative, Organisation

if TYPE_CHECKING:
    from cyberbrief.knowledge.draft_rows import PendingDraft

ONE_LINE = 200
"""Characters of description a digest line shows."""

SYNONYMS: dict[str, tuple[str, ...]] = {
    "eu": ("european union",),
    "european union": ("eu",),
    "un": ("united nations",),
    "united nations": ("un",),
    "uk": ("united kingdom",),
    "us": ("united states", "usa"),
    "nato": ("north atlantic treaty organization",),
}
"""Common abbreviations a topic also answers to (in ``norm`` form), besides the store's names."""


@dataclass(frozen=True)
class DigestEvent:
    """An event running at some point in the window."""

    id: int
    name: str
    starts: dt.date
    ends: dt.date | None
    location: str | None
    line: str | None
    url: str | None
    organisers: tuple[str, ...]
    citation: Citation | None
    starts_at: dt.datetime | None = None
    """When a timed event begins (a calendar's "15:00–16:00 UTC"); None for a whole day."""
    ends_at: dt.datetime | None = None

    @property
    def last_day(self) -> dt.date:
        return self.ends or self.starts

    def when(self) -> str:
        """``1 May 2030`` or ``1–3 May 2030``-style dates, compact but unambiguous."""
        return date_range(self.starts, self.ends)


@dataclass(frozen=True)
class DigestMilestone:
    """A dated step of an initiative (a milestone, or the initiative's start or end)."""

    initiative_id: int
    initiative: str
    date: dt.date
    text: str
    lead: str | None
    url: str | None
    citation: Citation | None


@dataclass(frozen=True)
class Digest:
    """One channel's digest for one local day."""

    day: dt.date
    window_days: int
    topics: tuple[str, ...]
    events: tuple[DigestEvent, ...]
    milestones: tuple[DigestMilestone, ...]
    new: tuple[str, ...] = ()
    """"New in the briefing": records admins approved since the last digest, one line each."""

    @property
    def last_day(self) -> dt.date:
        """The window's last day (the window is ``window_days`` days, today included)."""
        return self.day + dt.timedelta(days=self.window_days - 1)

    @property
    def empty(self) -> bool:
        return not self.events and not self.milestones and not self.new


def date_range(starts: dt.date, ends: dt.date | None) -> str:
    def day(d: dt.date) -> str:
        return f"{d.day} {d:%b %Y}"

    if ends is None or ends == starts:
        return day(starts)
    if (starts.year, starts.month) == (ends.year, ends.month):
        return f"{starts.day}–{ends.day} {ends:%b %Y}"
    if starts.year == ends.year:
        return f"{starts.day} {starts:%b} – {day(ends)}"
    return f"{day(starts)} – {day(ends)}"


def one_line(text: str | None, limit: int = ONE_LINE) -> str | None:
    """The first sentence of a description, cut to ``limit`` characters."""
    if not text:
        return None
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    first = match.group(1) if match else text
    return short(first, limit)  # cut at a word, not inside one


def clean_topics(topics: Iterable[str]) -> tuple[str, ...]:
    """Topics as stored: trimmed, without empties or duplicates (compared by ``norm``)."""
    seen: set[str] = set()
    out: list[str] = []
    for topic in topics:
        topic = " ".join(topic.split())
        key = norm(topic)
        if key and key not in seen:
            seen.add(key)
            out.append(topic)
    return tuple(out)


class TopicFilter:
    """Whether a text (an item and everything linked to it) is about any of the topics.

    A topic matches whole words of the folded text (``EU`` matches "CERT-EU" and "an EU
    agency", not "Europol"), a plural, and the other names of whatever the store knows by that
    name: with an organisation "European Union (EU)", ``EU`` also matches "European Union".
    """

    def __init__(self, db: sqlite_utils.Database, topics: Sequence[str]) -> None:
        self.phrases: set[str] = set()
        for topic in topics:
            key = norm(topic)
            if not key:
                continue
            self.phrases.add(key)
            self.phrases.update(SYNONYMS.get(key, ()))
            rows = db.query(
                "SELECT n2.norm FROM names n1 JOIN names n2"
                " ON n2.kind = n1.kind AND n2.entity_id = n1.entity_id"
                " WHERE n1.norm = ? AND n1.type IN ('name', 'acronym', 'alias')"
                " AND n2.type IN ('name', 'acronym', 'alias')",
                (key,),
            )
            self.phrases.update(str(r["norm"]) for r in rows if r["norm"])

    @property
    def active(self) -> bool:
        return bool(self.phrases)

    def matches(self, texts: Iterable[str | None]) -> bool:
        if not self.phrases:
            return True
        haystack = " " + " ".join(norm(t) for t in texts if t) + " "
        return any(f" {p} " in haystack or f" {p}s " in haystack for p in self.phrases)


class _Reader:
    """The digest's queries; one per digest, so citations are looked up once."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.repo = Repository(db)

    def organisation_texts(self, org: Organisation | None) -> list[str | None]:
        if org is None:
            return []
        return [org.name, org.acronym, org.description, *self.repo.names("organisation", org.id)]


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def build_digest(
    db: sqlite_utils.Database,
    day: dt.date,
    window_days: int,
    topics: Sequence[str] = (),
    new_since: str | None = None,
) -> Digest:
    """Events overlapping the window and initiative milestones in it, narrowed by topics;
    with ``new_since`` (an ISO time), what admins approved from the review queue since."""
    if window_days < 1:
        raise ValueError("a digest window is at least one day")
    reader = _Reader(db)
    topic_filter = TopicFilter(db, topics)
    first = day.isoformat()
    last = (day + dt.timedelta(days=window_days - 1)).isoformat()

    events = _events(reader, topic_filter, first, last)
    milestones = _milestones(reader, topic_filter, first, last)
    return Digest(
        day=day,
        window_days=window_days,
        topics=tuple(topics),
        events=tuple(events),
        milestones=tuple(milestones),
        new=new_in_briefing(db, new_since, topic_filter) if new_since else (),
    )


def _events(reader: _Reader, topic_filter: TopicFilter, first: str, last: str) -> list[DigestEvent]:
    """Events overlapping ``first``..``last`` that match the topics, by start date."""
    events: list[DigestEvent] = []
    for row in reader.repo.events_between(first, last):
        starts = _date(row.starts)
        if starts is None:
            continue
        organisers = reader.repo.organisers(row.id)
        texts: list[str | None] = [
            row.name,
            row.acronym,
            row.description,
            row.location,
            *row.topics,
            *reader.repo.names("event", row.id),
        ]
        for org in organisers:
            texts += reader.organisation_texts(org)
        if not topic_filter.matches(texts):
            continue
        starts_at, ends_at = event_times(row.description, starts, _date(row.ends))
        events.append(
            DigestEvent(
                id=row.id,
                name=row.name,
                starts=starts,
                ends=_date(row.ends),
                location=row.location,
                line=one_line(row.description),
                url=row.url,
                organisers=tuple(o.acronym or o.name for o in organisers),
                citation=reader.repo.citation(row.source_id),
                starts_at=starts_at,
                ends_at=ends_at,
            )
        )
    return events


_TIMES = re.compile(
    r"^(\d{1,2}):(\d{2})(?:\s*[–-]\s*(\d{1,2}):(\d{2}))?(?:\s+([A-Za-z][\w/+:-]*))?\.(?:\s|$)"
)


def event_times(
    description: str | None, starts: dt.date, ends: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The start and end of a timed event, from the times a calendar poll puts first in its
    description ("15:00–16:00 UTC. …", "09:30 Europe/Brussels. …"); (None, None) for a
    whole-day event or a zone this machine does not know. No zone: floating (naive) times."""
    match = _TIMES.match(description or "")
    if match is None:
        return None, None
    h1, m1, h2, m2, label = match.groups()
    zone = _zone(label)
    if label and zone is None:
        return None, None
    try:
        begin = dt.datetime.combine(starts, dt.time(int(h1), int(m1)), zone)
        if h2 is None:
            return begin, None
        end = dt.datetime.combine(ends or starts, dt.time(int(h2), int(m2)), zone)
    except ValueError:  # 25:00
        return None, None
    return begin, end if end > begin else end + dt.timedelta(days=1)


def _zone(label: str | None) -> dt.tzinfo | None:
    """``UTC``, ``UTC+01:00`` or an IANA name as a time zone; None if unknown."""
    if not label:
        return None
    if label in ("UTC", "Z", "GMT"):
        return dt.UTC
    offset = re.fullmatch(r"UTC([+-])(\d{2}):(\d{2})", label)
    if offset:
        sign = 1 if offset.group(1) == "+" else -1
        minutes = int(offset.group(2)) * 60 + int(offset.group(3))
        return dt.timezone(sign * dt.timedelta(minutes=minutes))
    try:
        return ZoneInfo(label)
    except (ValueError, ZoneInfoNotFoundError):
        return None


def _milestones(
    reader: _Reader, topic_filter: TopicFilter, first: str, last: str
) -> list[DigestMilestone]:
    """Initiatives' milestones, starts and ends within ``first``..``last`` that match the
    topics, by date."""
    repo = reader.repo
    steps: list[tuple[Initiative, dt.date, str]] = []
    for m in repo.milestones_between(first, last):
        initiative = repo.initiative(m.initiative_id)
        if initiative is not None:
            steps.append((initiative, m.date, m.text))
    for i in repo.initiatives_dated("starts", first, last):
        if i.starts is not None:
            steps.append((i, i.starts, "Starts"))
    for i in repo.initiatives_dated("ends", first, last):
        if i.ends is not None:
            steps.append((i, i.ends, "Ends"))

    milestones: list[DigestMilestone] = []
    for row, date, text in steps:
        lead = repo.organisation(row.organisation_id) if row.organisation_id else None
        texts = [
            text,
            row.name,
            row.acronym,
            row.description,
            *repo.names("initiative", row.id),
            *reader.organisation_texts(lead),
        ]
        if not topic_filter.matches(texts):
            continue
        milestones.append(
            DigestMilestone(
                initiative_id=row.id,
                initiative=row.name,
                date=date,
                text=text,
                lead=(lead.acronym or lead.name) if lead else None,
                url=row.url,
                citation=repo.citation(row.source_id),
            )
        )
    milestones.sort(key=lambda m: (m.date, m.initiative, m.text))
    return milestones


MAX_NEW = 10


def new_in_briefing(
    db: sqlite_utils.Database, since: str, topic_filter: TopicFilter | None = None
) -> tuple[str, ...]:
    """One line per approved draft since ``since`` (undone approvals left out), newest
    articles' publisher named; at most ``MAX_NEW`` and a count of the rest. Narrowed to a
    topic, a draft counts when its record, its article's title or the topics of the feed it
    came from match."""
    from cyberbrief.knowledge.draft_rows import approved_since

    drafts = approved_since(db, since)
    if topic_filter is not None and topic_filter.active:
        drafts = [d for d in drafts if topic_filter.matches(_draft_texts(d))]
    lines = []
    for draft in drafts[:MAX_NEW]:
        where = draft.source.get("publisher") or draft.source.get("title")
        lines.append(draft.line().split(" ", 1)[1] + (f" ({where})" if where else ""))
    if len(drafts) > MAX_NEW:
        lines.append(f"… and {len(drafts) - MAX_NEW} more")
    return tuple(lines)


def _draft_texts(draft: PendingDraft) -> list[str | None]:
    texts: list[str | None] = [*draft.topics, draft.source.get("title")]
    for value in draft.data.values():
        texts += [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return texts
