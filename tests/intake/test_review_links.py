"""Drafts attach to what the store knows and keep history, tried as a new user would: the
bundled pack in a new store, an article from a file or a loopback web page queued for review,
approved, then asked about; ``export`` and ``undo`` keep (or restore) what was there before."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import Ran, cli_env, run_cli, stored
from tests.web_server import Route, WebServer, serve

NOT_KNOWLEDGE = ("answer_log", "changes", "change_rows", "drafts", "sqlite_sequence", "search_")
"""Tables of what happened (questions asked, the journal, the queue) and the full-text
index's own segments (laid out anew as it changes), not of what is known."""

OSCE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>OSCE chief backs Nordic cyber pact | Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="og:title" content="OSCE chief backs Nordic cyber pact">
<meta property="article:published_time" content="2025-03-11T09:30:00+01:00">
</head><body><article>
<h1>OSCE chief backs Nordic cyber pact</h1>
<p>Feridun Sinirlioğlu, the Secretary General of the Organisation for Security and
Co-operation in Europe, welcomed the Nordic pact in Vienna.</p>
<p>"Regional pacts like this one make the whole region safer, as long as they stay open to
others," Sinirlioğlu said.</p>
<p>The Organisation for Security and Co-operation in Europe has 57 participating States and
has adopted 16 cyber confidence-building measures.</p>
</article></body></html>
"""

CHANCELLOR = """Hague installed as Oxford chancellor

Oxford, 26 November 2024

William Hague, now Chancellor of the University of Oxford, spoke at his installation.

"Universities must defend free inquiry against the threats of the networked world," Hague said.
"""


@pytest.fixture
def web() -> Iterator[WebServer]:
    server = WebServer(
        routes={"/osce": Route(OSCE_PAGE.encode(), content_type="text/html; charset=utf-8")}
    )
    yield from serve(server)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A new user's store: created on first use with the bundled starter pack."""
    env = cli_env(tmp_path / "k.db")
    first = run_cli(["history"], env)
    assert first.returncode == 0, first.stderr
    return env


def bot(env: dict[str, str], *args: str) -> Ran:
    ran = run_cli(args, env)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    return ran


def knowledge(db: Path) -> list[str]:
    """The store's knowledge as SQL, without the tables of what happened."""
    return [
        s for s in stored(db) if not s.startswith(tuple(f'INSERT INTO "{t}' for t in NOT_KNOWLEDGE))
    ]


def field(card: str, name: str) -> str:
    return next(line for line in card.splitlines() if line.startswith(f"{name}:"))


def test_an_article_about_a_known_organisation_by_another_spelling_attaches_to_it(
    env: dict[str, str], web: WebServer
) -> None:
    bot(env, "load", web.url("/osce"), "--review")
    bot(env, "drafts", "approve", "--all")

    head = bot(env, "ask", "who is the head of the OSCE").stdout
    assert "Feridun Sinirlioğlu" in head
    assert "as of 11 Mar 2025" in head
    card = bot(env, "ask", "OSCE").stdout
    assert card.startswith("Organization for Security and Co-operation in Europe (OSCE)")
    people = card.split("People:")[1].split("\n\n")[0]
    assert "Feridun Sinirlioğlu" in people
    facts = card.split("Key facts:")[1].split("\n\n")[0]
    assert "57 participating States" in facts, "the fact is about the stored OSCE"
    assert "Organisation: Organization for Security and Co-operation in Europe" in (
        bot(env, "ask", "who is Feridun Sinirlioğlu").stdout
    )


def test_a_known_person_with_a_newer_role_keeps_the_old_one_in_history(
    env: dict[str, str], tmp_path: Path
) -> None:
    before = field(bot(env, "ask", "William Hague").stdout, "Role")
    assert before.startswith("Role: Foreign Secretary, as of 1 Nov 2011")
    article = tmp_path / "hague.txt"
    article.write_text(CHANCELLOR, encoding="utf-8")
    queued = bot(env, "load", "--article", str(article), "--review", "--publisher", "The Times")
    assert "William Hague, Chancellor of the University of Oxford" in queued.stdout
    listed = bot(env, "drafts", "list").stdout
    assert "was Foreign Secretary, as of 1 Nov 2011: kept as history" in listed
    db = Path(env["CYBERBRIEF_DB"])
    state_before = knowledge(db)

    bot(env, "drafts", "approve", "--all")
    card = bot(env, "ask", "William Hague").stdout
    role = field(card, "Role")
    assert role.startswith("Role: Chancellor of the University of Oxford, as of 26 Nov 2024")
    assert "before that: Foreign Secretary in Nov 2011 (BBC News)" in role
    assert "Organisation: Foreign and Commonwealth Office" not in card, "that was the old role"
    assert "convened the London Conference on Cyberspace" in card, "the editors' description"

    exported = tmp_path / "export.yaml"
    bot(env, "export", str(exported))
    fresh = cli_env(tmp_path / "fresh.db")
    bot(fresh, "history")
    bot(fresh, "load", str(exported), "--yes")
    assert field(bot(fresh, "ask", "William Hague").stdout, "Role") == role

    bot(env, "undo", "--yes")
    assert knowledge(db) == state_before, "undo of the approval restores exactly what was known"
    assert field(bot(env, "ask", "William Hague").stdout, "Role") == before


