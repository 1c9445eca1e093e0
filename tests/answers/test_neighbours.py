"""Candidates by meaning: records full-text search cannot reach are found by their stored
vectors, and still have to cover the question to be an answer."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest
import sqlite_utils

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.evidence import gather
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.neighbours import VectorIndex
from cyberbrief.answers.plaintext import render
from cyberbrief.answers.textsearch import Weights, search
from cyberbrief.knowledge import vectors
from cyberbrief.knowledge.loader import load_records, parse_text
from cyberbrief.knowledge.repository import Repository
from cyberbrief.store.connection import transaction
from tests.helpers import FakeClock, mini_store
from tests.question_tables import TABLES

WORDS = ["companies", "back", "new", "alliance", "against", "crime"]
ANSWER = "Security companies back a new alliance against crime online."
QUESTION = "which companies back the new alliance against crime"
TODAY = dt.date(2026, 11, 24)
ARTICLES = Path(__file__).parent.parent / "data" / "articles"
CLOCK = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    """A store where every word of the question is in over a thousand records (notes naming
    two of them each), so full-text search reads none of their lists; one record says it all."""
    db = mini_store(Path(tmp_path_factory.mktemp("near")) / "k.db")
    pairs = list(itertools.combinations(WORDS, 2))
    notes = [
        f"Note {i} on weather and sport mentions {pairs[i % len(pairs)][0]} and "
        f"{pairs[i % len(pairs)][1]} once"
        for i in range(3100)
    ]
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO facts (text, norm) VALUES (?, ?)", [(n, n.lower()) for n in notes]
        )
        db.conn.execute("INSERT INTO facts (text, norm) VALUES (?, ?)", (ANSWER, ANSWER.lower()))
        vectors.refresh(db)
    return db


def test_a_record_full_text_search_cannot_reach_is_found_by_meaning(
    big: sqlite_utils.Database,
) -> None:
    weights = Weights(big)
    assert search(big, QUESTION, weights=weights) == []  # every word is too common to search
    repo = Repository(big)
    words_only = gather(big, repo, QUESTION, weights=weights, meaning=Meaning())
    assert words_only == []
    found = gather(
        big, repo, QUESTION, weights=weights, meaning=Meaning(), neighbours=VectorIndex()
    )
    assert [e.line.text for e in found] == [ANSWER]
    answer = Answerer(big, lambda: TODAY).answer(QUESTION)
    assert ANSWER in render(answer)


def test_a_near_record_that_does_not_cover_the_question_is_no_answer(
    big: sqlite_utils.Database,
) -> None:
    # Close in meaning to the answer, but it shares too few of the question's words.
    answer = Answerer(big, lambda: TODAY).answer("which firms fund the new cybercrime coalition")
    assert ANSWER not in render(answer)


def test_the_index_follows_loads_and_undos_without_reading_everything_again(
    tmp_path: Path,
) -> None:
    db = mini_store(tmp_path / "k.db")
    index = VectorIndex()
    asked = Meaning().vector("banana bread recipes for the office")
    assert asked is not None
    held = len(index.nearest(db, asked, (1, 2, 3, 4, 5, 6), 1000))
    text = "facts:\n  - {text: Banana bread recipes were shared at the office., about: [food]}\n"
    report = load_records(
        db, parse_text("k.yaml", text.encode(), None), actor="U1", origin="k", clock=CLOCK
    )
    added = int(db.conn.execute("SELECT max(id) FROM facts").fetchone()[0]) * 8 + 1
    nearest = index.nearest(db, asked, (1,), 1)
    assert nearest[0][0] == added and nearest[0][1] > 0.8
    assert len(index.nearest(db, asked, (1, 2, 3, 4, 5, 6), 1000)) == held + 1
    vectors.undo(db, report.change_id, actor="U1", clock=CLOCK)
    assert added not in [r for r, _ in index.nearest(db, asked, (1,), 1000)]
    assert len(index.nearest(db, asked, (1, 2, 3, 4, 5, 6), 1000)) == held


def test_a_large_store_is_not_read_while_one_question_waits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``bot.py ask`` (no background reader) answers from full-text search alone rather than
    read every vector of a large store; ``serve`` reads them all at start (``load``)."""
    from cyberbrief.answers import neighbours

    db = mini_store(tmp_path / "k.db")
    asked = Meaning().vector("who leads the agency")
    assert asked is not None
    monkeypatch.setattr(neighbours, "AT_ONCE", 3)
    index = VectorIndex()
    assert index.nearest(db, asked, (1, 2, 3, 4, 5, 6), 5) == []
    index.load(db)
    assert len(index.nearest(db, asked, (1, 2, 3, 4, 5, 6), 5)) == 5


