"""A person the store has, named in a new article by surname only with a new role ("Hague, now
Chancellor of the University of Oxford, said"): the draft gives the stored person the new role,
and after loading, the card leads with it and its date, the editors' older description kept as
history (real store in a tmp dir, ``bot.py load --article`` then ``bot.py ask``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberbrief.drafting.article import draft_article
from tests.helpers import Ran, mini_store_env, run_cli

ARTICLE = """Oxford installs its new chancellor

Tuesday 26 November 2024

The University of Oxford installed its new chancellor at a ceremony on Tuesday.

Hague, now Chancellor of the University of Oxford, said universities had to defend academic \
freedom online. "Universities are targets for hostile states every day," he said.
"""


def test_a_known_person_named_by_surname_with_a_new_role_is_drafted_with_it() -> None:
    draft = draft_article(ARTICLE, {"title": "t"}, known_people=["William Hague", "Mr Hague"])
    assert [(p["name"], p.get("role")) for p in draft.people] == [
        ("William Hague", "Chancellor of the University of Oxford")
    ]
    assert [q["speaker"] for q in draft.quotes] == ["William Hague"]
    stranger = draft_article(ARTICLE, {"title": "t"})
    assert stranger.people == [], "a surname alone, unknown to the store, drafts nobody"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return mini_store_env(tmp_path)


def bot(env: dict[str, str], *args: str) -> Ran:
    return run_cli(args, env)


def test_the_card_leads_with_the_newest_role_and_keeps_the_old_description(
    env: dict[str, str], tmp_path: Path
) -> None:
    before = bot(env, "ask", "William Hague").stdout.splitlines()
    assert before[1] == "Convened the London Conference on Cyberspace."  # the editors' words
    path = tmp_path / "oxford.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    done = bot(env, "load", str(path), "--article", "--yes", "--publisher", "The Times")
    assert done.returncode == 0, done.stderr
    card = bot(env, "ask", "William Hague").stdout.splitlines()
    assert card[1].startswith(
        "Role: Chancellor of the University of Oxford, as of 26 Nov 2024 (The Times)"
    )
    assert "before that: Foreign Secretary in Nov 2011 (BBC News)" in card[1]
    old = "Convened the London Conference on Cyberspace."
    assert card[2] == f"Described as Foreign Secretary: {old}"
    assert any("Universities are targets" in line for line in card)
    undone = bot(env, "undo", "--yes")
    assert undone.returncode == 0, undone.stderr
    assert bot(env, "ask", "William Hague").stdout.splitlines()[1:3] == [
        "Convened the London Conference on Cyberspace.",
        "Role: Foreign Secretary, as of 1 Nov 2011 (BBC News)",
    ]
