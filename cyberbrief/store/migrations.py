"""The store's schema, as an ordered list of migrations keyed by ``PRAGMA user_version``.

Each migration runs once, in order, inside one transaction, so an old database is brought up
to date on open without losing data, and later features add tables by appending a migration.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import sqlite_utils

ENTITY_TABLES: dict[str, str] = {
    "organisation": "organisations",
    "person": "people",
    "event": "events",
    "initiative": "initiatives",
}
"""Kinds that have a name (and so aliases), mapped to their table."""


V1_KNOWLEDGE = """
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    key TEXT UNIQUE,
    title TEXT NOT NULL,
    publisher TEXT,
    date TEXT,
    url TEXT,
    kind TEXT NOT NULL DEFAULT 'article' CHECK (kind IN ('article', 'background')),
    file TEXT
);
CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    acronym TEXT,
    description TEXT,
    url TEXT,
    source_id INTEGER REFERENCES sources(id)
);
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT,
    organisation_id INTEGER REFERENCES organisations(id),
    description TEXT,
    url TEXT,
    source_id INTEGER REFERENCES sources(id)
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    acronym TEXT,
    starts TEXT NOT NULL,
    ends TEXT,
    location TEXT,
    description TEXT,
    url TEXT,
    source_id INTEGER REFERENCES sources(id)
);
CREATE TABLE event_organisers (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id),
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    UNIQUE (event_id, organisation_id)
);
CREATE TABLE initiatives (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    acronym TEXT,
    organisation_id INTEGER REFERENCES organisations(id),
    starts TEXT,
    ends TEXT,
    description TEXT,
    url TEXT,
    source_id INTEGER REFERENCES sources(id)
);
CREATE TABLE milestones (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    date TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    norm TEXT NOT NULL,
    topics TEXT,
    date TEXT,
    source_id INTEGER REFERENCES sources(id)
);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    norm TEXT NOT NULL,
    speaker_kind TEXT NOT NULL CHECK (speaker_kind IN ('person', 'organisation')),
    speaker_id INTEGER NOT NULL,
    event_id INTEGER REFERENCES events(id),
    context TEXT,
    date TEXT,
    reported INTEGER NOT NULL DEFAULT 0,
    source_id INTEGER REFERENCES sources(id)
);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    record_kind TEXT NOT NULL CHECK (record_kind IN ('fact', 'quote')),
    record_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    UNIQUE (record_kind, record_id, kind, entity_id)
);
-- Every name an entity answers to: its name, acronym, aliases and (for people) surname.
-- `norm` is knowledge.normalize.norm(text): exact look-ups by name use it.
CREATE TABLE names (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    norm TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('name', 'acronym', 'alias', 'surname'))
);
CREATE INDEX names_entity ON names(kind, entity_id);
CREATE INDEX names_norm ON names(norm);
CREATE INDEX people_org ON people(organisation_id);
CREATE INDEX quotes_speaker ON quotes(speaker_kind, speaker_id);
CREATE INDEX quotes_event ON quotes(event_id);
CREATE INDEX mentions_entity ON mentions(kind, entity_id);
CREATE INDEX events_starts ON events(starts);
CREATE INDEX facts_norm ON facts(norm);
CREATE INDEX quotes_norm ON quotes(norm);
CREATE INDEX milestones_date ON milestones(date);

