"""`bot.py serve` as Slack reaches it: signed requests over real HTTP, replies to a fake Slack.

The server runs as its own process, exactly as deployed; its Web API calls and
``response_url`` posts land in the loopback fake (``SLACK_API_URL``). Requests are signed
the way Slack signs them (``slack_sdk.signature``), as bolt-python's own tests do.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.models.blocks import Block

from cyberbrief.knowledge.loader import load_records, parse_text
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock, mini_store, run_process
from tests.serving import Server, serving
from tests.slack_requests import (
    SECRET,
    action_body,
    buttons,
    command_body,
    post,
    signed_headers,
)

ICSPA = "International Cyber Security Protection Alliance"
SOURCE = "London hosts cyberspace security conference"

HOSTILE_FACT = "<!channel> EVIL says @here costs <http://evil.example/x|$1bn> & rising <b>"
EXTRA = (
    f"""
organisations:
  - name: Evil Corp
    acronym: EVIL
    description: "Ping <!here> & <http://evil.example|click>"
    source: bbc
facts:
  - text: "{HOSTILE_FACT}"
    about: [EVIL]
    source: bbc
quotes:
""".encode()
    + b"\n".join(
        f"  - {{text: 'Extra line {i} from Lobban', speaker: Iain Lobban, source: bbc}}".encode()
        for i in range(8)
    )
)
"""Beyond the mini pack: stored text full of Slack syntax, and more Lobban quotes than a
card shows at once."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = Path(tmp_path_factory.mktemp("serve")) / "k.db"
    clock = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
    store = mini_store(db, clock)
    load_records(store, parse_text("extra.yaml", EXTRA), actor="t", origin="t", clock=clock)
    store.close()
    with FakeSlack() as slack, serving(db, slack) as running:
        yield running
    log = running.stderr()
    assert "Traceback" not in log and " ERROR " not in log, log


def check_blocks(blocks: list[dict[str, Any]]) -> None:
    assert 1 <= len(blocks) <= 50
    for raw in blocks:
        parsed = Block.parse(raw)
        assert parsed is not None, raw
        parsed.validate_json()


def labels(blocks: list[dict[str, Any]], action: str) -> dict[str, dict[str, Any]]:
    """The buttons whose action_id starts with ``action``, by label."""
    return {b["text"]["text"]: b for b in buttons(blocks) if b["action_id"].split(":")[0] == action}


# -- answers in the ack ------------------------------------------------------------------


def test_a_signed_slash_command_is_answered_in_the_ack(server: Server) -> None:
    started = time.monotonic()
    status, reply = server.command("who is ICSPA")
    assert time.monotonic() - started < 3, "Slack shows the user an error after 3 seconds"
    assert status == 200
    assert reply["response_type"] == "ephemeral", "only the asker sees it"
    assert ICSPA in reply["text"], "a plain-text fallback naming the answer"
    check_blocks(reply["blocks"])
    assert reply["blocks"][0]["text"]["text"] == f"{ICSPA} (ICSPA)"
    text = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "law enforcement cyber crime units" in text, "what it is"
    assert f"BBC News, “{SOURCE}”, 2011-11-01" in text, "the card cites its source"
    assert "Share in channel" in labels(reply["blocks"], "cyber_share")
    assert not server.slack.calls_to("response_url"), "the answer needs no follow-up"


def test_typos_and_question_phrasing_over_http(server: Server) -> None:
    status, reply = server.command("who is wiliam hauge?")
    assert status == 200
    assert reply["blocks"][0]["text"]["text"] == "William Hague"


def test_nonsense_gets_no_confident_answer(server: Server) -> None:
    status, reply = server.command("who is Batman")
    assert status == 200 and reply["response_type"] == "ephemeral"
    assert reply["text"].startswith("No answer found")
    check_blocks(reply["blocks"])
    assert not labels(reply["blocks"], "cyber_share"), "nothing to share"
    assert "Sources" not in json.dumps(reply["blocks"]), "cites nothing, claims nothing"


