"""``bot.py drafts approve|reject`` racing an admin's button in Slack: the command line
decides inside its write transaction, as the Slack path does, and says what really happened.

The Slack side runs on a thread of this process and holds its write transaction open while
``bot.py`` (a process of its own) starts and reaches the store; then it commits. Whatever the
order, a draft is written as knowledge exactly when it is marked approved, and the command
line's report matches the store."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from cyberbrief.drafting.drafts import draft_from_file
from cyberbrief.intake.review import approve, pending, queue_draft, reject
from cyberbrief.store.connection import Store
from tests.helpers import PROJECT, FakeClock, cli_env

ARTICLE = str(Path(__file__).resolve().parent / "data" / "articles" / "dubai.txt")
Decide = Callable[[sqlite_utils.Database], object]


def queued_quote(path: Path, clock: FakeClock) -> int:
    """A story drafted into the queue; the id of one of its quotes (with its speaker)."""
    db = sqlite_utils.Database(path)
    draft = draft_from_file(db, [ARTICLE], title="Dubai talks end in split", url="https://x.org/d")
    queue_draft(db, draft, origin="feed #1", clock=clock)
    quote = next(d for d in pending(db) if d.kind == "quotes")
    db.conn.close()
    return quote.id


def _opened(pid: int, path: Path) -> bool:
    """Whether process ``pid`` has the store file open (it is past its imports)."""
    try:
        return any(
            os.readlink(f"/proc/{pid}/fd/{fd}") == str(path) for fd in os.listdir(f"/proc/{pid}/fd")
        )
    except OSError:
        return False


def race(
    path: Path, clock: FakeClock, slack_decides: Decide, *cli: str
) -> subprocess.CompletedProcess[str]:
    """Slack decides in a write transaction held open until ``bot.py CLI`` has the store open
    (and a moment longer), then commits; the command line's run."""
    holding, release = threading.Event(), threading.Event()

    def slack_side() -> None:
        with Store(path).write() as db:
            slack_decides(db)
            holding.set()
            release.wait(30)

    admin = threading.Thread(target=slack_side)
    admin.start()
    holding.wait(10)
    process = subprocess.Popen(
        [sys.executable, "bot.py", *cli],
        cwd=PROJECT,
        env=cli_env(path, USER="cli-admin"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not _opened(process.pid, path) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(1.0)  # long enough to read the queue, had it read outside its transaction
    release.set()
    admin.join()
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def status_and_quotes(path: Path, draft_id: int) -> tuple[str, int]:
    db = sqlite_utils.Database(path)
    try:
        status = db.execute("SELECT status FROM drafts WHERE id = ?", [draft_id]).fetchone()[0]
        return status, db.execute("SELECT count(*) FROM quotes").fetchone()[0]
    finally:
        db.conn.close()


def test_approve_on_the_command_line_racing_a_reject_in_slack(
    db_path: Path, clock: FakeClock
) -> None:
    draft_id = queued_quote(db_path, clock)
    _, quotes_before = status_and_quotes(db_path, draft_id)

    def slack_rejects(db: sqlite_utils.Database) -> None:
        reject(db, [draft_id], actor="U0ADMIN", clock=clock)

    ran = race(db_path, clock, slack_rejects, "drafts", "approve", str(draft_id))
    assert (ran.returncode, ran.stdout) == (1, ""), ran
    assert f"draft #{draft_id}" in ran.stderr and "was already rejected" in ran.stderr
    assert "Traceback" not in ran.stderr
    assert status_and_quotes(db_path, draft_id) == ("rejected", quotes_before)


def test_reject_on_the_command_line_racing_an_approve_in_slack(
    db_path: Path, clock: FakeClock
) -> None:
    draft_id = queued_quote(db_path, clock)
    _, quotes_before = status_and_quotes(db_path, draft_id)

    def slack_approves(db: sqlite_utils.Database) -> None:
        approve(db, [draft_id], actor="U0ADMIN", clock=clock)

    ran = race(db_path, clock, slack_approves, "drafts", "reject", str(draft_id))
    assert "rejected 1 draft(s)" not in ran.stdout
    assert ran.returncode == 1 and "was already approved" in ran.stderr, ran
    assert status_and_quotes(db_path, draft_id) == ("approved", quotes_before + 1)
