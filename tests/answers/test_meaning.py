"""The meaning signal: WordLlama from its own wheel, no network, and what it adds to answers."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path
from typing import Any

import pytest

from cyberbrief.answers import meaning as meaning_module
from cyberbrief.answers.answerer import Answerer
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.plaintext import render
from cyberbrief.knowledge.model import Status
from cyberbrief.knowledge.seed import open_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return open_store(Path(tmp_path_factory.mktemp("meaning")) / "k.db")


def test_the_model_loads_from_the_package_without_the_network(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the model tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    meaning_module._load_wordllama.cache_clear()
    close = Meaning().similarity(
        "what slows down cooperation",
        ["cooperation is hindered by a lack of clear policy", "a recipe for banana bread"],
    )
    assert close[0] > close[1]


def test_disabled_meaning_scores_nothing() -> None:
    assert Meaning(enabled=False).similarity("a", ["a", "b"]) == [0.0, 0.0]


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("what holds back APEC's cyber cooperation", "policy statements"),
    ],
)
def test_meaning_answers_paraphrases_that_words_alone_do_not(
    store: Any, question: str, says: str
) -> None:
    today = lambda: dt.date(2026, 11, 24)  # noqa: E731
    words_only = Answerer(store, today, meaning=Meaning(enabled=False)).answer(question)
    assert words_only.status is Status.NOT_FOUND
    answer = Answerer(store, today).answer(question)
    assert answer.status is Status.FOUND
    assert says in render(answer)


@pytest.mark.parametrize(
    "question",
    [
        "what is the UN Open-Ended Working Group",
        "why did the Christchurch Call stall",
        "what worries bankers about quantum computing",
    ],
)
def test_meaning_does_not_make_near_misses_confident(store: Any, question: str) -> None:
    answer = Answerer(store, lambda: dt.date(2026, 11, 24)).answer(question)
    assert answer.status is Status.NOT_FOUND, render(answer)


def test_vectors_equal_wordllamas_own_loader_offline() -> None:
    import os

    import numpy as np
    import wordllama

    folder = os.path.dirname(wordllama.__file__)
    texts = ["what holds back APEC's cyber cooperation", "APEC lacks clear policy", "x"]
    theirs = wordllama.WordLlama.load(cache_dir=folder, disable_download=True).embed(
        texts, norm=True
    )
    ours = meaning_module.StaticEmbeddings(folder).embed(texts, norm=True)
    assert np.allclose(ours, theirs, atol=1e-6)


def test_kept_word_and_question_vectors_are_the_ones_embedded_afresh() -> None:
    """Words compared in meaning are embedded once and kept: the words close to what is
    asked, and every vector, are exactly what embedding them afresh, in any company, gives."""
    import numpy as np

    from cyberbrief.knowledge.embedding import embed

    warmed, fresh = Meaning(), Meaning()
    model = fresh.model
    assert model is not None
    record = "ministers agreed to fund a computer emergency response team in Brussels".split()
    warmed.close_words(["sick"], ["ill", "ministers", "weather", "budget"], 0.5)
    for wanted in (["money", "sick"], ["team", "capital", "ill"]):
        assert warmed.close_words(wanted, record, 0.5) == fresh.close_words(wanted, record, 0.5)
        batch = [*wanted, *record]
        assert np.array_equal(warmed._word_vectors(model, batch), embed(model, batch))
    question = "who funds the emergency team"
    kept = warmed.vector(question)
    assert kept is not None and kept is warmed.vector(question)
    assert np.array_equal(kept, embed(model, [question])[0])
    assert not kept.flags.writeable  # shared by every stage of an answer: never changed
