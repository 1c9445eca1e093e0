"""A database that cannot be used, met by `bot.py` as run: one line saying what is wrong and
what to do, exit 2, no traceback, and the file left exactly as it was."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cyberbrief.store.health import explain, problem
from tests.helpers import PROJECT, mini_store, run_process


def bot(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CYBERBRIEF_DB": str(db)}
    env.pop("SLACK_BOT_TOKEN", None)
    return run_process(args, env)


def assert_one_line_error(run: subprocess.CompletedProcess[str], *words: str) -> None:
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), run.stderr
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize(
    "content",
    [os.urandom(8192), b"SQLite format 3\x00" + os.urandom(4000), b"organisations: []\n"],
    ids=["random bytes", "damaged header", "a YAML file"],
)
def test_a_corrupt_database_is_named_with_what_to_do(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "k.db"
    db.write_bytes(content)
    for args in (["ask", "who is ICSPA"], ["history"], ["export"]):
        assert_one_line_error(bot(db, *args), str(db), "backup")
    assert db.read_bytes() == content, "nothing was written into it"


def test_a_future_version_database_is_refused_before_anything_changes(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    mini_store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    for args in (["ask", "who is ICSPA"], ["load", str(PROJECT / "tests/data/mini_pack.yaml")]):
        assert_one_line_error(bot(db, *args), "newer cyberbrief", "99")
    assert db.read_bytes() == before, "not even its journal mode changed"
    assert not db.with_name("k.db-wal").exists()
    assert "schema version 99" in str(problem(db))


def test_a_missing_folder_is_reported_by_the_health_check(tmp_path: Path) -> None:
    assert "folder" in str(problem(tmp_path / "gone" / "k.db"))
    assert "file" in str(problem(tmp_path / "k.db"))


@pytest.mark.parametrize(
    ("error", "says"),
    [
        ("database is locked", "busy"),
        ("attempt to write a readonly database", "read-only"),
        ("database or disk is full", "full"),
        ("database disk image is malformed", "corrupt"),
        ("no such table: changes", "not set up"),
    ],
)
def test_sqlite_errors_read_as_what_to_do(error: str, says: str) -> None:
    line = explain(sqlite3.OperationalError(error), "/data/k.db")
    assert says in line and "/data/k.db" in line and "\n" not in line


def test_a_database_corrupted_while_serving_gets_a_clear_reply_in_slack(tmp_path: Path) -> None:
    import urllib.error
    import urllib.request

    from cyberbrief.slack.views.admin import UNDO_ACTION
    from tests.fake_slack import FakeSlack
    from tests.serving import start_server
    from tests.slack_requests import action_body, post, signed_headers

    db = tmp_path / "k.db"
    mini_store(db).close()
    with FakeSlack() as slack:
        server = start_server(db, slack, {"CYBERBRIEF_ADMINS": "U0ADMIN"})
        try:
            with db.open("r+b") as file:  # overwritten in place, under the open connection
                file.write(os.urandom(db.stat().st_size))
            for text in ("subscribe at 07:30 UTC", "events"):
                status, reply = server.command(text)
                assert status == 200
                assert "corrupt; restore it from a backup" in reply["text"], reply
            undo = action_body(UNDO_ACTION, "1", slack.response_url("undo"), user="U0ADMIN")
            assert post(server.events, undo, signed_headers(undo))[0] == 200
            said = server.responses("undo")
            assert len(said) == 1, [c.body for c in said]
            assert "corrupt; restore it from a backup" in said[0].body["text"]
            with pytest.raises(urllib.error.HTTPError) as failed:
                urllib.request.urlopen(f"{server.url}/healthz", timeout=5)
            assert failed.value.code == 503
            assert "Traceback" not in server.stderr()
        finally:
            server.process.terminate()
            server.process.wait(timeout=10)


def test_a_read_only_database_is_named_with_what_to_do(tmp_path: Path) -> None:
    """As an unprivileged user (root ignores file modes: the test drops to nobody)."""
    import shutil
    import tempfile

    prefix: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv to drop privileges")
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    folder = Path(tempfile.mkdtemp(prefix="cyberbrief-ro-"))
    try:
        db = folder / "k.db"
        mini_store(db).close()
        knowledge = folder / "orgs.yaml"
        knowledge.write_text("organisations:\n  - {name: Read Only Org}\n")
        before = db.read_bytes()
        db.chmod(0o444)
        knowledge.chmod(0o444)
        folder.chmod(0o555)
        run = subprocess.run(
            [*prefix, sys.executable, "bot.py", "load", str(knowledge)],
            cwd=PROJECT,
            env={**os.environ, "CYBERBRIEF_DB": str(db), "HOME": str(folder)},
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        assert_one_line_error(run, str(db), "read-only", "write access")
        assert db.read_bytes() == before
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_a_full_disk_is_named_and_the_store_keeps_its_data(tmp_path: Path) -> None:
    """On a real 1.2 MB file system (tmpfs; needs root to mount, else skipped)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        db = disk / "k.db"
        mini_store(db).close()
        big = tmp_path / "organisations.yaml"
        big.write_text(
            "organisations:\n"
            + "".join(f"  - {{name: Filler {i}, description: {'x' * 150}}}\n" for i in range(6000))
        )
        assert_one_line_error(bot(db, "load", "--yes", str(big)), str(db), "is full")
        asked = bot(db, "ask", "who is ICSPA")
        assert asked.returncode == 0 and "International Cyber Security" in asked.stdout
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_write_before_the_ack_waits_for_a_locked_store_no_longer_than_slack_does(
    tmp_path: Path,
) -> None:
    """Another process holding the write lock: an admin command that writes before its ack
    is answered within Slack's 3 s, saying the store is busy, and works once the lock goes."""
    import sqlite3
    import time

    from tests.fake_slack import FakeSlack
    from tests.serving import start_server

    db = tmp_path / "k.db"
    mini_store(db).close()
    with FakeSlack() as slack:
        server = start_server(db, slack, {"CYBERBRIEF_ADMINS": "U0USER"})
        holder = sqlite3.connect(db, timeout=0)
        try:
            holder.execute("BEGIN IMMEDIATE")
            started = time.monotonic()
            status, reply = server.command("admin feed remove 1")
            took = time.monotonic() - started
            assert status == 200 and took < 3, (status, took)
            assert "busy" in str(reply), reply
            holder.rollback()
            status, reply = server.command("admin feed remove 1")
            assert status == 200 and "busy" not in str(reply), reply
            assert "Traceback" not in server.stderr()
        finally:
            holder.close()
            server.process.terminate()
            server.process.wait(timeout=10)
