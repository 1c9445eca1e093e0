"""Modal views for admins: one form per kind of knowledge (from the record schema), the file
upload form, an article's drafts for review, and the undo prompt; built with slack_sdk's
models, which check Slack's limits as they serialise.

Field names double as block ids so validation problems can be shown next to the right input.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ConfirmObject,
    ContextBlock,
    DatePickerElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.blocks.block_elements import FileInputElement, InputInteractiveElement
from slack_sdk.models.views import View

from cyberbrief.knowledge.schema import FORM_KINDS, FormField, form_fields
from cyberbrief.slack.mrkdwn import escape, truncate
from cyberbrief.slack.views.chunks import chunk_lines, section

ADD_CALLBACK = "cyber_admin_add"
LOAD_CALLBACK = "cyber_admin_load"
ARTICLE_CALLBACK = "cyber_admin_article"
KIND_ACTION = "cyber_admin_kind"
UNDO_ACTION = "cyber_admin_undo"
REFUSAL_FIELD = {
    ADD_CALLBACK: "kind",
    LOAD_CALLBACK: "file",
    "cyber_review_edit_submit": "record",
    "cyber_gap_link_form": "url",
    "cyber_gap_dismiss_form": "reason",
}
"""Where a form shows "only admins" to someone else; other forms tell them in a DM."""


FORMS: dict[str, tuple[str, list[FormField]]] = {
    kind.value: (kind.singular.capitalize(), form_fields(kind)) for kind in FORM_KINDS
}
"""Each add form's title and inputs, from the record schema."""


def _plain(text: str) -> PlainTextObject:
    return PlainTextObject(text=text[:150])


def _option(label: str, value: str) -> Option:
    return Option(text=_plain(label), value=value)


def _kind_select(selected: str | None) -> SectionBlock:
    select = StaticSelectElement(
        action_id=KIND_ACTION,
        placeholder=_plain("Choose what to add"),
        options=[_option(title, kind) for kind, (title, _) in FORMS.items()],
        initial_option=_option(FORMS[selected][0], selected) if selected in FORMS else None,
    )
    return SectionBlock(
        block_id="kind",
        text=MarkdownTextObject(text="*What do you want to add?*"),
        accessory=select,
    )


def form_input(f: FormField, initial: str | None = None) -> InputBlock:
    """One form field's input, filled with ``initial`` when editing a record."""
    element: InputInteractiveElement = (
        DatePickerElement(action_id="value", initial_date=_iso_date(initial))
        if f.date
        else PlainTextInputElement(
            action_id="value",
            multiline=f.multiline,
            max_length=3000 if f.multiline else 200,
            initial_value=initial[: 3000 if f.multiline else 200] if initial else None,
        )
    )
    return InputBlock(
        block_id=f.name,
        label=_plain(f.label),
        element=element,
        optional=not f.required,
        hint=_plain(f.hint) if f.hint else None,
    )


def _iso_date(value: str | None) -> str | None:
    """A whole ISO date for a date picker; a partial one ("2012") cannot be shown there."""
    try:
        return dt.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


def add_view(kind: str | None, channel_id: str, gap: str | None = None) -> dict[str, Any]:
    """The add modal: a kind picker and, once a kind is chosen, its form. ``gap``: the
    question of a knowledge gap it was opened from, shown above as context."""
    blocks: list[Block] = [_kind_select(kind)]
    if gap:
        note = f"Knowledge gap: people asked “{escape(truncate(gap, 500))}”"
        blocks.insert(0, ContextBlock(elements=[MarkdownTextObject(text=note)]))
    if kind in FORMS:
        blocks += [form_input(f) for f in FORMS[kind][1]]
    return View(
        type="modal",
        callback_id=ADD_CALLBACK,
        title=_plain("Add knowledge"),
        close=_plain("Cancel"),
        submit=_plain("Add") if kind in FORMS else None,
        private_metadata=json.dumps(
            {"kind": kind, "channel": channel_id, **({"gap": gap[:500]} if gap else {})}
        ),
        blocks=blocks,
    ).to_dict()


def form_values(kind: str, state: dict[str, Any]) -> dict[str, Any]:
    """A submitted add form as a knowledge record (empty inputs left out)."""
    values = state.get("values", {})
    record: dict[str, Any] = {}
    for f in FORMS[kind][1]:
        entry = values.get(f.name, {}).get("value", {})
        value = entry.get("selected_date") if f.date else entry.get("value")
        if value not in (None, ""):
            record[f.name] = value
    return record


def load_view(channel_id: str) -> dict[str, Any]:
    """The upload modal: one knowledge file or article, with a dry-run option."""
    file_hint = "YAML, JSON or CSV in the knowledge format, or a news article as .txt"
    blocks: list[Block] = [
        InputBlock(
            block_id="file",
            label=_plain("File"),
            hint=_plain(file_hint),
            element=FileInputElement(
                action_id="value", filetypes=["yaml", "yml", "json", "csv", "txt"], max_files=1
            ),
        ),
        InputBlock(
            block_id="options",
            optional=True,
            label=_plain("Options"),
            element=CheckboxesElement(
                action_id="value",
                options=[
                    _option("Dry run: show what would change, write nothing", "dry_run"),
                    _option("News article: draft records from it for review", "article"),
                ],
            ),
        ),
        InputBlock(
            block_id="kind",
            optional=True,
            label=_plain("Kind (CSV only)"),
            element=StaticSelectElement(
                action_id="value",
                placeholder=_plain("From the file name"),
                options=[_option(t, k) for k, (t, _) in FORMS.items()],
            ),
        ),
    ]
    return View(
        type="modal",
        callback_id=LOAD_CALLBACK,
        title=_plain("Load knowledge"),
        submit=_plain("Load"),
        close=_plain("Cancel"),
        private_metadata=json.dumps({"channel": channel_id}),
        blocks=blocks,
    ).to_dict()


def article_view(description: str, metadata: dict[str, Any]) -> dict[str, Any]:
    """Drafts from an article, shown for confirmation before anything is written."""
    lines = description[: 2900 * 40].split("\n")
    blocks = [section(chunk) for chunk in chunk_lines([escape(line) for line in lines], 2900)]
    return View(
        type="modal",
        callback_id=ARTICLE_CALLBACK,
        title=_plain("Review drafts"),
        submit=_plain("Write these"),
        close=_plain("Discard"),
        private_metadata=json.dumps(metadata)[:3000],
        blocks=blocks[:100] or [section("Nothing to draft.")],
    ).to_dict()


def undo_prompt_blocks(change_id: int, description: str) -> list[dict[str, Any]]:
    """What a change did, and a button (with a confirmation) to undo it."""
    button = ButtonElement(
        action_id=UNDO_ACTION,
        style="danger",
        text=_plain(f"Undo #{change_id}"),
        value=str(change_id),
        confirm=ConfirmObject(
            title=_plain("Undo this change?"),
            text=_plain("Its rows go back as they were."),
            confirm=_plain("Undo"),
            deny=_plain("Keep"),
        ),
    )
    blocks: list[Block] = [section(escape(description)), ActionsBlock(elements=[button])]
    return [b.to_dict() for b in blocks]


def form_metadata(view: dict[str, Any]) -> dict[str, Any]:
    """What the form carried over from where it was opened; {} when it is not ours (edited
    or forged), so the listener asks again instead of failing."""
    try:
        meta = json.loads(str(view.get("private_metadata") or "{}"))
    except ValueError:
        return {}
    return meta if isinstance(meta, dict) else {}
