"""What the user sees when a listener fails or a request matches none: a clear reply, never a
404 or a 500 (which Slack shows as a bare "dispatch_failed" or an unexplained error).

Store faults (locked, read-only, corrupt, disk full, the database gone) are expected in
operation: they are logged as one line and told to the user as such. Anything else is a bug:
logged with its traceback, and the user is told it was logged.
"""

from __future__ import annotations

import functools
import logging
import re
import sqlite3
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltResponse, Respond
from slack_sdk.models.blocks import MarkdownTextObject, PlainTextObject, SectionBlock
from slack_sdk.models.views import View

from cyberbrief.store.health import StoreUnavailable, explain

log = logging.getLogger(__name__)

BUG = "Sorry, something went wrong with that. The error has been logged."
STALE = "That button or form is not one cyberbrief knows (it may be out of date): try /cyber again."


def store_fault(error: BaseException) -> str | None:
    """A one-line message for a store fault (None for anything else)."""
    if isinstance(error, StoreUnavailable | sqlite3.Error):
        return f"Sorry, the knowledge store cannot be used right now: {explain(error)}."
    return None


def describe(error: BaseException, what: str) -> str:
    """Log ``error`` (one line for a store fault, a traceback for a bug); the user's text."""
    fault = store_fault(error)
    if fault is not None:
        log.error("%s: %s", what, explain(error))
        return fault
    log.error("%s failed", what, exc_info=error)
    return BUG


def notice_view(text: str, title: str = "cyberbrief") -> dict[str, Any]:
    """A modal that just says ``text`` (progress, or why something could not be done)."""
    return View(
        type="modal",
        title=PlainTextObject(text=title[:24]),
        close=PlainTextObject(text="Close"),
        blocks=[SectionBlock(text=MarkdownTextObject(text=text[:3000]))],
    ).to_dict()


def _on_error(
    error: Exception,
    body: dict[str, Any],
    response: BoltResponse | None,
    respond: Respond | None,
) -> BoltResponse | None:
    text = describe(error, f"{body.get('type') or body.get('command') or 'request'} listener")
    if response is None or body.get("type") == "block_actions":
        # Already acknowledged, or a button (Slack ignores its ack's body): say it where the
        # user is, through response_url.
        if respond is not None:
            try:
                respond(response_type="ephemeral", replace_original=False, text=text)
            except Exception:  # the reply itself failed; the log has the cause
                log.warning("could not tell the user about the failure")
        return None if response is None else BoltResponse(status=200, body="")
    if body.get("type") == "view_submission":
        return BoltResponse(
            status=200,
            body={"response_action": "update", "view": notice_view(text)},
            headers={"content-type": "application/json"},
        )
    if body.get("command"):
        return BoltResponse(
            status=200,
            body={"response_type": "ephemeral", "text": text},
            headers={"content-type": "application/json"},
        )
    return BoltResponse(status=200, body="")


def _unknown_action(ack: Ack, respond: Respond | None) -> None:
    ack()
    if respond is not None:
        respond(response_type="ephemeral", replace_original=False, text=STALE)


def _unknown_view(ack: Ack) -> None:
    ack(response_action="update", view=notice_view(STALE))


def _unknown(ack: Ack) -> None:
    ack()


def _guarded(listener: Callable[..., Any]) -> Callable[..., Any]:
    """``listener``, reporting a failure after its ack itself.

    Bolt's runner, when a listener raises after ``ack()``, resets the ack it was waiting for:
    the request then waits out the 3 s ack timeout and falls through to the next matching
    listener (here, the "not one cyberbrief knows" reply). So a failure after the ack is told
    to the user here and not raised; one before the ack still goes to :func:`_on_error`."""

    @functools.wraps(listener)
    def run(**kwargs: Any) -> Any:
        try:
            return listener(**kwargs)
        except Exception as error:
            ack = kwargs.get("ack")
            if ack is None or getattr(ack, "response", None) is None:
                raise
            body = kwargs.get("body") or {}
            text = describe(error, f"{body.get('type') or body.get('command') or 'request'}")
            context = kwargs.get("context")
            respond = kwargs.get("respond") or getattr(context, "respond", None)
            if respond is not None:
                try:
                    respond(response_type="ephemeral", replace_original=False, text=text)
                except Exception:  # the reply itself failed; the log has the cause
                    log.warning("could not tell the user about the failure")
            return None

    return run


def register(app: App) -> None:
    """Last in line: requests no listener took, and the error handler for those that failed;
    every listener registered before is wrapped by :func:`_guarded`."""
    from slack_bolt.listener.custom_listener import CustomListener

    for listener in app._listeners:  # Bolt has no public hook around a listener's run
        if isinstance(listener, CustomListener):
            listener.ack_function = _guarded(listener.ack_function)
    everything = re.compile(r".*", re.DOTALL)
    app.action(everything)(_unknown_action)
    app.view_submission(everything)(_unknown_view)
    app.view_closed(everything)(_unknown)
    app.shortcut(everything)(_unknown)
    app.options(everything)(_unknown)
    app.error(_on_error)
