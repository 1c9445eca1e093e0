"""Reading knowledge files: YAML, JSON or CSV text into raw records, nothing validated yet.

Strict parsing (duplicate keys, NaN, NUL) is :mod:`cyberbrief.knowledge.parsing`; checking the
records against the schema and writing them is :mod:`cyberbrief.knowledge.loader`.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cyberbrief.knowledge.parsing import Refused, load_json, load_yaml, nul_in
from cyberbrief.knowledge.records import KIND_ALIASES, KINDS, Problem, label

MAX_FILE_BYTES = 20 * 1024 * 1024

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".htm", ".html")
"""Files that are news copy, not knowledge files: drafted with ``--article``."""


@dataclass(frozen=True)
class RawRecord:
    """A record as read from a file, with where it came from for error messages."""

    kind: str
    where: str
    data: Any


class LoadFailed(Exception):
    """A load that was rejected whole; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"nothing was loaded; {len(problems)} problem(s):\n{shown}{more}")


def kind_from_filename(path: str) -> str | None:
    """``events.csv`` or ``2024-events.csv`` holds events."""
    stem = Path(path).stem.lower().replace("-", "_")
    for part in [stem, *reversed(stem.split("_"))]:
        if part in KIND_ALIASES:
            return KIND_ALIASES[part]
    return None


def parse_text(name: str, content: bytes, kind: str | None = None) -> list[RawRecord]:
    """Records from a file's bytes; ``name`` picks the format and appears in messages."""
    if len(content) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise LoadFailed([Problem(name, None, f"file is larger than {limit} MB")])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadFailed(
            [Problem(name, None, f"is not UTF-8 text (bad byte at position {exc.start})")]
        ) from None
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return _parse_csv(name, text, kind)
    if suffix == ".json":
        try:
            data = load_json(text)
        except json.JSONDecodeError as exc:
            raise LoadFailed(
                [Problem(name, None, f"is not valid JSON: {exc.msg} at line {exc.lineno}")]
            ) from None
        except Refused as exc:
            raise LoadFailed([Problem(name, None, str(exc))]) from None
    elif suffix in (".yaml", ".yml"):
        try:
            data = load_yaml(text)
        except Refused as exc:
            raise LoadFailed([Problem(name, None, str(exc))]) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or "syntax error"
            raise LoadFailed(
                [Problem(name, None, f"is not valid YAML: {problem}{where}")]
            ) from None
    else:
        article = suffix in ARTICLE_SUFFIXES
        hint = (
            "; to draft records from a news article, load it with --article "
            "(in Slack: tick News article)"
            if article
            else ""
        )
        raise LoadFailed(
            [Problem(name, None, f"unknown file type: use .yaml, .yml, .json or .csv{hint}")]
        )
    nul = nul_in(data)
    if nul is not None:
        raise LoadFailed([Problem(name, nul, "contains a NUL character; remove it")])
    return _from_mapping(name, data, kind)


def _from_mapping(name: str, data: Any, kind: str | None) -> list[RawRecord]:
    if isinstance(data, list) and kind:
        data = {kind: data}
    if not isinstance(data, dict):
        raise LoadFailed(
            [Problem(name, None, f"must be a mapping with lists named {', '.join(KINDS)}")]
        )
    problems: list[Problem] = []
    records: list[RawRecord] = []
    for key, items in data.items():
        kind_name = KIND_ALIASES.get(str(key).strip().lower())
        if kind_name is None:
            problems.append(Problem(name, None, f"unknown kind '{key}' (use {', '.join(KINDS)})"))
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(Problem(name, None, f"'{key}' must be a list of records"))
            continue
        for index, item in enumerate(items, 1):
            records.append(RawRecord(kind_name, f"{name}: {label(kind_name, index, item)}", item))
    if problems:
        raise LoadFailed(problems)
    return records


def _parse_csv(name: str, text: str, kind: str | None) -> list[RawRecord]:
    kind = kind or kind_from_filename(name)
    if kind is None:
        raise LoadFailed(
            [
                Problem(
                    name,
                    None,
                    "cannot tell which kind of records this CSV holds: "
                    "name it like events.csv or pass --kind",
                )
            ]
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise LoadFailed([Problem(name, None, f"is not valid CSV: {exc}")]) from None
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    problems = [
        Problem(f"{name}: line 1", column, "the column appears twice in the header")
        for column, count in Counter(header).items()
        if count > 1 and column
    ]
    records = []
    for line_no, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                Problem(
                    f"{name}: line {line_no}",
                    None,
                    f"has {len(row)} cells but the header has {len(header)}",
                )
            )
            continue
        nul = next(
            (column for column, cell in zip(header, row, strict=True) if "\x00" in cell), None
        )
        if nul is not None:
            problems.append(
                Problem(f"{name}: line {line_no}", nul, "contains a NUL character; remove it")
            )
            continue
        data = dict(zip(header, row, strict=True))
        records.append(RawRecord(kind, f"{name}: {label(kind, 0, data, line=line_no)}", data))
    if problems:
        raise LoadFailed(problems)
    return records


def read_files(paths: Iterable[str | Path], kind: str | None = None) -> list[RawRecord]:
    """Parse several files; every file's problems are reported together."""
    problems: list[Problem] = []
    records: list[RawRecord] = []
    for path in paths:
        try:
            content = Path(path).read_bytes()
        except OSError as exc:
            problems.append(Problem(str(path), None, f"cannot be read: {exc.strerror}"))
            continue
        try:
            records.extend(parse_text(str(path), content, kind))
        except LoadFailed as exc:
            problems.extend(exc.problems)
    if problems:
        raise LoadFailed(problems)
    return records


# --- Writing -----------------------------------------------------------------------------


def iter_pack_files(pack_dir: Path) -> Iterator[Path]:
    """The bundled pack's files, in a stable order."""
    yield from sorted(pack_dir.glob("*.yaml"))
