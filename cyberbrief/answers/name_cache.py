"""A saved copy of the name index beside the database, so that a start reads it instead of
building it (about 0.1 s instead of 2-3 s at a million names).

The copy is only a cache: the ``names`` table stays the truth. The copy records the change
it reflects (the newest change id when it was built, with that change's time, actor, origin
and summary, and the schema version); a start uses it only when this database holds that
same change, then replays the changes made since from the change journal, and checks the
count of names against the table. Anything else (another database at the same path, a
restored backup older than the copy, a migration, a copy cut short) rebuilds from the table.
The arrays are memory-mapped read-only: pages are read as lookups touch them, and processes
sharing the database (``serve`` and ``ask``) share them in the page cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import sqlite_utils

from cyberbrief.answers.name_segment import Segment

MAGIC = b"cyberbrief names index 1\n"
"""First bytes of a saved copy; the number changes whenever the layout or trigrams do."""
ALIGN = 64


def path_for(db: sqlite_utils.Database) -> Path | None:
    """Where the copy for ``db`` lives: beside its file (none for an in-memory database)."""
    for _, name, file in db.conn.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(f"{file}.names-index")
    return None


def stamp(db: sqlite_utils.Database, change_id: int) -> dict[str, Any] | None:
    """What identifies the store's state at ``change_id``; None if it holds no such change."""
    row = db.conn.execute(
        "SELECT id, at, actor, origin, summary FROM changes WHERE id = ?", (change_id,)
    ).fetchone()
    if row is None:
        return None
    schema = int(db.conn.execute("PRAGMA user_version").fetchone()[0])
    digest = hashlib.sha256(json.dumps(list(row)).encode()).hexdigest()
    return {"change": change_id, "schema": schema, "change_digest": digest}


def _aligned(offset: int) -> int:
    return -(-offset // ALIGN) * ALIGN


def save(path: Path, mark: dict[str, Any], segment: Segment) -> None:
    """Write ``segment`` to ``path`` (a temporary file renamed over it: readers see the old
    copy or the new one). Failing to write is not an error: the next start builds."""
    arrays = segment.arrays()
    layout: list[list[object]] = []
    offsets: list[int] = []
    offset = 0
    for name, array in arrays.items():
        offset = _aligned(offset)
        layout.append([name, array.dtype.str, list(array.shape), offset])
        offsets.append(offset)
        offset += array.nbytes
    header = json.dumps(
        {
            "stamp": mark,
            "kind_names": segment.kind_names,
            "type_names": segment.type_names,
            "arrays": layout,
            "data_bytes": offset,
        }
    ).encode()
    start = _aligned(len(MAGIC) + 8 + len(header))
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(temporary, "wb") as out:
            out.write(MAGIC + len(header).to_bytes(8, "little") + header)
            for at, array in zip(offsets, arrays.values(), strict=True):
                out.seek(start + at)
                out.write(np.ascontiguousarray(array).reshape(-1).view(np.uint8).data)
            out.truncate(start + offset)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)


def load(path: Path, db: sqlite_utils.Database) -> tuple[Segment, int] | None:
    """The saved segment and the change it reflects, if the copy is whole and this store
    holds that change; otherwise None."""
    try:
        with open(path, "rb") as saved:
            if saved.read(len(MAGIC)) != MAGIC:
                return None
            length = int.from_bytes(saved.read(8), "little")
            header = json.loads(saved.read(length))
        size = path.stat().st_size
    except (OSError, ValueError):
        return None
    try:
        mark = header["stamp"]
        if mark != stamp(db, int(mark["change"])):
            return None
        start = _aligned(len(MAGIC) + 8 + length)
        if size != start + header["data_bytes"]:
            return None
        whole = np.memmap(path, dtype=np.uint8, mode="r")
        arrays: dict[str, npt.NDArray[Any]] = {}
        for name, dtype, shape, at in header["arrays"]:
            kind = np.dtype(dtype)
            count = int(np.prod(shape)) * kind.itemsize
            # Plain arrays over the mapping (a memmap's own indexing is slow, in Python).
            window = whole[start + at : start + at + count].view(kind).reshape(shape)
            arrays[name] = np.asarray(window)
    except (KeyError, TypeError, ValueError, OSError):
        return None
    segment = Segment.restore(header["kind_names"], header["type_names"], arrays)
    return segment, int(mark["change"])


def agrees(segment: Segment, db: sqlite_utils.Database, samples: int = 64) -> bool:
    """Whether names spread over ``segment`` still read the same in the table: a copy that
    somehow belongs to another database fails here, at a few point look-ups' cost."""
    alive = np.flatnonzero(segment.alive)
    if not len(alive):
        return True
    for position in alive[np.linspace(0, len(alive) - 1, min(samples, len(alive))).astype(int)]:
        row = segment.row(int(position))
        held = db.conn.execute(
            "SELECT id, kind, entity_id, text, norm, type FROM names WHERE id = ?", (row[0],)
        ).fetchone()
        if held is None or tuple(held) != row:
            return False
    return True
