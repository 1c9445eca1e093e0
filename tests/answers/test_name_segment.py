"""The compact name index: the same names whether read from SQLite or built from rows, and
candidates that find typos, exact names and never a removed name."""

from __future__ import annotations

import random
import sqlite3
import string
from pathlib import Path

import pytest

from cyberbrief.answers import matcher
from cyberbrief.answers.matcher import NameIndex
from cyberbrief.answers.name_columns import Columns, read_columns
from cyberbrief.answers.name_grams import gram_codes
from cyberbrief.answers.name_segment import Segment
from cyberbrief.knowledge.normalize import norm

Row = tuple[int, str, int, str, str, str]


def _rows(count: int, seed: int = 5) -> list[Row]:
    rnd = random.Random(seed)
    rows: list[Row] = []
    for i in range(count):
        words = ["".join(rnd.choice(string.ascii_lowercase) for _ in range(6)) for _ in range(2)]
        text = " ".join(w.capitalize() for w in words) + " Agency"
        rows.append((i * 3 + 1, "organisation", 1000 + i, text, norm(text), "name"))
    return rows


SPECIAL: list[Row] = [
    (2, "person", 7, "Zoë Ångström", norm("Zoë Ångström"), "name"),
    (5, "person", 7, "Ångström", norm("Ångström"), "surname"),
    (8, "organisation", 9, "CERT-EU", norm("CERT-EU"), "acronym"),
    (11, "organisation", 10, "Null\x00Byte Forum", "null byte forum", "name"),
    (14, "initiative", 11, "—", "", "alias"),
    (17, "event", 12, "上海 Summit 🛡", norm("上海 Summit 🛡"), "name"),
]


def _table(path: Path, rows: list[Row]) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE names (id INTEGER PRIMARY KEY, kind TEXT, entity_id INTEGER,"
        " text TEXT, norm TEXT, type TEXT)"
    )
    conn.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?, ?)", rows)
    conn.commit()
    return conn


def test_rows_read_from_sqlite_come_back_exactly(tmp_path: Path) -> None:
    rows = sorted(_rows(500) + SPECIAL)
    conn = _table(tmp_path / "n.db", rows)
    # Small chunks, so that rows cross chunk boundaries, and one chunk holds the NUL text.
    from_db = Segment(read_columns(conn, chunk=37))
    from_lists = Segment(Columns.from_lists(rows))
    assert [from_db.row(p) for p in range(from_db.size)] == rows
    assert [from_lists.row(p) for p in range(from_lists.size)] == rows
    # Trigrams counted while reading the table, as the build counts them.
    assert (from_db.frequency == from_lists.frequency).all()
    assert from_db.frequency.sum() > 0


def test_an_empty_table_reads_as_no_names(tmp_path: Path) -> None:
    columns = read_columns(_table(tmp_path / "n.db", []))
    assert len(columns.row_ids) == 0


@pytest.fixture(scope="module")
def segment() -> Segment:
    # Enough names that a common trigram (" ag", "age", ...) is held as a bitset.
    return Segment(Columns.from_lists(_rows(3000) + SPECIAL))


def test_a_typo_is_among_the_candidates(segment: Segment) -> None:
    rnd = random.Random(1)
    for position in rnd.sample(range(3000), 50):
        name = segment.norm(position)
        typo = name[:3] + name[4] + name[3] + name[5:]
        found = segment.candidates(gram_codes(typo), len(typo), 20)
        assert position in found, (name, typo)


def test_exact_names_are_found_however_common_their_trigrams(segment: Segment) -> None:
    assert [segment.row(p)[3] for p in segment.exact("cert eu", gram_codes("cert eu"))] == [
        "CERT-EU"
    ]
    name = segment.norm(42)
    assert segment.exact(name, gram_codes(name)) == [42]
    assert segment.exact("agency", gram_codes("agency")) == []


def test_a_removed_name_is_never_a_candidate_again() -> None:
    segment = Segment(Columns.from_lists(_rows(400)))
    name, row_id = segment.norm(10), segment.row(10)[0]
    assert segment.kill(row_id)
    assert not segment.kill(row_id)
    assert 10 not in segment.candidates(gram_codes(name), len(name), 50)
    assert segment.exact(name, gram_codes(name)) == []
    assert segment.position(row_id) is None


def test_rows_out_of_id_order_are_still_found_by_id() -> None:
    rows = _rows(50)
    shuffled = rows[25:] + rows[:25]
    segment = Segment(Columns.from_lists(shuffled))
    for row in rows:
        position = segment.position(row[0])
        assert position is not None and segment.row(position) == row