def test_a_newer_holder_of_an_office_is_the_answer_and_the_one_before_is_named(
    env: dict[str, str], tmp_path: Path
) -> None:
    for date, name in (("2024-01-10", "Helga Schmid"), ("2025-03-11", "Feridun Sinirlioğlu")):
        article = tmp_path / f"{date}.txt"
        article.write_text(
            f"OSCE news\n\n{name}, the OSCE Secretary General, opened the meeting.\n",
            encoding="utf-8",
        )
        bot(env, "load", "--article", str(article), "--review", "--date", date)
        bot(env, "drafts", "approve", "--all")
    head = bot(env, "ask", "who is the head of the OSCE").stdout
    first = head.splitlines()[0]
    assert first.startswith("As of 11 Mar 2025: Feridun Sinirlioğlu"), head
    assert "Before that: Helga Schmid, as of 10 Jan 2024" in first
    named = bot(env, "ask", "who is the OSCE Secretary General").stdout.splitlines()[0]
    assert named == first, "the office written before the organisation: the same answer"


def test_a_known_person_in_the_role_on_record_is_not_queued_again(
    env: dict[str, str], tmp_path: Path
) -> None:
    article = tmp_path / "talks.txt"
    article.write_text(
        "Cyber talks resume\n\nForeign Secretary William Hague opened the talks in London.\n\n"
        '"We want a cyberspace based on opportunity and freedom for everyone," Hague said.\n',
        encoding="utf-8",
    )
    queued = bot(env, "load", "--article", str(article), "--review", "--date", "2012-01-05")
    assert "People (0)" in queued.stdout
    assert "William Hague: “We want a cyberspace" in queued.stdout, "still quoted"


def test_a_figure_a_newer_source_changes_keeps_the_one_before(
    env: dict[str, str], tmp_path: Path
) -> None:
    for date, count in (("2024-05-01", "16"), ("2026-05-01", "25")):
        article = tmp_path / f"{date}.txt"
        article.write_text(
            f"OSCE report {date}\n\nThe OSCE has 57 participating States and adopted {count}"
            " cyber confidence-building measures.\n",
            encoding="utf-8",
        )
        bot(env, "load", "--article", str(article), "--review", "--date", date)
        if count == "25":
            listed = bot(env, "drafts", "list").stdout
            assert "(updates “The OSCE has 57 participating States and adopted 16 cyber" in listed
            assert "(as of 1 May 2024): kept as history)" in listed
        bot(env, "drafts", "approve", "--all")

    facts = bot(env, "ask", "OSCE").stdout.split("Key facts:")[1].split("\n\n")[0]
    newer = facts.index("adopted 25 cyber confidence-building measures. (as of 1 May 2026)")
    older = facts.index(
        "Before that: The OSCE has 57 participating States and adopted 16 cyber"
        " confidence-building measures. (as of 1 May 2024)"
    )
    assert newer < older
    answer = bot(env, "ask", "how many cyber confidence-building measures has the OSCE adopted")
    record = answer.stdout.split("On record:")[1]
    assert record.index("adopted 25") < record.index("Before that: The OSCE has 57"), answer.stdout


def test_an_older_article_adds_its_role_to_the_history_only(
    env: dict[str, str], tmp_path: Path
) -> None:
    article = tmp_path / "shadow.txt"
    article.write_text(
        "Opposition sets out cyber plans\n\nWilliam Hague, the Shadow Foreign Secretary,"
        " set out his party's plans in London.\n",
        encoding="utf-8",
    )
    bot(env, "load", "--article", str(article), "--review", "--date", "2009-06-02")
    listed = bot(env, "drafts", "list").stdout
    assert (
        "William Hague, Shadow Foreign Secretary (older than the role on record"
        " (Foreign Secretary, as of 1 Nov 2011): kept as history only)" in listed
    )
    bot(env, "drafts", "approve", "--all")
    role = field(bot(env, "ask", "William Hague").stdout, "Role")
    assert role.startswith("Role: Foreign Secretary, as of 1 Nov 2011 (BBC News)")
    assert role.endswith(
        "before that: Shadow Foreign Secretary in Jun 2009 (“Opposition sets out cyber plans”)"
    )
