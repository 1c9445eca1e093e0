"""Leases between processes that share the store: who holds a claim, and until when.

A holder is ``host:pid:token``. A lease ends when its time runs out, or at once when its
holder was a process on this host that no longer runs (killed, crashed, restarted): a bot
restarted after a crash does not wait out its predecessor's lease.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket

import sqlite_utils

from cyberbrief.store.connection import transaction

HOST = socket.gethostname()


def new_holder() -> str:
    """A name for one claimant (a scheduler, a delivery), unique across processes and hosts."""
    return f"{HOST}:{os.getpid()}:{secrets.token_hex(4)}"


def holder_gone(holder: str) -> bool:
    """Whether ``holder`` was a process on this host that has since ended."""
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != HOST or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process: alive
        return False
    return False


def expired(holder: str | None, until: str | None, now: dt.datetime) -> bool:
    """Whether a claim held by ``holder`` until ``until`` (UTC ISO) has ended at ``now``."""
    if holder is None or until is None:
        return True
    return dt.datetime.fromisoformat(until) <= now or holder_gone(holder)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def acquire(
    db: sqlite_utils.Database, name: str, holder: str, now: dt.datetime, ttl: dt.timedelta
) -> bool:
    """Take or renew the lease ``name`` for ``ttl``; False while another holder keeps it."""
    with transaction(db):
        row = db.conn.execute(
            "SELECT holder, expires_at FROM leases WHERE name = ?", (name,)
        ).fetchone()
        if row is not None and row[0] != holder and not expired(row[0], row[1], now):
            return False
        db.table("leases").upsert(
            {"name": name, "holder": holder, "expires_at": iso(now + ttl)}, pk="name"
        )
    return True


def release(db: sqlite_utils.Database, name: str, holder: str) -> None:
    """Give the lease up (if still ours), so another process can take over at once."""
    with transaction(db):
        db.table("leases").delete_where("name = ? AND holder = ?", (name, holder))


def holder_of(db: sqlite_utils.Database, name: str, now: dt.datetime) -> str | None:
    """Who holds ``name`` now, if anyone."""
    row = db.conn.execute(
        "SELECT holder, expires_at FROM leases WHERE name = ?", (name,)
    ).fetchone()
    if row is None or expired(row[0], row[1], now):
        return None
    return str(row[0])
