"""Every environment variable cyberbrief reads, read and checked once, when a command starts.

``cli.main`` builds one :class:`Settings` from the environment and passes it down: the app,
the server, the digest scheduler and the store get its values (plain values or their own
small objects, so the packages below never import this module). A bad value stops the
command with one line naming the variable and what is wrong, before anything is opened.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

if TYPE_CHECKING:
    from cyberbrief.intake.fetch import FetchPolicy

PROJECT_DIR = Path(__file__).resolve().parents[1]
"""The checkout: ``bot.py`` and the default database live here."""
DEFAULT_DB = PROJECT_DIR / "cyberbrief.db"
DEFAULT_API_URL = "https://slack.com/api/"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
SLACK_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")


class SettingsError(ValueError):
    """Variables cyberbrief cannot use; one line per variable, each naming it."""


def _whole(low: int, high: int) -> BeforeValidator:
    """A whole number from ``low`` to ``high`` (the message the server settings always had)."""

    def parse(value: object) -> object:
        raw = str(value).strip() if isinstance(value, str | int) else value
        if not isinstance(raw, str):
            return value
        if not raw.isascii() or not raw.isdigit() or not low <= int(raw) <= high:
            raise ValueError(f"must be a whole number from {low} to {high}, not {raw!r}")
        return int(raw)

    return BeforeValidator(parse)


def _grace(value: object) -> object:
    if not isinstance(value, str):
        return value
    try:
        minutes = int(value)
    except ValueError:
        raise ValueError(f"must be a whole number of minutes, not {value!r}") from None
    if not 0 <= minutes <= 24 * 60 - 1:
        raise ValueError(f"must be between 0 and 1439 minutes, not {minutes}")
    return dt.timedelta(minutes=minutes)


def _db_path(value: object) -> object:
    if not isinstance(value, str | Path):
        return value
    if "\0" in str(value):
        raise ValueError("contains a NUL character; it must be a file path")
    path = Path(value).expanduser()
    if path.is_dir():
        raise ValueError(f"is a folder ({path}); name a database file, such as {path / 'k.db'}")
    above = next((p for p in path.parents if p.exists()), None)
    if above is not None and not above.is_dir():
        raise ValueError(f"is inside {above}, which is a file, not a folder")
    if not path.parent.is_dir():
        # A typo must not become a fresh, empty store: only an existing folder gets one.
        raise ValueError(
            f"is in a folder that does not exist ({path.parent}); check the path, or create "
            f"the folder first (mkdir -p {path.parent})"
        )
    return path


def _token(prefix: str, what: str) -> BeforeValidator:
    """A Slack token of one type; the message shows only its type prefix, never the secret."""

    def parse(value: object) -> object:
        if isinstance(value, str) and not value.startswith(prefix):
            head = value.split("-", 1)[0] if "-" in value[:7] else ""
            seen = f"one starting '{head}-'" if head else "a value without a token type"
            raise ValueError(f"must be {what} ({prefix}...), not {seen}")
        return value

    return BeforeValidator(parse)


def _api_url(value: object) -> object:
    if not isinstance(value, str):
        return value
    if not re.fullmatch(r"https?://[^/\s]+(/\S*)?", value):
        raise ValueError(f"must be an http(s) URL such as {DEFAULT_API_URL}, not {value!r}")
    return value if value.endswith("/") else value + "/"  # Slack's methods are joined onto it


def _names(check: Callable[[str], str | None]) -> BeforeValidator:
    """A comma-separated list, each item passed through ``check`` (a message when bad)."""

    def parse(value: object) -> object:
        if not isinstance(value, str):
            return value
        items = [item.strip() for item in value.split(",") if item.strip()]
        for item in items:
            problem = check(item)
            if problem:
                raise ValueError(problem)
        return frozenset(items)

    return BeforeValidator(parse)


def _admin(item: str) -> str | None:
    if SLACK_USER_ID.fullmatch(item):
        return None
    return f"must be comma-separated Slack user IDs (such as U0123ABCD), not {item!r}"


def _analyst(item: str) -> str | None:
    if SLACK_USER_ID.fullmatch(item) or re.fullmatch(r"S[A-Z0-9]{2,}", item):
        return None
    return f"must be comma-separated Slack user IDs (U...) or user group IDs (S...), not {item!r}"


def _channel(value: object) -> object:
    if isinstance(value, str) and not re.fullmatch(r"[CG][A-Z0-9]{2,}", value):
        raise ValueError(f"must be a Slack channel ID (such as C0123ABCD), not {value!r}")
    return value


def _host(item: str) -> str | None:
    host, colon, port = item.rpartition(":") if item.count(":") == 1 else (item, "", "")
    bad_port = colon and not (port.isascii() and port.isdigit() and 1 <= int(port) <= 65535)
    if not host or bad_port or any(c in item for c in "/@ \t?#"):
        return f"entries must be host or host:port (such as intranet.example:8080), not {item!r}"
    return None


def _flag(value: object) -> object:
    if isinstance(value, str):
        if value not in ("0", "1"):
            raise ValueError(f"must be 1 (on) or 0 (off), not {value!r}")
        return value == "1"
    return value


def _log_level(value: object) -> object:
    if isinstance(value, str):
        if value.upper() not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}, not {value!r}")
        return value.upper()
    return value


def _log_format(value: object) -> object:
    if isinstance(value, str):
        if value.lower() not in ("text", "json"):
            raise ValueError(f"must be text or json, not {value!r}")
        return value.lower()
    return value


def _lower_hosts(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


class Settings(BaseModel):
    """The environment, typed and checked; each field's alias is its variable's name."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    slack_bot_token: Annotated[str | None, _token("xoxb-", "the Bot User OAuth Token")] = Field(
        None,
        alias="SLACK_BOT_TOKEN",
        description="the bot token (xoxb-...): Socket Mode, serve and digest posts need it",
    )
    slack_app_token: Annotated[str | None, _token("xapp-", "an app-level token")] = Field(
        None, alias="SLACK_APP_TOKEN", description="the app-level token (xapp-...), Socket Mode"
    )
    slack_signing_secret: str | None = Field(
        None, alias="SLACK_SIGNING_SECRET", description="checks requests to serve came from Slack"
    )
    slack_api_url: Annotated[str, BeforeValidator(_api_url)] = Field(
        DEFAULT_API_URL, alias="SLACK_API_URL", description="the Web API base URL"
    )
    db_path: Annotated[Path, BeforeValidator(_db_path)] = Field(
        DEFAULT_DB, alias="CYBERBRIEF_DB", description="the SQLite store (made on first use)"
    )
    admins: Annotated[frozenset[str], _names(_admin)] = Field(
        frozenset(), alias="CYBERBRIEF_ADMINS", description="Slack user IDs who change knowledge"
    )
    trust_workspace_admins: Annotated[bool, BeforeValidator(_flag)] = Field(
        False,
        alias="CYBERBRIEF_TRUST_WORKSPACE_ADMINS",
        description="1: the workspace's admins and owners change knowledge too",
    )
    log_level: Annotated[str, BeforeValidator(_log_level)] = Field(
        "WARNING", alias="CYBERBRIEF_LOG_LEVEL", description="the Python logging level"
    )
    digest_grace: Annotated[dt.timedelta, BeforeValidator(_grace)] = Field(
        dt.timedelta(hours=3),
        alias="CYBERBRIEF_DIGEST_GRACE_MINUTES",
        description="how late (minutes) a missed digest may still be posted",
    )
    fetch_trusted_hosts: Annotated[frozenset[str], _names(_host), BeforeValidator(_lower_hosts)] = (
        Field(
            frozenset(),
            alias="CYBERBRIEF_FETCH_TRUSTED_HOSTS",
            description="private hosts links from Slack and feed polls may fetch",
        )
    )
    port: Annotated[int, _whole(0, 65535)] = Field(
        3000, alias="PORT", description="the default port of serve"
    )
    http_threads: Annotated[int, _whole(1, 512)] = Field(
        16, alias="CYBERBRIEF_HTTP_THREADS", description="serve: requests handled at once"
    )
    http_max_body: Annotated[int, _whole(1024, 64 << 20)] = Field(
        1 << 20, alias="CYBERBRIEF_HTTP_MAX_BODY", description="serve: the largest body (bytes)"
    )
    http_connections: Annotated[int, _whole(1, 10_000)] = Field(
        200, alias="CYBERBRIEF_HTTP_CONNECTIONS", description="serve: open connections at most"
    )
    http_backlog: Annotated[int, _whole(1, 65_535)] = Field(
        1024, alias="CYBERBRIEF_HTTP_BACKLOG", description="serve: connections queued beyond"
    )
    http_timeout: Annotated[int, _whole(1, 3600)] = Field(
        30, alias="CYBERBRIEF_HTTP_TIMEOUT", description="serve: seconds an idle connection lives"
    )
    http_receive_timeout: Annotated[int, _whole(1, 300)] = Field(
        5,
        alias="CYBERBRIEF_HTTP_RECEIVE_TIMEOUT",
        description="serve: seconds a connection has to send a whole request",
    )
    log_askers: Annotated[bool, BeforeValidator(_flag)] = Field(
        False,
        alias="CYBERBRIEF_LOG_ASKERS",
        description="1: the answer log keeps askers' and voters' user ids",
    )
    answer_log_days: Annotated[int, _whole(0, 3650)] = Field(
        90,
        alias="CYBERBRIEF_ANSWER_LOG_DAYS",
        description="days answers are kept in the answer log (0: none are recorded)",
    )
    analysts: Annotated[frozenset[str], _names(_analyst)] = Field(
        frozenset(),
        alias="CYBERBRIEF_ANALYSTS",
        description="user or user group IDs tagged by the Ask an analyst button",
    )
    analyst_channel: Annotated[str | None, BeforeValidator(_channel)] = Field(
        None,
        alias="CYBERBRIEF_ANALYST_CHANNEL",
        description="the channel Ask an analyst posts in (else the question's thread)",
    )
    metrics_port: Annotated[int | None, _whole(1, 65535)] = Field(
        None,
        alias="CYBERBRIEF_METRICS_PORT",
        description="Socket Mode: serve GET /metrics (and /healthz) on this port",
    )
    log_format: Annotated[str, BeforeValidator(_log_format)] = Field(
        "text", alias="CYBERBRIEF_LOG_FORMAT", description="text, or json: one object a line"
    )
    user: str | None = Field(
        None, alias="USER", description="who the command line records as making a change"
    )

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        """The settings from ``environ`` (an empty variable means its default); SettingsError
        naming every bad variable."""
        given = {}
        for field in cls.model_fields.values():
            raw = environ.get(str(field.alias), "").strip()
            if raw.startswith("~/") and environ.get("HOME"):
                # "~" is the home of the environment given, not of whatever process reads it.
                raw = str(Path(environ["HOME"]) / raw[2:])
            if raw:
                given[str(field.alias)] = raw
        try:
            return cls.model_validate(given)
        except ValidationError as bad:
            raise SettingsError("\n".join(_problems(bad))) from None

    @classmethod
    def variables(cls) -> dict[str, str]:
        """Each variable's name and description (the README's table lists them all)."""
        return {str(f.alias): str(f.description) for f in cls.model_fields.values()}

    def unset(self, *names: str) -> list[str]:
        """Which of the variables ``names`` are not set (for "needs X and Y" messages)."""
        by_alias = {str(f.alias): name for name, f in type(self).model_fields.items()}
        return [n for n in names if not getattr(self, by_alias[n])]

    def fetch_policy(self, *, operator: bool) -> FetchPolicy:
        """The command line (``operator``) may fetch any address; Slack requests and the feed
        poller only public ones, plus ``CYBERBRIEF_FETCH_TRUSTED_HOSTS``."""
        from cyberbrief.intake.fetch import FetchPolicy

        return FetchPolicy(allow_private=operator, trusted_hosts=self.fetch_trusted_hosts)


def _problems(bad: ValidationError) -> list[str]:
    """One line per bad variable: its name, then what is wrong with its value."""
    lines = []
    for error in bad.errors():
        name = ".".join(str(part) for part in error["loc"][:1])
        cause = (error.get("ctx") or {}).get("error")
        lines.append(f"{name} {cause if isinstance(cause, ValueError) else error['msg']}")
    return lines
