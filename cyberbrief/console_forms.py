"""Slack's modals on a terminal: the console asks for a form's inputs one by one, submits them
through the same Bolt listeners Slack would reach (so a field is checked exactly as in Slack)
and asks again for the fields the listener sends back with a problem.

A view the console opens is driven here: a kind picker becomes a numbered choice (its button
action goes through the app, which answers with the chosen kind's form), text and date inputs
a prompt each, checkboxes and selects numbered choices; a view with only text is printed, and
a submit button becomes a yes/no question. End of input cancels the form: nothing is written.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from slack_bolt import App, BoltRequest, BoltResponse

from cyberbrief.console_text import blocks_to_text, text_of

CONSOLE_USER = "UCONSOLE"
CONSOLE_TEAM = "TCONSOLE"
NO_FILES = (
    "The console cannot upload a file: load it from the command line instead, with the same "
    "checks: .venv/bin/cyberbrief load FILE (add --dry-run to see what would change)."
)


class Cancelled(Exception):
    """The operator ended the input (or typed 'cancel') in the middle of a form."""


@dataclass
class Terminal:
    """Where the console reads lines and prints replies; ``interactive`` shows prompts."""

    stdin: TextIO
    stdout: TextIO
    interactive: bool = False

    def say(self, text: str = "") -> None:
        print(text, file=self.stdout)
        self.stdout.flush()

    def line(self, prompt: str) -> str | None:
        """One line of input, stripped; None at end of input."""
        if self.interactive:
            self.stdout.write(prompt)
            self.stdout.flush()
        line = self.stdin.readline()
        return line.strip() if line else None

    def ask(self, prompt: str) -> str:
        """A form's answer; Cancelled at end of input or on 'cancel'. The prompt is shown
        even when the input is piped, so a transcript says which answer went where."""
        if not self.interactive:
            self.say(prompt.rstrip())
        line = self.line(prompt)
        if line is None or line.lower() == "cancel":
            raise Cancelled
        return line


@dataclass
class FormDriver:
    """Shows the modals the app opens and submits them on the operator's behalf."""

    terminal: Terminal
    dispatch: Callable[[dict[str, Any]], BoltResponse]
    pending: list[dict[str, Any]] = field(default_factory=list)
    driving: bool = False

    def open(self, view: dict[str, Any]) -> None:
        """``views.open`` / ``views.update`` / ``views.push``: shown now, or after the view
        being driven (a listener that updates the view while it is submitted)."""
        self.pending.append(view)
        if self.driving:
            return
        self.driving = True
        try:
            while self.pending:
                self._drive(self.pending.pop(0))
        except Cancelled:
            self.pending.clear()
            self.terminal.say("Form cancelled: nothing was written.")
        finally:
            self.driving = False

    def _drive(self, view: dict[str, Any]) -> None:
        view = {**view, "id": view.get("id") or f"VCONSOLE{secrets.token_hex(4)}"}
        blocks = list(view.get("blocks") or [])
        title = text_of(view.get("title"))
        if title:
            self.terminal.say(f"{title}\n{'=' * min(len(title), 70)}")
        picker = next((b for b in blocks if _unchosen_picker(b)), None)
        if picker is not None:
            self._pick(view, picker)
            return
        inputs = [b for b in blocks if b.get("type") == "input"]
        shown = [b for b in blocks if b.get("type") != "input" and not _picker(b)]
        if shown:
            self.terminal.say(blocks_to_text(shown))
        if any(b["element"].get("type") == "file_input" for b in inputs):
            self.terminal.say(NO_FILES)
            return
        if not view.get("submit"):
            return
        if not inputs:
            answer = self.terminal.ask(f"{text_of(view.get('submit'))}? [y/N] ")
            if answer.lower() in ("y", "yes"):
                self._submit(view, {})
            else:
                self.terminal.say("Nothing was written.")
            return
        self.terminal.say("(Press Enter to leave an optional field empty; 'cancel' stops.)")
        values: dict[str, dict[str, Any]] = {}
        ask_for = inputs
        while True:
            for block in ask_for:
                values[block["block_id"]] = self._input(block)
            errors = self._submit(view, values)
            if not errors:
                return
            for block_id, message in errors.items():
                label = next(
                    (text_of(b.get("label")) for b in inputs if b["block_id"] == block_id),
                    block_id,
                )
                self.terminal.say(f"  {label}: {message}")
            ask_for = [b for b in inputs if b["block_id"] in errors] or inputs

    def _pick(self, view: dict[str, Any], block: dict[str, Any]) -> None:
        select = block["accessory"]
        option = self._choose(text_of(block.get("text")), select.get("options") or [], True)
        body = self._body("block_actions", view)
        body["actions"] = [
            {
                "type": select.get("type"),
                "action_id": select.get("action_id"),
                "block_id": block.get("block_id"),
                "selected_option": option,
            }
        ]
        self.dispatch(body)

    def _input(self, block: dict[str, Any]) -> dict[str, Any]:
        """One input as Slack's ``view.state`` would hold it."""
        element = block["element"]
        kind, action = element.get("type"), element.get("action_id", "value")
        label = text_of(block.get("label"))
        optional = bool(block.get("optional"))
        hint = text_of(block.get("hint"))
        if kind in ("checkboxes", "static_select"):
            chosen = self._choose(label, element.get("options") or [], not optional, kind)
            state: dict[str, Any] = {"type": kind}
            if kind == "checkboxes":
                state["selected_options"] = chosen
            else:
                state["selected_option"] = chosen
            return {action: state}
        extra = " (YYYY-MM-DD)" if kind == "datepicker" else ""
        note = f" [{hint}]" if hint else ""
        while True:
            typed = self.terminal.ask(f"{label}{extra}{' (optional)' if optional else ''}{note}: ")
            if typed or optional:
                break
            self.terminal.say(f"  {label} is required.")
        if kind == "datepicker":
            return {action: {"type": kind, "selected_date": typed or None}}
        return {action: {"type": kind, "value": typed or None}}

    def _choose(
        self, label: str, options: list[dict[str, Any]], required: bool, kind: str = "select"
    ) -> Any:
        """A numbered choice (several, comma-separated, for checkboxes); names work too."""
        names = [text_of(o.get("text")) for o in options]
        self.terminal.say(label + "\n" + "\n".join(f"  {i}. {n}" for i, n in enumerate(names, 1)))
        many = kind == "checkboxes"
        while True:
            typed = self.terminal.ask("numbers, comma-separated: " if many else "number: ")
            if not typed and not required:
                return [] if many else None
            picked = [_option_index(word, options, names) for word in typed.split(",")]
            if typed and all(i is not None for i in picked) and (many or len(picked) == 1):
                chosen = [options[i] for i in picked if i is not None]
                return chosen if many else chosen[0]
            what = "numbers" if many else "a number"
            self.terminal.say(f"  Choose {what} from 1 to {len(options)}.")

    def _submit(self, view: dict[str, Any], values: dict[str, Any]) -> dict[str, str]:
        """Submit the form; the field errors the listener answered with (none: done)."""
        body = self._body("view_submission", view)
        body["view"]["state"] = {"values": values}
        response = self.dispatch(body)
        try:
            answer = json.loads(response.body) if response.body else {}
        except ValueError:
            answer = {}
        if not isinstance(answer, dict):
            return {}
        if answer.get("response_action") == "errors":
            return {str(k): str(v) for k, v in (answer.get("errors") or {}).items()}
        if answer.get("response_action") in ("update", "push") and answer.get("view"):
            self.pending.append(answer["view"])
        return {}

    def _body(self, kind: str, view: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": kind,
            "user": {"id": CONSOLE_USER, "team_id": CONSOLE_TEAM},
            "team": {"id": CONSOLE_TEAM},
            "api_app_id": "ACONSOLE",
            "trigger_id": f"console.{secrets.token_hex(8)}",
            "view": {**view},
        }


def _picker(block: dict[str, Any]) -> bool:
    accessory = block.get("accessory") or {}
    return block.get("type") == "section" and accessory.get("type") == "static_select"


def _unchosen_picker(block: dict[str, Any]) -> bool:
    return _picker(block) and not block["accessory"].get("initial_option")


def _option_index(word: str, options: list[dict[str, Any]], names: list[str]) -> int | None:
    word = word.strip()
    if word.isdigit() and 1 <= int(word) <= len(options):
        return int(word) - 1
    for i, (option, name) in enumerate(zip(options, names, strict=True)):
        if word.lower() in (str(option.get("value")).lower(), name.lower()):
            return i
    return None


def dispatcher(app: App) -> Callable[[dict[str, Any]], BoltResponse]:
    """Send an interaction payload through ``app`` as Socket Mode would."""

    def dispatch(body: dict[str, Any]) -> BoltResponse:
        return app.dispatch(BoltRequest(body=body, mode="socket_mode"))

    return dispatch
