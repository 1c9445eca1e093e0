"""Bolt middleware: the services in every listener's ``context``, and the admin check.

Listeners are module-level functions (as in Slack's bolt-python starter template); what they
need from the process (store, answerer, clock, admins) reaches them as ``context["services"]``,
put there by one global middleware, rather than through closures.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cyberbrief.slack.services import Services

ADMIN_CHECK_TIMEOUT = 2
"""Seconds the workspace-admin check (users.info) may take before the ack."""
REFUSAL = "Sorry, only cyberbrief admins can change knowledge. Ask an admin to add you."

log = logging.getLogger(__name__)

Middleware = Callable[..., BoltResponse | None]


def with_services(services: Services) -> Middleware:
    """A global middleware that hands ``services`` to every listener through its context."""

    def put_services(context: BoltContext, next: Callable[[], None]) -> None:
        context["services"] = services
        next()

    return put_services


def services_of(context: BoltContext) -> Services:
    """The services :func:`with_services` put in the context."""
    services = context.get("services")
    if not isinstance(services, Services):
        raise RuntimeError("the app was built without cyberbrief's services middleware")
    return services


def is_admin(services: Services, client: WebClient, user_id: str) -> bool:
    """Listed in CYBERBRIEF_ADMINS, or a workspace admin/owner when that is trusted."""
    if user_id in services.admins:
        return True
    if not services.trust_workspace_admins or not user_id:
        return False
    # Checked before the ack: one attempt, bounded, so Slack's 3 s never depends on a slow
    # or rate-limited users.info (the app's client would retry and wait for Retry-After).
    quick = copy.copy(client)
    quick.timeout = ADMIN_CHECK_TIMEOUT
    quick.retry_handlers = []
    try:
        user = quick.users_info(user=user_id).get("user") or {}
    except SlackApiError:
        log.warning("users.info failed for %s; treating as not admin", user_id)
        return False
    except Exception as error:  # timed out, connection refused
        log.warning("users.info for %s: %r; treating as not admin", user_id, error)
        return False
    return bool(user.get("is_admin") or user.get("is_owner"))


def user_id_of(body: dict[str, Any]) -> str:
    """Who sent a slash command, a button click or a modal submission."""
    user = body.get("user")
    if isinstance(user, dict):
        return str(user.get("id") or "")
    return str(body.get("user_id") or "")


def require_admin(
    ack: Ack,
    body: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    next: Callable[[], None],
) -> BoltResponse | None:
    """Listener middleware on every admin command, action and view: anyone else is refused
    (Slack lets anyone who can see a modal or button send its payload), and the listener
    never runs."""
    if is_admin(services_of(context), client, user_id_of(body)):
        next()
        return None
    return _refuse(ack, body, client, context)


def _refuse(
    ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
) -> BoltResponse:
    """Say no the way each kind of payload can: an ephemeral reply to a command, a field
    error on a form, a replaced message for a button; a DM when there is no other way."""
    from cyberbrief.slack.views.admin import REFUSAL_FIELD

    kind = body.get("type")
    if kind == "view_submission":
        field = REFUSAL_FIELD.get(str((body.get("view") or {}).get("callback_id")))
        if field is not None:
            return ack(response_action="errors", errors={field: REFUSAL})
        response = ack()
        user = user_id_of(body)
        try:
            client.chat_postMessage(channel=user, text=REFUSAL)
        except SlackApiError as error:
            log.warning("could not tell %s they are not an admin: %s", user, error)
        return response
    if kind in ("block_actions", "message_action"):  # a button; a message shortcut
        response = ack()
        if context.respond is not None and body.get("response_url"):
            context.respond(response_type="ephemeral", replace_original=False, text=REFUSAL)
        return response
    return ack(response_type="ephemeral", text=REFUSAL)
