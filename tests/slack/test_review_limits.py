"""The review queue stays usable whatever a story carries: titles of thousands of characters
(or full of ``&`` and ``<``), URLs longer than a button value, more articles than a message
holds blocks. Shown cut for display; every button names drafts by id."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cyberbrief.drafting.drafts import draft_from_file
from cyberbrief.intake.review import pending, queue_draft
from cyberbrief.slack.views.review import APPROVE, APPROVE_ALL, EDIT, REJECT
from tests.slack_app import ADMIN, Bot, signed
from tests.slack_requests import action_body, buttons

ARTICLE = str(Path(__file__).resolve().parents[1] / "data" / "articles" / "dubai.txt")
LONG_URL = "https://news.example.org/story?" + "x" * 2085  # 2,115 characters
LIMITS = {"text": 3000, "value": 2000}


def queue(bot: Bot, title: str, url: str) -> None:
    """A story drafted into the queue as a feed poll would put it there."""
    with bot.services.write() as db:
        draft = draft_from_file(db, [ARTICLE], title=title, url=url, date="2012-12-14")
        assert queue_draft(db, draft, origin="feed #1", clock=bot.clock) > 0


def review(bot: Bot) -> list[dict[str, Any]]:
    reply = bot.command("admin review", user=ADMIN)
    text, _, blocks = reply.partition("\n")
    assert "went wrong" not in text, text
    return list(json.loads(blocks))


def press(bot: Bot, action: str, value: str) -> dict[str, Any]:
    """An admin presses a button; the review message as it is replaced."""
    name = f"press-{action}-{value}"
    body = action_body(action, value, bot.slack.response_url(name), user=ADMIN)
    assert bot.app.dispatch(signed(body)).status == 200
    return dict(bot.slack.wait_for_response(name).body)


def within_limits(blocks: list[dict[str, Any]]) -> None:
    assert len(blocks) <= 50
    for block in blocks:
        for text in [block.get("text") or {}, *block.get("elements", [])]:
            assert len(str(text.get("text", ""))) <= LIMITS["text"], block["type"]
    for button in buttons(blocks):
        assert len(button["value"]) <= LIMITS["value"] and button["value"].isdigit()


@pytest.mark.parametrize(
    ("title", "url", "shown"),
    [
        # Past the knowledge's own limit: shown, and approving it says why it cannot be.
        ("Treaty " * 450, "https://news.example.org/a", "Treaty Treaty"),  # 3,150 characters
        ("&<" * 1000, "https://news.example.org/b", "&amp;&lt;&amp;&lt;"),
        ("A story with a long link", "https://news.example.org/c?" + "y" * 2973, "long link"),
    ],
    ids=["3150-char title", "2000 of & and <", "3000-char url"],
)
def test_huge_titles_and_urls_are_shown_cut_and_their_buttons_work(
    running: Bot, title: str, url: str, shown: str
) -> None:
    queue(running, title, url)
    blocks = review(running)
    within_limits(blocks)
    assert shown in json.dumps(blocks, ensure_ascii=False)

    reject = next(b for b in buttons(blocks) if b["action_id"] == REJECT)
    replaced = press(running, REJECT, reject["value"])
    assert f"Rejected draft #{reject['value']}" in replaced["text"]
    within_limits(replaced["blocks"])
    approve = next(b for b in buttons(replaced["blocks"]) if b["action_id"] == APPROVE)
    replaced = press(running, APPROVE, approve["value"])
    if len(title) > 3000:
        assert "field 'title': is 3149 characters long; the limit is 3000" in replaced["text"]
    else:
        assert "Approved: added" in replaced["text"], replaced["text"]
    within_limits(replaced["blocks"])
    assert any(b["action_id"] == EDIT for b in buttons(replaced["blocks"]))


def test_approve_all_on_a_story_with_a_2115_character_url_approves_its_drafts(
    running: Bot,
) -> None:
    queue(running, "Dubai telecoms treaty talks end in split", LONG_URL)
    with running.services.read() as db:
        waiting = len(pending(db, LONG_URL))
    assert waiting > 1
    [everything] = [b for b in buttons(review(running)) if b["action_id"] == APPROVE_ALL]
    replaced = press(running, APPROVE_ALL, everything["value"])
    assert "Approved: added" in replaced["text"], replaced["text"]
    with running.services.read() as db:
        assert pending(db) == []
        decided = db.execute("SELECT count(*) FROM drafts WHERE status = 'approved'").fetchone()
    assert decided[0] == waiting
    assert "No drafts waiting for review." in replaced["text"]


def test_more_articles_than_a_message_holds_are_shown_in_turn(running: Bot) -> None:
    for n in range(15):
        queue(running, f"Story number {n}", f"https://news.example.org/{n}")
    blocks = review(running)
    within_limits(blocks)
    assert "more: decide these first" in json.dumps(blocks)
