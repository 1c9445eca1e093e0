"""The indexed matcher on a store past the full-scan size: incremental, and as right as a scan."""

from __future__ import annotations

import datetime as dt
import random
import string
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from cyberbrief.answers import matcher
from cyberbrief.answers.answerer import Answerer
from cyberbrief.knowledge.loader import RawRecord, load_records
from cyberbrief.knowledge.model import Status
from cyberbrief.knowledge.normalize import norm
from cyberbrief.store.journal import undo
from tests.helpers import FakeClock, mini_store


def _name(rnd: random.Random) -> str:
    words = ["".join(rnd.choice(string.ascii_lowercase) for _ in range(rnd.randint(4, 9)))]
    words += ["".join(rnd.choice(string.ascii_lowercase) for _ in range(rnd.randint(4, 9)))]
    return (
        " ".join(w.capitalize() for w in words)
        + " "
        + rnd.choice(["Agency", "Institute", "Council", "Forum", "Alliance", "Centre"])
    )


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Answerer, list[str], FakeClock]:
    clock = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
    db = mini_store(Path(tmp_path_factory.mktemp("big")) / "k.db", clock)
    rnd = random.Random(7)
    names = list(dict.fromkeys(_name(rnd) for _ in range(matcher.FULL_SCAN_LIMIT + 1500)))
    records = [RawRecord("organisations", f"#{i}", {"name": n}) for i, n in enumerate(names)]
    load_records(db, records, actor="test", origin="bulk", clock=clock)
    answerer = Answerer(db, today=lambda: dt.date(2026, 11, 24))
    return answerer, names, clock


def test_typos_find_the_same_entry_as_a_full_scan(
    big: tuple[Answerer, list[str], FakeClock],
) -> None:
    answerer, names, _ = big
    rnd = random.Random(3)
    norms = [norm(n) for n in names]
    indexed_right = scanned_right = 0
    for name in rnd.sample(names, 40):
        chars = list(name)
        i = rnd.randrange(1, len(chars) - 1)
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
        typo = "".join(chars)
        indexed = answerer.names.search(typo, limit=1)
        scanned = process.extractOne(norm(typo), norms, scorer=fuzz.WRatio)
        indexed_right += bool(indexed) and indexed[0].text == name
        scanned_right += scanned is not None and names[scanned[2]] == name
    assert indexed_right >= scanned_right, (indexed_right, scanned_right)
    assert indexed_right >= 36


def test_an_acronym_with_two_letters_swapped_is_found_past_the_scan_size(
    big: tuple[Answerer, list[str], FakeClock],
) -> None:
    """ "OCSE" shares no trigram with "OSCE": each swapped spelling is looked up exactly, so
    the typo is found in a large store as in a small one; three letters stay exact only."""
    answerer, _, clock = big
    records = [
        RawRecord("organisations", "#osce", {"name": "Security Body", "acronym": "OSCE"}),
        RawRecord("organisations", "#fbi", {"name": "Federal Bureau", "acronym": "FBI"}),
    ]
    load_records(answerer.db, records, actor="test", origin="bulk", clock=clock)
    for index in (answerer.names, matcher.NameIndex.from_db(answerer.db)):  # tail, then segments
        index.refresh(answerer.db)
        found = index.search("ocse", limit=1)
        assert found and found[0].text == "OSCE" and found[0].score >= matcher.CONFIDENT
        assert not [m for m in index.search("fib", limit=3) if m.text == "FBI"]


def test_a_load_is_answerable_at_once_and_undo_removes_it(
    big: tuple[Answerer, list[str], FakeClock],
) -> None:
    answerer, _, clock = big
    db = answerer.db
    report = load_records(
        db,
        [RawRecord("organisations", "#1", {"name": "Quantum Norms Initiative", "acronym": "QNI"})],
        actor="test",
        origin="one more",
        clock=clock,
    )
    assert answerer.answer("who is QNI").status is Status.FOUND
    assert answerer.answer("quantum norms initiatve").title.startswith("Quantum Norms Initiative")
    assert report.change_id is not None
    undo(db, report.change_id, actor="test", clock=clock)
    assert answerer.answer("who is QNI").status is not Status.FOUND


def test_a_load_larger_than_the_scan_limit_is_indexed_and_undone(
    big: tuple[Answerer, list[str], FakeClock],
) -> None:
    answerer, names, clock = big
    db = answerer.db
    before = len(answerer.names)
    rnd = random.Random(11)
    more = [n for n in dict.fromkeys(_name(rnd) for _ in range(matcher.FULL_SCAN_LIMIT + 100))]
    more = [n for n in more if n not in set(names)]
    report = load_records(
        db,
        [RawRecord("organisations", f"#m{i}", {"name": n}) for i, n in enumerate(more)],
        actor="test",
        origin="second bulk",
        clock=clock,
    )
    assert answerer.answer(more[17]).title.startswith(more[17])
    assert len(answerer.names) == before + len(more)
    assert report.change_id is not None
    undo(db, report.change_id, actor="test", clock=clock)
    assert not answerer.answer(more[17]).title.startswith(more[17])
    assert len(answerer.names) == before
    assert answerer.answer(names[5]).title.startswith(names[5])


def test_names_sharing_a_spelling_are_candidates_in_the_order_a_scan_of_every_name_gives() -> None:
    """Names several entities share (surnames, namesakes) are scored once each: the candidates
    are still rapidfuzz's best of every name, best first and equal scores in the order the
    names are held, as many as a scan of each one gives, cut at the same place."""
    rnd = random.Random(5)
    spellings = [_name(rnd) for _ in range(40)]
    held = [rnd.choice(spellings) for _ in range(400)]  # each spelling about ten times
    rows = [(i, "organisation", i, n, norm(n), "name") for i, n in enumerate(held)]
    index = matcher.NameIndex.from_rows(rows)
    norms = [norm(n) for n in held]
    for query in [*rnd.sample(spellings, 5), "council", "forum alliance", spellings[0][:6]]:
        for limit in (1, 5, 8):
            scanned = process.extract(
                norm(query), norms, scorer=fuzz.WRatio, limit=max(50, limit * 10), score_cutoff=40
            )
            exact = [i for i, n in enumerate(norms) if n == norm(query)]
            expected = [(held[i], i) for i in exact] + [(held[i], i) for _, _, i in scanned]
            found = index._candidates(norm(query), limit)
            assert [(e.text, e.entity_id) for e in found] == expected, (query, limit)
