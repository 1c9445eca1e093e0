"""Several sources per record, untitled sources and inferred dates: loaded, shown, exported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlite_utils
import yaml

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.drafting.drafts import draft_from_text
from cyberbrief.knowledge.export import export_records, export_yaml
from cyberbrief.knowledge.loader import LoadFailed, load_records, read_files
from cyberbrief.knowledge.seed import open_store
from cyberbrief.store.connection import connect
from cyberbrief.store.migrations import MIGRATIONS, migrate
from tests.helpers import FakeClock

CLOCK = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))

FILE = """
sources:
  - key: bbc
    title: London hosts cyberspace security conference
    publisher: BBC News
    date: 2011-11-01
    date_inferred: true
  - key: essay
    title: Untitled commentary, first words "The world today"
    untitled: true
    date: "2012"
organisations:
  - name: European Union
    acronym: EU
    description: Its digital supremo attended the conference; CERT-EU serves its member states.
    sources: [bbc, essay]
  - name: Wikipedia
    source: bbc
facts:
  - text: No major breakthrough is likely anytime soon.
    about: [European Union]
    support: no major breakthrough is likely anytime soon.
    sources: [essay]
  - text: Its digital supremo attended the London conference, held a year before the essay.
    about: [European Union]
    sources: [bbc, essay]
"""


def load(db: sqlite_utils.Database, path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    report = load_records(db, read_files([path]), actor="test", origin="test", clock=CLOCK)
    return report.summary()


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    store = open_store(tmp_path / "k.db", seed=False)
    load(store, tmp_path / "k.yaml", FILE)
    return store


def test_a_card_cites_every_source_of_its_record(db: sqlite_utils.Database) -> None:
    text = render(Answerer(db, today=lambda: dt.date(2026, 11, 24)).answer("what is the EU"))
    assert "[1] BBC News, “London hosts cyberspace security conference”, 2011-11-01" in text
    assert "(date inferred)" in text
    assert '[2] Untitled commentary, first words "The world today", 2012' in text, text
    assert "“Untitled" not in text
    assert "held a year before the essay. (as of 1 Nov 2011) [1] [2]" in text, text


def test_export_writes_sources_and_support_and_loads_back_unchanged(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    records = export_records(db)
    eu = next(o for o in records["organisations"] if o["name"] == "European Union")
    assert eu["sources"] == ["bbc", "essay"]
    wikipedia = next(o for o in records["organisations"] if o["name"] == "Wikipedia")
    assert wikipedia["source"] == "bbc" and "sources" not in wikipedia
    assert records["facts"][0]["support"] == "no major breakthrough is likely anytime soon."
    assert records["facts"][1]["sources"] == ["bbc", "essay"]
    bbc = next(s for s in records["sources"] if s["key"] == "bbc")
    assert bbc["date_inferred"] is True
    essay = next(s for s in records["sources"] if s["key"] == "essay")
    assert essay["untitled"] is True
    again = open_store(tmp_path / "again.db", seed=False)
    load(again, tmp_path / "export.yaml", export_yaml(db))
    assert export_records(again) == records
    assert "nothing" in load(again, tmp_path / "export.yaml", export_yaml(db)).split(";")[0]


def test_a_csv_cell_lists_several_sources(db: sqlite_utils.Database, tmp_path: Path) -> None:
    load(db, tmp_path / "organisations.csv", "name,description,sources\nEuropol,Police,bbc;essay\n")
    europol = next(o for o in export_records(db)["organisations"] if o["name"] == "Europol")
    assert europol["sources"] == ["bbc", "essay"]


def test_a_bad_source_in_a_list_names_the_record_and_field(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    bad = "organisations:\n  - name: Europol\n    sources: [bbc, {publisher: X}]\n"
    with pytest.raises(LoadFailed) as failure:
        load(db, tmp_path / "bad.yaml", bad)
    message = str(failure.value)
    assert "organisations #1 \"Europol\", field 'sources'" in message, message
    assert "source 2" in message and "title" in message


def test_a_version_2_store_is_upgraded_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = connect(path)
    for script in MIGRATIONS[:2]:
        old.conn.executescript(script)
    old.conn.execute("PRAGMA user_version = 2")
    old.conn.execute("INSERT INTO sources (id, title, date) VALUES (1, 'Old report', '2011')")
    old.conn.execute("INSERT INTO organisations (id, name, source_id) VALUES (1, 'Old Org', 1)")
    old.conn.execute(
        "INSERT INTO names (kind, entity_id, text, norm, type)"
        " VALUES ('organisation', 1, 'Old Org', 'old org', 'name')"
    )
    old.conn.commit()
    old.conn.close()
    db = connect(path)
    assert migrate(db) == len(MIGRATIONS) - 2
    text = render(Answerer(db, today=lambda: dt.date(2026, 11, 24)).answer("what is Old Org"))
    assert "“Old report”, 2011" in text, text
    assert yaml.safe_load(export_yaml(db))["organisations"][0]["source"] == "Old report"


REPORT = (
    "An international agreement on cyber security is a long way off, according to John Lyons,\n"
    "chief executive of the International Cyber Security Protection Alliance.\n\n"
    '"Working together internationally must be a key part of defending us," Lyons said.\n'
)
HEADLINED = "London hosts cyberspace security conference\n\nLondon has begun a conference.\n"


def test_a_drafted_article_without_a_headline_is_described_not_given_one(
    db: sqlite_utils.Database,
) -> None:
    draft = draft_from_text(db, "report.txt", REPORT.encode())
    assert draft.source["title"] == (
        'Untitled article, first words "An international agreement on cyber security is a long'
        ' way off, according"'
    )
    assert draft.describe().startswith('Drafts from Untitled article, first words "An')
    records = draft.records()
    assert records["sources"][0]["untitled"] == "true"
    headlined = draft_from_text(db, "bbc.txt", HEADLINED.encode())
    assert headlined.source == {"title": "London hosts cyberspace security conference"}
    assert headlined.describe().startswith("Drafts from “London hosts cyberspace security")
    given = draft_from_text(db, "report.txt", REPORT.encode(), title="Lyons on agreement")
    assert given.source == {"title": "Lyons on agreement"}
