"""Answers leave as soon as they are made: Bolt's request thread checks for the listener's
ack every millisecond instead of every ten (the effect is measured in bench/RESULTS.md)."""

from __future__ import annotations

import inspect
import time

import pytest

from cyberbrief.slack.prompt_ack import ACK_POLL, prompt_acks


def test_bolt_still_waits_for_acks_by_sleeping_in_the_module_whose_clock_is_swapped() -> None:
    """If an upgrade of Bolt waits another way, the swap does nothing: this says so."""
    from slack_bolt.listener import thread_runner

    source = inspect.getsource(thread_runner)
    assert "while ack.response is None" in source
    assert "time.sleep(0.01)" in source


def test_the_wait_for_an_ack_sleeps_a_millisecond_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from slack_bolt.listener import thread_runner

    monkeypatch.setattr(thread_runner, "time", time)  # Bolt's own clock again afterwards
    prompt_acks()
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)
    clock = vars(thread_runner)["time"]  # the runner's name for its clock
    clock.sleep(0.01)  # what the runner calls between its checks
    assert slept == [ACK_POLL]
    assert abs(clock.time() - time.time()) < 1.0
