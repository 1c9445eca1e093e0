"""The DDL of the store's tables, one script per migration, in the order they were added.

Each script is applied once by ``migrations.migrate``; a table changes only by a later script.
"""

from __future__ import annotations

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


V9_TOPICS = """
-- Topics an event is about, as a JSON list (a calendar followed with topics gives its events
-- the feed's): digests narrowed to a topic match them; they are not part of its text.
ALTER TABLE events ADD COLUMN topics TEXT;
-- Topics of the feed a draft came from, matched by the "new in the briefing" lines of digests
-- narrowed to a topic.
ALTER TABLE drafts ADD COLUMN topics TEXT NOT NULL DEFAULT '[]';
-- Calendars are fetched in full at their next poll, so that their events get the topics as
-- such (and lose the "Topics: ..." their descriptions used to end with).
UPDATE feeds SET etag = NULL, last_modified = NULL WHERE kind = 'calendar';
"""


V10_ROLE_HISTORY = """
-- Roles a person held before the one in people.role: a newer source's role replaces the
-- current one, and the one it replaced is kept here with when it was true (its source's
-- date) and its source, so answers can say what was true before.
CREATE TABLE IF NOT EXISTS role_history (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    role TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisations(id),
    date TEXT,
    source_id INTEGER REFERENCES sources(id)
);
CREATE INDEX IF NOT EXISTS role_history_person ON role_history(person_id);
"""


V11_ANSWER_LOG = """
-- (IF NOT EXISTS: re-running it on a store that has these tables changes nothing.)
-- Every question answered (issue 19): what was asked, where, how it went; the asker only when
-- the operator turns it on. Ids are chosen by the bot before the answer is shown (so its
-- feedback buttons can name the entry while it is recorded after the ack).
CREATE TABLE IF NOT EXISTS answer_log (
    id INTEGER PRIMARY KEY,
    asked_at TEXT NOT NULL,
    surface TEXT NOT NULL,
    channel_kind TEXT NOT NULL,
    question TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'choices', 'refused', 'help')),
    kind TEXT NOT NULL DEFAULT '',
    cited TEXT NOT NULL DEFAULT '[]',
    entities TEXT NOT NULL DEFAULT '[]',
    millis INTEGER NOT NULL DEFAULT 0,
    asker TEXT
);
CREATE INDEX IF NOT EXISTS answer_log_by_time ON answer_log (asked_at);
CREATE INDEX IF NOT EXISTS answer_log_by_outcome ON answer_log (outcome, asked_at);
-- One vote per person per answer (changeable): the voter is a keyed hash of the user id
-- (the key is random per store) unless askers are logged.
CREATE TABLE IF NOT EXISTS answer_votes (
    answer_id INTEGER NOT NULL REFERENCES answer_log(id) ON DELETE CASCADE,
    voter TEXT NOT NULL,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    reason TEXT,
    note TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (answer_id, voter)
);
CREATE TABLE IF NOT EXISTS answer_log_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key BLOB NOT NULL
);
INSERT OR IGNORE INTO answer_log_key (id, key) VALUES (1, randomblob(32));
-- What admins decided about a knowledge gap (keyed by its normalised question), and what
-- resolved it: a change that answers it (undone: open again).
CREATE TABLE IF NOT EXISTS gap_states (
    gap_key TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('dismissed', 'resolved')),
    reason TEXT,
    change_id INTEGER,
    by TEXT,
    at TEXT NOT NULL
);
-- Questions handed to an analyst, until one marks them answered.
CREATE TABLE IF NOT EXISTS escalations (
    id INTEGER PRIMARY KEY,
    answer_id INTEGER NOT NULL,
    channel TEXT NOT NULL,
    ts TEXT,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'answered')),
    at TEXT NOT NULL,
    closed_at TEXT
);
CREATE TABLE IF NOT EXISTS admin_prefs (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


V12_CALENDAR_STEP = """
-- A digest's calendar file is a step of its delivery of its own: 'due' once the digest is
-- posted with events, 'sending' while claimed (calendar_claimed_by until calendar_lease_until:
-- an upload whose answer never came is looked for in the digest's thread before another),
-- 'attached' (calendar_file is Slack's file id). NULL: the digest has no calendar.
ALTER TABLE deliveries ADD COLUMN calendar TEXT
    CHECK (calendar IS NULL OR calendar IN ('due', 'sending', 'attached'));
ALTER TABLE deliveries ADD COLUMN calendar_file TEXT;
ALTER TABLE deliveries ADD COLUMN calendar_claimed_by TEXT;
ALTER TABLE deliveries ADD COLUMN calendar_lease_until TEXT;
"""
