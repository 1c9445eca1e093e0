"""The answer log as the running bot keeps it: every surface records its answers after the
ack, no user id is stored unless the operator turns it on, a store that cannot be written
loses the entry and never the answer, and the running bot prunes old entries on its clock."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cyberbrief import app as bot
from cyberbrief.answers import escalations
from cyberbrief.answers.answer_log import AnswerLogPolicy, read_answers
from cyberbrief.console import run_console
from cyberbrief.console_forms import Terminal
from cyberbrief.slack.services import Services
from cyberbrief.store.connection import Store, connect
from tests.digest_data import driven_scheduler
from tests.fake_slack import FakeSlack
from tests.helpers import FakeClock, cli_env, mini_store, run_cli, stored
from tests.slack.test_mentions import BOT_USER, Workspace
from tests.slack_app import bot_settings, signed
from tests.slack_requests import command_body, new_trigger

NOW = dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC)


class Bot(Workspace):
    """A workspace whose /cyber replies are read back, over the bot's own store."""

    def __init__(self, services: Services, slack: FakeSlack, path: Path) -> None:
        super().__init__(bot.create_app(services, bot_settings(slack)), slack)
        self.services, self.path = services, path

    def cyber(self, text: str, user: str = "U0ASKER", channel: str = "C0POLICY") -> dict[str, Any]:
        reply_to = self.slack.response_url(new_trigger())
        body = command_body(text, reply_to, user=user, channel=channel)
        response = self.app.dispatch(signed(body))
        assert response.status == 200
        return dict(json.loads(response.body))

    def logged(self, count: int | None = None) -> list[dict[str, Any]]:
        """The log's entries once ``count`` are in (else once every listener has finished:
        the bot takes no more requests after that)."""
        if count is None:
            self.settle()
        deadline = time.monotonic() + 10
        while True:
            with self.services.read() as db:
                entries = [vars(entry) for entry in read_answers(db)]
            if count is None or len(entries) >= count or time.monotonic() > deadline:
                return entries
            time.sleep(0.02)


def make_bot(tmp_path: Path, slack: FakeSlack, policy: AnswerLogPolicy) -> Bot:
    clock = FakeClock(NOW)
    mini_store(tmp_path / "k.db", clock).close()
    services = Services.create(Store(tmp_path / "k.db"), clock)
    services.log_policy = policy
    return Bot(services, slack, tmp_path / "k.db")


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


def feedback_ids(blocks: list[dict[str, Any]]) -> list[str]:
    return [
        button["value"]
        for block in blocks
        if block["type"] == "context_actions"
        for element in block["elements"]
        for button in (element["positive_button"], element["negative_button"])
    ]


def test_every_slack_surface_records_its_answers(tmp_path: Path, slack: FakeSlack) -> None:
    bot_ = make_bot(tmp_path, slack, AnswerLogPolicy())
    reply = bot_.cyber("who is ICSPA")
    bot_.cyber("who is Zorblax Quentin", channel="D0ASKER")
    bot_.mention(f"<@{BOT_USER}> who is ICSPA?")
    bot_.dm("what did Hague say")
    entries = {(e["surface"], e["question"]): e for e in bot_.logged()}
    assert set(entries) == {
        ("command", "who is ICSPA"),
        ("command", "who is Zorblax Quentin"),
        ("mention", "who is ICSPA?"),
        ("dm", "what did Hague say"),
    }
    icspa = entries["command", "who is ICSPA"]
    assert icspa["outcome"] == "answered" and icspa["kind"] == "lookup"
    assert icspa["channel_kind"] == "channel" and icspa["entities"][0].startswith("organisation:")
    assert icspa["cited"] and icspa["millis"] >= 0
    assert entries["command", "who is Zorblax Quentin"]["outcome"] == "refused"
    assert entries["command", "who is Zorblax Quentin"]["channel_kind"] == "dm"
    assert entries["dm", "what did Hague say"]["channel_kind"] == "dm"
    # The ephemeral answer's feedback buttons name the entry it was recorded under, last.
    assert reply["blocks"][-1]["type"] == "context_actions"
    assert feedback_ids(reply["blocks"]) == [f"+{icspa['id']}", f"-{icspa['id']}"]
    (post, *_) = [p for p in bot_.posts() if p.get("thread_ts")]
    mention = entries["mention", "who is ICSPA?"]
    assert feedback_ids(post["blocks"]) == [f"+{mention['id']}", f"-{mention['id']}"]


