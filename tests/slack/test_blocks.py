"""Cards as Slack will see them: valid Block Kit, within limits, and stored text kept inert."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from slack_sdk.models.blocks import Block

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from cyberbrief.knowledge.loader import load_records, parse_text
from cyberbrief.knowledge.model import Answer, Status
from cyberbrief.slack.views.answer import answer_blocks, fallback_text, parse_ref, to_dicts
from tests.helpers import FakeClock, mini_store

HOSTILE_FACT = "<!channel> EVIL says @here costs <http://evil.example/x|$1bn> & rising <script>"
HOSTILE_DESCRIPTION = "Ping <!channel> and @here: <http://evil.example|click> for R&D, 1 < 2 > 0"
HOSTILE_ROLE = "<!channel> Director & @here"
HOSTILE_QUOTE = "Click <https://evil.example|here> now <!subteam^S123> @everyone <@U0BOSS>"
HOSTILE_TITLE = "Leak <!here> & <http://evil.example|the BBC>"
HOSTILE = f"""
sources:
  - key: evil
    title: "{HOSTILE_TITLE}"
    publisher: "@channel Weekly"
    date: 2024-01-02
    url: "http://evil.example/a|b"
organisations:
  - name: Evil & Sons <Ltd>
    acronym: EVIL
    description: "{HOSTILE_DESCRIPTION}"
    source: evil
people:
  - name: Mallory Example
    role: "{HOSTILE_ROLE}"
    organisation: EVIL
    source: evil
facts:
  - text: "{HOSTILE_FACT}"
    about: [EVIL]
    source: evil
quotes:
  - text: "{HOSTILE_QUOTE}"
    speaker: Mallory Example
    source: evil
""".encode()

LONG_DESCRIPTION = " ".join(["R&D <ops> & more"] * 170) + " THE-END"
"""Under the store's 3,000-character limit, but over Slack's once `&`, `<`, `>` are escaped."""


def _more_quotes(speaker: str, count: int, words: int) -> bytes:
    lines = ["quotes:"]
    for i in range(count):
        text = f"Number {i} " + " ".join(f"word{i}x{j}" for j in range(words))
        lines.append(f"  - {{text: '{text}', speaker: {speaker}, source: bbc}}")
    return "\n".join(lines).encode()


def _load(db: sqlite_utils.Database, clock: FakeClock, name: str, content: bytes) -> None:
    load_records(db, parse_text(name, content), actor="test", origin=name, clock=clock)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    clock = FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC))
    store = mini_store(Path(tmp_path_factory.mktemp("blocks")) / "k.db", clock)
    _load(store, clock, "hostile.yaml", HOSTILE)
    # Hague: more quotes than a card shows at once, each short enough that all fit when shown.
    _load(store, clock, "hague.yaml", _more_quotes("William Hague", 12, 20))
    # Lobban: far more, and far longer, than one Slack message can hold.
    _load(store, clock, "lobban.yaml", _more_quotes("Iain Lobban", 60, 150))
    long = f"organisations:\n  - {{name: Longwinded Council, description: '{LONG_DESCRIPTION}'}}"
    _load(store, clock, "long.yaml", long.encode())
    return store


@pytest.fixture(scope="module")
def answerer(db: sqlite_utils.Database) -> Answerer:
    return Answerer(db, today=lambda: dt.date(2026, 11, 24))


# -- what Slack checks -------------------------------------------------------------------


def _texts(raw: dict[str, Any], kind: str) -> list[str]:
    """Every text object of ``kind`` (mrkdwn or plain_text) anywhere in a block."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == kind and isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(raw)
    return found


