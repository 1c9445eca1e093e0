"""SQLite connections, and the ``Store`` that hands one out per unit of work.

Every thread and process shares the store through :class:`Store`: ``with store.read() as db``
sees one committed snapshot (WAL lets it run beside a writer), ``with store.write() as db`` is
one short ``BEGIN IMMEDIATE`` transaction that commits when the block ends and rolls back if it
raises. A connection belongs to one unit of work at a time, so one unit never sees another's
uncommitted rows and never becomes a savepoint inside another's transaction. There is no Python
lock around the store: SQLite's own locking orders the writers, and a unit of work must never
call the network while it is open (see ``digests/delivery.py``).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from cyberbrief.store.health import check_connection, check_present

BUSY_TIMEOUT = 10.0
"""Seconds a writer waits for another's transaction; every transaction is short."""


def connect(path: Path | str, *, timeout: float = BUSY_TIMEOUT) -> sqlite_utils.Database:
    """A connection tuned for one writer and many readers across processes."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: transactions are only the ones we BEGIN, never implicit ones.
    conn = sqlite3.connect(str(path), timeout=timeout, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    db.conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        db.conn.execute("PRAGMA journal_mode = WAL")
        db.conn.execute("PRAGMA synchronous = NORMAL")
    return db


@contextmanager
def write_lock(db: sqlite_utils.Database) -> Iterator[None]:
    """Take SQLite's write lock up front, so check-then-write sections cannot race.

    Writes nested inside (``db.atomic()``) become savepoints of this transaction.
    """
    check_connection(db.conn)  # the file may have been deleted under us
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """A write transaction: the outermost takes the write lock, nested ones are savepoints.

    Inside ``Store.write()`` the connection is already in its unit's transaction, so writers
    of the store (loads, undo, subscriptions) join it; only a connection used on its own (the
    command line, tests) starts one here.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield
    else:
        with write_lock(db):
            yield


class Store:
    """One SQLite file shared by threads and processes; a connection per unit of work.

    Idle connections are kept for reuse (opening one costs a few PRAGMAs); a connection is
    only ever used by the unit of work that took it, and is returned with no transaction open.
    """

    def __init__(self, path: Path | str, *, timeout: float = BUSY_TIMEOUT) -> None:
        if str(path) == ":memory:":
            raise ValueError("a shared store needs a database file, not :memory:")
        self.path = Path(path)
        self.timeout = timeout
        self._idle: list[sqlite_utils.Database] = []
        self._idle_guard = threading.Lock()
        """Guards the idle list only (a pop or an append), never a use of the store."""
        self._closed = False

    def connect(self, timeout: float | None = None) -> sqlite_utils.Database:
        """A new connection of its own (the caller closes it): for long single-owner uses,
        or a shorter ``timeout`` for writes that must not wait. Refused when the file has
        gone: reopening would recreate it empty (``open_store`` alone creates a database)."""
        check_present(self.path)
        return connect(self.path, timeout=self.timeout if timeout is None else timeout)

    def _take(self) -> sqlite_utils.Database:
        with self._idle_guard:
            if self._closed:
                raise RuntimeError("the store is closed")
            if self._idle:
                return self._idle.pop()
        return self.connect()

    def _give_back(self, db: sqlite_utils.Database) -> None:
        if db.conn.in_transaction:  # pragma: no cover - read/write always end theirs
            db.conn.execute("ROLLBACK")
        with self._idle_guard:
            if not self._closed and len(self._idle) < 32:
                self._idle.append(db)
                return
        db.close()

    @contextmanager
    def read(self) -> Iterator[sqlite_utils.Database]:
        """A committed snapshot of the store for the block: later commits are not seen.

        The connection refuses writes (``query_only``), so a read path cannot start one.
        """
        db = self._take()
        try:
            db.conn.execute("PRAGMA query_only = ON")
            db.conn.execute("BEGIN")
            # A deferred transaction takes its snapshot at the first read: take it now.
            db.conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
        except BaseException:
            db.close()
            raise
        try:
            yield db
        finally:
            try:
                db.conn.execute("ROLLBACK")
                db.conn.execute("PRAGMA query_only = OFF")
            except sqlite3.Error:  # pragma: no cover - a broken connection is not reused
                db.close()
            else:
                self._give_back(db)

    @contextmanager
    def write(self, wait: float | None = None) -> Iterator[sqlite_utils.Database]:
        """One short write transaction: committed when the block ends, rolled back if it
        raises. Takes SQLite's write lock first (``BEGIN IMMEDIATE``), so the block's reads
        and writes are one consistent step; keep network calls out of it.

        ``wait`` (seconds) bounds how long to wait for another writer's lock, for callers
        with a deadline of their own (a Slack request acked after its write); past it,
        ``sqlite3.OperationalError: database is locked`` says the store is busy.
        """
        db = self._take()
        if wait is not None:
            db.conn.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        try:
            with write_lock(db):
                yield db
        finally:
            if wait is not None:
                db.conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            self._give_back(db)

    def revision(self) -> int:
        """The newest committed change to knowledge (change ids are never reused)."""
        with self.read() as db:
            row = db.conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()
            return int(row[0])

    def close(self) -> None:
        with self._idle_guard:
            self._closed = True
            idle, self._idle = self._idle, []
        for db in idle:
            db.close()
