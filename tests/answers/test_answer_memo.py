"""What one answer remembers (each row read once, the scanned names made once) never
outlives the question or the store's state: a load, an edit or an undo between two
questions is seen by the next one, on the same long-lived answerer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.bm25_rows import bm25_rows, bm25_rows_whole
from cyberbrief.answers.plaintext import render
from cyberbrief.answers.textsearch import Weights, search
from cyberbrief.knowledge.loader import RawRecord, load_records
from cyberbrief.knowledge.model import Status
from cyberbrief.knowledge.repository import Repository
from cyberbrief.store.journal import undo
from tests.helpers import FakeClock, mini_store

CLOCK = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))


def _answerer(tmp_path: Path) -> Answerer:
    db = mini_store(tmp_path / "k.db", CLOCK)
    return Answerer(db, today=lambda: dt.date(2026, 11, 24))


def test_a_name_loaded_between_questions_is_matched_and_its_undo_unmatched(
    tmp_path: Path,
) -> None:
    answerer = _answerer(tmp_path)
    assert answerer.answer("who is the nordic cyber norms council").status is not Status.FOUND
    report = load_records(
        answerer.db,
        [RawRecord("organisations", "#1", {"name": "Nordic Cyber Norms Council"})],
        actor="test",
        origin="one more",
        clock=CLOCK,
    )
    found = answerer.answer("who is the nordic cyber norms councl")  # a typo: the fuzzy scan
    assert found.status is Status.FOUND
    assert found.title.startswith("Nordic Cyber Norms Council")
    assert report.change_id is not None
    undo(answerer.db, report.change_id, actor="test", clock=CLOCK)
    assert answerer.answer("who is the nordic cyber norms councl").status is not Status.FOUND


def test_an_edit_between_questions_is_in_the_next_answer(tmp_path: Path) -> None:
    answerer = _answerer(tmp_path)
    assert "Convened the London Conference" in render(answerer.answer("who is william hague"))
    load_records(
        answerer.db,
        [
            RawRecord(
                "people",
                "#1",
                {"name": "William Hague", "description": "Chaired the Budapest follow-up."},
            )
        ],
        actor="test",
        origin="edit",
        clock=CLOCK,
    )
    again = render(answerer.answer("who is william hague"))
    assert "Chaired the Budapest follow-up." in again
    assert "Convened the London Conference" not in again


def test_remembered_reads_are_made_once_and_handed_out_as_copies(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db", CLOCK)
    repo = Repository(db)
    person = db.execute("SELECT id FROM people WHERE name = 'William Hague'").fetchone()[0]
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    repo.remembering({})
    first = repo.names("person", person)
    first.append("not a name of his")
    assert repo.names("person", person) == [n for n in first if n != "not a name of his"]
    assert repo.person(person) is repo.person(person)
    reads = [s for s in statements if "FROM names" in s or "FROM people" in s]
    assert len(reads) == 2, reads
    repo.remembering(None)  # the question is answered: every read goes to the store again
    repo.person(person)
    repo.person(person)
    db.conn.set_trace_callback(None)
    assert len([s for s in statements if "FROM people" in s]) == 3


def test_a_wider_search_after_a_narrower_one_finds_what_it_finds_alone(tmp_path: Path) -> None:
    """A who-said question searches its words in quotes, then (no quote close) in every
    kind: the second ranks only the kinds not ranked yet, and must find the same records in
    the same order as a search of its own, ties included (same text, same bm25)."""
    db = mini_store(tmp_path / "k.db", CLOCK)
    endings = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"]  # one word each
    same = "Protecting undersea cables matters to every nation, said {}."
    records = [
        RawRecord("facts", f"#f{i}", {"text": same.format(e), "source": "bbc"})
        for i, e in enumerate(endings)
    ]
    records += [
        RawRecord(
            "quotes",
            f"#q{i}",
            {"text": same.format(e), "speaker": "William Hague", "source": "bbc"},
        )
        for i, e in enumerate(endings)
    ]
    load_records(db, records, actor="test", origin="ties", clock=CLOCK)
    statements: list[str] = []
    for question in ("undersea cables", "who said protecting cables matters", "cyber threats"):
        alone = search(db, question, limit=8, weights=Weights(db))
        weights = Weights(db)
        weights.remembering({})
        search(db, question, ("quote",), limit=8, weights=weights)
        db.conn.set_trace_callback(statements.append)
        wider = search(db, question, limit=8, weights=weights)
        db.conn.set_trace_callback(None)
        assert [(h.kind, h.id) for h in wider] == [(h.kind, h.id) for h in alone], question
        assert len(alone) == 8 or question == "cyber threats", question
    ranked = [s for s in statements if "bm25" in s]
    assert ranked and all("IN (1, 3, 4, 5, 6, 7)" in s for s in ranked), ranked


def test_ranking_first_then_reading_the_kept_texts_gives_the_rows_of_one_statement(
    tmp_path: Path,
) -> None:
    """A search ranks on bm25 alone and then reads the texts of the records it keeps: the
    same records, texts and scores, in the same order (ties included) as one statement that
    sorts the texts with them."""
    db = mini_store(tmp_path / "k.db", CLOCK)
    same = "Protecting undersea cables matters to every nation, said {}."
    records = [
        RawRecord(kind, f"#{kind}{i}", {"text": same.format(e), "source": "bbc", **extra})
        for kind, extra in (("facts", {}), ("quotes", {"speaker": "William Hague"}))
        for i, e in enumerate(["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"])
    ]
    load_records(db, records, actor="test", origin="ties", clock=CLOCK)
    for expression in ('"undersea" OR "cabl"', '"hagu"', '"nation"', '"nowhere"'):
        for codes in ((1, 2, 3, 4, 5, 6, 7), (2,), (1, 3)):
            for limit in (1, 5, 40):
                whole = bm25_rows_whole(db, expression, codes, limit)
                assert bm25_rows(db, expression, codes, limit) == whole, (expression, codes)
    ties = bm25_rows(db, '"undersea"', (1, 2), 40)
    assert len(ties) == 12 and len({row[4] for row in ties}) < 12
