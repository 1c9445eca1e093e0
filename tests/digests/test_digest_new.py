"""'New in the briefing' in a subscribed channel's digest: what admins approved from the
review queue since the channel's last digest (the first digest: since it subscribed)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from cyberbrief.drafting.article import draft_article
from cyberbrief.intake.review import approve, pending, queue_draft
from cyberbrief.store.connection import connect
from tests.digest_data import digest_store
from tests.digest_jobs import posts_to, scheduler, subscribe
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock

ARTICLE = Path(__file__).parents[1] / "data" / "articles" / "seoul.txt"


def test_approved_drafts_appear_once_in_the_next_digest(tmp_path: Path, slack: FakeSlack) -> None:
    path = tmp_path / "digests.db"
    digest_store(path).close()
    subscribe(path, "C1", "09:00", always_post=True)
    clock = FakeClock(dt.datetime(2026, 3, 23, 10, 0, tzinfo=dt.UTC))
    db = connect(str(path))
    draft = draft_article(
        ARTICLE.read_text(encoding="utf-8"),
        {"title": "Seoul hosts third global cyberspace conference", "publisher": "Example Wire"},
    )
    queue_draft(db, draft, origin="test", clock=clock)
    quote = next(d for d in pending(db) if "not charity" in d.data.get("text", ""))
    approve(db, [quote.id], actor="U0ADMIN", clock=clock)
    db.close()

    clock.now = dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC)
    digests = scheduler(path, slack, clock)
    assert digests.run("C1").status == "posted"
    [first] = posts_to(slack, "C1")
    shown = json.dumps(first["blocks"], ensure_ascii=False)
    assert "New in the briefing" in shown
    assert "quote: Yun Byung-se: “Capacity building is not charity." in shown
    assert "person: Yun Byung-se, Foreign Minister (Example Wire)" in shown, "brought along"

    clock.now = dt.datetime(2026, 3, 25, 9, 0, tzinfo=dt.UTC)
    assert digests.run("C1").status == "posted"
    second = posts_to(slack, "C1")[1]
    assert "New in the briefing" not in json.dumps(second["blocks"]), "told once"
