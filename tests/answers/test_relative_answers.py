"""Dates stated relative to a record's source, as a user asks for them: worked out against
the source's date and said how, or, with an undated source, the record's own words only."""

from __future__ import annotations

import datetime as dt

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.knowledge.model import Status
from cyberbrief.knowledge.seed import open_store

PACK = """
sources:
  - key: bbc
    title: London hosts cyberspace security conference
    publisher: BBC News
    date: 2011-11-01
  - key: memo
    title: Undated briefing memo
    untitled: true
people:
  - name: Hillary Clinton
    role: US Secretary of State
    description: US Secretary of State who had been due to attend the London conference.
    source: bbc
  - name: Ada Brightwater
    role: Envoy
    description: Envoy for cyber affairs.
    source: memo
facts:
  - text: Hillary Clinton cancelled her trip to London on Monday night after her mother fell ill.
    about: [Hillary Clinton]
    source: bbc
  - text: Ada Brightwater signed the cyber accord on Monday.
    about: [Ada Brightwater]
    source: memo
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    folder = tmp_path_factory.mktemp("relative")
    (folder / "pack").mkdir()
    (folder / "pack" / "pack.yaml").write_text(PACK, encoding="utf-8")
    db = open_store(folder / "k.db", pack_dir=folder / "pack")
    return Answerer(db, today=lambda: dt.date(2026, 11, 24))


def test_a_weekday_is_worked_out_from_the_source_date(answerer: Answerer) -> None:
    answer = answerer.answer("on which day did Hillary Clinton cancel her trip to London")
    text = render(answer)
    assert answer.status is Status.FOUND, text
    first = text.splitlines()[0]
    assert first.startswith("Monday 31 Oct 2011"), text
    assert "BBC News report of 1 Nov 2011" in first and "on Monday night" in first


def test_an_undated_source_gives_the_words_and_no_invented_date(answerer: Answerer) -> None:
    answer = answerer.answer("on which day did Ada Brightwater sign the cyber accord")
    text = render(answer)
    assert answer.status is Status.FOUND, text
    first = text.splitlines()[0]
    assert first.startswith("“on Monday”") and "cannot be worked out" in first, text
    assert not any(month in text for month in ("Oct", "Nov", "2011", "2026")), text
