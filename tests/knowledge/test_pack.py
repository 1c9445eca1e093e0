"""The bundled knowledge pack against the seed articles it was built from."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.knowledge.model import Status
from cyberbrief.knowledge.seed import PACK_DIR, PROJECT_DIR, open_store

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


def cited(record: dict[str, Any]) -> list[str]:
    """The keys of every source a record cites (``source`` and ``sources``)."""
    keys = [record["source"]] if "source" in record else []
    return keys + list(record.get("sources", []))


def cited_text(record: dict[str, Any], articles: dict[str, str]) -> str:
    return " ".join(articles.get(key, "") for key in cited(record))


def background_keys(pack: dict[str, list[dict[str, Any]]]) -> set[str]:
    return {s["key"] for s in pack["sources"] if s.get("kind") == "background"}


def test_every_quote_occurs_verbatim_in_a_source_it_cites(
    pack: dict[str, list[dict[str, Any]]], articles: dict[str, str]
) -> None:
    missing = [
        (cited(q), q["text"][:60])
        for q in pack["quotes"]
        if not any(squash(q["text"]) in articles.get(key, "") for key in cited(q))
    ]
    assert not missing, missing


def test_every_fact_from_an_article_has_its_supporting_sentence_verbatim(
    pack: dict[str, list[dict[str, Any]]], articles: dict[str, str]
) -> None:
    for fact in pack["facts"]:
        if not any(key in articles for key in cited(fact)):
            continue
        assert fact.get("support"), ("fact without a supporting sentence", fact["text"][:60])
        assert any(squash(fact["support"]) in articles.get(key, "") for key in cited(fact)), (
            "supporting sentence not verbatim in a source the fact cites",
            fact["support"][:60],
        )


def test_every_record_cites_a_known_source(pack: dict[str, list[dict[str, Any]]]) -> None:
    keys = {s["key"] for s in pack["sources"]}
    for kind in KINDS:
        for record in pack.get(kind, []):
            what = (kind, record.get("name") or record.get("text"))
            assert cited(record), what
            assert set(cited(record)) <= keys, what


KEY_TERM = re.compile(r"[£$]?\d[\d,.]*(?:bn|m|%)?|[A-Z][A-Za-z]+(?:-[A-Z][A-Za-z]+)*")
FIELDS = ("name", "acronym", "aliases", "role", "location", "description", "text")


def key_terms(record: dict[str, Any]) -> set[str]:
    """Names, acronyms and figures in a record: what a reader would check against the source."""
    texts: list[str] = []
    for field in FIELDS:
        value = record.get(field)
        texts.extend(value if isinstance(value, list) else [value] if value else [])
    terms = set()
    for text in texts:
        for term in KEY_TERM.findall(text):
            terms.add(term.rstrip(".,"))
    return terms - {"Mr", "Mrs", "Ms"}  # how a report names someone, not a claim about them


def test_key_terms_of_records_citing_only_articles_are_in_those_articles(
    pack: dict[str, list[dict[str, Any]]], articles: dict[str, str]
) -> None:
    """Anything an article does not say (a full name, a date, a title) must cite the background."""
    background = background_keys(pack)
    absent = []
    for kind in (*KINDS, "sources"):
        for record in pack.get(kind, []):
            if kind == "sources" or background & set(cited(record)):
                continue
            text = cited_text(record, articles).lower()
            for term in key_terms(record):
                if term.lower() not in text:
                    absent.append((record.get("name") or record.get("text", "")[:40], term))
    assert not absent, absent


def test_background_is_marked_as_such_wherever_it_is_shown(
    pack: dict[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    background = [s for s in pack["sources"] if s.get("kind") == "background"]
    assert background, "the pack has a background source for what the articles only imply"
    users = [
        r["name"]
        for kind in ("organisations", "people")
        for r in pack[kind]
        if set(cited(r)) == {background[0]["key"]}
    ]
    assert users
    answerer = Answerer(open_store(tmp_path / "k.db"), today=lambda: dt.date(2026, 11, 24))
    text = render(answerer.answer(f"who is {users[0]}"))
    assert "background added by the editors" in text, text


def test_no_source_has_an_invented_headline(
    pack: dict[str, list[dict[str, Any]]], articles: dict[str, str]
) -> None:
    """A title is the article's own first line, or is marked as a description of the source."""
    for source in pack["sources"]:
        if source.get("kind") == "background":
            assert source.get("untitled") == "true", source["key"]
            continue
        opening = articles[source["key"]][:300]
        if source.get("untitled") == "true":
            assert squash(source["title"]).startswith("Untitled"), source["key"]
            first_words = re.findall(r'"([^"]+)"', source["title"])
            assert first_words and opening.startswith(squash(first_words[0])), source["key"]
        else:
            assert squash(source["title"]) in opening, (source["key"], source["title"])


def test_dates_the_articles_do_not_print_are_marked_inferred(
    pack: dict[str, list[dict[str, Any]]], articles: dict[str, str]
) -> None:
    months = (
        "January February March April May June July August September October November December"
    ).split()
    for source in pack["sources"]:
        if source.get("kind") == "background" or not source.get("date"):
            continue
        if source.get("date_inferred") == "true":
            continue
        parts = source["date"].split("-")
        text = articles[source["key"]]
        assert parts[0] in text, source["key"]
        if len(parts) >= 2:
            assert months[int(parts[1]) - 1] in text, source["key"]
        if len(parts) == 3:
            assert re.search(rf"\b{int(parts[2])}\b", text), source["key"]


def test_untitled_and_inferred_sources_are_shown_as_such(tmp_path: Path) -> None:
    answerer = Answerer(open_store(tmp_path / "k.db"), today=lambda: dt.date(2026, 11, 24))
    text = render(answerer.answer("who is John Lyons"))
    assert 'Untitled report, first words "An international agreement' in text, text
    assert "“Untitled" not in text, "a description is not quoted as if it were a headline"
    assert "2012 (date inferred)" in text, text


def test_pack_loads_into_a_fresh_store_and_answers(tmp_path: Path) -> None:
    db = open_store(tmp_path / "fresh.db")
    counts = {t: db[t].count for t in KINDS}
    assert all(counts.values()), counts
    answerer = Answerer(db, today=lambda: dt.date(2026, 11, 24))
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
