"""Fixtures of the digest tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.digest_data import digest_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A store file seeded from the test pack plus a fortnight of events and milestones from
    24 March 2026 (closed: open it as the code under test does)."""
    path = tmp_path / "digests.db"
    digest_store(path).close()
    return path