def test_no_user_id_is_stored_unless_turned_on(tmp_path: Path, slack: FakeSlack) -> None:
    (tmp_path / "off").mkdir()
    (tmp_path / "on").mkdir()
    off = make_bot(tmp_path / "off", slack, AnswerLogPolicy())
    on = make_bot(tmp_path / "on", slack, AnswerLogPolicy(keep_askers=True))
    for bot_ in (off, on):
        bot_.cyber("who is ICSPA", user="U0SECRETASKER")
        bot_.mention(f"<@{BOT_USER}> who is ICSPA?", user="U0SECRETASKER")
        assert len(bot_.logged()) == 2
    assert not any("U0SECRETASKER" in line for line in stored(off.path))
    assert {e["asker"] for e in on.logged()} == {"U0SECRETASKER"}


def test_nothing_is_recorded_when_kept_zero_days(tmp_path: Path, slack: FakeSlack) -> None:
    bot_ = make_bot(tmp_path, slack, AnswerLogPolicy(keep_days=0))
    reply = bot_.cyber("who is ICSPA")
    assert "Cyber Security Protection Alliance" in json.dumps(reply["blocks"])
    assert feedback_ids(reply["blocks"]) == []
    assert bot_.logged() == []


def test_recording_waits_for_the_store_after_the_ack(tmp_path: Path, slack: FakeSlack) -> None:
    """Another writer holds the store: the answer is acked at once, recorded once it frees."""
    bot_ = make_bot(tmp_path, slack, AnswerLogPolicy())
    holder = connect(bot_.path)
    holder.conn.execute("BEGIN IMMEDIATE")
    try:
        reply = bot_.cyber("who is ICSPA")
        assert "Cyber Security Protection Alliance" in json.dumps(reply["blocks"])
    finally:
        holder.conn.execute("ROLLBACK")
        holder.close()
    assert [e["question"] for e in bot_.logged()] == ["who is ICSPA"]


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 32 MB filesystem (tmpfs), unmounted after the test; skipped where not allowed."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip("mounting a small filesystem needs root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> None:
    """Write a file until the filesystem has no room left."""
    try:
        with (folder / "filler").open("wb", buffering=0) as filler:
            while True:
                filler.write(b"\0" * 4096)
    except OSError:
        pass


def test_a_full_disk_drops_entries_never_answers(tiny_disk: Path, slack: FakeSlack) -> None:
    bot_ = make_bot(tiny_disk, slack, AnswerLogPolicy())
    bot_.cyber("who is ITU")
    assert len(bot_.logged(1)) == 1
    _fill(tiny_disk)
    answers = [bot_.cyber(f"who is ICSPA {'?' * i}") for i in range(30)]
    bot_.mention(f"<@{BOT_USER}> who is ICSPA?")
    bot_.settle()
    assert all("Cyber Security Protection Alliance" in json.dumps(a["blocks"]) for a in answers)
    assert "Cyber Security Protection Alliance" in json.dumps(bot_.posts()[-1]["blocks"])
    (tiny_disk / "filler").unlink()
    with bot_.services.read() as db:
        kept = read_answers(db)
    assert len(kept) < 32  # some were dropped; what was recorded is whole
    assert all(entry.question.startswith("who is") for entry in kept)


def test_the_console_and_ask_record_their_answers(tmp_path: Path, slack: FakeSlack) -> None:
    clock = FakeClock(NOW)
    path = tmp_path / "k.db"
    mini_store(path, clock).close()
    services = Services.create(Store(path), clock)
    out = io.StringIO()
    terminal = Terminal(io.StringIO("/cyber who is ICSPA\n"), out)
    console = bot.create_app(services, bot_settings(slack), console=terminal)
    run_console(console, terminal)
    assert "Cyber Security Protection Alliance" in out.getvalue()
    ran = run_cli(["ask", "who", "is", "ITU"], cli_env(path))
    assert ran.returncode == 0
    off = run_cli(["ask", "who is ITU"], cli_env(path, CYBERBRIEF_ANSWER_LOG_DAYS="0"))
    assert off.returncode == 0
    with services.read() as db:
        logged = {(e.surface, e.channel_kind, e.question) for e in read_answers(db)}
    assert logged == {("console", "none", "who is ICSPA"), ("ask", "none", "who is ITU")}


