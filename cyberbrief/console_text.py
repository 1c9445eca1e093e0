"""Block Kit and slash-command responses as a terminal shows them: headers underlined, buttons
in brackets, links as "text (url)", Slack's escapes undone (for the console, no Slack)."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterable
from typing import Any

from slack_bolt import BoltResponse

from cyberbrief.slack.views.answer import MORE_ACTION

ASK_HINT = ".venv/bin/cyberbrief ask"
"""How the console says to see a whole answer: the installed command, never bare python."""


def unescape(text: str) -> str:
    text = re.sub(r"<#CCONSOLE(?:\|[^>]*)?>", "this console", text)
    text = re.sub(r"<#(C\w+)\|([^>]+)>", r"#\2", text)
    text = re.sub(r"<#(C\w+)>", r"#\1", text)
    text = re.sub(r"<@([UW]\w+)>", r"@\1", text)
    text = re.sub(r"<(https?://[^|>]+)\|([^>]+)>", r"\2 (\1)", text)
    # Bold and italic as Slack reads them: the marked text neither starts nor ends with a space.
    text = re.sub(r"(?<![\w*])\*(\S(?:[^*\n]*\S)?)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<![\w_])_(\S(?:[^_\n]*\S)?)_(?![\w_])", r"\1", text)
    text = re.sub(r"`([^`\n]+)`", r"\1", text)
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("\u2060", "")
    )


def text_of(obj: dict[str, Any] | None) -> str:
    return unescape(str((obj or {}).get("text", "")))


def _button_text(element: dict[str, Any]) -> str:
    """A button as text; "Show all", which a console cannot press, says where to see all."""
    label = f"[{text_of(element.get('text'))}]"
    if element.get("action_id") != MORE_ACTION:
        return label
    try:
        question = str(json.loads(str(element.get("value")))["q"])
    except (ValueError, TypeError, KeyError):
        return label
    return f"(more lines: {ASK_HINT} {shlex.quote(question)} prints them all)"


def blocks_to_text(blocks: Iterable[dict[str, Any]]) -> str:
    """Block Kit as a terminal would show it: headers underlined, buttons in brackets."""
    out: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = text_of(block.get("text"))
            out += [title, "=" * min(len(title), 70)]
        elif kind == "section":
            if block.get("text"):
                out.append(text_of(block.get("text")))
            for field in block.get("fields") or []:
                out.append(text_of(field).replace("\n", ": ", 1))
        elif kind == "actions":
            out.append("  ".join(_button_text(e) for e in block.get("elements", [])))
        elif kind == "context":
            first, *rest = [text_of(e) for e in block.get("elements", [])] or [""]
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
    return unescape(str(payload.get("text", "")))