-- Every change to knowledge, for history and undo.
CREATE TABLE changes (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    origin TEXT NOT NULL,
    summary TEXT NOT NULL,
    undone_by INTEGER REFERENCES changes(id),
    undoes INTEGER REFERENCES changes(id)
);
CREATE TABLE change_rows (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL REFERENCES changes(id),
    tbl TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX change_rows_change ON change_rows(change_id);
"""

V2_DIGESTS = """
-- Channels subscribed to the daily digest: the single source of truth for scheduling.
CREATE TABLE subscriptions (
    channel_id TEXT PRIMARY KEY,
    team_id TEXT,
    created_by TEXT,
    post_time TEXT NOT NULL DEFAULT '09:00',
    timezone TEXT NOT NULL DEFAULT 'UTC',
    topics TEXT NOT NULL DEFAULT '[]',
    window_days INTEGER NOT NULL DEFAULT 14,
    always_post INTEGER NOT NULL DEFAULT 0,
    paused_reason TEXT,
    paused_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- One row per channel and local day, written in the transaction that claims the post.
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    channel_id TEXT NOT NULL,
    local_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('posted', 'empty')),
    ts TEXT,
    posted_at TEXT NOT NULL,
    UNIQUE (channel_id, local_date)
);
"""

V3_PROVENANCE = """
-- A source without a headline is described, not quoted; a date the text only implies is marked.
ALTER TABLE sources ADD COLUMN untitled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN date_inferred INTEGER NOT NULL DEFAULT 0;
-- Every source a record cites, as a JSON list of source ids; source_id stays the first of them.
ALTER TABLE organisations ADD COLUMN source_ids TEXT;
ALTER TABLE people ADD COLUMN source_ids TEXT;
ALTER TABLE events ADD COLUMN source_ids TEXT;
ALTER TABLE initiatives ADD COLUMN source_ids TEXT;
ALTER TABLE facts ADD COLUMN source_ids TEXT;
ALTER TABLE quotes ADD COLUMN source_ids TEXT;
-- The sentence of a cited source that supports a fact, verbatim.
ALTER TABLE facts ADD COLUMN support TEXT;
"""

V4_FEEDS = """
-- News feeds and event calendars an admin follows, polled with conditional GETs.
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('news', 'calendar')),
    topics TEXT NOT NULL DEFAULT '[]',
    title TEXT,
    interval_minutes INTEGER NOT NULL DEFAULT 60,
    etag TEXT,
    last_modified TEXT,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    last_polled_at TEXT,
    last_ok_at TEXT,
    next_poll_at TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