def check_limits(blocks: list[dict[str, Any]]) -> None:
    """What Slack rejects a message for, checked on the serialised blocks."""
    assert 1 <= len(blocks) <= 50
    for raw in blocks:
        parsed = Block.parse(raw)
        assert parsed is not None, raw
        parsed.validate_json()
        assert parsed.to_dict() == raw, "slack_sdk's model keeps every field we send"
        assert len(raw.get("block_id", "")) <= 255
        for text in _texts(raw, "mrkdwn") + _texts(raw, "plain_text"):
            assert text.strip(), f"empty text object in {raw}"
        if raw["type"] == "header":
            assert len(raw["text"]["text"]) <= 150
        if raw["type"] == "section":
            assert len(raw.get("text", {}).get("text", "")) <= 3000
            assert len(raw.get("fields", [])) <= 10
            assert all(len(f["text"]) <= 2000 for f in raw.get("fields", []))
        if raw["type"] == "actions":
            ids = [e["action_id"] for e in raw["elements"]]
            assert len(ids) == len(set(ids)) and 1 <= len(ids) <= 25
            for element in raw["elements"]:
                assert len(element["text"]["text"]) <= 75
                assert len(element["action_id"]) <= 255
                value = element.get("value", "")
                assert len(value.encode("utf-16-le")) // 2 <= 2000
        if raw["type"] == "context":
            assert 1 <= len(raw["elements"]) <= 10


def buttons(blocks: list[dict[str, Any]], action: str) -> list[dict[str, Any]]:
    return [
        e
        for b in blocks
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"].split(":")[0] == action
    ]


def rebuild(answerer: Answerer, value: str) -> Answer:
    """What the share and "Show all" listeners rebuild from a button's value."""
    data = json.loads(value)
    ref = parse_ref(str(data.get("ref", "")))
    return answerer.card(ref.kind, ref.id) if ref else answerer.answer(data["q"])


# -- every kind of answer ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "status"),
    [
        ("who is ICSPA", Status.FOUND),  # an organisation's card
        ("who is William Hague", Status.FOUND),  # a person's card, with many quotes
        ("event london conference", Status.FOUND),  # an event's card
        ("initiative London Agenda", Status.FOUND),  # an initiative's card
        ("Longwinded Council", Status.FOUND),  # a card with a very long description
        ("quote Hague", Status.FOUND),
        ("quote Lobban", Status.FOUND),  # more than one message holds
        ("who said generations to come", Status.FOUND),
        ("cost of cybercrime", Status.FOUND),
        ("facts ITU", Status.FOUND),
        ("events", Status.FOUND),
        ("initiatives", Status.FOUND),
        ("help", Status.HELP),
        ("", Status.HELP),
        ("who is Batman", Status.NOT_FOUND),
        ("who is Hagueman", Status.NOT_FOUND),  # with "did you mean"
        ("London", Status.CHOICES),
        ("EVIL", Status.FOUND),
        ("Mallory", Status.FOUND),
        ("facts EVIL", Status.FOUND),
        ("quote Mallory", Status.FOUND),
    ],
)
def test_every_answer_is_valid_block_kit_within_limits(
    answerer: Answerer, question: str, status: Status
) -> None:
    answer = answerer.answer(question)
    assert answer.status is status, answer.title
    for full in (False, True):
        for shareable in (True, False):
            check_limits(to_dicts(answer_blocks(answer, full=full, shareable=shareable)))
    fallback = fallback_text(answer)
    assert fallback.strip() and len(fallback) <= 3000, "a plain-text fallback for notifications"


@pytest.mark.parametrize("table", ["organisations", "people", "events", "initiatives"])
def test_every_entity_card_is_valid_block_kit(
    db: sqlite_utils.Database, answerer: Answerer, table: str
) -> None:
    kind = {"organisations": "organisation", "people": "person"}.get(table, table[:-1])
    ids = [row["id"] for row in db[table].rows]
    assert ids
    for entity_id in ids:
        answer = answerer.card(kind, entity_id)
        assert answer.status is Status.FOUND
        for full in (False, True):
            check_limits(to_dicts(answer_blocks(answer, full=full)))


def test_not_found_offers_suggestions_as_buttons_and_no_share(answerer: Answerer) -> None:
    answer = answerer.answer("who is Hagueman")
    blocks = to_dicts(answer_blocks(answer))
    shown = json.dumps(blocks)
    assert shown.count("Did you mean") == 1 and "Did you mean one of these?" in shown, shown
    printed = render(answer)
    assert printed.count("Did you mean") == 1 and "Did you mean one of these?" in printed
    assert [b["text"]["text"] for b in buttons(blocks, "cyber_open")] == ["William Hague"]
    assert not buttons(blocks, "cyber_share"), "nothing to share when nothing was found"


