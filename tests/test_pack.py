"""The bundled knowledge pack against the seed articles it was built from."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.answers import Answerer
from knowledge.model import Status
from knowledge.store import PACK_DIR, PROJECT_DIR, open_store

SEEDS = Path(os.environ.get("CYBERBRIEF_SEEDS", PROJECT_DIR.parent / "shared" / "seeds"))
KINDS = ("organisations", "people", "events", "initiatives", "facts", "quotes")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def pack() -> dict[str, list[dict[str, Any]]]:
    merged: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(PACK_DIR.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        for kind, records in data.items():
            merged.setdefault(kind, []).extend(records)
    return merged


@pytest.fixture(scope="module")
def articles(pack: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (set CYBERBRIEF_SEEDS)")
    texts = {}
    for source in pack["sources"]:
        if source.get("kind", "article") == "article":
            path = SEEDS / source["file"]
            assert path.is_file(), f"source {source['key']} names missing seed file {path}"
            texts[source["key"]] = squash(path.read_text(encoding="utf-8"))
    return texts


def test_pack_covers_every_seed_article(articles: dict[str, str]) -> None:
    assert len(articles) == len(list(SEEDS.glob("*.txt")))


def test_every_quote_occurs_verbatim_in_its_source_article(
    pack: dict[str, list[dict[str, Any]]], articles: dict[str, str]
) -> None:
    missing = [
        (q["source"], q["text"][:60])
        for q in pack["quotes"]
        if squash(q["text"]) not in articles.get(q["source"], "")
    ]
    assert not missing, missing


def test_every_record_cites_a_source(pack: dict[str, list[dict[str, Any]]]) -> None:
    keys = {s["key"] for s in pack["sources"]}
    for kind in KINDS:
        for record in pack.get(kind, []):
            assert record.get("source") in keys, (kind, record.get("name") or record.get("text"))


def test_pack_loads_into_a_fresh_store_and_answers(tmp_path: Path) -> None:
    db = open_store(tmp_path / "fresh.db")
    counts = {t: db[t].count for t in KINDS}
    assert all(counts.values()), counts
    answerer = Answerer(db, today=lambda: __import__("datetime").date(2026, 11, 24))
    answer = answerer.answer("who is ICSPA")
    assert answer.status is Status.FOUND
    assert "International Cyber Security Protection Alliance" in answer.title


def test_acronym_definitions_in_the_articles_are_in_the_pack(
    pack: dict[str, list[dict[str, Any]]], articles: dict[str, str]
) -> None:
    defined = set()
    for text in articles.values():
        defined.update(re.findall(r"\(([A-Z][A-Za-z\-]{1,10})\)", text))
    known = {
        (r.get("acronym") or "").upper()
        for kind in ("organisations", "events", "initiatives")
        for r in pack.get(kind, [])
    }
    assert {d.upper() for d in defined} <= known, {d for d in defined if d.upper() not in known}
