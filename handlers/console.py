"""A local console that plays Slack: typed ``/cyber ...`` lines go through the real listeners.

Each line becomes a slash-command payload dispatched into the same Bolt app Slack would
reach, and the ack's blocks are printed as text, so what you see is what Slack would show.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from slack_bolt import App, BoltRequest, BoltResponse

CONSOLE_USER = "UCONSOLE"
CONSOLE_CHANNEL = "CCONSOLE"
CONSOLE_TEAM = "TCONSOLE"
BANNER = (
    "cyberbrief local console: SLACK_BOT_TOKEN and SLACK_APP_TOKEN are not set, so nothing "
    "is sent to Slack.\nType a slash command such as `/cyber who is ICSPA` (or just the "
    "question); `quit` or Ctrl-D to leave."
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
        "trigger_id": "console.trigger",
        "api_app_id": "ACONSOLE",
    }
    return app.dispatch(BoltRequest(body=body, mode="socket_mode"))


def _unescape(text: str) -> str:
    text = re.sub(r"<(https?://[^|>]+)\|([^>]+)>", r"\2 (\1)", text)
    text = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"\1", text)
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("\u2060", "")
    )


def _text_of(obj: dict[str, Any] | None) -> str:
    return _unescape(str((obj or {}).get("text", "")))


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
            out.append("  ".join(f"[{_text_of(e.get('text'))}]" for e in block.get("elements", [])))
        elif kind == "context":
            out.append(" ".join(_text_of(e) for e in block.get("elements", [])))
        elif kind == "divider":
            out.append("-" * 40)
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


def run_console(app: App, stdin: TextIO, stdout: TextIO, *, interactive: bool) -> None:
    """Read commands until end of input, printing each reply."""
    print(BANNER, file=stdout)
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
