"""An event card answering "where" says the place once: in the answer's first line, not
again as a field of the card below it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.plaintext import render
from tests.helpers import mini_store


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    db = mini_store(Path(tmp_path_factory.mktemp("wording")) / "k.db")
    return Answerer(db, today=lambda: dt.date(2026, 11, 24))


def test_where_is_an_event_gives_its_place_once(answerer: Answerer) -> None:
    printed = render(answerer.answer("where is the london conference on cyberspace"))
    assert printed.count("London, United Kingdom") == 1, printed
    assert "Where: London, United Kingdom." in printed
    assert "Was held 1–2 Nov 2011" in printed, "the rest of the card stays"
