"""Drafting records from news articles: tested on the seed articles the pack was built from."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from cyberbrief.drafting.article import draft_article
from cyberbrief.knowledge.records import Problem, validate
from cyberbrief.knowledge.seed import PROJECT_DIR
from tests.helpers import Ran, mini_store_env, run_cli, stored

SEEDS = Path(os.environ.get("CYBERBRIEF_SEEDS", PROJECT_DIR.parent / "shared" / "seeds"))
PROJECT = Path(__file__).resolve().parents[2]


def seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (set CYBERBRIEF_SEEDS)")
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize(
    ("article", "speaker", "words"),
    [
        ("001", "James Brokenshire", "Active international partnerships are central"),
        ("001", "Robert Gates", "we take the cyber threat very seriously"),
        ("001", "Robert Gates", "I think all countries should see the cyber threat"),
        ("001", "Liam Fox", "Cyber attacks are already happening in large numbers"),
        ("003", "William Hague", "reap the benefits of a safe and secure cyberspace"),
        ("003", "David Cameron", "Governments must not use cyber security as an excuse"),
        ("003", "Jimmy Wales", "The biggest threat to the internet is not cybercriminals"),
        ("003", "Ross Anderson", "you have to drain the swamp"),
        ("003", "Misha Glenny", "migration of traditional organised crime groups"),
        ("000", "John Lyons", "one-size-fits-all solution to international engagement"),
    ],
)
def test_quotes_are_recovered_verbatim_with_their_speakers(
    article: str, speaker: str, words: str
) -> None:
    text = seed(article)
    draft = draft_article(text, {"title": "t"})
    found = [q for q in draft.quotes if words in q["text"]]
    assert found, (words, [q["text"][:50] for q in draft.quotes])
    assert found[0]["speaker"] == speaker
    assert squash(found[0]["text"]) in squash(text), "verbatim from the article"


def test_pronoun_quotes_go_to_the_last_person_named() -> None:
    draft = draft_article(seed("000"), {"title": "t"})
    lyons = [q for q in draft.quotes if q["speaker"] == "John Lyons"]
    assert len(lyons) >= 3, "'..., he said' after Lyons is introduced"


def test_continued_paragraphs_keep_their_speaker() -> None:
    draft = draft_article(seed("003"), {"title": "t"})
    agenda = next(q for q in draft.quotes if "London Agenda" in q["text"])
    assert agenda["speaker"] == "William Hague"


@pytest.mark.parametrize(
    ("article", "acronym", "name"),
    [
        ("001", "ICSPA", "International Cyber Security Protection Alliance"),
        ("004", "ITU", "International Telecommunication Union"),
        ("004", "APEC", "Asia-Pacific Economic Cooperation"),
        ("004", "ENISA", "European Network and Information Security Agency"),
        ("004", "CERT-EU", "Computer Emergency Response Pre-configuration Team"),
        ("004", "WSIS", "World Summit on the Information Society"),
        ("004", "GCA", "Global Cybersecurity Agenda"),
        ("002", "CBMs", "Confidence-Building Measures"),
    ],
)
def test_acronym_definitions_become_entries(article: str, acronym: str, name: str) -> None:
    draft = draft_article(seed(article), {"title": "t"})
    drafted = [*draft.organisations, *draft.initiatives]
    entries = {e["acronym"]: e["name"] for e in drafted if e.get("acronym")}
    assert entries.get(acronym) == name


def test_people_are_drafted_with_their_roles() -> None:
    draft = draft_article(seed("003"), {"title": "t"})
    roles = {p["name"]: p.get("role", "") for p in draft.people}
    assert roles["William Hague"] == "Foreign Secretary"
    assert roles["Iain Lobban"] == "Head of GCHQ"
    assert "professor of security engineering" in roles["Ross Anderson"].lower()
    assert "vice president" in roles["Joe Biden"].lower()
    assert not any(len(n.split()) < 2 for n in roles), "no half names"


def test_figures_become_facts_citing_the_article() -> None:
    draft = draft_article(seed("004"), {"title": "Cybersecurity at the International Level"})
    texts = " | ".join(f["text"] for f in draft.facts)
    assert "$114 billion" in texts and "193 UN member states" in texts and "21 nations" in texts
    assert all(f["source"] == "Cybersecurity at the International Level" for f in draft.facts)


def test_known_people_are_drafted_only_with_their_role_and_still_quoted() -> None:
    draft = draft_article(seed("003"), {"title": "t"}, known_people=["William Hague"])
    hague = [p for p in draft.people if p["name"] == "William Hague"]
    assert hague == [{"name": "William Hague", "role": "Foreign Secretary", "source": "t"}], (
        "no description: the editors' stays"
    )
    assert any(q["speaker"] == "William Hague" for q in draft.quotes)


def test_every_drafted_record_is_valid() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        draft = draft_article(seed(prefix), {"title": f"seed {prefix}"})
        problems: list[Problem] = []
        for kind, items in draft.records().items():
            for i, item in enumerate(items):
                validate(kind, item, f"{kind} #{i}", problems)
        assert not problems, (prefix, [str(p) for p in problems])
        assert "Quotes" in draft.describe()


# the command line, as an admin runs it


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return mini_store_env(tmp_path)


def bot(env: dict[str, str], *args: str, stdin: str = "") -> Ran:
    return run_cli(args, env, stdin)


def test_load_article_writes_only_after_confirmation(env: dict[str, str]) -> None:
    article = str(next(SEEDS.glob("003_*.txt"))) if SEEDS.is_dir() else pytest.skip("no seeds")
    before = stored(Path(env["CYBERBRIEF_DB"]))
    refused = bot(env, "load", article, "--article", stdin="n\n")
    assert "Ross Anderson" in refused.stdout, "drafts shown for review"
    assert refused.returncode != 0
    dry = bot(env, "load", article, "--article", "--dry-run")
    assert dry.returncode == 0
    assert stored(Path(env["CYBERBRIEF_DB"])) == before, "nothing written"
    assert bot(env, "ask", "who said drain the swamp").returncode == 1

    done = bot(env, "load", article, "--article", "--yes", "--publisher", "BBC News")
    assert done.returncode == 0, done.stderr
    answer = bot(env, "ask", "who said drain the swamp")
    assert answer.returncode == 0 and "Ross Anderson" in answer.stdout
    assert "London hosts cyberspace security conference" in answer.stdout, "cites the article"
    again = bot(env, "load", article, "--article", "--yes")
    assert (
        "added 0" in again.stdout or "added nothing" in again.stdout or "up to date" in again.stdout
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\xff\xfe\x00bad bytes \x80\x81", "UTF-8"),
        (b"x" * (11 * 1024 * 1024), "too large"),
    ],
)
def test_bad_articles_are_refused_clearly(
    env: dict[str, str], tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    before = stored(Path(env["CYBERBRIEF_DB"]))
    done = bot(env, "load", str(path), "--article", "--yes")
    assert done.returncode != 0
    assert message in done.stderr and "article.txt" in done.stderr
    assert "Traceback" not in done.stderr
    assert stored(Path(env["CYBERBRIEF_DB"])) == before
