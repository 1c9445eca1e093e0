"""The Bolt app's listeners: every admin path sits behind ``require_admin``, and the
services reach listeners through the context rather than closures."""

from __future__ import annotations

from pathlib import Path

from cyberbrief.app import create_app
from cyberbrief.settings import Settings
from cyberbrief.slack.middleware import require_admin
from cyberbrief.slack.services import Services
from cyberbrief.store.connection import Store
from tests.helpers import FakeClock

PUBLIC = {
    "cyber",
    "open_card",
    "show_all",
    "share",
    "home_opened",
    "app_mention",
    "direct_message",
    "vote",
    "form_submitted",
    "ask_analyst",
    "mark_answered",
    "context_changed",
    "ask",
    "post_briefing",
}
"""Listeners anyone may trigger: questions, card buttons, App Home, mentions, DMs, the
feedback buttons and form under answers, and handing a question to the analysts, the
agent Messages tab, and the Workflow Builder steps (a question; the day's digest, as anyone may
subscribe a channel to it)."""
CATCH_ALL = {"_unknown_action", "_unknown_view", "_unknown"}
"""``slack/faults.py``: registered last, they only acknowledge what nothing else handles."""


def listeners(db_path: Path, clock: FakeClock) -> dict[str, list[object]]:
    app = create_app(
        Services.create(Store(db_path), clock),
        Settings.from_environ(
            {
                "SLACK_SIGNING_SECRET": "s",
                "SLACK_BOT_TOKEN": "xoxb-test",
                "SLACK_API_URL": "http://127.0.0.1:9/api/",
            }
        ),
    )
    found: dict[str, list[object]] = {}
    for listener in app._listeners:
        function = listener.ack_function  # type: ignore[attr-defined]
        middleware = [getattr(m, "func", None) for m in listener.middleware]
        found[f"{function.__module__}.{function.__name__}"] = middleware
    return found


def test_every_listener_but_the_public_ones_requires_an_admin(
    db_path: Path, clock: FakeClock
) -> None:
    found = listeners(db_path, clock)
    assert {name.rsplit(".", 1)[1] for name in found} >= PUBLIC
    unguarded = [
        name
        for name, middleware in found.items()
        if name.rsplit(".", 1)[1] not in PUBLIC | CATCH_ALL and require_admin not in middleware
    ]
    assert not unguarded, f"admin listeners without require_admin: {unguarded}"
    admin = [name for name in found if name.rsplit(".", 1)[1] not in PUBLIC | CATCH_ALL]
    assert len(admin) >= 10, "admin commands, buttons, forms and the shortcut are all there"


def test_listeners_are_module_level_functions_in_the_listeners_packages(
    db_path: Path, clock: FakeClock
) -> None:
    for name in listeners(db_path, clock):
        module, function = name.rsplit(".", 1)
        if function in CATCH_ALL:
            assert module == "cyberbrief.slack.faults", name
            continue
        assert module.startswith("cyberbrief.slack.listeners."), name
        assert "<locals>" not in function, f"{name} is a closure"
