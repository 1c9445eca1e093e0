"""The shared store: a unit of work never sees another's uncommitted rows, change ids are never
reused, and an old database keeps its history and ledger through the migration."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.knowledge.loader import LoadFailed, load_records, parse_text
from cyberbrief.store.connection import Store
from cyberbrief.store.migrations import MIGRATIONS, SCHEMA_VERSION, migrate
from tests.helpers import FakeClock, mini_store, stored

CLOCK = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
GOOD = b"organisations:\n  - {name: Zyxf Alliance, acronym: ZYXF}\n"
REJECTED = (
    b"organisations:\n  - {name: Qwerty Institute, acronym: ZYXF}\n"
    b"people:\n  - {name: Nobody, organisation: No Such Organisation}\n"
)
"""Its first record writes fine; the second refers to nothing, so the whole load is refused."""


@pytest.fixture
def store(tmp_path: Path) -> Store:
    mini_store(tmp_path / "k.db").close()
    shared = Store(tmp_path / "k.db")
    yield shared  # type: ignore[misc]
    shared.close()


def test_a_reader_never_sees_a_writers_uncommitted_rows(store: Store) -> None:
    inside = threading.Event()
    done = threading.Event()
    seen: list[int] = []

    def writer() -> None:
        with pytest.raises(RuntimeError), store.write() as db:
            db.conn.execute(
                "INSERT INTO subscriptions (channel_id, created_at, updated_at)"
                " VALUES ('C1', 'now', 'now')"
            )
            inside.set()
            done.wait(10)
            raise RuntimeError("rolled back")

    thread = threading.Thread(target=writer)
    thread.start()
    assert inside.wait(10)
    with store.read() as db:  # runs while the write is open: WAL lets it
        seen.append(db.conn.execute("SELECT count(*) FROM subscriptions").fetchone()[0])
    done.set()
    thread.join()
    with store.read() as db:
        seen.append(db.conn.execute("SELECT count(*) FROM subscriptions").fetchone()[0])
    assert seen == [0, 0]


def test_a_read_sees_one_snapshot_and_refuses_writes(store: Store) -> None:
    with store.read() as db:
        before = db.conn.execute("SELECT count(*) FROM subscriptions").fetchone()[0]
        with store.write() as other:
            other.conn.execute(
                "INSERT INTO subscriptions (channel_id, created_at, updated_at)"
                " VALUES ('C1', 'now', 'now')"
            )
        assert db.conn.execute("SELECT count(*) FROM subscriptions").fetchone()[0] == before
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            db.conn.execute("DELETE FROM subscriptions")
    with store.read() as db:
        assert db.conn.execute("SELECT count(*) FROM subscriptions").fetchone()[0] == before + 1


def test_a_question_during_a_rejected_load_never_answers_from_it(store: Store) -> None:
    """The first failure of issue 8: a question answered while a load that is then rejected
    is open must not see its rows, now or after a later real load reuses its change id."""
    with store.read() as db:
        answerer = Answerer(db, today=lambda: dt.date(2026, 11, 24))
    inside = threading.Event()
    asked = threading.Event()
    answers: list[str] = []

    def rejected_load() -> None:
        with pytest.raises(LoadFailed), store.write() as db:
            records = parse_text("bad.yaml", REJECTED)
            load_records(db, records[:1], actor="admin", origin="bad.yaml", clock=CLOCK)
            inside.set()  # the first record is written, not committed
            asked.wait(10)
            load_records(db, records, actor="admin", origin="bad.yaml", clock=CLOCK)

    thread = threading.Thread(target=rejected_load)
    thread.start()
    assert inside.wait(10)
    with store.read() as db:
        answers.append(str(answerer.over(db).answer("who is ZYXF")))
    asked.set()
    thread.join()
    with store.write() as db:
        load_records(db, parse_text("good.yaml", GOOD), actor="admin", origin="good", clock=CLOCK)
    with store.read() as db:
        after = answerer.over(db).answer("who is ZYXF")
    assert "Qwerty" not in answers[0]
    assert (after.title or "").startswith("Zyxf Alliance"), after
    assert "Qwerty" not in str(after)


def test_change_ids_are_never_reused(store: Store) -> None:
    with store.write() as db:
        report = load_records(
            db, parse_text("good.yaml", GOOD), actor="admin", origin="good", clock=CLOCK
        )
        first = report.change_id
        db.conn.execute("DELETE FROM change_rows WHERE change_id = ?", (first,))
        db.conn.execute("DELETE FROM changes WHERE id = ?", (first,))
    with store.write() as db:
        second = db.conn.execute(
            "INSERT INTO changes (at, actor, origin, summary) VALUES ('t', 'a', 'o', 's')"
        ).lastrowid
    assert first is not None and second is not None and second > first


def test_an_old_database_keeps_its_history_and_ledger_through_the_migration(
    tmp_path: Path,
) -> None:
    old = sqlite3.connect(tmp_path / "old.db")
    for script in MIGRATIONS[:5]:
        old.executescript(script)
    old.executescript(
        "INSERT INTO changes (id, at, actor, origin, summary) VALUES (1, 't', 'a', 'o', 's');"
        "INSERT INTO changes (id, at, actor, origin, summary, undoes) "
        "VALUES (2, 't', 'a', 'o', 'undo', 1);"
        "UPDATE changes SET undone_by = 2 WHERE id = 1;"
        "INSERT INTO change_rows (change_id, tbl, row_id, after) VALUES (1, 'facts', 1, '{}');"
        "INSERT INTO deliveries (channel_id, local_date, status, ts, posted_at)"
        " VALUES ('C1', '2026-03-24', 'posted', '1.2', 't');"
        "PRAGMA user_version = 5;"
    )
    old.close()
    from cyberbrief.store.connection import connect

    db = connect(tmp_path / "old.db")
    assert migrate(db) == SCHEMA_VERSION - 5
    assert db.conn.execute("SELECT id, undone_by, undoes FROM changes ORDER BY id").fetchall() == [
        (1, 2, None),
        (2, None, 1),
    ]
    assert db.conn.execute("SELECT change_id FROM change_rows").fetchall() == [(1,)]
    assert db.conn.execute("SELECT status, ts FROM deliveries").fetchall() == [("posted", "1.2")]
    schema = db.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'changes'").fetchone()
    assert "AUTOINCREMENT" in schema[0]
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_load_that_fails_half_way_leaves_nothing_written(store: Store) -> None:
    """Rows are inserted with sqlite-utils inside the unit's one transaction: none of them is
    committed early when the load fails after writing some (a crash, not a refusal)."""
    with store.read() as db:
        organisations = db["organisations"].count
    before = stored(store.path)
    records = parse_text("two.yaml", GOOD + b"  - {name: Second Body}\n")

    def crash(done: int) -> None:
        if done == 2:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"), store.write() as db:
        load_records(db, records, actor="admin", origin="two.yaml", clock=CLOCK, progress=crash)
    assert stored(store.path) == before
    with store.write() as db:  # the connection went back clean: the next write commits
        load_records(db, records, actor="admin", origin="two.yaml", clock=CLOCK)
    with store.read() as db:
        assert db["organisations"].count == organisations + 2
