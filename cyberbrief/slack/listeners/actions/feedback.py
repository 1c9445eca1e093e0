"""Helpful / Not helpful under an answer, and the optional "what was wrong" form.

A vote names its answer by log id only; a value that is not one, or an id not on record
(pruned, forged, from another install), gets a clear reply and changes nothing. Requests
from another workspace are refused before they get here (``app._same_workspace``).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.answers.answer_log import voter_key
from cyberbrief.answers.votes import VoteRefused, explain_vote, record_vote
from cyberbrief.slack.middleware import services_of
from cyberbrief.slack.views.answer import to_dicts
from cyberbrief.slack.views.feedback import (
    NOTE_ACTION,
    NOTE_BLOCK,
    REASON_ACTION,
    REASON_BLOCK,
    escalate_blocks,
    feedback_form,
    parse_id,
    parse_vote,
)

log = logging.getLogger(__name__)

LOGGING_GRACE = 1.0
"""Seconds a vote waits for its answer's log entry: the entry is written just after the
answer's ack, so a press that beats it (a busy store) is counted, not refused."""
LOGGING_POLL = 0.05

FORGED = "That feedback button does not belong to a cyberbrief answer; nothing was recorded."
THANKS = {
    ("new", True): "Thanks, glad it helped.",
    ("changed", True): "Thanks, your vote is now Helpful.",
    ("new", False): "Thanks for telling us. Admins see answers voted Not helpful.",
    ("changed", False): "Thanks, your vote is now Not helpful.",
}


def _reply(respond: Respond, text: str, blocks: list[dict[str, Any]] | None = None) -> None:
    respond(response_type="ephemeral", replace_original=False, text=text, blocks=blocks)


def vote(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    """A press of Helpful or Not helpful; Not helpful opens the optional form."""
    ack()
    services = services_of(context)
    action = (body.get("actions") or [{}])[0]
    parsed = parse_vote(action.get("value"))
    user = str((body.get("user") or {}).get("id") or "")
    if parsed is None or not user:
        _reply(respond, FORGED)
        return
    answer_id, helpful = parsed
    deadline = time.monotonic() + LOGGING_GRACE
    while True:
        try:
            with services.write() as db:
                key = voter_key(db, user, services.log_policy)
                outcome = record_vote(db, answer_id, key, helpful, services.clock())
            break
        except VoteRefused as refused:
            if time.monotonic() >= deadline:
                _reply(respond, str(refused))
                return
            time.sleep(LOGGING_POLL)  # the answer's entry may still be on its way
    if outcome == "same":
        _reply(respond, "You already voted that way on this answer; it counts once.")
        return
    if not helpful and body.get("trigger_id"):
        try:
            client.views_open(trigger_id=body["trigger_id"], view=feedback_form(answer_id))
        except SlackApiError as error:  # the form is optional: the vote stands
            log.info("feedback form not opened: %s", error.response.get("error"))
    thanks = THANKS[outcome, helpful]
    if helpful or not services.analysts:
        _reply(respond, thanks)
        return
    # Not helpful: the asker may hand the question to an analyst.
    section = {"type": "section", "text": {"type": "mrkdwn", "text": thanks}}
    _reply(respond, thanks, [section, *to_dicts(escalate_blocks(answer_id))])


def form_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    """The "what was wrong" form: reasons and a line of text added to the voter's vote."""
    services = services_of(context)
    values = (view.get("state") or {}).get("values") or {}
    answer_id = parse_id(view.get("private_metadata"))
    user = str((body.get("user") or {}).get("id") or "")
    chosen = ((values.get(REASON_BLOCK) or {}).get(REASON_ACTION) or {}).get("selected_options")
    reasons = [str(o.get("value")) for o in chosen or [] if isinstance(o, dict)]
    note = str(((values.get(NOTE_BLOCK) or {}).get(NOTE_ACTION) or {}).get("value") or "")
    if answer_id is None or not user:
        ack(response_action="errors", errors={NOTE_BLOCK: "This form names no answer."})
        return
    try:
        with services.write(before_ack=True) as db:
            explain_vote(db, answer_id, voter_key(db, user, services.log_policy), reasons, note)
    except VoteRefused as refused:
        ack(response_action="errors", errors={NOTE_BLOCK: str(refused)[:150]})
        return
    ack()
