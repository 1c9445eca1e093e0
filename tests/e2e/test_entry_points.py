"""The installed command: `.venv/bin/cyberbrief` (the console script of pyproject's
``[project.scripts]``), `python -m cyberbrief` and `bot.py` all run the same command line."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.helpers import PROJECT, cli_env, mini_store

SCRIPT = Path(sys.executable).parent / "cyberbrief"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    db = Path(tmp_path_factory.mktemp("entry")) / "k.db"
    mini_store(db).close()
    return {**cli_env(db), "SLACK_API_URL": "http://127.0.0.1:9/api/"}


def test_pyproject_declares_the_cyberbrief_command() -> None:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]
    assert project["scripts"] == {"cyberbrief": "cyberbrief.__main__:run"}


@pytest.mark.parametrize(
    "command",
    [[str(SCRIPT)], [sys.executable, "-m", "cyberbrief"], [sys.executable, "bot.py"]],
    ids=["cyberbrief", "python -m cyberbrief", "bot.py"],
)
def test_every_entry_point_answers_and_keeps_the_exit_code(
    env: dict[str, str], command: list[str]
) -> None:
    if not Path(command[0]).exists():
        pytest.skip("the console script is installed by make install")
    done = subprocess.run(
        [*command, "ask", "who is ICSPA"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("International Cyber Security Protection Alliance (ICSPA)")
    missing = subprocess.run(
        [*command, "ask", "who is Darth Vader"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 1, "not found keeps its exit code through the script"


def test_usage_lines_name_the_cyberbrief_command(env: dict[str, str]) -> None:
    done = subprocess.run(
        [str(SCRIPT), "--help"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert done.stdout.startswith("Usage: cyberbrief ")