def test_the_index_grows_past_its_room_and_still_finds_the_newest(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    index = VectorIndex()
    asked = Meaning().vector("octopus gardening in the arctic")
    assert asked is not None
    index.nearest(db, asked, (1,), 1)  # read what there is: room for about 1,000 more
    notes = "".join(
        f"  - {{text: Note {i} about tax forms and filing., about: [tax]}}\n" for i in range(1200)
    )
    load_records(
        db,
        parse_text("k.yaml", f"facts:\n{notes}".encode(), None),
        actor="U1",
        origin="k",
        clock=CLOCK,
    )
    text = "facts:\n  - {text: Octopus gardening in the arctic is a hobby., about: [sea]}\n"
    load_records(db, parse_text("k.yaml", text.encode(), None), actor="U1", origin="k", clock=CLOCK)
    newest = int(db.conn.execute("SELECT max(id) FROM facts").fetchone()[0]) * 8 + 1
    assert index.nearest(db, asked, (1,), 1)[0][0] == newest


def test_a_refusal_searches_the_store_once_and_the_next_answer_sees_a_load(
    tmp_path: Path,
) -> None:
    """A refused figure question is verified against the candidates the evidence gate has
    just found (the same full-text search run twice cost a refusal a third more time at
    200k records); the next question, after a load, is searched afresh."""
    db = mini_store(tmp_path / "k.db")
    answerer = Answerer(db, lambda: TODAY)
    question = "how many zebra crossings did the pelican council paint"
    # A who-said question is searched for as itself and for what was said: the same words.
    for asked in (question, "who said the pelican council painted zebra crossings badly"):
        searches: list[str] = []
        db.conn.set_trace_callback(
            lambda sql, found=searches: found.append(sql) if "bm25(search" in sql else None
        )
        first = answerer.answer(asked)
        db.conn.set_trace_callback(None)
        assert "412" not in render(first)
        assert searches, "the question was not searched at all"
        assert len(searches) == len(set(searches)), "the same search ran twice for one answer"
    text = (
        "facts:\n  - {text: The pelican council painted 412 zebra crossings in 2025., "
        "about: [roads]}\n"
    )
    load_records(db, parse_text("k.yaml", text.encode(), None), actor="U1", origin="k", clock=CLOCK)
    assert "412" in render(answerer.answer(question))


def test_the_highest_scores_are_the_ones_a_full_partition_finds() -> None:
    """The shortcut that skips most of a full partition picks the same records, with
    masked-out kinds (-2) or scores that are not numbers in the way, and with fewer wanted
    records than it takes."""
    from cyberbrief.answers.neighbours import highest

    rng = np.random.default_rng(7)
    for size, masked in [(50, 0.0), (20_000, 0.0), (20_000, 0.9), (20_000, 0.995), (60_000, 0.5)]:
        scores = rng.standard_normal(size).astype(np.float32)
        scores[rng.random(size) < masked] = -2.0
        if size == 60_000:
            scores[::7] = np.nan  # a broken vector scores as no number: never among the best
        take = min(200, size)
        full = np.argpartition(-scores, take - 1)[:take]
        quick = highest(scores, 200)
        assert len(quick) == take
        assert set(full[scores[full] > -2.0].tolist()) == set(quick[scores[quick] > -2.0].tolist())


def _nearest_by_full_partition(
    db: sqlite_utils.Database, index: VectorIndex, question: np.ndarray, codes: tuple[int, ...]
) -> list[int]:
    """The nearest 10 as the index found them before the shortcut: every held prefix scored,
    the best RERANK by a full partition, re-scored with all their dimensions."""
    from cyberbrief.answers.neighbours import PREFIX, RERANK

    records, matrix, kind = index._records, index._matrix, index._records % 8
    prefix = question[:PREFIX] / np.linalg.norm(question[:PREFIX])
    scores = np.einsum("ij,j->i", matrix, prefix.astype(np.float32))
    scores[~np.isin(kind, codes)] = -2.0
    best = np.argpartition(-scores, RERANK - 1)[:RERANK]
    best = best[scores[best] > -2.0]
    wanted = [int(r) for r in records[best]]
    held = dict(
        db.conn.execute(
            f"SELECT record, vector FROM vectors WHERE record IN ({', '.join('?' * len(wanted))})",
            wanted,
        ).fetchall()
    )
    full = vectors.unpack([held[r] for r in wanted]) @ question.astype(np.float32)
    return [r for _, r in sorted(zip(-full, wanted, strict=True))][:10]


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    """A store of 9,000 distinct facts made of our articles' sentences (halves of two joined),
    with their vectors: more than the index's shortcut needs to skip most of the scores."""
    db = mini_store(Path(tmp_path_factory.mktemp("articles")) / "k.db")
    text = " ".join(p.read_text() for p in sorted(ARTICLES.rglob("*.txt")))
    sentences = [s.split() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 5]
    joined = {
        " ".join(a[: len(a) // 2] + b[len(b) // 2 :])
        for a, b in itertools.permutations(sentences[:120], 2)
    }
    facts = sorted(joined)[:9000]
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO facts (text, norm) VALUES (?, ?)", [(f, f.lower()) for f in facts]
        )
        vectors.refresh(db)
    return db


def test_the_nearest_records_are_the_same_as_a_full_partition_finds(
    articles: sqlite_utils.Database,
) -> None:
    """On a real store of 9,000 facts, the nearest 10 for our own questions, over every kind,
    over facts alone and over two kinds of entity, are the records (in the same order) the
    full partition finds."""
    index = VectorIndex()
    index.load(articles)
    assert len(index._records) > 9000
    # Entities are a few of the held records: their rows alone are scanned; facts are most.
    assert index._rows((3, 4)) is not None and index._rows((1,)) is None
    meaning = Meaning()
    lines = (TABLES / "own.jsonl").read_text(encoding="utf-8").splitlines()
    for question in [QUESTION, *(json.loads(line)["q"] for line in lines)]:
        vector = meaning.vector(question)
        assert vector is not None
        for codes in [(1, 2, 3, 4, 5, 6), (1,), (3, 4)]:
            found = [r for r, _ in index.nearest(articles, vector, codes, 10)]
            expected = _nearest_by_full_partition(articles, index, vector, codes)
            assert found == expected, question


def test_several_phrases_at_once_find_what_each_finds_alone(big: sqlite_utils.Database) -> None:
    """One pass for every noun phrase of a question ranks as one scan per phrase would."""
    meaning = Meaning()
    index = VectorIndex()
    asked = ["new alliance against crime", "weather and sport", "security companies"]
    found = [meaning.vector(text) for text in asked]
    assert all(v is not None for v in found)
    stacked = np.stack([v for v in found if v is not None])
    codes = (1,)  # facts
    together = index.nearest_each(big, stacked, codes, 5)
    alone = [index.nearest(big, vector, codes, 5) for vector in stacked]
    # The same records, or records as near (3,100 notes are alike; fewer are scored again
    # with every dimension): the same closeness, within the prefix's approximation.
    assert together[0][0][0] == alone[0][0][0]  # the one record that says it all
    closeness = [[s for _, s in r] for r in together], [[s for _, s in r] for r in alone]
    assert np.allclose(*closeness, atol=0.03)
