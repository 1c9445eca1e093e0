"""Backups, restores and upgrades, as the README tells an operator to do them: `cyberbrief
backup FILE` is consistent while the bot writes, `restore FILE` puts a backup back (refusing
one from a newer cyberbrief), and a store made by the previous release's schema is upgraded
at the first start, or left exactly as it was when a migration fails."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from cyberbrief.knowledge.loader import load_records, parse_text
from cyberbrief.store import migrations
from cyberbrief.store.connection import connect
from cyberbrief.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.helpers import FakeClock, Ran, cli_env, run_cli, stored

CLOCK = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))


def fact(i: int) -> bytes:
    return f"facts:\n  - {{text: 'Backup test fact {i}.', about: [ICSPA], source: bbc}}\n".encode()


def counts(path: Path) -> tuple[int, int]:
    """The backup's facts and changes, read from the file alone."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        facts = conn.execute("SELECT count(*) FROM facts").fetchone()[0]
        changes = conn.execute("SELECT count(*) FROM changes").fetchone()[0]
        return int(facts), int(changes)
    finally:
        conn.close()


def test_a_backup_is_consistent_while_the_bot_writes(
    cli: Callable[..., Ran], db_path: Path, tmp_path: Path
) -> None:
    base_facts, base_changes = counts(db_path)
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:  # the bot's loads: each one change adding one fact
        db = connect(db_path)
        try:
            i = 0
            while not stop.is_set() and i < 2000:
                i += 1
                load_records(
                    db, parse_text("f.yaml", fact(i)), actor="bot", origin="t", clock=CLOCK
                )
                written.append(i)
        finally:
            db.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 5:
            threading.Event().wait(0.01)
        seen = []
        for n in range(3):
            target = tmp_path / f"backup-{n}.db"
            done = cli("backup", str(target))
            assert done.returncode == 0, done.stderr
            assert done.stdout.startswith(f"backed up {db_path} to {target}: ")
            seen.append(len(written))
    finally:
        stop.set()
        thread.join()
    assert seen[0] < len(written), "the bot kept writing while the backups were made"
    for n in range(3):
        facts, changes = counts(tmp_path / f"backup-{n}.db")
        assert facts - base_facts == changes - base_changes > 0, "every change whole, or absent"
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("backup", ".")))
    assert leftovers == ["backup-0.db", "backup-1.db", "backup-2.db"], "one file each, no index"


def test_a_backup_does_not_overwrite_a_file_unless_asked(
    cli: Callable[..., Ran], tmp_path: Path
) -> None:
    target = tmp_path / "notes.db"
    target.write_text("my notes")
    done = cli("backup", str(target))
    assert done.returncode == 2
    assert "add --force" in done.stderr and target.read_text() == "my notes"
    assert cli("backup", str(target), "--force").returncode == 0
    assert counts(target)[1] >= 1


def test_restore_puts_a_backup_back_and_keeps_the_store_it_replaced(
    cli: Callable[..., Ran], db_path: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "saved.db"
    assert cli("backup", str(saved)).returncode == 0
    db = connect(db_path)
    load_records(db, parse_text("f.yaml", fact(1)), actor="U1", origin="t", clock=CLOCK)
    db.close()
    assert "Backup test fact 1." in cli("ask", "facts ICSPA").stdout
    refused = cli("restore", str(saved))
    assert refused.returncode == 1 and "rerun with --yes" in refused.stderr
    done = cli("restore", str(saved), "--yes")
    assert done.returncode == 0, done.stderr
    assert f"restored {db_path} from {saved}" in done.stdout
    assert "Backup test fact 1." not in cli("ask", "facts ICSPA").stdout
    kept = db_path.with_name(db_path.name + ".before-restore")
    assert f"kept as {kept}" in done.stdout
    assert counts(kept)[0] == counts(db_path)[0] + 1, "the replaced store is kept whole"


def test_restore_refuses_a_backup_from_a_newer_cyberbrief(
    cli: Callable[..., Ran], db_path: Path, tmp_path: Path
) -> None:
    newer = tmp_path / "newer.db"
    assert cli("backup", str(newer)).returncode == 0
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = stored(db_path)
    done = cli("restore", str(newer), "--yes")
    assert done.returncode == 2
    assert done.stderr == (
        f"error: {newer} was made by a newer cyberbrief (schema version {SCHEMA_VERSION + 1}, "
        f"this one knows {SCHEMA_VERSION}); upgrade cyberbrief before restoring it\n"
    )
    assert stored(db_path) == before


@pytest.mark.parametrize("content", [b"", b"not a database at all, just text" * 40])
def test_restore_refuses_a_file_that_is_not_a_backup(
    cli: Callable[..., Ran], db_path: Path, tmp_path: Path, content: bytes
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(content)
    before = stored(db_path)
    done = cli("restore", str(junk), "--yes")
    assert done.returncode == 2
    assert "is not a cyberbrief database" in done.stderr, done.stderr
    assert stored(db_path) == before


# upgrades


PREVIOUS = SCHEMA_VERSION - 1
"""The previous release's schema version (migrations are appended one per release)."""


def previous_release_store(path: Path) -> None:
    """A store as the previous release left it: its migrations, then its pack loaded."""
    db = connect(path)
    for script in MIGRATIONS[:PREVIOUS]:
        db.conn.executescript(script)
    db.conn.execute(f"PRAGMA user_version = {PREVIOUS}")
    events = b"events:\n  - {name: Budapest Conference, starts: 2012-10-04, location: Budapest}\n"
    load_records(db, parse_text("old.yaml", events), actor="U1", origin="old", clock=CLOCK)
    db.close()


def test_a_store_of_the_previous_release_is_upgraded_at_the_first_start(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    previous_release_store(path)
    done = run_cli(["ask", "where was the Budapest Conference held"], cli_env(path))
    assert done.returncode == 0, done.stderr
    assert "Budapest" in done.stdout
    assert "created a new store" not in done.stderr, "the old store was kept, not replaced"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    history = run_cli(["history"], cli_env(path)).stdout
    assert "old: added" in history, "its history came through the upgrade"


def test_a_failed_migration_leaves_the_old_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    previous_release_store(path)
    before = stored(path)
    broken = "CREATE TABLE upgrade_half_done (x);\nINSERT INTO no_such_table VALUES (1);\n"
    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, broken])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    done = run_cli(["ask", "who is ICSPA"], cli_env(path))
    assert done.returncode == 2
    assert done.stderr.startswith("error: the database ") and "Traceback" not in done.stderr
    assert stored(path) == before, "the last migration's failure undid the ones before it"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == PREVIOUS
    conn.close()
