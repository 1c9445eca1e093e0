"""Files that parsers accept but that would lose or mangle data, loaded with `bot.py load` as
an admin runs it: each is refused naming the file and what is wrong (the key, the field, the
line), nothing is written, and no traceback is shown."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import mini_store, run_process, stored

BAD_FILES: dict[str, tuple[bytes, str]] = {
    "dup-top.json": (
        b'{"organisations":[{"name":"First Org"}],"organisations":[{"name":"Second Org"}]}',
        "the key 'organisations' appears twice",
    ),
    "dup-field.json": (
        b'{"organisations":[{"name":"First Org","name":"Second Org"}]}',
        "the key 'name' appears twice",
    ),
    "dup-top.yaml": (
        b"organisations:\n  - name: First Org\norganisations:\n  - name: Second Org\n",
        "the key 'organisations' appears twice in one mapping (the second would silently "
        "replace the first) at line 3",
    ),
    "dup-field.yaml": (
        b"organisations:\n  - name: First Org\n    acronym: FO\n    name: Second Org\n",
        "the key 'name' appears twice in one mapping (the second would silently replace the "
        "first) at line 4",
    ),
    "nan.json": (b'{"events":[{"name":"Summit","year":NaN}]}', "'NaN' is not a number"),
    "inf.json": (b'{"events":[{"name":"Summit","year":-Infinity}]}', "'-Infinity' is not"),
    "huge-float.json": (b'{"events":[{"name":"Summit","year":1e999}]}', "'1e999' is too large"),
    "nan.yaml": (b"events:\n  - name: Summit\n    year: .nan\n", "'.nan' is not a number"),
    "deep.json": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "digits.json": (
        b'{"events":[{"name":"Summit","year":' + b"9" * 5000 + b"}]}",
        "a number with 5000 digits (at most 30)",
    ),
    "digits.yaml": (b"events:\n  - name: Summit\n    year: " + b"9" * 5000 + b"\n", "5000 digits"),
    "nul.json": (
        b'{"organisations":[{"name":"Evil\\u0000Org"}]}',
        "field 'organisations[0].name': contains a NUL character",
    ),
    "nul.yaml": (b'organisations:\n  - name: "Evil\\0Org"\n', "contains a NUL character"),
    "organisations.csv": (
        b"name,acronym\nGood Org,GO\nEvil\x00Org,EO\n",
        "line 3, field 'name': contains a NUL character",
    ),
    "people.csv": (b"name,name\nAda,Lovelace\n", "field 'name': the column appears twice"),
}


def test_every_lossy_file_is_refused_naming_what_is_wrong(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    mini_store(db).conn.close()
    before = stored(db)
    paths = []
    for name, (content, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(content)
        paths.append(str(tmp_path / name))
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env["CYBERBRIEF_DB"] = str(db)
    run = run_process(["load", *paths], env, timeout=120)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert "nothing was loaded" in run.stderr
    lines = run.stderr.splitlines()
    for name, (_, expected) in BAD_FILES.items():
        mine = [line for line in lines if f"{tmp_path / name}" in line]
        assert mine, f"{name} not named:\n{run.stderr}"
        assert any(expected in line for line in mine), f"{name}: {mine}"
    assert stored(db) == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ok.json", b'{"organisations":[{"name":"A Org"},{"name":"B Org"}]}'),
        ("ok.yaml", b"organisations:\n  - name: A Org\n  - name: B Org\n"),
    ],
)
def test_distinct_keys_in_separate_records_still_load(
    tmp_path: Path, name: str, content: bytes
) -> None:
    from cyberbrief.knowledge.loader import parse_text

    records = parse_text(name, content)
    assert [r.data["name"] for r in records] == ["A Org", "B Org"]


def alias_bomb() -> bytes:
    """A 1 KB "billion laughs": nine anchors, each nine aliases of the previous one, used as
    a field (9^9 values when every alias is expanded)."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    lines += ["organisations:", "  - name: Bomb Org", "    aliases: *a8"]
    return ("\n".join(lines) + "\n").encode()


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """The bomb, and an alias that contains itself, are refused naming the problem, in a
    process that would otherwise walk 387 million values (about 1.8 h)."""
    assert len(alias_bomb()) < 1100
    (tmp_path / "bomb.yaml").write_bytes(alias_bomb())
    (tmp_path / "loop.yaml").write_bytes(b"a: &a [x, *a]\norganisations:\n  - name: *a\n")
    db = tmp_path / "k.db"
    mini_store(db).conn.close()
    before = stored(db)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env["CYBERBRIEF_DB"] = str(db)
    run = run_process(
        ["load", str(tmp_path / "bomb.yaml"), str(tmp_path / "loop.yaml")], env, timeout=60
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "uses YAML aliases (*name) that would turn its 34 values into 926,177,120" in run.stderr
    assert "a YAML alias that refers to a value containing it (a loop, at line 1)" in run.stderr
    assert stored(db) == before
