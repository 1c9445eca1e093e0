"""The DDL of the full-text index (FTS5), the triggers that keep it current with every write,
and the meaning vectors keyed like it.

Kept apart from the tables' DDL: the rowid scheme below is what ``answers.textsearch`` relies on.
"""

from __future__ import annotations

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