def test_ambiguous_names_are_offered_as_choices(answerer: Answerer) -> None:
    blocks = to_dicts(answer_blocks(answerer.answer("London")))
    labels = {b["text"]["text"] for b in buttons(blocks, "cyber_open")}
    assert {"London Conference on Cyberspace", "London Agenda"} <= labels
    assert not buttons(blocks, "cyber_share")


def test_help_shows_the_whole_grammar_at_once(answerer: Answerer) -> None:
    answer = answerer.answer("help")
    blocks = to_dicts(answer_blocks(answer))
    text = json.dumps(blocks, ensure_ascii=False)
    for line in answer.sections[0].lines:
        assert json.dumps(line.text, ensure_ascii=False)[1:-1] in text
    assert not buttons(blocks, "cyber_more")


# -- long answers ------------------------------------------------------------------------


def test_a_long_answer_is_cut_with_a_way_to_see_more(answerer: Answerer) -> None:
    answer = answerer.answer("quote Hague")
    short = to_dicts(answer_blocks(answer))
    text = json.dumps(short)
    assert "Number 2 " in text and "Number 11 " not in text, "the first few lines only"
    assert re.search(r"and \d+ more", text), "says how many are not shown"
    (show_all,) = buttons(short, "cyber_more")
    full = to_dicts(answer_blocks(rebuild(answerer, show_all["value"]), full=True))
    check_limits(full)
    assert all(f"Number {i} " in json.dumps(full) for i in range(12)), "Show all shows all"
    assert not buttons(full, "cyber_more")


def test_more_than_a_message_holds_is_cut_but_keeps_its_buttons_and_sources(
    answerer: Answerer,
) -> None:
    full = to_dicts(answer_blocks(answerer.answer("quote Lobban"), full=True))
    check_limits(full)
    text = json.dumps(full)
    assert "shortened" in text, "says it was shortened"
    assert buttons(full, "cyber_share"), "still shareable"
    assert full[-1]["type"] == "context" and "Sources" in json.dumps(full[-1]), (
        "however long, the card keeps its sources"
    )


def test_a_long_description_is_shown_whole_not_cut(answerer: Answerer) -> None:
    blocks = to_dicts(answer_blocks(answerer.answer("Longwinded Council")))
    check_limits(blocks)
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section" and "text" in b]
    assert len(sections) >= 2, "too long for one section once escaped"
    shown = " ".join(slack_view(text) for text in sections)
    assert LONG_DESCRIPTION in " ".join(shown.split()), "every word, as typed"


def test_a_long_question_still_has_a_share_button_that_works(answerer: Answerer) -> None:
    question = "quote Hague " + "пожалуйста " * 40 + "🙂" * 20
    answer = answerer.answer(question)
    (share,) = buttons(to_dicts(answer_blocks(answer)), "cyber_share")
    (more,) = buttons(to_dicts(answer_blocks(answer)), "cyber_more")
    for value in (share["value"], more["value"]):
        rebuilt = rebuild(answerer, value)
        assert rebuilt.status is Status.FOUND and rebuilt.title == answer.title


