"""Stored meaning vectors: written with every load, gone with the record, right again after undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import sqlite_utils

from cyberbrief.knowledge import vectors
from cyberbrief.knowledge.embedding import embed, shared_model
from cyberbrief.knowledge.loader import load_records, parse_text
from cyberbrief.store import journal
from cyberbrief.store.connection import Store
from tests.helpers import FakeClock, mini_store

CLOCK = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
ORG = """
organisations:
  - name: Zyxf Treaty Office
    acronym: ZTO
    description: {description}
"""
FACT = """
facts:
  - text: The Zyxf Treaty Office keeps the register of ratified cyber agreements.
    about: [ZTO]
"""


def load(db: sqlite_utils.Database, text: str) -> int:
    records = parse_text("k.yaml", text.encode(), None)
    report = load_records(db, records, actor="U1", origin="k.yaml", clock=CLOCK)
    assert report.change_id is not None
    return report.change_id


def record_of(db: sqlite_utils.Database, table: str, code: int, where: str) -> int:
    row = db.conn.execute(f"SELECT id FROM {table} WHERE {where}").fetchone()
    return int(row[0]) * 8 + code


def stored(db: sqlite_utils.Database, record: int) -> np.ndarray | None:
    row = db.conn.execute("SELECT vector FROM vectors WHERE record = ?", (record,)).fetchone()
    return None if row is None else vectors.unpack([row[0]])[0]


def closeness(db: sqlite_utils.Database, record: int, text: str) -> float:
    model = shared_model()
    assert model is not None
    held = stored(db, record)
    assert held is not None, f"record {record} has no vector"
    return float(held @ embed(model, [text])[0])


def test_a_load_stores_a_vector_for_each_fact_and_description(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    load(db, ORG.format(description="Keeps the register of cyber treaties."))
    load(db, FACT)
    org = record_of(db, "organisations", 3, "acronym = 'ZTO'")
    fact = record_of(db, "facts", 1, "text LIKE 'The Zyxf%'")
    # The vector means the record's words and who it is about, as full-text search holds it.
    assert closeness(db, org, "Keeps the register of cyber treaties. Zyxf Treaty Office") > 0.99
    said = "The Zyxf Treaty Office keeps the register of ratified cyber agreements."
    assert closeness(db, fact, f"{said} Zyxf Treaty Office ZTO") > 0.99
    assert vectors.pending(db) == 0


def test_a_deleted_record_loses_its_vector(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    change = load(db, FACT.replace("about: [ZTO]", "about: [cyber]"))
    fact = record_of(db, "facts", 1, "text LIKE 'The Zyxf%'")
    assert stored(db, fact) is not None
    vectors.undo(db, change, actor="U1", clock=CLOCK)
    assert stored(db, fact) is None
    assert db.conn.execute("SELECT count(*) FROM facts WHERE id = ?", (fact // 8,)).fetchone() == (
        0,
    )


def test_undo_brings_back_the_vector_of_the_text_it_restores(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    load(db, ORG.format(description="Keeps the register of cyber treaties."))
    org = record_of(db, "organisations", 3, "acronym = 'ZTO'")
    before = stored(db, org)
    edit = load(db, ORG.format(description="Trains judges in banana agriculture."))
    assert closeness(db, org, "Trains judges in banana agriculture. Zyxf Treaty Office") > 0.99
    vectors.undo(db, edit, actor="U1", clock=CLOCK)
    after = stored(db, org)
    assert before is not None and after is not None
    assert np.allclose(after, before)


def test_a_vector_left_stale_by_the_store_is_found_and_refreshed(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    load(db, ORG.format(description="Keeps the register of cyber treaties."))
    edit = load(db, ORG.format(description="Trains judges in banana agriculture."))
    org = record_of(db, "organisations", 3, "acronym = 'ZTO'")
    journal.undo(db, edit, actor="U1", clock=CLOCK)  # the store alone: it cannot embed
    assert vectors.pending(db) == 1
    done = vectors.refresh(db)
    assert (done.written, done.removed) == (1, 0)
    assert vectors.pending(db) == 0
    assert closeness(db, org, "Keeps the register of cyber treaties. Zyxf Treaty Office") > 0.99


def test_the_start_backfill_embeds_what_is_missing_in_short_transactions(
    tmp_path: Path,
) -> None:
    db = mini_store(tmp_path / "k.db")
    load(db, FACT.replace("about: [ZTO]", "about: [cyber]"))
    load(db, ORG.format(description="Keeps the register of cyber treaties."))
    db.conn.execute("DELETE FROM vectors")  # as a database from before vectors were stored
    db.conn.commit()
    missing = vectors.pending(db)
    assert missing >= 2
    db.close()
    store = Store(tmp_path / "k.db")
    try:
        assert vectors.backfill(store, batch=1) == missing
        assert vectors.backfill(store) == 0
        with store.read() as snapshot:
            assert vectors.pending(snapshot) == 0
    finally:
        store.close()
