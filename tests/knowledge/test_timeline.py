"""What was true when: roles and figures "as of" their source, events in today's tense."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlite_utils

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.knowledge.loader import load_records, read_files
from cyberbrief.knowledge.model import Status
from cyberbrief.knowledge.seed import open_store
from cyberbrief.knowledge.timeline import date_range, human_date
from cyberbrief.slack.views.answer import answer_blocks, to_dicts
from tests.helpers import FakeClock

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def pack_db(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    return open_store(Path(tmp_path_factory.mktemp("timeline")) / "k.db")


def ask(db: sqlite_utils.Database, question: str, today: dt.date = TODAY) -> str:
    answer = Answerer(db, today=lambda: today).answer(question)
    assert answer.status is Status.FOUND, render(answer)
    return render(answer)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        (
            "who is the foreign secretary",
            "As of 1 Nov 2011: William Hague (BBC News). Nothing more recent is on record.",
        ),
        (
            "who is the head of GCHQ",
            "As of 1 Nov 2011: Iain Lobban (BBC News). Nothing more recent is on record.",
        ),
    ],
)
def test_a_role_question_in_2026_says_when_the_answer_was_true(
    pack_db: sqlite_utils.Database, question: str, lead: str
) -> None:
    text = ask(pack_db, question)
    assert text.splitlines()[0] == lead, text
    blocks = to_dicts(answer_blocks(Answerer(pack_db, today=lambda: TODAY).answer(question)))
    assert blocks[1]["text"]["text"] == lead, "Slack shows it right under the name"


def test_cards_show_roles_as_of_their_source_in_text_and_block_kit(
    pack_db: sqlite_utils.Database,
) -> None:
    text = ask(pack_db, "who is William Hague")
    assert "Role: Foreign Secretary, as of 1 Nov 2011 (BBC News)" in text
    assert "As of 1 Nov 2011: William Hague" not in text, "asked by name, not by role"
    answer = Answerer(pack_db, today=lambda: TODAY).answer("who is William Hague")
    blocks = json.dumps(to_dicts(answer_blocks(answer)), ensure_ascii=False)
    assert "Foreign Secretary, as of 1 Nov 2011 (BBC News)" in blocks
    org = ask(pack_db, "what is GCHQ")
    assert "Iain Lobban — Head of GCHQ, as of 1 Nov 2011 (BBC News)" in org, org
    refusal = render(Answerer(pack_db, today=lambda: TODAY).answer("who is the head of Facebook"))
    assert "Joanna Shields, Senior executive, as of 1 Nov 2011 (BBC News)" in refusal, refusal
    itu = ask(pack_db, "what is the ITU")
    assert "On record: as of 30 Apr 2012 (EastWest Institute)" in itu, itu


def test_figures_show_when_they_were_true(pack_db: sqlite_utils.Database) -> None:
    text = ask(pack_db, "how many member states does the ITU have")
    assert "193 UN member states" in text
    assert "(as of 30 Apr 2012)" in text, text


def test_past_events_were_held(pack_db: sqlite_utils.Database) -> None:
    text = ask(pack_db, "event london conference")
    assert "When: Was held 1–2 Nov 2011" in text, text
    assert "When: Was held in 2012" in ask(pack_db, "event national security 2012 conference")


def test_an_article_written_before_an_event_does_not_make_it_past(tmp_path: Path) -> None:
    db = open_store(tmp_path / "k.db", seed=False)
    path = tmp_path / "events.yaml"
    path.write_text(
        """
sources:
  - key: essay
    title: An essay written before the summit
    date: 2012-12-01
  - key: report
    title: A report on the summit
    date: 2013-10-20
events:
  - name: Summit on Cyberspace
    starts: 2013-10-17
    ends: 2013-10-18
    source: essay
  - name: Future Cyber Forum
    starts: 2027-03-02
    source: essay
""",
        encoding="utf-8",
    )
    clock = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
    load_records(db, read_files([path]), actor="test", origin="test", clock=clock)

    text = ask(db, "event summit on cyberspace")
    assert (
        "When: Was planned for 17–18 Oct 2013 (as of 1 Dec 2012 (“An essay written before the"
        " summit”)); that it took place is not on record"
    ) in text, text
    assert "When: Is planned for 17–18 Oct 2013" in ask(
        db, "event summit on cyberspace", today=dt.date(2012, 12, 5)
    )
    assert "When: Is planned for 2 Mar 2027" in ask(db, "event future cyber forum")
    listing = ask(db, "events")
    assert "Future Cyber Forum — is planned for 2 Mar 2027" in listing, listing
    assert "Summit on Cyberspace — was planned for 17–18 Oct 2013" in listing, listing

    path.write_text(
        "events:\n  - name: Summit on Cyberspace\n    starts: 2013-10-17\n"
        "    sources: [essay, report]\n",
        encoding="utf-8",
    )
    load_records(db, read_files([path]), actor="test", origin="test", clock=clock)
    assert "When: Was held 17–18 Oct 2013" in ask(db, "event summit on cyberspace")


@pytest.mark.parametrize(
    ("value", "shown"),
    [("2011-11-01", "1 Nov 2011"), ("2012-04", "Apr 2012"), ("2012", "2012"), ("soon", "soon")],
)
def test_dates_read_as_people_write_them(value: str, shown: str) -> None:
    assert human_date(value) == shown


def test_date_ranges_are_short() -> None:
    assert date_range("2011-11-01", "2011-11-02") == "1–2 Nov 2011"
    assert date_range("2012-12-03", "2013-01-04") == "3 Dec 2012 – 4 Jan 2013"
    assert date_range("2011-06-30", "2011-07-02") == "30 Jun – 2 Jul 2011"
    assert date_range("2012", None) == "2012"


def test_a_briefing_dates_what_it_says_about_people_and_organisations(
    pack_db: sqlite_utils.Database,
) -> None:
    text = ask(pack_db, "why did Lyons say an agreement is a long way off")
    lines = [line for line in text.splitlines() if line.startswith("  - John Lyons: ")]
    assert lines and lines[0].endswith("with too many barriers in the way. (as of 2012) [1]"), text
