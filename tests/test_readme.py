"""The README stays true: every command line it shows runs (`--help` for each, every option
it names is one the command has), every `make` target it names exists, and its knowledge
file examples load (as a dry run) into a store with the starter pack."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from cyberbrief.cli import cli as group
from tests.helpers import PROJECT, cli_env, run_cli

README = (PROJECT / "README.md").read_text(encoding="utf-8")
PROGRAM = ".venv/bin/cyberbrief"


def fenced(text: str) -> tuple[str, list[str]]:
    """The text outside code blocks, and each code block's lines (fences paired in order)."""
    prose: list[str] = []
    blocks: list[str] = []
    block: list[str] | None = None
    for line in text.splitlines():
        if line.strip().startswith("```"):
            if block is None:
                block = []
            else:
                blocks.append("\n".join(block))
                block = None
        elif block is None:
            prose.append(line)
        else:
            block.append(line.strip().removesuffix("\\"))
    return "\n".join(prose), blocks


def shown_commands() -> list[str]:
    """Every command line the README shows: in `code`, in code blocks, after `docker exec`."""
    prose, blocks = fenced(README)
    spans = re.findall(r"`([^`\n]+)`", prose)
    lines = [*spans, *(line for block in blocks for line in block.splitlines())]
    found = []
    for line in lines:
        line = line.replace("\\|", "|")
        for match in re.finditer(r"(?:\.venv/bin/cyberbrief|exec cyberbrief cyberbrief)", line):
            found.append(line[match.end() :].split("#")[0].strip())
    return found


COMMANDS = shown_commands()


def command_path(words: list[str]) -> list[str]:
    """The sub-command words of a command line (``feed add``), up to its first argument."""
    path: list[str] = []
    current: click.Command = group
    for word in words:
        commands = getattr(current, "commands", {})
        if word not in commands:
            break
        path.append(word)
        current = commands[word]
    return path


def test_the_readme_shows_the_commands_an_operator_needs() -> None:
    firsts = {(command_path(shlex.split(c.replace("|", " "))) or [""])[0] for c in COMMANDS}
    for needed in ("ask", "serve", "load", "feed", "drafts", "backup", "restore", "digest"):
        assert needed in firsts, f"the README shows `cyberbrief {needed}`"
    assert not re.search(r"(?<![./\w])python bot\.py|`bot\.py [a-z]", README), (
        "commands use .venv/bin/cyberbrief, never bare python"
    )


@pytest.mark.parametrize("line", COMMANDS)
def test_every_command_line_shown_runs_with_help(line: str, tmp_path: Path) -> None:
    words = shlex.split(re.sub(r"[\[\]|]", " ", line))
    path = command_path(words)
    done = run_cli([*path, "--help"], cli_env(tmp_path / "k.db"))
    assert done.returncode == 0, done.stderr
    for option in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", line):
        assert re.search(rf"(?<![\w-]){re.escape(option)}\b", done.stdout), (
            f"`cyberbrief {' '.join(path)}` has no option {option}"
        )
    assert not (tmp_path / "k.db").exists(), "--help opened nothing"


def test_every_make_target_named_exists() -> None:
    makefile = (PROJECT / "Makefile").read_text()
    targets = set(re.findall(r"^([\w-]+):", makefile, flags=re.MULTILINE))
    named = set(re.findall(r"`make ([\w-]+)", README)) | set(
        re.findall(r"^make ([\w-]+)", README, flags=re.MULTILINE)
    )
    assert named and named <= targets, named - targets


@pytest.mark.parametrize("fence", ["yaml", "csv"])
def test_the_knowledge_file_examples_load(fence: str, tmp_path: Path) -> None:
    (example,) = re.findall(rf"```{fence}\n(.*?)```", README, flags=re.DOTALL)
    name = "example.yaml" if fence == "yaml" else "events.csv"
    (tmp_path / name).write_text(example)
    done = run_cli(["load", str(tmp_path / name), "--dry-run"], cli_env(tmp_path / "k.db"))
    assert done.returncode == 0, done.stderr
    assert "would add" in done.stdout