def test_the_running_bot_prunes_old_entries(
    tmp_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot_ = make_bot(tmp_path, slack, AnswerLogPolicy(keep_days=2))
    clock = bot_.services.clock
    assert isinstance(clock, FakeClock)
    bot_.cyber("who is ICSPA")
    assert len(bot_.logged(1)) == 1  # recorded (after the ack) before the clock moves
    clock.advance(days=1)
    bot_.cyber("who is ITU")
    bot_.settle()
    driven = driven_scheduler(monkeypatch, clock)
    pruner = bot.start_answer_log(bot_.services, scheduler=driven)
    try:
        assert len(bot_.logged()) == 2  # nothing is 2 days old yet
        driven.advance_to(clock() + dt.timedelta(days=1, hours=1))  # pruned hourly
        with bot_.services.read() as db:
            assert [e.question for e in read_answers(db)] == ["who is ITU"]
        driven.advance_to(clock() + dt.timedelta(days=1, hours=1))
        with bot_.services.read() as db:
            assert read_answers(db) == []
    finally:
        pruner.shutdown()


def test_the_running_bot_resolves_gaps_after_a_change_and_dms_admins_weekly(
    tmp_path: Path, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cyberbrief.answers import gaps
    from cyberbrief.knowledge.loader import load_records, parse_text
    from cyberbrief.store.journal import undo

    bot_ = make_bot(tmp_path, slack, AnswerLogPolicy())
    bot_.services.admins = frozenset({"U0ADMIN", "U0QUIET"})
    clock = bot_.services.clock
    assert isinstance(clock, FakeClock)
    bot_.cyber("who is the Zorblax Institute", user="U0A")
    bot_.cyber("what is the weather in Paris", user="U0B")
    bot_.cyber("admin gaps off", user="U0QUIET")
    assert len(bot_.logged(2)) == 2
    driven = driven_scheduler(monkeypatch, clock)
    pruner = bot.start_answer_log(bot_.services, bot_settings(slack), scheduler=driven)

    def states() -> dict[str, tuple[str, int | None]]:
        with bot_.services.read() as db:
            found = gaps.collect(db, clock())
        return {g.question: (g.state, g.change_id) for g in found}

    try:
        with bot_.services.write() as db:
            change = load_records(
                db,
                parse_text("z.yaml", ZORBLAX),
                actor="U0ADMIN",
                origin="test",
                clock=clock,
            ).change_id
        driven.advance_to(clock() + dt.timedelta(minutes=2))
        assert states()["who is the Zorblax Institute"] == ("resolved", change)
        with bot_.services.write() as db:
            undo(db, change, actor="U0ADMIN", clock=clock)
        driven.advance_to(clock() + dt.timedelta(minutes=2))
        assert states()["who is the Zorblax Institute"] == ("open", None)
        driven.advance_to(clock() + dt.timedelta(days=7))
        dms = [c.body for c in slack.wait_for("chat.postMessage")]
        assert [dm["channel"] for dm in dms] == ["U0ADMIN"]  # U0QUIET opted out
        text = json.dumps(dms[0]["blocks"])
        assert "New knowledge gaps this week" in text and "Zorblax" in text and "weather" in text
    finally:
        pruner.shutdown()


ZORBLAX = b"""
organisations:
  - name: Zorblax Institute
    acronym: ZBI
    description: A think tank on cyber norms.
    source: {title: Zorblax annual report, publisher: Zorblax, date: 2026-01-01}
"""


def test_ask_an_analyst_posts_the_question_and_mark_answered_closes_it(
    tmp_path: Path, slack: FakeSlack
) -> None:
    from tests.slack_requests import action_body

    bot_ = make_bot(tmp_path, slack, AnswerLogPolicy())
    answered = bot_.cyber("who is ICSPA")
    assert "cyber_escalate" not in json.dumps(answered["blocks"])  # no analysts configured
    bot_.services.analysts = frozenset({"U0ANALYST", "S0POLICY"})
    refused = bot_.cyber("who is Zorblax Quentin", user="U0ASKER")
    *_, ask_block, feedback = refused["blocks"]
    assert feedback["type"] == "context_actions", "feedback stays the last block"
    (button,) = ask_block["elements"]
    assert button["action_id"] == "cyber_escalate"
    assert len(bot_.logged(2)) == 2

    def press(action: str, value: str, user: str = "U0ASKER") -> dict[str, Any]:
        name = new_trigger()
        body = action_body(action, value, slack.response_url(name), user=user, channel="C0POLICY")
        assert bot_.app.dispatch(signed(body)).status == 200
        return dict(slack.wait_for_response(name).body)

    assert (
        press("cyber_escalate", button["value"])["text"] == "Sent to the analysts in <#C0POLICY>."
    )
    (post,) = slack.wait_for("chat.postMessage")
    assert post.body["channel"] == "C0POLICY"
    assert "<!subteam^S0POLICY> <@U0ANALYST>" in post.body["text"]
    assert "Zorblax Quentin" in post.body["text"] and "<@U0ASKER>" in post.body["text"]
    assert "already sent" in press("cyber_escalate", button["value"])["text"]
    assert "no longer on record" in press("cyber_escalate", "123456789")["text"]
    assert "does not name a question" in press("cyber_escalate", "<@U0EVIL>")["text"]
    (close,) = next(b for b in post.body["blocks"] if b["type"] == "actions")["elements"]
    # Everyone in the channel sees the button; only the analysts may close the question.
    slack.on("usergroups.users.list", lambda body: {"ok": True, "users": ["U0MEMBER"]})
    stranger = press("cyber_escalation_done", close["value"], user="U0ASKER")
    assert "Only the analysts" in stranger["text"] and not stranger.get("replace_original")
    with bot_.services.read() as db:
        assert escalations.open_escalation(db, int(button["value"])) is not None
    closed = press("cyber_escalation_done", close["value"], user="U0MEMBER")
    assert closed["replace_original"] and "was answered (marked by <@U0MEMBER>)" in closed["text"]
    assert slack.calls_to("usergroups.users.list")[-1].body["usergroup"] == "S0POLICY"
    again = press("cyber_escalation_done", close["value"], user="U0ANALYST")
    assert "already marked answered" in again["text"]
    # Not helpful offers it too; with a channel configured, it posts there.
    bot_.services.analyst_channel = "C0ANALYSTS"
    (entry,) = [e for e in bot_.logged(2) if e["question"] == "who is ICSPA"]
    reply = press("cyber_feedback", f"-{entry['id']}")
    assert "cyber_escalate" in json.dumps(reply["blocks"])
    press("cyber_escalate", str(entry["id"]))
    assert slack.wait_for("chat.postMessage", 2)[1].body["channel"] == "C0ANALYSTS"
    assert len(slack.calls_to("chat.postMessage")) == 2


def test_a_shared_answer_keeps_feedback_for_the_answer_shared(
    tmp_path: Path, slack: FakeSlack
) -> None:
    from tests.slack_requests import action_body

    bot_ = make_bot(tmp_path, slack, AnswerLogPolicy())
    reply = bot_.cyber("who is ICSPA")
    (share,) = [
        element
        for block in reply["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == "cyber_share"
    ]
    name = new_trigger()
    body = action_body("cyber_share", share["value"], slack.response_url(name), channel="C0POLICY")
    assert bot_.app.dispatch(signed(body)).status == 200
    (shared,) = [
        c.body
        for c in slack.wait_for("response_url", 2)
        if c.body.get("response_type") == "in_channel"
    ]
    assert shared["blocks"][-1]["type"] == "context_actions", "feedback is the last block"
    assert feedback_ids(shared["blocks"]) == feedback_ids(reply["blocks"])


def test_an_analysts_reply_drafted_with_the_shortcut_names_the_question(
    tmp_path: Path, slack: FakeSlack
) -> None:
    from urllib.parse import urlencode

    from tests.slack_requests import action_body

    bot_ = make_bot(tmp_path, slack, AnswerLogPolicy())
    bot_.services.analysts = frozenset({"U0ANALYST"})
    bot_.services.admins = frozenset({"U0ANALYST"})
    refused = bot_.cyber("who is Zorblax Quentin", user="U0ASKER")
    (button,) = next(b for b in refused["blocks"] if b["type"] == "actions")["elements"]
    assert len(bot_.logged(1)) == 1
    name = new_trigger()
    body = action_body(
        "cyber_escalate", button["value"], slack.response_url(name), channel="C0POLICY"
    )
    assert bot_.app.dispatch(signed(body)).status == 200
    slack.wait_for_response(name)
    slack.wait_for("chat.postMessage")
    with bot_.services.read() as db:  # the ts Slack gave the question's post
        (thread,) = db.conn.execute("SELECT ts FROM escalations").fetchone()
    assert thread
    reply = (
        "Zorblax Quentin runs the Zorblax Institute, which counts 40 member states. "
        '"We must agree rules for cyber norms," said institute director Zorblax Quentin.'
    )
    name = new_trigger()
    payload = {
        "type": "message_action",
        "callback_id": "add_to_cyberbrief",
        "trigger_id": new_trigger(),
        "team": {"id": "T0FAKE", "domain": "fake"},
        "user": {"id": "U0ANALYST", "team_id": "T0FAKE"},
        "channel": {"id": "C0POLICY", "name": "policy"},
        "message_ts": "1764000009.000100",
        "message": {
            "type": "message",
            "user": "U0ANALYST",
            "text": reply,
            "ts": "1764000009.000100",
            "thread_ts": thread,
        },
        "response_url": slack.response_url(name),
    }
    body = urlencode({"payload": json.dumps(payload)})
    assert bot_.app.dispatch(signed(body)).status == 200
    said = [c.body["text"] for c in slack.wait_for("response_url", 3) if c.path.endswith(name)]
    deadline = time.monotonic() + 10
    while len(said) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
        said = [c.body["text"] for c in slack.calls_to("response_url") if c.path.endswith(name)]
    assert "Linked to the question “who is Zorblax Quentin”" in said[-1], said
    with bot_.services.read() as db:
        origins = {o for (o,) in db.conn.execute("SELECT DISTINCT origin FROM drafts")}
    assert origins == {"message shortcut by <@U0ANALYST>, answering “who is Zorblax Quentin”"}


def test_a_vote_that_beats_its_answers_log_entry_is_counted_once_the_entry_is_in(
    tmp_path: Path, slack: FakeSlack
) -> None:
    """The entry is written just after the ack; a press in between (a busy store) must not be
    told the answer is gone."""
    import threading

    from cyberbrief.answers import answer_log
    from tests.slack_requests import action_body

    bot_ = make_bot(tmp_path, slack, AnswerLogPolicy())
    answer = bot_.services.answer("who is ICSPA")
    late_id = answer_log.new_answer_id()

    def record_late() -> None:
        time.sleep(0.3)
        bot_.services.record(
            answer,
            question="who is ICSPA",
            surface="command",
            channel_kind="channel",
            millis=5.0,
            answer_id=late_id,
        )

    writer = threading.Thread(target=record_late)
    writer.start()
    name = new_trigger()
    body = action_body("cyber_feedback", f"+{late_id}", slack.response_url(name), user="U0FAST")
    assert bot_.app.dispatch(signed(body)).status == 200
    writer.join()
    assert slack.wait_for_response(name).body["text"] == "Thanks, glad it helped."
    # An id that never comes is still refused, after the short wait.
    name = new_trigger()
    body = action_body("cyber_feedback", "+123456789", slack.response_url(name), user="U0FAST")
    assert bot_.app.dispatch(signed(body)).status == 200
    assert "no longer on record" in slack.wait_for_response(name).body["text"]