-- Items of a news feed already seen, so each story is drafted once.
CREATE TABLE feed_items (
    feed_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    link TEXT,
    seen_at TEXT NOT NULL,
    outcome TEXT,
    PRIMARY KEY (feed_id, key)
);
-- The review queue: drafted records waiting for an admin, one row per record.
CREATE TABLE drafts (
    id INTEGER PRIMARY KEY,
    batch TEXT NOT NULL,
    origin TEXT NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    source TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT,
    change_id INTEGER
);
CREATE INDEX drafts_by_status ON drafts (status, batch);
"""

V5_SEARCH = """
-- Full-text search over what questions are answered from: facts, quotes (with speaker and
-- context), entity descriptions and roles, and every name. One row per record; its rowid is
-- the record's id * 8 + a code for its kind (1 fact, 2 quote, 3 organisation, 4 person,
-- 5 event, 6 initiative, 7 name), so triggers keep it current in the writer's transaction.
-- `body` is the record's own text, `who` the names it is by or about, `context` the rest.
CREATE VIRTUAL TABLE search USING fts5(
    body, who, context, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE search_terms USING fts5vocab(search, 'row');

CREATE TRIGGER search_fact_ins AFTER INSERT ON facts BEGIN
    INSERT INTO search(rowid, body, who, context)
    VALUES (new.id * 8 + 1, new.text, '', coalesce(new.topics, ''));
END;
CREATE TRIGGER search_fact_del AFTER DELETE ON facts BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 1;
END;
CREATE TRIGGER search_fact_upd AFTER UPDATE ON facts BEGIN
    UPDATE search SET body = new.text, context = coalesce(new.topics, '')
    WHERE rowid = new.id * 8 + 1;
END;

CREATE TRIGGER search_quote_ins AFTER INSERT ON quotes BEGIN
    INSERT INTO search(rowid, body, who, context) VALUES (
        new.id * 8 + 2, new.text,
        coalesce((SELECT name || ' ' || coalesce(role, '') FROM people
                  WHERE new.speaker_kind = 'person' AND id = new.speaker_id),
                 (SELECT name || ' ' || coalesce(acronym, '') FROM organisations
                  WHERE new.speaker_kind = 'organisation' AND id = new.speaker_id), ''),
        coalesce(new.context, '') || ' ' ||
        coalesce((SELECT name FROM events WHERE id = new.event_id), '')
    );
END;
CREATE TRIGGER search_quote_del AFTER DELETE ON quotes BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 2;
END;
CREATE TRIGGER search_quote_upd AFTER UPDATE ON quotes BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 2;
    INSERT INTO search(rowid, body, who, context) VALUES (
        new.id * 8 + 2, new.text,
        coalesce((SELECT name || ' ' || coalesce(role, '') FROM people
                  WHERE new.speaker_kind = 'person' AND id = new.speaker_id),
                 (SELECT name || ' ' || coalesce(acronym, '') FROM organisations
                  WHERE new.speaker_kind = 'organisation' AND id = new.speaker_id), ''),
        coalesce(new.context, '') || ' ' ||
        coalesce((SELECT name FROM events WHERE id = new.event_id), '')
    );
END;

-- A fact is also found by the names of what it is about.
CREATE TRIGGER search_mention_ins AFTER INSERT ON mentions WHEN new.record_kind = 'fact' BEGIN
    UPDATE search SET who = coalesce((SELECT group_concat(n.text, ' ') FROM mentions m JOIN names n
                 ON n.kind = m.kind AND n.entity_id = m.entity_id AND n.type != 'surname'
                 WHERE m.record_kind = 'fact' AND m.record_id = new.record_id), '')
    WHERE rowid = new.record_id * 8 + 1;
END;
CREATE TRIGGER search_mention_del AFTER DELETE ON mentions WHEN old.record_kind = 'fact' BEGIN
    UPDATE search SET who = coalesce((SELECT group_concat(n.text, ' ') FROM mentions m JOIN names n
                 ON n.kind = m.kind AND n.entity_id = m.entity_id AND n.type != 'surname'
                 WHERE m.record_kind = 'fact' AND m.record_id = old.record_id), '')
    WHERE rowid = old.record_id * 8 + 1;
END;

CREATE TRIGGER search_org_ins AFTER INSERT ON organisations BEGIN
    INSERT INTO search(rowid, body, who, context)
    VALUES (new.id * 8 + 3, coalesce(new.description, ''), new.name, coalesce(new.acronym, ''));
END;
CREATE TRIGGER search_org_del AFTER DELETE ON organisations BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 3;
END;
CREATE TRIGGER search_org_upd AFTER UPDATE ON organisations BEGIN
    UPDATE search SET body = coalesce(new.description, ''), who = new.name,
        context = coalesce(new.acronym, '')
    WHERE rowid = new.id * 8 + 3;
END;

CREATE TRIGGER search_person_ins AFTER INSERT ON people BEGIN
    INSERT INTO search(rowid, body, who, context)
    VALUES (new.id * 8 + 4, coalesce(new.description, ''), new.name, coalesce(new.role, ''));
END;
CREATE TRIGGER search_person_del AFTER DELETE ON people BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 4;
END;
CREATE TRIGGER search_person_upd AFTER UPDATE ON people BEGIN
    UPDATE search SET body = coalesce(new.description, ''), who = new.name,
        context = coalesce(new.role, '')
    WHERE rowid = new.id * 8 + 4;
END;

CREATE TRIGGER search_event_ins AFTER INSERT ON events BEGIN
    INSERT INTO search(rowid, body, who, context)
    VALUES (new.id * 8 + 5, coalesce(new.description, ''), new.name,
            coalesce(new.acronym, '') || ' ' || coalesce(new.location, ''));
END;
CREATE TRIGGER search_event_del AFTER DELETE ON events BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 5;
END;
CREATE TRIGGER search_event_upd AFTER UPDATE ON events BEGIN
    UPDATE search SET body = coalesce(new.description, ''), who = new.name,
        context = coalesce(new.acronym, '') || ' ' || coalesce(new.location, '')
    WHERE rowid = new.id * 8 + 5;
END;

CREATE TRIGGER search_initiative_ins AFTER INSERT ON initiatives BEGIN
    INSERT INTO search(rowid, body, who, context)
    VALUES (new.id * 8 + 6, coalesce(new.description, ''), new.name, coalesce(new.acronym, ''));
END;
CREATE TRIGGER search_initiative_del AFTER DELETE ON initiatives BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 6;
END;
CREATE TRIGGER search_initiative_upd AFTER UPDATE ON initiatives BEGIN
    UPDATE search SET body = coalesce(new.description, ''), who = new.name,
        context = coalesce(new.acronym, '')
    WHERE rowid = new.id * 8 + 6;
END;

CREATE TRIGGER search_name_ins AFTER INSERT ON names BEGIN
    INSERT INTO search(rowid, body, who, context) VALUES (new.id * 8 + 7, new.text, '', '');
END;
CREATE TRIGGER search_name_del AFTER DELETE ON names BEGIN
    DELETE FROM search WHERE rowid = old.id * 8 + 7;
END;
CREATE TRIGGER search_name_upd AFTER UPDATE ON names BEGIN
    UPDATE search SET body = new.text WHERE rowid = new.id * 8 + 7;
END;

-- Filled once from what is already stored.
INSERT INTO search(rowid, body, who, context)
SELECT f.id * 8 + 1, f.text,
       coalesce((SELECT group_concat(n.text, ' ') FROM mentions m JOIN names n
                 ON n.kind = m.kind AND n.entity_id = m.entity_id AND n.type != 'surname'
                 WHERE m.record_kind = 'fact' AND m.record_id = f.id), ''),
       coalesce(f.topics, '')
FROM facts f;
INSERT INTO search(rowid, body, who, context)
SELECT q.id * 8 + 2, q.text,
       coalesce((SELECT name || ' ' || coalesce(role, '') FROM people
                 WHERE q.speaker_kind = 'person' AND id = q.speaker_id),
                (SELECT name || ' ' || coalesce(acronym, '') FROM organisations
                 WHERE q.speaker_kind = 'organisation' AND id = q.speaker_id), ''),
       coalesce(q.context, '') || ' ' ||
       coalesce((SELECT name FROM events WHERE id = q.event_id), '')
FROM quotes q;
INSERT INTO search(rowid, body, who, context)
SELECT id * 8 + 3, coalesce(description, ''), name, coalesce(acronym, '') FROM organisations;
INSERT INTO search(rowid, body, who, context)
SELECT id * 8 + 4, coalesce(description, ''), name, coalesce(role, '') FROM people;
INSERT INTO search(rowid, body, who, context)
SELECT id * 8 + 5, coalesce(description, ''), name,
       coalesce(acronym, '') || ' ' || coalesce(location, '') FROM events;
INSERT INTO search(rowid, body, who, context)
SELECT id * 8 + 6, coalesce(description, ''), name, coalesce(acronym, '') FROM initiatives;
INSERT INTO search(rowid, body, who, context) SELECT id * 8 + 7, text, '', '' FROM names;
"""

V6_SHARED = """
-- Change ids are never reused (AUTOINCREMENT): an index that remembers the last change it saw
-- can never mistake a new change for one it already applied.
CREATE TABLE changes_v4 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    origin TEXT NOT NULL,
    summary TEXT NOT NULL,
    undone_by INTEGER REFERENCES changes(id),
    undoes INTEGER REFERENCES changes(id)
);
INSERT INTO changes_v4 (id, at, actor, origin, summary, undone_by, undoes)
    SELECT id, at, actor, origin, summary, undone_by, undoes FROM changes;
