"""Repository reads: typed rows with whole dates as dates, partial dates as written, and every
source a record cites in order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cyberbrief.knowledge.loader import load_records, read_files
from cyberbrief.knowledge.repository import Repository
from cyberbrief.knowledge.rows import Event, Fact, Initiative, Organisation, Person
from cyberbrief.knowledge.seed import open_store
from tests.helpers import FakeClock

CLOCK = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))

FILE = """
sources:
  - key: bbc
    title: London hosts cyberspace security conference
    publisher: BBC News
    date: 2011-11-01
  - key: essay
    title: An essay
    date: "2012"
organisations:
  - name: International Telecommunication Union
    acronym: ITU
    sources: [essay, bbc]
people:
  - name: Hamadoun Toure
    role: Secretary-General
    organisation: ITU
    source: bbc
events:
  - name: World Conference on International Telecommunications
    acronym: WCIT
    starts: 2012-12
    organisers: [ITU]
initiatives:
  - name: Connect 2020
    organisation: ITU
    starts: 2014-11-06
    milestones:
      - {date: 2018-10-29, text: Targets reviewed}
facts:
  - text: The ITU has 193 member states.
    about: [ITU, membership]
    date: 2012-12-03
    source: bbc
"""


def _repo(tmp_path: Path) -> Repository:
    db = open_store(tmp_path / "k.db", seed=False, clock=CLOCK)
    path = tmp_path / "k.yaml"
    path.write_text(FILE, encoding="utf-8")
    load_records(db, read_files([path]), actor="test", origin="test", clock=CLOCK)
    return Repository(db)


def test_rows_are_typed_with_dates_and_sources_parsed(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    org = repo.entity("organisation", 1)
    assert isinstance(org, Organisation) and org.acronym == "ITU"
    # Both sources, in the order the record gave them (the first is the primary one).
    assert [c.publisher for c in repo.citations(org)] == [None, "BBC News"]
    assert org.source_id == org.source_ids[0]

    (person,) = repo.people_of(org.id)
    assert isinstance(person, Person) and person.role == "Secretary-General"
    assert person.organisation_id == org.id

    (event,) = repo.events_organised_by(org.id)
    assert isinstance(event, Event) and event.starts == "2012-12"  # partial: kept as written

    (initiative,) = repo.initiatives_led_by(org.id)
    assert isinstance(initiative, Initiative) and initiative.starts == dt.date(2014, 11, 6)
    assert [(m.date, m.text) for m in repo.milestones(initiative.id)] == [
        (dt.date(2018, 10, 29), "Targets reviewed")
    ]

    (fact,) = repo.facts_about("organisation", org.id)
    assert isinstance(fact, Fact)
    assert fact.date == dt.date(2012, 12, 3) and fact.topics == ("membership",)
    assert repo.label("organisation", org.id) == "International Telecommunication Union (ITU)"


def test_missing_rows_are_none(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    assert repo.entity("person", 999) is None
    assert repo.fact(999) is None and repo.quote(999) is None
    assert repo.label("event", 999) == "event 999"
