"""The vectors table: a record's meaning vector goes when the record does, whoever deletes it."""

from __future__ import annotations

from pathlib import Path

from cyberbrief.store.connection import connect
from cyberbrief.store.migrations import migrate


def test_deleting_a_record_deletes_its_vector_and_only_its_vector(tmp_path: Path) -> None:
    db = connect(tmp_path / "k.db")
    migrate(db)
    conn = db.conn
    conn.execute("INSERT INTO facts (id, text, norm) VALUES (3, 'ITU has 193 members', 'x')")
    conn.execute("INSERT INTO organisations (id, name, description) VALUES (3, 'ITU', 'UN body')")
    for record in (3 * 8 + 1, 3 * 8 + 3):
        conn.execute("INSERT INTO vectors VALUES (?, 1, x'00')", (record,))
    conn.execute("DELETE FROM facts WHERE id = 3")
    assert [r for (r,) in conn.execute("SELECT record FROM vectors")] == [3 * 8 + 3]
    conn.execute("DELETE FROM organisations WHERE id = 3")
    assert conn.execute("SELECT count(*) FROM vectors").fetchone()[0] == 0
