"""Drafts an editor would approve: linked to what the store knows, in words that stand alone
(descriptions from the appositive, dates written out, pronouns named), and dated things (events,
initiatives with milestones) drafted. Tried on round22/osce.txt, the article issue 22 used."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cyberbrief.drafting.article import draft_article
from cyberbrief.drafting.article_context import named_subject, placed
from cyberbrief.knowledge.records import Problem, validate
from tests.helpers import Ran, mini_store, mini_store_env, run_cli

OSCE = Path(__file__).parents[1] / "data" / "articles" / "round22" / "osce.txt"


def osce() -> str:
    return OSCE.read_text(encoding="utf-8")


def test_a_person_whose_role_names_a_known_organisation_is_attached_to_it() -> None:
    known = ["Organization for Security and Co-operation in Europe", "OSCE"]
    draft = draft_article(osce(), {"title": "t"}, known_organisations=known)
    [sinirlioglu] = [p for p in draft.people if p["name"] == "Feridun Sinirlioğlu"]
    assert sinirlioglu["organisation"] == "OSCE"
    assert [q["about"] for q in draft.quotes if q["speaker"] == "Feridun Sinirlioğlu"] == [["OSCE"]]
    assert "OSCE" not in [o.get("acronym") for o in draft.organisations], "not drafted again"
    alone = draft_article(osce(), {"title": "t"})
    assert "organisation" not in next(p for p in alone.people if p["name"] == "Feridun Sinirlioğlu")


def test_descriptions_come_from_the_appositive_never_the_sentence() -> None:
    draft = draft_article(osce(), {"title": "t"})
    described = {p["name"]: p.get("description") for p in draft.people}
    assert described["Karianne Tung"] == "Norway's Minister of Digitalisation"
    assert described["Feridun Sinirlioğlu"] == "OSCE Secretary General"
    [pact] = draft.initiatives
    assert pact["description"].startswith("The Nordic Cyber Defence Pact was signed in Oslo")
    assert (
        "The Nordic Cyber Defence Pact creates a joint incident response team"
        in (pact["description"])
    )
    for record in [*draft.organisations, *draft.initiatives, *draft.people]:
        assert not str(record.get("description", "")).startswith(("It ", "“", '"'))


def test_relative_days_are_written_as_dates_or_the_sentence_is_left_out() -> None:
    assert placed("The pact was signed on Thursday.", "2027-03-13") == (
        "The pact was signed on 11 March 2027."
    )
    assert placed("Ministers will meet on Monday.", "2027-03-11") == (
        "Ministers will meet on 15 March 2027."
    )
    assert (
        placed("It saw 5,000 attacks last year.", "2027-03-11") == "It saw 5,000 attacks in 2026."
    )
    assert placed("The pact was signed on Thursday.", None) is None, "no date to count from"
    assert placed("The pact was signed yesterday.", "2027-03-11") is None
    assert named_subject("It creates a fund.", "The Pact", ["Pact"]) == "The Pact creates a fund."
    assert named_subject("The agreement follows talks.", None, []) is None, "which agreement?"
    assert named_subject("He said 5,000 attacks.", "The Pact", []) is None
    draft = draft_article(osce(), {"title": "t"})
    [fact] = draft.facts
    assert fact["text"].endswith("5,000 attacks on public bodies in 2026.")
    assert fact["support"].endswith("last year."), "the article's words, verbatim"
    assert not any("follows" in f["text"] or "Thursday" in f["text"] for f in draft.facts)


def test_events_and_initiative_milestones_are_drafted_from_dated_sentences() -> None:
    draft = draft_article(osce(), {"title": "t"})
    [summit] = draft.events
    assert summit["starts"] == "2027-09", "as precise as the text gives"
    assert summit["location"] == "Reykjavik"
    assert summit["organisers"] == ["Nordic Council"]
    assert "Nordic Council" in [o["name"] for o in draft.organisations], "its organiser drafted"
    [pact] = draft.initiatives
    assert pact["name"] == "Nordic Cyber Defence Pact"
    assert sorted((m["date"], m["text"][:20]) for m in pact["milestones"]) == [
        ("2027-04-14", "A review of the pact"),
        ("2027-05-01", "The first grants fro"),
    ]
    problems: list[Problem] = []
    for kind, items in draft.records().items():
        for i, item in enumerate(items):
            validate(kind, item, f"{kind} #{i}", problems)
    assert not problems, [str(p) for p in problems]
    assert "Events (1)" in draft.describe()


def test_a_named_conference_with_a_date_range_is_an_event() -> None:
    text = (
        "Ministers gathered for the Global Conference on CyberSpace in Seoul from 17 October "
        "2013 to 18 October 2013, hosted by the Korean Foreign Ministry."
    )
    [event] = draft_article(text, {"title": "t"}).events
    assert (event["name"], event["starts"], event.get("ends")) == (
        "Global Conference on CyberSpace",
        "2013-10-17",
        "2013-10-18",
    )


BACKGROUND = """sources:
  - title: OSCE background
    kind: background
organisations:
  - name: Organization for Security and Co-operation in Europe
    acronym: OSCE
    description: A regional security organisation.
    source: OSCE background
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return mini_store_env(tmp_path)


def bot(env: dict[str, str], *args: str) -> Ran:
    return run_cli(args, env)


def test_after_loading_the_article_the_store_knows_who_heads_the_osce(
    env: dict[str, str], tmp_path: Path
) -> None:
    background = tmp_path / "osce.yaml"
    background.write_text(BACKGROUND, encoding="utf-8")
    assert bot(env, "load", str(background), "--yes").returncode == 0
    assert bot(env, "ask", "who is the head of the OSCE").returncode != 0
    done = bot(env, "load", str(OSCE), "--article", "--yes", "--publisher", "Nordic Times")
    assert done.returncode == 0, done.stderr
    head = bot(env, "ask", "who is the head of the OSCE")
    assert head.returncode == 0 and "Feridun Sinirlioğlu" in head.stdout
    card = bot(env, "ask", "OSCE")
    assert "Feridun Sinirlioğlu" in card.stdout and "Nordic Times" in card.stdout
    pact = bot(env, "ask", "Nordic Cyber Defence Pact")
    assert "2027-04-14" in pact.stdout and "review of the pact" in pact.stdout


def test_approving_a_drafted_event_alone_brings_its_drafted_organiser(tmp_path: Path) -> None:
    from cyberbrief.intake.review import approve, pending, queue_draft
    from tests.helpers import FakeClock

    clock = FakeClock(dt.datetime(2027, 3, 12, 9, 0, tzinfo=dt.UTC))
    db = mini_store(tmp_path / "k.db", clock)
    draft = draft_article(osce(), {"title": "Nordic pact", "date": "2027-03-11"})
    queue_draft(db, draft, origin="test", clock=clock)
    [event] = [d for d in pending(db) if d.kind == "events"]
    report = approve(db, [event.id], actor="ana", clock=clock)
    assert "1 event" in report.summary() and "1 organisation," in report.summary()
