"""A new user's check, end to end: an article about an organisation the starter pack has (the
ICSPA) with a new head, a dated summit and a fund with milestones, loaded from a file and from
a loopback web page, queued, approved, then asked about. The answers come from the new drafts:
the new head (the one before named with their date), the summit's days, place and organiser,
the fund's milestones and who leads it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import Ran, cli_env, run_cli
from tests.web_server import Route, WebServer, serve

HEADLINE = "Cyber crime alliance names Nigerian investigator as chief executive"
BODY = [
    "The International Cyber Security Protection Alliance (ICSPA) has appointed Ngozi Adeyemi, "
    "a former head of Nigeria's cyber crime unit, as its chief executive, the alliance said on "
    "Tuesday.",
    "Adeyemi succeeds John Lyons, who led the alliance for fifteen years. She takes up the post "
    "on 1 April 2026.",
    '"Cyber crime has no home country, and neither can the people who fight it," Adeyemi said.',
    "The alliance will hold its first Global Summit in Lagos from 15 to 17 September 2027, "
    "bringing together police chiefs, prosecutors and companies from more than 40 countries.",
    "It also launched the Cyber Capacity Fund, which will pay for training of police cyber "
    "units in low-income countries. The first grants will be awarded in May 2026, and an "
    "independent review of the fund is due on 14 April 2027.",
    "Lyons, who will stay on as an adviser, said the alliance had been built for a different "
    'era. "When we started, most of the crime we saw came from a handful of countries," he said.',
]
ARTICLE = "\n\n".join([HEADLINE, "Lagos, 3 March 2026", *BODY]) + "\n"
PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{HEADLINE} | Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="og:title" content="{HEADLINE}">
<meta property="article:published_time" content="2026-03-03T09:30:00+01:00">
</head><body><article><h1>{HEADLINE}</h1>
{"".join(f"<p>{p}</p>" for p in BODY)}
</article></body></html>
"""


@pytest.fixture
def web() -> Iterator[WebServer]:
    server = WebServer(
        routes={"/icspa": Route(PAGE.encode(), content_type="text/html; charset=utf-8")}
    )
    yield from serve(server)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = cli_env(tmp_path / "k.db")
    assert run_cli(["history"], env).returncode == 0  # the starter pack
    return env


def bot(env: dict[str, str], *args: str) -> Ran:
    ran = run_cli(args, env)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    return ran


def check_answers(env: dict[str, str]) -> None:
    head = bot(env, "ask", "who is the head of the ICSPA").stdout
    assert head.startswith("As of 3 Mar 2026: Ngozi Adeyemi (Example Wire).")
    assert "Before that: John Lyons, as of 2012" in head
    summit = bot(env, "ask", "when is the ICSPA Global Summit").stdout
    assert "Is planned for 15–17 Sep 2027" in summit
    assert "Where: Lagos" in summit
    assert "Organisers: International Cyber Security Protection Alliance" in summit
    assert "The alliance will" not in summit, "the description says which alliance"
    fund = bot(env, "ask", "Cyber Capacity Fund").stdout
    assert "Led by: International Cyber Security Protection Alliance (ICSPA)" in fund
    assert "2026-05-01: The first grants will be awarded in May 2026" in fund
    assert "2027-04-14: An independent review of the fund is due on 14 April 2027" in fund
    lyons = bot(env, "ask", "John Lyons").stdout
    assert "When we started, most of the crime" in lyons, "a quote for the stored person"


def test_from_a_file(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "icspa.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    queued = bot(env, "load", "--article", str(path), "--review", "--publisher", "Example Wire")
    assert "Ngozi Adeyemi, Chief executive" in queued.stdout
    assert "former head" not in queued.stdout, "what she was is not her role"
    bot(env, "drafts", "approve", "--all")
    check_answers(env)


def test_from_a_link(env: dict[str, str], web: WebServer) -> None:
    queued = bot(env, "load", web.url("/icspa"), "--review")
    assert "(Example Wire, 2026-03-03," in queued.stdout, "the page's date, not 1 April"
    bot(env, "drafts", "approve", "--all")
    check_answers(env)
