"""manifest.yaml against the code: every event a listener takes is subscribed (and no other),
every Web API method the code calls has its scope (and no scope is asked for nothing), and
the Workflow Builder steps declared are the ones ``app.function`` serves, with the inputs they
read. An app created from the manifest then gets exactly what the code needs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from cyberbrief.slack.listeners import functions

ROOT = Path(__file__).parents[2]
SOURCES = {p: p.read_text() for p in (ROOT / "cyberbrief").rglob("*.py")}
SLACK_CODE = "\n".join(text for path, text in SOURCES.items() if "slack" in path.parts)

METHOD_SCOPES: dict[str, set[str]] = {
    "auth_test": set(),
    "chat_postMessage": {"chat:write"},
    "chat_postEphemeral": {"chat:write"},
    "chat_getPermalink": set(),
    "conversations_history": {"channels:history", "groups:history"},
    # A follow-up reads its thread: a channel's, a private channel's, or the Messages tab's.
    "conversations_replies": {"channels:history", "groups:history", "im:history"},
    "conversations_info": {"channels:read", "groups:read"},
    "users_conversations": {"channels:read", "groups:read"},
    "users_info": {"users:read"},
    "usergroups_users_list": {"usergroups:read"},
    "files_info": {"files:read"},
    "files_upload_v2": {"files:write"},
    "views_open": set(),
    "views_publish": set(),
    "views_update": set(),
    "assistant_threads_setStatus": {"assistant:write"},
    "assistant_threads_setSuggestedPrompts": {"assistant:write"},
    "assistant_threads_setTitle": {"assistant:write"},
}
EVENT_SCOPES = {"app_mention": {"app_mentions:read"}, "message.im": {"im:history"}}
FEATURE_SCOPES = {"commands"}  # the /cyber slash command and the message shortcut


def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "manifest.yaml").read_text())
    return loaded


def events_in_code() -> set[str]:
    events = set(re.findall(r'app\.event\("([a-z_.]+)"\)', SLACK_CODE))
    if "message" in events:  # only direct messages are answered (channel_type im)
        events = (events - {"message"}) | {"message.im"}
    if "app.function(" in SLACK_CODE:
        events.add("function_executed")
    return events


def methods_in_code() -> set[str]:
    pattern = (
        r"\.((?:chat|conversations|usergroups|users|views|files|assistant_threads|auth)_\w+)\b"
    )
    return set(re.findall(pattern, SLACK_CODE))


def test_the_manifest_subscribes_to_exactly_the_events_the_listeners_take() -> None:
    subscribed = set(manifest()["settings"]["event_subscriptions"]["bot_events"])
    assert subscribed == events_in_code()
    assert {"app_context_changed", "function_executed", "app_home_opened"} <= subscribed


def test_every_method_the_code_calls_has_its_scope_and_no_scope_is_idle() -> None:
    methods = methods_in_code()
    unknown = methods - METHOD_SCOPES.keys()
    assert not unknown, f"say which scope these need: {unknown}"
    needed = set().union(*(METHOD_SCOPES[m] for m in methods))
    needed |= set().union(*(EVENT_SCOPES.get(e, set()) for e in events_in_code()))
    needed |= FEATURE_SCOPES
    granted = set(manifest()["oauth_config"]["scopes"]["bot"])
    assert needed == granted
    assert "assistant:write" in granted


def test_the_workflow_steps_are_the_ones_the_app_serves() -> None:
    declared = manifest()["functions"]
    assert set(declared) == {functions.ASK, functions.BRIEFING}
    code = (ROOT / "cyberbrief/slack/listeners/functions.py").read_text()
    read = set(re.findall(r'inputs\.get\("(\w+)"\)', code))
    inputs = set().union(*(set(f["input_parameters"]["properties"]) for f in declared.values()))
    assert read == inputs
    for step in declared.values():
        for kind in ("input_parameters", "output_parameters"):
            properties = step[kind]["properties"]
            assert set(step[kind]["required"]) <= set(properties)
    assert manifest()["settings"]["org_deploy_enabled"] is True  # custom steps need it
    assert manifest()["settings"]["function_runtime"] == "remote"


def test_the_agent_view_is_declared() -> None:
    agent = manifest()["features"]["agent_view"]
    assert agent["agent_description"].strip()
    assert 1 <= len(agent["suggested_prompts"]) <= 4
    assert manifest()["features"]["app_home"]["messages_tab_enabled"] is True
