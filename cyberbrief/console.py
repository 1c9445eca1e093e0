"""A local console that plays Slack: typed ``/cyber ...`` lines go through the real listeners.

Each line becomes a slash-command payload dispatched into the same Bolt app Slack would
reach, and the ack's blocks are printed as text, so what you see is what Slack would show.
"""

from __future__ import annotations

import json
import re
import secrets
import shlex
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_sdk import WebClient
from slack_sdk.web import SlackResponse

from cyberbrief.slack.views.answer import MORE_ACTION

CONSOLE_USER = "UCONSOLE"
CONSOLE_CHANNEL = "CCONSOLE"
CONSOLE_TEAM = "TCONSOLE"
TOKENS = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
"""What Socket Mode needs; without both, ``bot.py`` is this console."""


class ConsoleClient(WebClient):
    """Slack's Web API as the console plays it, with no workspace and no network: the bot is
    in every channel, users have no Slack time zone, and writes (modals, posts) succeed."""

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
        return SlackResponse(
            client=self,
            http_verb="POST",
            api_url=self.base_url + api_method,
            req_args={},
            data=data,
            headers={},
            status_code=200,
        )


def use_console_client(app: App) -> None:
    """Every listener of ``app`` gets a :class:`ConsoleClient` instead of Bolt's own."""
    client = ConsoleClient(token="xoxb-console")

    def console_client(context: BoltContext, next: Callable[[], None]) -> None:
        context["client"] = client
        next()

    app.use(console_client)


def banner(missing: Sequence[str] = TOKENS) -> str:
    """Why this is a console and how to use it."""
    names = " and ".join(missing) or " and ".join(TOKENS)
    verb = "is" if len(missing) == 1 else "are"
    return (
        f"cyberbrief local console: {names} {verb} not set, so this does not connect to "
        "Slack.\nType a slash command such as /cyber who is ICSPA (or just the question); "
        "quit or Ctrl-D to leave."
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


def _unescape(text: str) -> str:
    text = re.sub(r"<(https?://[^|>]+)\|([^>]+)>", r"\2 (\1)", text)
    # Bold and italic as Slack reads them: the marked text neither starts nor ends with a space.
    text = re.sub(r"(?<![\w*])\*(\S(?:[^*\n]*\S)?)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<![\w_])_(\S(?:[^_\n]*\S)?)_(?![\w_])", r"\1", text)
    text = re.sub(r"`([^`\n]+)`", r"\1", text)
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("\u2060", "")
    )


def _text_of(obj: dict[str, Any] | None) -> str:
    return _unescape(str((obj or {}).get("text", "")))


def _button_text(element: dict[str, Any]) -> str:
    """A button as text; "Show all", which a console cannot press, says where to see all."""
    label = f"[{_text_of(element.get('text'))}]"
    if element.get("action_id") != MORE_ACTION:
        return label
    try:
        question = str(json.loads(str(element.get("value")))["q"])
    except (ValueError, TypeError, KeyError):
        return label
    return f"(more lines: python bot.py ask {shlex.quote(question)} prints them all)"


def blocks_to_text(blocks: Iterable[dict[str, Any]]) -> str:
    """Block Kit as a terminal would show it: headers underlined, buttons in brackets."""
    out: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = _text_of(block.get("text"))
            out += [title, "=" * min(len(title), 70)]
        elif kind == "section":
            if block.get("text"):
                out.append(_text_of(block.get("text")))
            for field in block.get("fields") or []:
                out.append(_text_of(field).replace("\n", ": ", 1))
        elif kind == "actions":
            out.append("  ".join(_button_text(e) for e in block.get("elements", [])))
        elif kind == "context":
            first, *rest = [_text_of(e) for e in block.get("elements", [])] or [""]
            out += [first, *(f"  {text}" for text in rest)]  # "Sources", then one a line
        elif kind == "divider":
            out.append("-" * 40)
        elif kind == "markdown":  # standard markdown: bold and backslash escapes off
            text = str(block.get("text", "")).replace("**", "")
            out.append(re.sub(r"\\([\\`*_~\[\]<>|#+\-.])", r"\1", text))
        elif kind == "table":
            for row in block.get("rows") or []:
                out.append(" | ".join(str(cell.get("text", "")) for cell in row))
    return "\n".join(out)


def response_to_text(response: BoltResponse) -> str:
    """What the user would see for a slash command's response."""
    if response.status == 404:
        return "That command is not handled here; try /cyber help."
    if response.status != 200:
        return f"(error {response.status}) {response.body}"
    if not response.body:
        return ""
    try:
        payload = json.loads(response.body)
    except ValueError:
        return str(response.body)
    if payload.get("blocks"):
        return blocks_to_text(payload["blocks"])
    return _unescape(str(payload.get("text", "")))


def run_console(
    app: App,
    stdin: TextIO,
    stdout: TextIO,
    *,
    interactive: bool,
    missing: Sequence[str] = TOKENS,
) -> None:
    """Read commands until end of input, printing each reply; ``missing`` names the unset
    tokens that made this a console."""
    print(banner(missing), end="\n\n", file=stdout)
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        line = line.strip()
        if not line:
            continue
        if line.lower() in ("quit", "exit", "q"):
            break
        if line.startswith("/"):
            command, _, text = line.partition(" ")
        else:
            command, text = "/cyber", line
        if command != "/cyber":
            print(f"Only /cyber is handled here, not {command}; try /cyber help.", file=stdout)
            continue
        print(response_to_text(dispatch_command(app, command, text.strip())), file=stdout)
        print(file=stdout)
