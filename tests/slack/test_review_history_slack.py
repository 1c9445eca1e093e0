"""The review queue in Slack says what approving a draft does to what is on record: a known
person's newer role keeps the one before as history, and approving it from Slack does so."""

from __future__ import annotations

import json
from pathlib import Path

from cyberbrief.drafting.drafts import draft_from_file
from cyberbrief.intake.review import pending, queue_draft
from cyberbrief.slack.views.review import APPROVE
from tests.slack_app import ADMIN, Bot, signed
from tests.slack_requests import action_body

CHANCELLOR = (
    "Hague installed as Oxford chancellor\n\nWilliam Hague, now Chancellor of the University"
    " of Oxford, spoke at his installation.\n"
)


def test_a_newer_role_for_a_known_person_is_shown_and_approved_from_slack(
    running: Bot, tmp_path: Path
) -> None:
    article = tmp_path / "hague.txt"
    article.write_text(CHANCELLOR, encoding="utf-8")
    with running.services.write() as db:
        draft = draft_from_file(db, [str(article)], publisher="The Times", date="2024-11-26")
        assert queue_draft(db, draft, origin="feed #1", clock=running.clock) == 1
        [person] = pending(db)

    reply = running.command("admin review", user=ADMIN)
    blocks = json.dumps(json.loads(reply.partition("\n")[2]), ensure_ascii=False)
    assert (
        "William Hague, Chancellor of the University of Oxford"
        " (was Foreign Secretary, as of 1 Nov 2011: kept as history)"
    ) in blocks

    name = "approve-hague"
    body = action_body(APPROVE, str(person.id), running.slack.response_url(name), user=ADMIN)
    assert running.app.dispatch(signed(body)).status == 200
    running.slack.wait_for_response(name)
    card = running.command("William Hague", user=ADMIN)
    assert "Chancellor of the University of Oxford, as of 26 Nov 2024 (The Times)" in card
    assert "before that: Foreign Secretary in Nov 2011 (BBC News)" in card
