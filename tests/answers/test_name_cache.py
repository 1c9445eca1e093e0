"""The saved copy of a large name index: a start reads it, catches up from the journal, and
never trusts a copy that does not belong to the store."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import string
from pathlib import Path

import sqlite_utils

from cyberbrief.answers import matcher, name_cache
from cyberbrief.answers.matcher import NameIndex
from cyberbrief.knowledge.loader import RawRecord, load_records
from tests.helpers import FakeClock, mini_store


def _names(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    words = (
        "".join(rnd.choice(string.ascii_lowercase) for _ in range(rnd.randint(5, 9))).capitalize()
        for _ in range(count * 2)
    )
    pairs = zip(words, words, strict=False)
    return list(dict.fromkeys(f"{a} {b} Institute" for a, b in pairs))


def _store(path: Path, seed: int) -> tuple[sqlite_utils.Database, list[str], FakeClock]:
    clock = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
    db = mini_store(path, clock)
    names = _names(seed, matcher.FULL_SCAN_LIMIT + 300)
    records = [RawRecord("organisations", f"#{i}", {"name": n}) for i, n in enumerate(names)]
    load_records(db, records, actor="test", origin="bulk", clock=clock)
    return db, names, clock


def _finds(index: NameIndex, name: str) -> bool:
    found = index.search(name, limit=1)
    return bool(found) and found[0].text == name


def test_a_start_reads_the_copy_and_catches_up_with_later_loads(tmp_path: Path) -> None:
    db, names, clock = _store(tmp_path / "k.db", seed=1)
    built = NameIndex.from_db(db)
    saved = name_cache.path_for(db)
    assert saved is not None and saved.exists()
    restored = name_cache.load(saved, db)
    assert restored is not None and restored[1] == built.seen_change
    load_records(
        db,
        [RawRecord("organisations", "#new", {"name": "Quantum Norms Initiative"})],
        actor="test",
        origin="one more",
        clock=clock,
    )
    db.conn.execute("DELETE FROM names WHERE text = ?", (names[3],))  # behind the journal
    started = NameIndex.from_db(db)
    assert _finds(started, "Quantum Norms Initiative")
    assert not _finds(started, names[3])
    assert _finds(started, names[4])
    assert len(started) == db.conn.execute("SELECT count(*) FROM names").fetchone()[0]


def test_a_copy_from_another_store_at_the_same_path_is_not_used(tmp_path: Path) -> None:
    first, first_names, _ = _store(tmp_path / "a.db", seed=1)
    NameIndex.from_db(first)
    first.conn.close()
    # Same history, same clock, same counts: only the names differ.
    second, second_names, _ = _store(tmp_path / "b.db", seed=2)
    second.conn.close()
    shutil.copy(tmp_path / "b.db", tmp_path / "a.db")
    index = NameIndex.from_db(sqlite_utils.Database(tmp_path / "a.db"))
    assert _finds(index, second_names[10])
    assert not _finds(index, first_names[10])


def test_a_damaged_copy_is_rebuilt_from_the_table(tmp_path: Path) -> None:
    db, names, _ = _store(tmp_path / "k.db", seed=3)
    NameIndex.from_db(db)
    saved = name_cache.path_for(db)
    assert saved is not None
    data = saved.read_bytes()
    saved.write_bytes(data[: len(data) // 2])
    assert name_cache.load(saved, db) is None
    index = NameIndex.from_db(db)
    assert _finds(index, names[7])
    assert name_cache.load(saved, db) is not None  # written whole again
