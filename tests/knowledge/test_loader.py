"""Loading knowledge files: good files land and are answerable; bad ones change nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.knowledge.loader import LoadFailed, load_records, parse_text, read_files
from tests.helpers import FakeClock, mini_store

CLOCK = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))


def load(db, name: str, text: str, **kwargs):  # type: ignore[no-untyped-def]
    records = parse_text(name, text.encode(), kwargs.pop("kind", None))
    return load_records(db, records, actor="U1", origin=name, clock=CLOCK, **kwargs)


def snapshot(path: Path) -> bytes:
    return path.read_bytes()


def test_loaded_entries_answer_at_once_by_name_acronym_and_alias(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    answerer = Answerer(db, today=lambda: dt.date(2026, 11, 24))
    assert answerer.answer("who is ENISA").status.value == "not_found"
    report = load(
        db,
        "new.yaml",
        """
organisations:
  - name: European Network and Information Security Agency
    acronym: ENISA
    aliases: [EU cyber agency]
    description: EU agency protecting critical information systems.
    source: {title: "Cybersecurity at the International Level", publisher: EWI}
""",
    )
    assert report.added["organisations"] == 1
    for question in (
        "who is ENISA",
        "what is the EU cyber agency",
        "european network and information security agncy",
    ):
        answer = answerer.answer(question)
        assert answer.title == "European Network and Information Security Agency (ENISA)"
        assert answer.citations and answer.citations[0].publisher == "EWI"


def test_record_naming_an_existing_entry_updates_it(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    report = load(
        db,
        "update.yaml",
        """
people:
  - name: Mr Hague
    role: Former Foreign Secretary
""",
    )
    assert report.updated["people"] == 1 and not report.added
    rows = list(db.query("SELECT name, role FROM people WHERE name = 'William Hague'"))
    assert rows == [{"name": "William Hague", "role": "Former Foreign Secretary"}]


def test_bad_record_rejects_whole_file_naming_record_and_field(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    db = mini_store(path)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = snapshot(path)
    with pytest.raises(LoadFailed) as failure:
        load(
            db,
            "events.yaml",
            """
organisations:
  - name: A Perfectly Good Organisation
events:
  - name: Good Event
    starts: 2027-01-10
  - name: Bad Event
    starts: 2027-02-30
""",
        )
    message = str(failure.value)
    assert "events.yaml: events #2 \"Bad Event\", field 'starts'" in message
    assert "not a real date" in message
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert snapshot(path) == before
    assert (
        db.execute("SELECT count(*) FROM organisations WHERE name LIKE 'A Perfectly%'").fetchone()[
            0
        ]
        == 0
    )


def test_unresolvable_reference_rolls_back_everything(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    counts = {t: db[t].count for t in ("organisations", "people", "changes")}
    with pytest.raises(LoadFailed) as failure:
        load(
            db,
            "people.yaml",
            """
organisations:
  - name: Brand New Org
people:
  - name: Jane Roe
    organisation: Nonexistent Body
""",
        )
    assert "field 'organisation': 'Nonexistent Body' is not a known organisation" in str(
        failure.value
    )
    assert {t: db[t].count for t in counts} == counts


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("x.yaml", "organisations: [name: [", "is not valid YAML"),
        ("x.json", '{"organisations": [', "is not valid JSON"),
        ("x.yaml", "widgets:\n  - name: A\n", "unknown kind 'widgets'"),
        (
            "x.yaml",
            "people:\n  - role: Chief\n",
            "people #1, field 'name': is required and missing",
        ),
        ("x.yaml", "people:\n  - name: [1, 2]\n", "field 'name': expected text, got a list"),
        ("x.yaml", "quotes:\n  - text: hi\n    speaker: Nobody Known\n", "field 'speaker'"),
        (
            "x.yaml",
            "events:\n  - name: E\n    starts: 2027-05-02\n    ends: 2027-05-01\n",
            "field 'ends': 2027-05-01 is before starts 2027-05-02",
        ),
        ("x.yaml", "people:\n  - name: A\n    colour: blue\n", "field 'colour': unknown field"),
        ("x.txt", "hello", "unknown file type"),
    ],
)
def test_bad_files_get_a_clear_message(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    db = mini_store(tmp_path / "k.db")
    with pytest.raises(LoadFailed) as failure:
        load(db, name, content)
    assert expected in str(failure.value)
    assert "Traceback" not in str(failure.value)


def test_wrong_encoding_and_oversized_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadFailed, match="is not UTF-8 text"):
        parse_text("x.yaml", "name: caf\xe9".encode("latin-1"))
    with pytest.raises(LoadFailed, match="larger than"):
        parse_text("x.yaml", b"#" * (21 * 1024 * 1024))


def test_csv_kind_from_file_name_with_list_cells(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    csv_text = (
        "name,starts,ends,location,organisers,aliases\n"
        "Cyber Norms Forum,2027-03-01,2027-03-02,Vienna,Foreign Office;ITU,CNF 2027;Norms Forum\n"
    )
    report = load(db, "events.csv", csv_text)
    assert report.added["events"] == 1
    answer = Answerer(db, today=lambda: dt.date(2026, 11, 24)).answer("norms forum")
    assert answer.title == "Cyber Norms Forum"
    assert (
        "Organisers",
        "Foreign and Commonwealth Office, International Telecommunication Union",
    ) in answer.fields


def test_csv_errors_name_the_line(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    with pytest.raises(LoadFailed, match=r"events.csv: events line 3 \"Two\", field 'starts'"):
        load(db, "events.csv", "name,starts\nOne,2027-01-01\nTwo,01/02/2027\n")


def test_dry_run_reports_but_writes_nothing(tmp_path: Path) -> None:
    db = mini_store(tmp_path / "k.db")
    before = db["changes"].count
    report = load(db, "o.yaml", "organisations:\n  - name: Dry Org\n", dry_run=True)
    assert report.added["organisations"] == 1
    assert "would add 1 organisation" in report.summary()
    assert db["changes"].count == before
    assert (
        db.execute("SELECT count(*) FROM organisations WHERE name = 'Dry Org'").fetchone()[0] == 0
    )


def test_read_files_reports_problems_of_every_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("people: {")
    (tmp_path / "b.json").write_text("[")
    with pytest.raises(LoadFailed) as failure:
        read_files([tmp_path / "a.yaml", tmp_path / "b.json", tmp_path / "missing.yaml"])
    text = str(failure.value)
    assert "a.yaml" in text and "b.json" in text and "missing.yaml: cannot be read" in text


def test_records_can_be_checked_without_the_store(tmp_path: Path) -> None:
    """Slack checks an upload this way before it opens the write transaction, so a large
    upload's checking does not keep other writers waiting; checked records then load."""
    from cyberbrief.knowledge.loader import check_records

    with pytest.raises(LoadFailed) as failure:
        check_records(parse_text("events.yaml", b"events:\n  - {name: X, starts: 2027-02-30}\n"))
    assert "events.yaml: events #1 \"X\", field 'starts'" in str(failure.value)
    checked = check_records(
        parse_text("orgs.yaml", b"organisations:\n  - {name: Checked Org, source: bbc}\n")
    )
    db = mini_store(tmp_path / "k.db")
    clock = FakeClock(dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC))
    report = load_records(db, checked, actor="t", origin="test", clock=clock)
    assert report.added["organisations"] == 1