@pytest.mark.parametrize("text", ["", "help", "   "])
def test_an_empty_command_or_help_gets_the_grammar(server: Server, text: str) -> None:
    status, reply = server.command(text)
    assert status == 200 and reply["response_type"] == "ephemeral"
    shown = json.dumps(reply["blocks"])
    for example in ("/cyber who is ICSPA", "/cyber quote Hague", "/cyber events"):
        assert example in shown


def test_several_close_matches_are_offered_and_each_opens_its_card(server: Server) -> None:
    status, reply = server.command("London")
    assert status == 200
    choices = labels(reply["blocks"], "cyber_open")
    assert {"London Conference on Cyberspace", "London Agenda"} <= set(choices)
    button = choices["London Agenda"]
    status, _ = server.action(button["action_id"], button["value"], "choose")
    assert status == 200
    (card,) = server.responses("choose")
    assert card.body["blocks"][0]["text"]["text"] == "London Agenda"
    assert card.body["replace_original"] is True, "the choice list becomes the card"


# -- who may call ------------------------------------------------------------------------


def test_a_forged_signature_is_refused(server: Server) -> None:
    body = command_body("who is ICSPA", server.slack.response_url())
    status, reply = post(server.events, body, signed_headers(body, secret="not-the-secret"))
    assert status == 401
    assert "International" not in str(reply)