@pytest.mark.parametrize("question", ["who is icspa", "quote Hague", "cost of cybercrime"])
def test_share_value_rebuilds_the_same_answer(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    (share,) = buttons(to_dicts(answer_blocks(answer)), "cyber_share")
    rebuilt = rebuild(answerer, share["value"])
    assert (rebuilt.status, rebuilt.title) == (answer.status, answer.title)
    assert to_dicts(answer_blocks(rebuilt, shareable=False)) == to_dicts(
        answer_blocks(answer, shareable=False)
    )


# -- stored text stays inert -------------------------------------------------------------

SAFE_LINKS = {"https://www.bbc.co.uk/news/uk-politics-15533786"}
"""The only links cards may hold here: the mini pack's cited source."""


def slack_view(mrkdwn: str) -> str:
    """What Slack shows for a mrkdwn string: links as their labels, entities decoded."""
    shown = re.sub(r"<([^<>|]+)\|([^<>]*)>", r"\2", mrkdwn)
    shown = shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return shown.replace("\u2060", "")


def assert_inert(mrkdwn: str) -> None:
    """Slack would find no mention, broadcast, or link in ``mrkdwn`` but our own."""
    for control in re.findall(r"<([^>]*)>", mrkdwn):
        url = control.split("|", 1)[0]
        assert url in SAFE_LINKS, f"control sequence <{control}> in {mrkdwn!r}"
    for amp in re.finditer("&", mrkdwn):
        assert re.match(r"&(amp|lt|gt);", mrkdwn[amp.start() :]), mrkdwn
    assert not re.search(r"@(here|channel|everyone)\b", mrkdwn, re.I), mrkdwn


def hostile_surfaces(answer: Answer) -> dict[str, list[str]]:
    """Every mrkdwn string the answer is shown with, by where it shows."""
    card = to_dicts(answer_blocks(answer))
    shared = to_dicts(answer_blocks(answer, shareable=False))
    return {
        "card": [t for b in card for t in _texts(b, "mrkdwn")],
        "fallback": [fallback_text(answer)],
        "shared in channel": [t for b in shared for t in _texts(b, "mrkdwn")],
    }


@pytest.mark.parametrize(
    ("question", "hostile"),
    [
        ("EVIL", [HOSTILE_DESCRIPTION, HOSTILE_FACT, HOSTILE_ROLE, HOSTILE_TITLE]),
        ("Mallory", [HOSTILE_ROLE, HOSTILE_QUOTE, "Evil & Sons <Ltd>"]),
        ("facts EVIL", [HOSTILE_FACT]),
        ("quote Mallory", [HOSTILE_QUOTE]),
        ("who said now <!subteam^S123>", [HOSTILE_QUOTE]),
    ],
)
def test_stored_text_cannot_ping_or_forge_links(
    answerer: Answerer, question: str, hostile: list[str]
) -> None:
    answer = answerer.answer(question)
    assert answer.status is Status.FOUND, answer.title
    surfaces = hostile_surfaces(answer)
    (share,) = buttons(to_dicts(answer_blocks(answer)), "cyber_share")
    rebuilt = rebuild(answerer, share["value"])
    surfaces["rebuilt from the share button"] = hostile_surfaces(rebuilt)["shared in channel"]
    for where, texts in surfaces.items():
        for text in texts:
            assert_inert(text)
        if where != "fallback":
            shown = "\n".join(slack_view(t) for t in texts)
            for typed in hostile:
                assert typed in shown, f"{typed!r} shown as typed on the {where}"
    fallback = slack_view(surfaces["fallback"][0])
    assert answer.title in fallback


def test_a_question_quoting_mentions_cannot_ping_either(answerer: Answerer) -> None:
    for question in ("who is <!channel>", "facts <!here> & <http://evil.example|x>"):
        answer = answerer.answer(question)
        for texts in hostile_surfaces(answer).values():
            for text in texts:
                assert_inert(text)


def test_the_source_link_is_kept_and_an_unsafe_one_dropped(answerer: Answerer) -> None:
    icspa = json.dumps(to_dicts(answer_blocks(answerer.answer("ICSPA"))))
    assert "<https://www.bbc.co.uk/news/uk-politics-15533786|BBC News" in icspa
    evil = json.dumps(to_dicts(answer_blocks(answerer.answer("EVIL"))))
    assert "evil.example/a" not in evil, "a source URL Slack would misparse is not linked"


def test_a_review_headline_link_cannot_be_broken_by_its_url() -> None:
    from cyberbrief.slack.views.review import link_target

    url = "https://news.example/a?x=1|<b>&y=2"
    assert link_target(url) == "https://news.example/a?x=1%7C%3Cb%3E&y=2"
    assert not set("<>|") & set(link_target(url))
