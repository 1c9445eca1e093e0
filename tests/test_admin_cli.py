"""The admin command line as an admin runs it: load, dry run, history, undo, export."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.helpers import Ran, cli_env, run_cli

ROOT = Path(__file__).resolve().parent.parent


def bot(db: Path, *args: str, stdin: str = "") -> Ran:
    """``bot.py ARGS`` as the admin ``tester`` runs it (in-process)."""
    return run_cli(args, cli_env(db, USER="tester"), stdin)


@pytest.fixture
def db(db_path: Path) -> Path:
    """The store file these tests run ``bot.py`` on (``db_path``, from the test pack)."""
    return db_path


def test_load_then_answer_then_undo(db: Path, tmp_path: Path) -> None:
    new = tmp_path / "events.csv"
    new.write_text("name,starts,location\nOslo Cyber Forum,2027-06-01,Oslo\n")
    loaded = bot(db, "load", str(new))
    assert loaded.returncode == 0, loaded.stderr
    assert "added 1 event" in loaded.stdout
    assert bot(db, "ask", "oslo cyber forum").returncode == 0
    history = bot(db, "history")
    assert "tester" in history.stdout and "events.csv" in history.stdout
    refused = bot(db, "undo")
    assert refused.returncode == 1 and "--yes" in refused.stderr
    undone = bot(db, "undo", "--yes")
    assert undone.returncode == 0, undone.stderr
    assert "added event Oslo Cyber Forum" in undone.stdout
    assert bot(db, "ask", "oslo cyber forum").returncode == 1


def test_bad_file_exits_non_zero_with_record_and_field_and_no_traceback(
    db: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "people.yaml"
    bad.write_text("people:\n  - name: Ann Example\n  - role: nameless\n")
    result = bot(db, "load", str(bad))
    assert result.returncode == 1
    assert "people #2, field 'name': is required and missing" in result.stderr
    assert "Traceback" not in result.stderr
    assert bot(db, "ask", "Ann Example").returncode == 1


def test_dry_run_lists_changes_and_writes_nothing(db: Path, tmp_path: Path) -> None:
    new = tmp_path / "orgs.yaml"
    new.write_text("organisations:\n  - name: Dry Run Agency\n    acronym: DRA\n")
    result = bot(db, "load", "--dry-run", str(new))
    assert result.returncode == 0
    assert "add organisation 'Dry Run Agency'" in result.stdout
    assert "would add 1 organisation" in result.stdout
    assert bot(db, "ask", "DRA").returncode == 1


def test_export_loads_back_unchanged(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.yaml"
    assert bot(db, "export", str(out)).returncode == 0
    data = yaml.safe_load(out.read_text())
    assert {r["name"] for r in data["people"]} == {"William Hague", "Iain Lobban"}
    reload = bot(db, "load", str(out))
    assert reload.returncode == 0, reload.stderr
    assert "added nothing; updated nothing" in reload.stdout
    assert bot(db, "export").stdout == out.read_text()


def test_export_into_an_empty_store_round_trips(db: Path, tmp_path: Path) -> None:
    import datetime as dt

    from cyberbrief.knowledge.export import export_yaml
    from cyberbrief.knowledge.loader import load_records, parse_text
    from cyberbrief.knowledge.seed import open_store
    from tests.helpers import FakeClock

    text = export_yaml(open_store(db))
    empty = open_store(tmp_path / "empty.db", seed=False)
    clock = FakeClock(dt.datetime(2026, 11, 24, tzinfo=dt.UTC))
    load_records(
        empty, parse_text("export.yaml", text.encode()), actor="t", origin="t", clock=clock
    )
    assert export_yaml(empty) == text
