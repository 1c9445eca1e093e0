"""Loading knowledge into the store: validate everything, then write in one go.

Reading files into raw records is :mod:`cyberbrief.knowledge.reading` (re-exported here); the
writes, kind by kind, are :mod:`cyberbrief.knowledge.load_writer`.

The order matters for safety: every record of every file is validated before the database is
touched, and the writes (including resolving names to entries) happen in one transaction that
is rolled back on the first problem. A failed load therefore changes nothing.
"""

from __future__ import annotations

__all__ = [
    "MAX_FILE_BYTES",
    "CheckedRecords",
    "LoadFailed",
    "LoadReport",
    "RawRecord",
    "check_records",
    "iter_pack_files",
    "kind_from_filename",
    "load_records",
    "parse_text",
    "read_files",
]

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from cyberbrief.knowledge import vectors
from cyberbrief.knowledge.load_writer import LoadReport, Writer
from cyberbrief.knowledge.reading import (
    MAX_FILE_BYTES,
    LoadFailed,
    RawRecord,
    iter_pack_files,
    kind_from_filename,
    parse_text,
    read_files,
)
from cyberbrief.knowledge.records import KINDS, Problem, validate
from cyberbrief.store.journal import Change, Clock, recorded_change, set_summary


class _DryRun(Exception):
    """Raised inside the transaction to roll back a dry run after measuring it."""


@dataclass(frozen=True)
class CheckedRecords:
    """Records that passed validation, in the order they are written (by kind)."""

    items: tuple[tuple[str, str, dict[str, Any]], ...]

    def __len__(self) -> int:
        return len(self.items)


def check_records(records: list[RawRecord]) -> CheckedRecords:
    """Validate every record without touching the database; raise ``LoadFailed`` naming each
    bad record and field. Done before the write transaction opens, so a large upload's
    checking does not hold the store's write lock while others wait."""
    problems: list[Problem] = []
    clean: list[tuple[str, str, dict[str, Any]]] = []
    for record in records:
        data = validate(record.kind, record.data, record.where, problems)
        clean.append((record.kind, record.where, data))
    if problems:
        raise LoadFailed(problems)
    clean.sort(key=lambda item: KINDS.index(item[0]))
    return CheckedRecords(tuple(clean))


def load_records(
    db: sqlite_utils.Database,
    records: list[RawRecord] | CheckedRecords,
    *,
    actor: str,
    origin: str,
    clock: Clock,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    finish: Callable[[Change, LoadReport], None] | None = None,
    new_sources: bool = False,
) -> LoadReport:
    """Validate (unless already :func:`check_records`-ed) and write ``records`` in one
    transaction; raise ``LoadFailed`` if any is bad. ``finish`` makes further writes in the
    same change once the records are written (a calendar's events that have gone).
    ``new_sources``: a source cited by a key or title the store does not have is added as
    a new source instead of refusing the load."""
    checked = records if isinstance(records, CheckedRecords) else check_records(records)
    problems: list[Problem] = []
    report = LoadReport(dry_run=dry_run)
    try:
        with recorded_change(db, actor=actor, origin=origin, clock=clock) as change:
            writer = Writer(change, report, problems, new_sources=new_sources)
            for done, (kind, where, data) in enumerate(checked.items, 1):
                writer.write(kind, where, data)
                if progress:
                    progress(done)
            if problems:
                raise LoadFailed(problems)
            if finish is not None:
                finish(change, report)
            set_summary(change, f"{origin}: {report.summary()}")
            if dry_run:
                raise _DryRun
            if change.rows_written:
                report.change_id = change.id
                # Meaning vectors of what changed, in the same transaction as the records
                # (found from the change's journal, so its last rows are written first).
                change.flush()
                vectors.after_change(db, change.id)
    except _DryRun:
        pass
    return report
