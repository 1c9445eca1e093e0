"""Full-text search lives in the store: every load, edit and undo updates it in the same
transaction, a dry run or a failed load leaves it as it was, and nothing is built at start."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import sqlite_utils

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.textsearch import Weights, search, stem, terms
from cyberbrief.knowledge.loader import LoadFailed, load_records, parse_text
from cyberbrief.knowledge.model import Status
from cyberbrief.knowledge.seed import connect
from cyberbrief.store.journal import undo
from cyberbrief.store.migrations import MIGRATIONS, migrate
from tests.helpers import FakeClock, mini_store

CLOCK = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
FACT = """
sources:
  - key: s1
    title: A report
    publisher: Example News
facts:
  - text: Quantum computers may break today's encryption within fifteen years.
    about: [GCHQ]
    source: s1
"""


def load(db: sqlite_utils.Database, text: str, dry_run: bool = False) -> None:
    load_records(
        db,
        parse_text("f.yaml", text.encode()),
        actor="U1",
        origin="f.yaml",
        clock=CLOCK,
        dry_run=dry_run,
    )


def kinds_found(db: sqlite_utils.Database, text: str) -> set[str]:
    return {h.kind for h in search(db, text) if h.coverage >= 0.99}


def test_a_load_is_searchable_at_once_and_its_undo_removes_it(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    assert "fact" not in kinds_found(db, "quantum encryption")
    load(db, FACT)
    assert "fact" in kinds_found(db, "quantum encryption")
    # The fact is found by the names of what it is about, too.
    assert "fact" in kinds_found(db, "GCHQ quantum")
    undo(db, None, actor="U1", clock=CLOCK)
    assert "fact" not in kinds_found(db, "quantum encryption")


def test_word_weights_count_every_indexed_record_through_loads_and_undo(tmp_path: Path) -> None:
    # How rare a word is depends on how many records there are: the count the weights use
    # (FTS5's document sizes, cheap) is the index's own, after a load and after its undo.
    db = mini_store(tmp_path / "k.db")

    def counted() -> int:
        return int(db.conn.execute("SELECT count(*) FROM search").fetchone()[0])

    before = counted()
    assert Weights(db).total == before > 0
    load(db, FACT)
    assert Weights(db).total == counted() == before + 1
    undo(db, None, actor="U1", clock=CLOCK)
    assert Weights(db).total == counted() == before


def test_edits_replace_the_old_words(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    load(db, "people:\n  - name: William Hague\n    description: Keen birdwatcher.\n")
    assert "person" in kinds_found(db, "birdwatcher")
    load(db, "people:\n  - name: William Hague\n    description: Keen angler.\n")
    assert "person" in kinds_found(db, "angler")
    assert "person" not in kinds_found(db, "birdwatcher")


def test_a_dry_run_or_a_failed_load_leaves_search_unchanged(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    load(db, FACT, dry_run=True)
    assert "fact" not in kinds_found(db, "quantum encryption")
    with pytest.raises(LoadFailed):
        load(db, FACT + "  - text: ''\n")
    assert "fact" not in kinds_found(db, "quantum encryption")


def test_quotes_are_found_by_speaker_and_context(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    hits = search(db, "Lobban writing Times", kinds=("quote",))
    assert hits and hits[0].coverage == 1.0
    assert "threat" in hits[0].text


def test_an_existing_store_gets_its_index_filled_by_the_migration(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    before = db.execute("SELECT count(*) FROM search").fetchone()[0]
    db.conn.execute("DELETE FROM search")
    db.conn.execute("PRAGMA user_version = 4")
    db.conn.commit()
    db.conn.execute("DROP TABLE search_terms")
    db.conn.execute("DROP TABLE search")
    for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%'"
    ).fetchall():
        db.conn.execute(f"DROP TRIGGER [{name}]")
    for table in ("events", "drafts"):  # added by migration 9, which runs again
        db.conn.execute(f"ALTER TABLE {table} DROP COLUMN topics")
    for script in MIGRATIONS[9:]:  # what later migrations add, as they run again too
        for table, column in re.findall(r"ALTER TABLE (\w+) ADD COLUMN (\w+)", script):
            db.conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        for table in re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", script):
            db.conn.execute(f"DROP TABLE IF EXISTS {table}")
    db.conn.commit()
    migrate(connect(tmp_path / "k.db"))
    again = connect(tmp_path / "k.db")
    assert again.execute("SELECT count(*) FROM search").fetchone()[0] == before > 0


def test_stemming_meets_fts5_porter() -> None:
    assert stem("processes") == stem("process")
    assert stem("nations") == stem("nation")
    assert [t.word for t in terms("How many nations attended the conference?")] == [
        "nations",
        "attended",
        "conference",
    ]


def test_a_load_reaches_a_running_answerer(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    answerer = Answerer(db, today=lambda: dt.date(2026, 11, 24))
    asked = "how could quantum computers break encryption"
    assert answerer.answer(asked).status is Status.NOT_FOUND
    load(db, FACT)
    answer = answerer.answer(asked)
    assert answer.status is Status.FOUND
    assert "fifteen years" in answer.sections[0].lines[0].text


def test_a_renamed_speaker_finds_their_quotes_by_the_new_name(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    assert not [h for h in search(db, "Sorensen Times", kinds=("quote",)) if h.coverage == 1]
    db.conn.execute("UPDATE people SET name = 'Iain Sorensen' WHERE name = 'Iain Lobban'")
    hits = search(db, "Sorensen Times", kinds=("quote",))
    assert hits and hits[0].coverage == 1.0
