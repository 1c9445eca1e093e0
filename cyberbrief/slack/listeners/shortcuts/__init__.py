"""Global and message shortcuts (none yet)."""

from __future__ import annotations

from slack_bolt import App


def register(app: App) -> None:
    """Nothing to attach yet; shortcuts go here, one module-level function each."""
    del app
