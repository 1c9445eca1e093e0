"""A local console that plays Slack: typed ``/cyber ...`` lines go through the real listeners.

Each line becomes a slash-command payload dispatched into the same Bolt app Slack would
reach, and the reply is printed as text, so what you see is what Slack would show. The console
is its operator's: whoever runs it is an admin here, a form (``admin add``) is asked for on
the terminal field by field (``console_forms``), and what a listener posts after its ack
(an ephemeral note, a reply through ``response_url``) is printed in order, because the
console app runs each listener to its end before the next line is read.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Sequence
from typing import Any

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_sdk import WebClient
from slack_sdk.web import SlackResponse

from cyberbrief.console_forms import (
    CONSOLE_TEAM,
    CONSOLE_USER,
    FormDriver,
    Terminal,
    dispatcher,
)
from cyberbrief.console_text import blocks_to_text, response_to_text, unescape
from cyberbrief.digests.subscriptions import CONSOLE_CHANNEL

__all__ = ["CONSOLE_CHANNEL", "CONSOLE_TEAM", "CONSOLE_USER", "Terminal"]

TOKENS = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
"""What Socket Mode needs; without both, ``cyberbrief`` is this console."""
VIEW_METHODS = ("views.open", "views.update", "views.push")
POST_METHODS = ("chat.postEphemeral", "chat.postMessage")


def _printed(terminal: Terminal, payload: dict[str, Any]) -> None:
    blocks = payload.get("blocks")
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    text = blocks_to_text(blocks) if blocks else unescape(str(payload.get("text") or ""))
    if text:
        terminal.say(text)
        terminal.say()


class ConsoleClient(WebClient):
    """Slack's Web API as the console plays it, with no workspace and no network: the bot is
    in every channel, users have no Slack time zone, a modal is asked for on the terminal and
    a posted message is printed there."""

    def __init__(self, terminal: Terminal, forms: FormDriver, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.terminal = terminal
        self.forms = forms

    def api_call(
        self, api_method: str, *, params: dict[str, Any] | None = None, **kwargs: Any
    ) -> SlackResponse:
        args = {**(params or {}), **(kwargs.get("json") or {}), **(kwargs.get("data") or {})}
        data: dict[str, Any] = {"ok": True}
        if api_method == "conversations.info":
            data["channel"] = {"id": args.get("channel", CONSOLE_CHANNEL), "is_member": True}
        elif api_method == "users.info":
            data["user"] = {"id": args.get("user", CONSOLE_USER)}
        elif api_method == "users.conversations":
            data["channels"] = [{"id": CONSOLE_CHANNEL}]
        elif api_method in VIEW_METHODS:
            view = args.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            if isinstance(view, dict):
                self.forms.open(view)
            data["view"] = {"id": "VCONSOLE"}
        elif api_method in POST_METHODS:
            _printed(self.terminal, args)
            data["ts"] = "1.000000"
        return SlackResponse(
            client=self,
            http_verb="POST",
            api_url=self.base_url + api_method,
            req_args={},
            data=data,
            headers={},
            status_code=200,
        )


class ConsoleRespond:
    """``respond()`` (a reply through ``response_url``), printed on the terminal."""

    def __init__(self, terminal: Terminal) -> None:
        self.terminal = terminal

    def __call__(self, text: str = "", blocks: Any = None, **_: Any) -> None:
        _printed(self.terminal, {"text": text, "blocks": blocks})


def use_console_client(app: App, terminal: Terminal) -> None:
    """Every listener of ``app`` gets a :class:`ConsoleClient` instead of Bolt's own, and a
    ``respond`` that prints."""
    client = ConsoleClient(terminal, FormDriver(terminal, dispatcher(app)), token="xoxb-console")
    respond = ConsoleRespond(terminal)

    def console_client(context: BoltContext, next: Callable[[], None]) -> None:
        context["client"] = client
        context["respond"] = respond
        next()

    app.use(console_client)


def banner(missing: Sequence[str] = TOKENS) -> str:
    """Why this is a console and how to use it."""
    names = " and ".join(missing) or " and ".join(TOKENS)
    verb = "is" if len(missing) == 1 else "are"
    return (
        f"cyberbrief local console: {names} {verb} not set, so this does not connect to "
        "Slack.\nType a slash command such as /cyber who is ICSPA (or just the question); "
        "quit or Ctrl-D to leave.\nYou run it, so you are its admin: /cyber admin help lists "
        "what admins can do; forms are asked for here, field by field."
    )


def dispatch_command(
    app: App, command: str, text: str, user_id: str = CONSOLE_USER
) -> BoltResponse:
    """Send one slash command through the app as Slack's Socket Mode would."""
    body = {
        "command": command,
        "text": text,
        "user_id": user_id,
        "user_name": "console",
        "channel_id": CONSOLE_CHANNEL,
        "channel_name": "console",
        "team_id": CONSOLE_TEAM,
        "team_domain": "console",
        "response_url": "",
        "trigger_id": f"console.{secrets.token_hex(8)}",
        "api_app_id": "ACONSOLE",
    }
    return app.dispatch(BoltRequest(body=body, mode="socket_mode"))


def run_console(app: App, terminal: Terminal, *, missing: Sequence[str] = TOKENS) -> None:
    """Read commands until end of input, printing each reply; ``missing`` names the unset
    tokens that made this a console."""
    terminal.say(banner(missing) + "\n")
    while True:
        line = terminal.line("> ")
        if line is None:
            break
        if not line:
            continue
        if line.lower() in ("quit", "exit", "q"):
            break
        if line.startswith("/"):
            command, _, text = line.partition(" ")
        else:
            command, text = "/cyber", line
        if command != "/cyber":
            terminal.say(f"Only /cyber is handled here, not {command}; try /cyber help.")
            continue
        reply = response_to_text(dispatch_command(app, command, text.strip()))
        if reply:
            terminal.say(reply)
            terminal.say()