DROP TABLE changes;
ALTER TABLE changes_v4 RENAME TO changes;
-- A digest is claimed ('sending', with a lease) before it is posted and recorded ('posted',
-- with Slack's ts) after, in two short transactions: no transaction is open during the post.
CREATE TABLE deliveries_v4 (
    id INTEGER PRIMARY KEY,
    channel_id TEXT NOT NULL,
    local_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sending', 'posted', 'empty')),
    ts TEXT,
    posted_at TEXT NOT NULL,
    claimed_by TEXT,
    lease_until TEXT,
    UNIQUE (channel_id, local_date)
);
INSERT INTO deliveries_v4 (id, channel_id, local_date, status, ts, posted_at)
    SELECT id, channel_id, local_date, status, ts, posted_at FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_v4 RENAME TO deliveries;
-- Leases between processes sharing the file: the row 'scheduler' names the one process that
-- posts digests until expires_at (UTC ISO); it renews it while it runs.
CREATE TABLE IF NOT EXISTS leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
-- Slack requests already handled (a retried delivery is acknowledged, not done again).
CREATE TABLE IF NOT EXISTS handled_requests (
    key TEXT PRIMARY KEY,
    at TEXT NOT NULL
);
"""

V7_SEARCH_SPEAKERS = """
-- A renamed speaker's quotes are found by the new name (and role) at once.
CREATE TRIGGER search_person_quotes AFTER UPDATE OF name, role ON people BEGIN
    UPDATE search SET who = new.name || ' ' || coalesce(new.role, '')
    WHERE rowid IN (SELECT id * 8 + 2 FROM quotes
                    WHERE speaker_kind = 'person' AND speaker_id = new.id);
END;
CREATE TRIGGER search_org_quotes AFTER UPDATE OF name, acronym ON organisations BEGIN
    UPDATE search SET who = new.name || ' ' || coalesce(new.acronym, '')
    WHERE rowid IN (SELECT id * 8 + 2 FROM quotes
                    WHERE speaker_kind = 'organisation' AND speaker_id = new.id);
END;
"""

V8_VECTORS = """
-- Meaning vectors of what questions are answered from (facts, quotes, entity descriptions),
-- written by the knowledge layer in the transaction of every load (see knowledge/vectors.py).
-- `record` is the record's rowid in `search` (id * 8 + kind code); `hash` is a 64-bit hash of
-- the text embedded, so a vector whose record changed since (an undo, an edit) is seen as
-- stale and embedded again; `vector` is 256 float16 of unit length.
CREATE TABLE IF NOT EXISTS vectors (
    record INTEGER PRIMARY KEY,
    hash INTEGER NOT NULL,
    vector BLOB NOT NULL
);
CREATE TRIGGER IF NOT EXISTS vectors_fact_del AFTER DELETE ON facts BEGIN
    DELETE FROM vectors WHERE record = old.id * 8 + 1;
END;
CREATE TRIGGER IF NOT EXISTS vectors_quote_del AFTER DELETE ON quotes BEGIN
    DELETE FROM vectors WHERE record = old.id * 8 + 2;
END;
CREATE TRIGGER IF NOT EXISTS vectors_org_del AFTER DELETE ON organisations BEGIN
    DELETE FROM vectors WHERE record = old.id * 8 + 3;
END;
CREATE TRIGGER IF NOT EXISTS vectors_person_del AFTER DELETE ON people BEGIN
    DELETE FROM vectors WHERE record = old.id * 8 + 4;
END;
CREATE TRIGGER IF NOT EXISTS vectors_event_del AFTER DELETE ON events BEGIN
    DELETE FROM vectors WHERE record = old.id * 8 + 5;
END;
CREATE TRIGGER IF NOT EXISTS vectors_initiative_del AFTER DELETE ON initiatives BEGIN
    DELETE FROM vectors WHERE record = old.id * 8 + 6;
END;
"""

MIGRATIONS: list[str] = [
    V1_KNOWLEDGE,
    V2_DIGESTS,
    V3_PROVENANCE,
    V4_FEEDS,
    V5_SEARCH,
    V6_SHARED,
    V7_SEARCH_SPEAKERS,
    V8_VECTORS,
]
"""Append only: migration N (1-based) brings a database to ``user_version`` N."""

SCHEMA_VERSION = len(MIGRATIONS)


def _statements(script: str) -> Iterator[str]:
    """Split a script into complete statements (triggers included) for one-by-one execution.

    ``executescript`` would commit first, which would break the one-transaction guarantee.
    """
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip() and not buffer.strip().startswith("--"):
        raise ValueError(f"incomplete SQL statement in migration: {buffer.strip()[:60]}")


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every migration the database has not seen, each in its own transaction.

    Returns the number of migrations applied. A database newer than this code is refused
    rather than silently misread.
    """
    current = int(db.execute("PRAGMA user_version").fetchone()[0])
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema version {current} is newer than this cyberbrief "
            f"({SCHEMA_VERSION}); upgrade cyberbrief"
        )
    # Rebuilding a table (drop and rename, as SQLite documents for schema changes) needs
    # foreign keys off outside the transaction; each migration is checked before it commits.
    enforcing = bool(db.conn.execute("PRAGMA foreign_keys").fetchone()[0])
    if current < SCHEMA_VERSION and enforcing:
        db.conn.execute("PRAGMA foreign_keys = OFF")
    try:
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with db.atomic():
                before = len(db.conn.execute("PRAGMA foreign_key_check").fetchall())
                for statement in _statements(MIGRATIONS[version - 1]):
                    db.conn.execute(statement)
                broken = db.conn.execute("PRAGMA foreign_key_check").fetchall()
                if len(broken) > before:
                    raise RuntimeError(f"migration {version} broke foreign keys: {broken[:3]}")
                db.conn.execute(f"PRAGMA user_version = {version}")
    finally:
        if enforcing:
            db.conn.execute("PRAGMA foreign_keys = ON")
    return SCHEMA_VERSION - current