def test_an_index_past_the_scan_limit_answers_like_a_small_one() -> None:
    rows = _rows(matcher.FULL_SCAN_LIMIT + 200)
    big = NameIndex.from_rows(rows)
    small = NameIndex.from_rows(rows[:200])
    assert len(big) == len(rows)
    for row in rows[:200:10]:
        query = row[3].upper()
        assert big.search(query, limit=1)[0].text == row[3]
        assert small.search(query, limit=1)[0].text == row[3]


def test_changes_replayed_from_the_journal_join_and_leave_a_large_index(tmp_path: Path) -> None:
    """Past the scan limit, new names are folded into a second segment beside the base one
    (no rebuild of the base); removed names leave both."""
    import json

    import sqlite_utils

    base = _rows(30_000)
    index = NameIndex.from_rows(base)
    db = sqlite_utils.Database(tmp_path / "j.db")
    db.conn.execute("CREATE TABLE changes (id INTEGER PRIMARY KEY)")
    db.conn.execute(
        "CREATE TABLE change_rows (id INTEGER PRIMARY KEY, change_id INTEGER, tbl TEXT,"
        " row_id INTEGER, after TEXT)"
    )
    added = _rows(matcher.FULL_SCAN_LIMIT + 50, seed=9)
    journal = [
        (
            1,
            "names",
            10**6 + i,
            json.dumps(
                dict(zip(("kind", "entity_id", "text", "norm", "type"), r[1:], strict=True))
            ),
        )
        for i, r in enumerate(added)
    ]
    journal += [(2, "names", r[0], None) for r in base[:20]]
    db.conn.execute("INSERT INTO changes (id) VALUES (1), (2)")
    db.conn.executemany(
        "INSERT INTO change_rows (change_id, tbl, row_id, after) VALUES (?, ?, ?, ?)", journal
    )
    assert index.refresh(db)
    assert len(index) == len(base) - 20 + len(added)
    for row in added[::500]:
        assert index.search(row[3], limit=1)[0].text == row[3]
    for row in base[:20:4]:
        found = index.search(row[3], limit=1)
        assert not found or found[0].text != row[3]
    assert index.search(base[100][3], limit=1)[0].text == base[100][3]


def test_searches_during_a_fold_never_lose_a_name(tmp_path: Path) -> None:
    """Real threads: lookups keep running while another thread folds the tail of new names
    into a segment; a name already loaded is found by every one of them."""
    import json
    import threading

    import sqlite_utils

    index = NameIndex.from_rows(_rows(30_000))
    db = sqlite_utils.Database(tmp_path / "j.db")
    db.conn.execute("CREATE TABLE changes (id INTEGER PRIMARY KEY)")
    db.conn.execute(
        "CREATE TABLE change_rows (id INTEGER PRIMARY KEY, change_id INTEGER, tbl TEXT,"
        " row_id INTEGER, after TEXT)"
    )
    fields = ("kind", "entity_id", "text", "norm", "type")
    added = _rows(matcher.FULL_SCAN_LIMIT + 100, seed=13)

    def journal(change: int, rows: list[Row]) -> None:
        db.conn.execute("INSERT INTO changes (id) VALUES (?)", (change,))
        db.conn.executemany(
            "INSERT INTO change_rows (change_id, tbl, row_id, after) VALUES (?, 'names', ?, ?)",
            [
                (change, 10**6 + r[0], json.dumps(dict(zip(fields, r[1:], strict=True))))
                for r in rows
            ],
        )

    journal(1, added[:100])
    index.refresh(db)
    wanted = added[0][3]
    assert index.search(wanted, limit=1)[0].text == wanted
    journal(2, added[100:])
    misses: list[str] = []
    searches = [0]
    stop = threading.Event()

    def look() -> None:
        while not stop.is_set():
            found = index.search(wanted, limit=1)
            searches[0] += 1
            if not found or found[0].text != wanted:
                misses.append(repr(found))

    lookers = [threading.Thread(target=look) for _ in range(2)]
    for looker in lookers:
        looker.start()
    try:
        index.refresh(db)  # the tail passes the scan limit and is folded into a segment
    finally:
        stop.set()
        for looker in lookers:
            looker.join()
    assert misses == []
    assert searches[0] > 0
    assert len(index) == 30_000 + len(added)
    assert index.search(added[-1][3], limit=1)[0].text == added[-1][3]
