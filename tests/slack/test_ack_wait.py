"""The listener pool that hands a request its ack as soon as the listener makes it
(``cyberbrief.slack.ack_wait``): Bolt's request thread finds the ack already set when the
hand-off returns, so it never sleeps in its 10 ms polling loop; what a listener does after
its ack still runs after the response; a listener that never acks still ends the wait.
Real Bolt apps and threads; no timing thresholds."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from slack_bolt import Ack, App, BoltContext, BoltRequest
from slack_bolt.listener import thread_runner

from cyberbrief.slack.ack_wait import AckWaitingPool
from tests.slack_requests import SECRET, command_body, signed_headers


def _request(text: str) -> BoltRequest:
    body = command_body(text, "http://127.0.0.1:9/response")
    return BoltRequest(body=body, headers=dict(signed_headers(body)))


class Polls:
    """Counts the sleeps of Bolt's ack-polling loop (``time.sleep`` in its listener runner)."""

    def __init__(self) -> None:
        self.count = 0
        self.real = thread_runner.time.sleep

    def sleep(self, seconds: float) -> None:
        if sys._getframe(1).f_globals.get("__name__") == thread_runner.__name__:
            self.count += 1
        self.real(seconds)


@pytest.fixture
def polls(monkeypatch: pytest.MonkeyPatch) -> Polls:
    counted = Polls()
    monkeypatch.setattr(thread_runner.time, "sleep", counted.sleep)
    return counted


@pytest.fixture
def pool() -> Iterator[AckWaitingPool]:
    made = AckWaitingPool(4, ack_wait=0.2, thread_name_prefix="listener")
    yield made
    made.shutdown(wait=True)


def _app(pool: AckWaitingPool) -> App:
    """The app without the authorize step (a test listener needs no token)."""
    from slack_bolt.authorization import AuthorizeResult

    app = App(
        signing_secret=SECRET,
        listener_executor=pool,
        authorize=lambda **_: AuthorizeResult(
            enterprise_id=None, team_id="T0FAKE", bot_token="xoxb-test", bot_user_id="UBOT"
        ),
    )
    app.middleware(pool.ack_signal())
    return app


def test_the_reply_is_returned_the_moment_the_listener_acks(
    pool: AckWaitingPool, polls: Polls
) -> None:
    release, after_ack = threading.Event(), threading.Event()
    app = _app(pool)

    @app.command("/cyber")
    def answer(ack: Ack, command: dict[str, Any]) -> None:
        threading.Event().wait(0.05)  # the answer takes a while
        ack(text=f"answer to {command['text']}")
        release.wait(5)  # work after the ack (recording the answer, Web API calls)
        after_ack.set()

    response = app.dispatch(_request("who is ICSPA"))
    assert response.status == 200
    assert "answer to who is ICSPA" in response.body
    assert not after_ack.is_set(), "the reply does not wait for the work after the ack"
    assert polls.count == 0, "Bolt found the ack already made: it never polled for it"
    release.set()
    assert after_ack.wait(5)


def test_every_request_gets_its_own_ack(pool: AckWaitingPool, polls: Polls) -> None:
    app = _app(pool)

    @app.command("/cyber")
    def answer(ack: Ack, command: dict[str, Any]) -> None:
        ack(text=f"answer to {command['text']}")

    results: dict[str, str] = {}

    def ask(text: str) -> None:
        results[text] = app.dispatch(_request(text)).body

    asked = [f"question {i}" for i in range(12)]
    threads = [threading.Thread(target=ask, args=(text,)) for text in asked]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert all(f"answer to {text}" in results[text] for text in asked)
    assert polls.count == 0


def test_a_listener_that_fails_before_acking_is_answered_without_polling(
    pool: AckWaitingPool, polls: Polls
) -> None:
    """Bolt's error handler sets the failed listener's response; the hand-off returns when
    the listener ends, so that response goes out at once too."""
    app = _app(pool)

    @app.command("/cyber")
    def broken(command: dict[str, Any]) -> None:
        raise RuntimeError("the listener failed")

    response = app.dispatch(_request("anything"))
    assert response.status == 500
    assert polls.count == 0


def test_other_hand_offs_do_not_wait(pool: AckWaitingPool) -> None:
    """Work handed to the pool outside a request (no ack expected) starts and returns."""
    release = threading.Event()
    future = pool.submit(release.wait, 5)
    assert not future.done(), "submit returned while the work still runs"
    release.set()
    assert future.result(5) is True


def test_a_request_whose_listener_hangs_before_acking_waits_at_most_ack_wait(
    pool: AckWaitingPool,
) -> None:
    """The hand-off waits ``ack_wait`` at most; the request is then Bolt's to finish."""
    release = threading.Event()
    context = BoltContext()
    signal = pool.ack_signal()
    signal(context, lambda: None)
    future = pool.submit(release.wait, 5)
    assert not future.done() and context.ack.response is None
    release.set()
    future.result(5)


def test_the_ack_made_in_the_listener_is_the_requests_own(pool: AckWaitingPool) -> None:
    """What ``ack`` sets is what the request's context holds (Bolt's runner reads it)."""
    context = BoltContext()
    pool.ack_signal()(context, lambda: None)

    def listener() -> None:
        threading.Event().wait(0.05)  # the answer takes a while
        context.ack(text="done")
        threading.Event().wait(0.05)

    pool.submit(listener)
    assert context.ack.response is not None
    assert context.ack.response.body == "done"
