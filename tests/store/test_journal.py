"""History and undo: every change is recorded and can be reverted exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cyberbrief.knowledge.loader import load_records, parse_text
from cyberbrief.knowledge.seed import connect
from cyberbrief.store.journal import UndoRefused, describe_change, history, undo
from cyberbrief.store.migrations import SCHEMA_VERSION, migrate
from tests.helpers import FakeClock, mini_store

CLOCK = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))


def dump(db) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    tables = [
        "organisations",
        "people",
        "events",
        "initiatives",
        "facts",
        "quotes",
        "names",
        "sources",
        "mentions",
        "event_organisers",
        "milestones",
    ]
    return {t: db.execute(f"SELECT * FROM [{t}] ORDER BY id").fetchall() for t in tables}


def load(db, text: str):  # type: ignore[no-untyped-def]
    return load_records(
        db, parse_text("f.yaml", text.encode()), actor="U1", origin="f.yaml", clock=CLOCK
    )


def test_undo_of_an_add_and_of_an_update_restores_exactly(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    original = dump(db)
    load(db, "organisations:\n  - name: New Body\n    acronym: NB\n")
    after_add = dump(db)
    load(db, "people:\n  - name: William Hague\n    role: Changed\n    aliases: [WH]\n")
    assert dump(db) != after_add
    undo(db, None, actor="U1", clock=CLOCK)
    assert dump(db) == after_add
    undo(db, None, actor="U1", clock=CLOCK)
    assert dump(db) == original


def test_history_records_who_when_and_what(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    report = load(db, "organisations:\n  - name: New Body\n")
    latest = history(db, limit=1)[0]
    assert latest.id == report.change_id
    assert latest.actor == "U1" and latest.origin == "f.yaml"
    assert latest.at == "2026-11-24T09:00:00+00:00"
    assert "added 1 organisation" in latest.summary


def test_history_and_reports_speak_in_words_not_table_names(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    report = load(
        db,
        "sources:\n  - {title: Forum notes, publisher: FO, date: '2027-01-02'}\n"
        "organisations:\n  - name: New Body\n"
        "people:\n  - {name: Ann Example, role: Envoy}\n  - {name: Bo Example, role: Envoy}\n"
        "events:\n  - {name: Oslo Cyber Forum, starts: 2027-06-01, organisers: [New Body]}\n",
    )
    summary = report.summary()
    assert summary.startswith(
        "added 1 source, 1 organisation, 2 people, 1 event; updated nothing"
    ), summary
    assert report.change_id is not None
    described = describe_change(db, report.change_id)
    assert described is not None
    assert "event_organisers" not in described and " row " not in described, described
    assert "added event organiser event #" in described and ", organisation #" in described
    assert "added person Ann Example" in described and "added source Forum notes" in described


def test_undo_refuses_when_a_later_change_depends_on_it(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    first = load(db, "organisations:\n  - name: New Body\n    description: one\n")
    load(db, "organisations:\n  - name: New Body\n    description: two\n")
    with pytest.raises(UndoRefused, match="undo the later changes first"):
        undo(db, first.change_id, actor="U1", clock=CLOCK)
    with pytest.raises(UndoRefused, match="no change #999"):
        undo(db, 999, actor="U1", clock=CLOCK)


def test_undone_change_cannot_be_undone_twice(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    report = load(db, "organisations:\n  - name: New Body\n")
    undo(db, report.change_id, actor="U1", clock=CLOCK)
    with pytest.raises(UndoRefused, match="already undone"):
        undo(db, report.change_id, actor="U1", clock=CLOCK)


def test_migrations_bring_an_empty_database_to_the_current_version(tmp_path: Path) -> None:
    db = connect(tmp_path / "k.db")
    assert migrate(db) == SCHEMA_VERSION
    assert migrate(db) == 0
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_newer_database_is_refused_not_misread(tmp_path: Path) -> None:
    db = connect(tmp_path / "k.db")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(RuntimeError, match="newer than this cyberbrief"):
        migrate(db)


def test_a_change_made_before_a_column_was_added_can_still_be_undone(tmp_path: Path) -> None:
    """Events gained ``topics`` (migration 9): a load journaled before it is still undone,
    since the new column holds nothing yet; once it holds something, undo refuses."""
    from cyberbrief.store.connection import connect as open_db
    from cyberbrief.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    db = open_db(path)
    for script in MIGRATIONS[:8]:
        db.conn.executescript(script)
    db.conn.execute("PRAGMA user_version = 8")
    event = "events:\n  - {name: Budapest Conference, starts: 2012-10-04}\n"
    first = load(db, event).change_id
    second = load(db, "events:\n  - {name: Seoul Conference, starts: 2013-10-17}\n").change_id
    assert migrate(db) == SCHEMA_VERSION - 8
    undo(db, second, actor="U1", clock=CLOCK)
    assert db.execute("SELECT name FROM events").fetchall() == [("Budapest Conference",)]
    load(db, "events:\n  - {name: Budapest Conference, starts: 2012-10-04, topics: [EU]}\n")
    with pytest.raises(UndoRefused, match="was changed after it"):
        undo(db, first, actor="U1", clock=CLOCK)
