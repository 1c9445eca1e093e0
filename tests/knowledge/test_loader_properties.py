"""Property tests: generated good files land and round-trip; broken ones change nothing."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cyberbrief.knowledge import names
from cyberbrief.knowledge.export import export_yaml
from cyberbrief.knowledge.loader import LoadFailed, load_records, parse_text
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.seed import open_store
from tests.helpers import FakeClock

CLOCK = FakeClock(dt.datetime(2026, 11, 24, tzinfo=dt.UTC))
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)
NAME = st.lists(WORD, min_size=2, max_size=4).map(lambda ws: " ".join(w.title() for w in ws))
DATE = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80
).filter(lambda t: norm(t) != "")


def _unique(names_: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for n in names_:
        seen.setdefault(norm(n), n)
    return list(seen.values())


@st.composite
def knowledge_files(draw: st.DrawFn) -> dict[str, list[dict[str, Any]]]:
    all_names = draw(st.lists(NAME, min_size=3, max_size=12, unique_by=norm))
    split = draw(st.integers(1, len(all_names) - 1))
    orgs, people = all_names[:split], all_names[split:]
    data: dict[str, list[dict[str, Any]]] = {
        "sources": [{"key": "src", "title": draw(TEXT), "date": "2012"}],
        "organisations": [{"name": n, "description": draw(TEXT), "source": "src"} for n in orgs],
        "people": [
            {"name": n, "role": draw(TEXT), "organisation": draw(st.sampled_from(orgs))}
            for n in people
        ],
        "events": [],
        "facts": [],
        "quotes": [],
    }
    for i, start in enumerate(draw(st.lists(DATE, max_size=4))):
        length = draw(st.integers(0, 5))
        data["events"].append(
            {
                "name": f"Event {chr(65 + i)} Forum",
                "starts": start.isoformat(),
                "ends": (start + dt.timedelta(days=length)).isoformat(),
                "organisers": [draw(st.sampled_from(orgs))],
            }
        )
    facts = _unique(draw(st.lists(TEXT, max_size=4)))
    data["facts"] = [
        {"text": t, "about": [draw(st.sampled_from(all_names))], "source": "src"} for t in facts
    ]
    quotes = _unique(draw(st.lists(TEXT, max_size=4)))
    data["quotes"] = [
        {"text": t, "speaker": draw(st.sampled_from(all_names)), "source": "src"} for t in quotes
    ]
    return data


def _load(db: Any, name: str, content: bytes) -> Any:
    return load_records(db, parse_text(name, content), actor="t", origin=name, clock=CLOCK)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(knowledge_files())
def test_good_files_land_and_round_trip_through_export(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first = open_store(Path(tmp) / "a.db", seed=False)
        _load(first, "good.yaml", yaml.safe_dump(data, allow_unicode=True).encode())
        for record in data["organisations"] + data["people"]:
            assert names.find(first, record["name"]), record["name"]
        exported = export_yaml(first)
        second = open_store(Path(tmp) / "b.db", seed=False)
        _load(second, "export.yaml", exported.encode())
        assert export_yaml(second) == exported


def _corruptions(data: dict[str, Any]) -> list[tuple[str, bytes]]:
    """Ways to break a good file, each of which must be rejected whole."""

    def dump(d: dict[str, Any]) -> bytes:
        return yaml.safe_dump(d, allow_unicode=True).encode()

    import copy

    out = []
    d = copy.deepcopy(data)
    d["people"].append({"role": "no name"})
    out.append(("missing name", dump(d)))
    d = copy.deepcopy(data)
    d["events"].append({"name": "Bad Date Event", "starts": "2012-02-30"})
    out.append(("bad date", dump(d)))
    d = copy.deepcopy(data)
    d["organisations"][0]["colour"] = "red"
    out.append(("unknown field", dump(d)))
    d = copy.deepcopy(data)
    d["organisations"].append({"name": ["a", "list"]})
    out.append(("wrong type", dump(d)))
    d = copy.deepcopy(data)
    d["widgets"] = [{"name": "x"}]
    out.append(("unknown kind", dump(d)))
    d = copy.deepcopy(data)
    d["quotes"].append({"text": "hello there", "speaker": "Nobody We Know Zz"})
    out.append(("unknown speaker", dump(d)))
    good = dump(data)
    out.append(("malformed", good + b"\n  - [unclosed"))
    out.append(
        ("bad encoding", good.replace(b"organisations", "organisations\xe9".encode("latin-1"), 1))
    )
    return out


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(knowledge_files())
def test_broken_files_leave_the_database_byte_for_byte_unchanged(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.db"
        db = open_store(path, seed=False)
        _load(db, "base.yaml", yaml.safe_dump({"organisations": [{"name": "Base Org"}]}).encode())
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = path.read_bytes()
        for what, content in _corruptions(data):
            with pytest.raises(LoadFailed):
                _load(db, "broken.yaml", content)
            db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            assert path.read_bytes() == before, what
