"""Modal views for admins: one form per kind of knowledge, and the file upload form.

Field names double as block ids so validation problems can be shown next to the right input.
"""

from __future__ import annotations

import json
from typing import Any

from cyberbrief.knowledge.schema import FORM_KINDS, FormField, form_fields

ADD_CALLBACK = "cyber_admin_add"
LOAD_CALLBACK = "cyber_admin_load"
ARTICLE_CALLBACK = "cyber_admin_article"
KIND_ACTION = "cyber_admin_kind"
UNDO_ACTION = "cyber_admin_undo"
REFUSAL_FIELD = {ADD_CALLBACK: "kind", LOAD_CALLBACK: "file", "cyber_review_edit_submit": "record"}
"""Where a form shows "only admins" to someone else; other forms tell them in a DM."""


FORMS: dict[str, tuple[str, list[FormField]]] = {
    kind.value: (kind.singular.capitalize(), form_fields(kind)) for kind in FORM_KINDS
}
"""Each add form's title and inputs, from the record schema."""


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:150]}


def _kind_select(selected: str | None) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "static_select",
        "action_id": KIND_ACTION,
        "placeholder": _plain("Choose what to add"),
        "options": [{"text": _plain(title), "value": kind} for kind, (title, _) in FORMS.items()],
    }
    if selected in FORMS:
        element["initial_option"] = {"text": _plain(FORMS[selected][0]), "value": selected}
    return {
        "type": "section",
        "block_id": "kind",
        "text": {"type": "mrkdwn", "text": "*What do you want to add?*"},
        "accessory": element,
    }


def add_view(kind: str | None, channel_id: str) -> dict[str, Any]:
    """The add modal: a kind picker and, once a kind is chosen, its form."""
    blocks: list[dict[str, Any]] = [_kind_select(kind)]
    if kind in FORMS:
        for f in FORMS[kind][1]:
            element: dict[str, Any] = (
                {"type": "datepicker", "action_id": "value"}
                if f.date
                else {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "multiline": f.multiline,
                    "max_length": 3000 if f.multiline else 200,
                }
            )
            block: dict[str, Any] = {
                "type": "input",
                "block_id": f.name,
                "label": _plain(f.label),
                "element": element,
                "optional": not f.required,
            }
            if f.hint:
                block["hint"] = _plain(f.hint)
            blocks.append(block)
    view: dict[str, Any] = {
        "type": "modal",
        "callback_id": ADD_CALLBACK,
        "title": _plain("Add knowledge"),
        "close": _plain("Cancel"),
        "private_metadata": json.dumps({"kind": kind, "channel": channel_id}),
        "blocks": blocks,
    }
    if kind in FORMS:
        view["submit"] = _plain("Add")
    return view


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
    return {
        "type": "modal",
        "callback_id": LOAD_CALLBACK,
        "title": _plain("Load knowledge"),
        "submit": _plain("Load"),
        "close": _plain("Cancel"),
        "private_metadata": json.dumps({"channel": channel_id}),
        "blocks": [
            {
                "type": "input",
                "block_id": "file",
                "label": _plain("File"),
                "hint": _plain(
                    "YAML, JSON or CSV in the knowledge format, or a news article as .txt"
                ),
                "element": {
                    "type": "file_input",
                    "action_id": "value",
                    "filetypes": ["yaml", "yml", "json", "csv", "txt"],
                    "max_files": 1,
                },
            },
            {
                "type": "input",
                "block_id": "options",
                "optional": True,
                "label": _plain("Options"),
                "element": {
                    "type": "checkboxes",
                    "action_id": "value",
                    "options": [
                        {
                            "text": _plain("Dry run: show what would change, write nothing"),
                            "value": "dry_run",
                        },
                        {
                            "text": _plain("News article: draft records from it for review"),
                            "value": "article",
                        },
                    ],
                },
            },
            {
                "type": "input",
                "block_id": "kind",
                "optional": True,
                "label": _plain("Kind (CSV only)"),
                "element": {
                    "type": "static_select",
                    "action_id": "value",
                    "placeholder": _plain("From the file name"),
                    "options": [{"text": _plain(t), "value": k} for k, (t, _) in FORMS.items()],
                },
            },
        ],
    }


def article_view(description: str, metadata: dict[str, Any]) -> dict[str, Any]:
    """Drafts from an article, shown for confirmation before anything is written."""
    from cyberbrief.slack.mrkdwn import escape, truncate

    chunks = [description[i : i + 2900] for i in range(0, min(len(description), 2900 * 40), 2900)]
    return {
        "type": "modal",
        "callback_id": ARTICLE_CALLBACK,
        "title": _plain("Review drafts"),
        "submit": _plain("Write these"),
        "close": _plain("Discard"),
        "private_metadata": json.dumps(metadata)[:3000],
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": truncate(escape(chunk), 3000)}}
            for chunk in chunks
        ]
        or [{"type": "section", "text": {"type": "mrkdwn", "text": "Nothing to draft."}}],
    }


def undo_prompt_blocks(change_id: int, description: str) -> list[dict[str, Any]]:
    """What a change did, and a button (with a confirmation) to undo it."""
    from cyberbrief.slack.mrkdwn import escape

    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(description)[:3000]}},
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "action_id": UNDO_ACTION,
                    "style": "danger",
                    "text": {"type": "plain_text", "text": f"Undo #{change_id}"},
                    "value": str(change_id),
                    "confirm": {
                        "title": {"type": "plain_text", "text": "Undo this change?"},
                        "text": {"type": "plain_text", "text": "Its rows go back as they were."},
                        "confirm": {"type": "plain_text", "text": "Undo"},
                        "deny": {"type": "plain_text", "text": "Keep"},
                    },
                }
            ],
        },
    ]
