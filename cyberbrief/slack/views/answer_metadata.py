"""The message metadata on every answer the bot posts, built and read back in one place.

Slack keeps it with the message, so a follow-up in the thread learns what the last answer was
about by reading the thread (``conversations.replies`` with ``include_all_metadata``): no state
in the process, and any of several bot processes can answer the next question. Feedback and
"Ask an analyst" refer to an answer by ``answer_id`` (its answer-log id), never by its text.
"""

from __future__ import annotations

from typing import Any

from cyberbrief.answers.followup import PreviousAnswer
from cyberbrief.knowledge.model import Answer, Ref, Status

EVENT_TYPE = "cyberbrief_answer"
VERSION = 1
MAX_ENTITIES = 10
MAX_LABEL = 150
MAX_QUESTION = 500
ENTITY_KINDS = frozenset({"organisation", "person", "event", "initiative"})
OUTCOMES = {
    Status.FOUND: "answered",
    Status.CHOICES: "choices",
    Status.NOT_FOUND: "refused",
    Status.HELP: "help",
}


def outcome(answer: Answer) -> str:
    """The answer's outcome as the answer log and the metadata name it."""
    return OUTCOMES[answer.status]


def answer_metadata(answer: Answer, question: str, answer_id: int | None = None) -> dict[str, Any]:
    """The ``metadata`` argument of ``chat.postMessage`` for ``answer`` to ``question``."""
    payload: dict[str, Any] = {"v": VERSION}
    if answer_id is not None:
        payload["answer_id"] = answer_id
    payload |= {
        "kind": answer.kind,
        "outcome": outcome(answer),
        "entities": [
            {"kind": ref.kind, "id": ref.id, "label": ref.label[:MAX_LABEL]}
            for ref in answer.entities()[:MAX_ENTITIES]
        ],
        "question": question[:MAX_QUESTION],
    }
    return {"event_type": EVENT_TYPE, "event_payload": payload}


def _entity(item: Any) -> Ref | None:
    if not isinstance(item, dict):
        return None
    kind, entity_id, label = item.get("kind"), item.get("id"), item.get("label")
    if not isinstance(entity_id, int) or isinstance(entity_id, bool) or entity_id <= 0:
        return None
    if kind not in ENTITY_KINDS or not isinstance(label, str) or not 0 < len(label) <= MAX_LABEL:
        return None
    return Ref(str(kind), entity_id, label)


def from_ours(message: dict[str, Any], bot_id: str | None, app_id: str | None) -> bool:
    """Whether ``message`` was posted by this app: its bot id equals ours, and its app id
    too when both are known. Without our bot id nothing is trusted."""
    if not bot_id or message.get("bot_id") != bot_id:
        return False
    their_app = message.get("app_id")
    return not (app_id and their_app and their_app != app_id)


def previous_answer(
    message: dict[str, Any], bot_id: str | None, app_id: str | None
) -> PreviousAnswer | None:
    """What an answer message of ours was about; None for other apps' messages, other
    metadata, and payloads that are not what this module writes (forged or damaged)."""
    if not from_ours(message, bot_id, app_id):
        return None
    metadata = message.get("metadata")
    if not isinstance(metadata, dict) or metadata.get("event_type") != EVENT_TYPE:
        return None
    payload = metadata.get("event_payload")
    if not isinstance(payload, dict) or payload.get("v") != VERSION:
        return None
    kind, question, raw = payload.get("kind"), payload.get("question", ""), payload.get("entities")
    if not isinstance(kind, str) or not isinstance(question, str) or not isinstance(raw, list):
        return None
    if len(raw) > MAX_ENTITIES:
        return None
    entities = [_entity(item) for item in raw]
    if any(ref is None for ref in entities):
        return None
    answer_id = payload.get("answer_id")
    if answer_id is not None and (not isinstance(answer_id, int) or isinstance(answer_id, bool)):
        return None
    return PreviousAnswer(
        kind[:40],
        tuple(ref for ref in entities if ref is not None),
        question[:MAX_QUESTION],
        answer_id,
    )
