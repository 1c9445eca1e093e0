"""A role a newer source changes keeps its history: the answer gives the latest with its date
and what was true before, an older source loaded later does not replace the newer role, and
``export`` and ``undo`` keep it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.helpers import Ran, mini_store, mini_store_env, run_cli

FOREIGN_SECRETARY = """sources:
  - title: London hosts cyber conference
    publisher: BBC News
    date: 2011-11-01
people:
  - name: William Hague
    role: Foreign Secretary
    source: London hosts cyber conference
"""
CHANCELLOR = """sources:
  - title: Hague named Chancellor
    publisher: The Times
    date: 2024-11-26
people:
  - name: William Hague
    role: Chancellor
    source: Hague named Chancellor
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return mini_store_env(tmp_path)


def bot(env: dict[str, str], *args: str) -> Ran:
    return run_cli(args, env)


def load(env: dict[str, str], tmp_path: Path, name: str, text: str) -> Ran:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = bot(env, "load", str(path), "--yes")
    assert done.returncode == 0, done.stderr
    return done


def role_line(env: dict[str, str]) -> str:
    card = bot(env, "ask", "William Hague").stdout
    return next(line for line in card.splitlines() if line.startswith("Role:"))


def test_a_newer_role_keeps_the_one_before(env: dict[str, str], tmp_path: Path) -> None:
    load(env, tmp_path, "fs.yaml", FOREIGN_SECRETARY)
    load(env, tmp_path, "ch.yaml", CHANCELLOR)
    line = role_line(env)
    assert line.startswith("Role: Chancellor, as of 26 Nov 2024 (The Times)")
    assert "before that: Foreign Secretary in Nov 2011 (BBC News)" in line


def test_an_older_source_loaded_later_does_not_replace_the_newer_role(
    env: dict[str, str], tmp_path: Path
) -> None:
    load(env, tmp_path, "ch.yaml", CHANCELLOR)
    load(env, tmp_path, "fs.yaml", FOREIGN_SECRETARY)
    line = role_line(env)
    assert line.startswith("Role: Chancellor, as of 26 Nov 2024 (The Times)")
    assert "before that: Foreign Secretary in Nov 2011 (BBC News)" in line
    again = load(env, tmp_path, "fs.yaml", FOREIGN_SECRETARY)
    assert role_line(env) == line, again.stdout


def test_export_and_undo_keep_the_history(env: dict[str, str], tmp_path: Path) -> None:
    load(env, tmp_path, "fs.yaml", FOREIGN_SECRETARY)
    load(env, tmp_path, "ch.yaml", CHANCELLOR)
    line = role_line(env)

    exported = tmp_path / "export.yaml"
    done = bot(env, "export", str(exported))
    assert done.returncode == 0, done.stderr
    assert "former_roles" in exported.read_text(encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    mini_store(fresh).close()
    other = {**env, "CYBERBRIEF_DB": str(fresh)}
    assert bot(other, "load", str(exported), "--yes").returncode == 0
    assert role_line(other) == line, "the export loads back with the same history"

    assert bot(env, "undo", "--yes").returncode == 0
    with sqlite3.connect(env["CYBERBRIEF_DB"]) as db:
        assert db.execute("SELECT count(*) FROM role_history").fetchone() == (0,)
    assert role_line(env).startswith("Role: Foreign Secretary, as of 1 Nov 2011 (BBC News)")
    assert "before that" not in role_line(env)


def test_a_job_question_gives_the_role_of_the_year_asked(
    env: dict[str, str], tmp_path: Path
) -> None:
    """ "what job did Hague have in 2011" is the older role; with no year, the newest leads
    and the one before follows; a year with no role on record is refused."""
    load(env, tmp_path, "fs.yaml", FOREIGN_SECRETARY)
    load(env, tmp_path, "ch.yaml", CHANCELLOR)
    then = bot(env, "ask", "what job did William Hague have in 2011")
    assert then.returncode == 0, then.stdout
    first_line = then.stdout.splitlines()[0]
    assert "Foreign Secretary" in first_line and "as of 1 Nov 2011" in first_line
    now = bot(env, "ask", "what is William Hague's job")
    first, rest = now.stdout.split("\n", 1)
    assert "Chancellor, as of 26 Nov 2024" in first
    assert "Before that:" in rest and "Foreign Secretary" in rest and "1 Nov 2011" in rest
    never = bot(env, "ask", "what was William Hague's job in 2019")
    assert never.returncode == 1, never.stdout
    assert "Chancellor" in never.stdout and "Foreign Secretary" in never.stdout