def test_an_unsigned_request_is_refused(server: Server) -> None:
    body = command_body("who is ICSPA", server.slack.response_url())
    status, reply = post(server.events, body, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 401 and "International" not in str(reply)


@pytest.mark.parametrize("minutes", [-6, -60, 6])
def test_a_stale_or_future_timestamp_is_refused(server: Server, minutes: int) -> None:
    """Slack's replay protection: a signature older (or newer) than five minutes is void."""
    body = command_body("who is ICSPA", server.slack.response_url())
    when = int(time.time()) + minutes * 60
    status, reply = post(server.events, body, signed_headers(body, timestamp=when))
    assert status == 401 and "International" not in str(reply)


def test_a_request_signed_four_minutes_ago_is_still_answered(server: Server) -> None:
    body = command_body("who is ICSPA", server.slack.response_url())
    status, reply = post(
        server.events, body, signed_headers(body, timestamp=int(time.time()) - 4 * 60)
    )
    assert status == 200 and isinstance(reply, dict) and ICSPA in reply["text"]


def test_a_tampered_body_is_refused(server: Server) -> None:
    body = command_body("who is ICSPA", server.slack.response_url())
    headers = signed_headers(body)
    status, _ = post(server.events, body.replace("ICSPA", "GCHQ"), headers)
    assert status == 401


def test_a_forged_button_press_is_refused(server: Server) -> None:
    body = action_body("cyber_share", '{"q":"who is ICSPA"}', server.slack.response_url("forged"))
    status, _ = post(server.events, body, signed_headers(body, secret="not-the-secret"))
    assert status == 401
    assert not [c for c in server.slack.calls_to("response_url") if c.path.endswith("/forged")]


def test_health_check(server: Server) -> None:
    with urllib.request.urlopen(f"{server.url}/healthz", timeout=2) as response:
        assert response.status == 200
        assert response.read() == b"ok\n"


# -- buttons -----------------------------------------------------------------------------


def test_share_in_channel_posts_the_card_publicly(server: Server) -> None:
    _, reply = server.command("who is ICSPA")
    share = labels(reply["blocks"], "cyber_share")["Share in channel"]
    status, _ = server.action(share["action_id"], share["value"], "share")
    assert status == 200
    posts = [c.body for c in server.responses("share", count=2)]
    public = [p for p in posts if p.get("response_type") == "in_channel"]
    assert len(public) == 1, posts
    assert ICSPA in public[0]["text"]
    check_blocks(public[0]["blocks"])
    shown = json.dumps(public[0]["blocks"], ensure_ascii=False)
    assert ICSPA in shown and SOURCE in shown, "the whole card, with its source"
    assert "<@U0USER>" in shown, "says who shared it"
    assert "cyber_share" not in shown, "no share button in the channel"
    assert public[0].get("replace_original") is False, "posted as a new channel message"
    assert any(p.get("delete_original") is True for p in posts), "the ephemeral copy goes"


def test_a_card_whose_entry_was_removed_is_not_shared(server: Server) -> None:
    value = json.dumps({"ref": "organisation:999999", "q": "who is gone"})
    status, _ = server.action("cyber_share", value, "share-gone")
    assert status == 200
    (reply,) = server.responses("share-gone")
    assert reply.body.get("response_type") != "in_channel", "nothing posted to the channel"
    assert "no longer" in reply.body["text"]


def test_a_related_entry_button_opens_its_card(server: Server) -> None:
    _, reply = server.command("who is William Hague")
    button = labels(reply["blocks"], "cyber_open")["Foreign and Commonwealth Office (FCO)"]
    status, _ = server.action(button["action_id"], button["value"], "open")
    assert status == 200
    (opened,) = server.responses("open")
    assert opened.body["response_type"] == "ephemeral"
    assert "Foreign and Commonwealth Office" in opened.body["text"]
    check_blocks(opened.body["blocks"])
    assert opened.body["blocks"][0]["text"]["text"] == "Foreign and Commonwealth Office (FCO)"
    shown = json.dumps(opened.body["blocks"])
    assert "William Hague" in shown, "its own related entries"
    assert SOURCE in shown, "and its source"


def test_a_stale_button_says_so_instead_of_failing(server: Server) -> None:
    status, _ = server.action("cyber_open:0", "organisation:999999", "gone")
    assert status == 200
    (gone,) = server.responses("gone")
    assert "no longer in the knowledge store" in gone.body["text"]
    assert gone.body.get("replace_original") is False, "the card the user had stays"


def test_show_all_replaces_the_card_with_every_line(server: Server) -> None:
    _, reply = server.command("quote Lobban")
    short = json.dumps(reply["blocks"])
    assert "Extra line 2 " in short and "Extra line 7 " not in short
    more = labels(reply["blocks"], "cyber_more")["Show all"]
    status, _ = server.action(more["action_id"], more["value"], "more")
    assert status == 200
    (full,) = server.responses("more")
    check_blocks(full.body["blocks"])
    shown = json.dumps(full.body["blocks"])
    assert all(f"Extra line {i} " in shown for i in range(8))
    assert "cyber_more" not in shown and "cyber_share" in shown


def test_stored_text_reaches_slack_inert_in_the_ack_and_the_shared_post(server: Server) -> None:
    _, reply = server.command("EVIL")
    assert reply["blocks"][0]["text"]["text"] == "Evil Corp (EVIL)"
    share = labels(reply["blocks"], "cyber_share")["Share in channel"]
    server.action(share["action_id"], share["value"], "share-evil")
    public = next(
        c.body
        for c in server.responses("share-evil", count=2)
        if c.body.get("response_type") == "in_channel"
    )
    for message in (reply, public):
        mrkdwn = [message["text"]] + [
            t["text"]
            for b in message["blocks"]
            for t in [b.get("text"), *b.get("fields", []), *b.get("elements", [])]
            if isinstance(t, dict) and t.get("type") == "mrkdwn"
        ]
        joined = "\n".join(mrkdwn)
        controls = re.findall(r"<([^>]*)>", joined)
        assert set(controls) <= {
            "@U0USER",
            f"https://www.bbc.co.uk/news/uk-politics-15533786|BBC News, “{SOURCE}”, 2011-11-01",
        }, controls
        assert not re.search(r"@(here|channel|everyone)\b", joined)
        assert all(
            re.match(r"&(amp|lt|gt);", joined[m.start() :]) for m in re.finditer("&", joined)
        )
        shown = joined.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        assert HOSTILE_FACT in shown.replace("\u2060", ""), "shown as typed"


def test_serve_without_its_secrets_refuses_to_start_clearly(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env["CYBERBRIEF_DB"] = str(tmp_path / "k.db")
    done = run_process(["serve", "--port", "0"], env, timeout=30)
    assert done.returncode == 2
    assert "SLACK_SIGNING_SECRET" in done.stderr and "SLACK_BOT_TOKEN" in done.stderr
    assert "Traceback" not in done.stderr
    env["SLACK_SIGNING_SECRET"] = SECRET
    done = run_process(["serve", "--port", "0"], env, timeout=30)
    assert done.returncode == 2
    assert "SLACK_BOT_TOKEN" in done.stderr and "Traceback" not in done.stderr
