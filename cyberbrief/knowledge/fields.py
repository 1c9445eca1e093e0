"""The field types of knowledge records: how a value people typed becomes a clean one.

Values arrive as people write them in YAML, JSON, CSV or a Slack form, so each type has a
"before" validator that accepts those spellings (``a;b`` in a CSV cell is a list, ``yes`` is
true, a blank is absent) and raises :class:`FieldError` with a message an admin can act on.
NaN, infinities and NUL characters are refused wherever text is expected.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationInfo

MAX_TEXT = 3000
INLINE_SOURCE = "inline_source"
"""The validation-context key of the check for an inline source mapping."""
MAX_NAME = 200
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class FieldError(ValueError):
    """A value that does not fit its field; the message says what was expected."""


def describe(value: Any) -> str:
    """A value as an error message names it."""
    if value is None:
        return "nothing"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a true/false value)"
    if isinstance(value, int | float):
        return f"the number {value}"
    return repr(value)


def text(limit: int) -> Callable[[Any], str | None]:
    """Text of at most ``limit`` characters, white space collapsed; blank is absent."""

    def convert(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise FieldError(f"expected text, got {describe(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise FieldError(f"expected text, got {describe(value)}")
        if "\x00" in str(value):
            raise FieldError("contains a NUL character")
        clean = " ".join(str(value).split())
        if len(clean) > limit:
            raise FieldError(f"is {len(clean)} characters long; the limit is {limit}")
        return clean or None

    return convert


def date(value: Any) -> dt.date | None:
    """A calendar date ``YYYY-MM-DD`` (or a date YAML already read)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise FieldError(f"expected a date YYYY-MM-DD, got {describe(value)}")
    value = value.strip()
    if not value:
        return None
    if not _DATE.match(value):
        raise FieldError(f"'{value}' is not a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FieldError(f"'{value}' is not a real date") from None


def partial_date(value: Any) -> str | None:
    """``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when only that is known."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and _PARTIAL_DATE.match(value.strip()) and len(value.strip()) < 10:
        clean = value.strip()
        if len(clean) == 7 and not 1 <= int(clean[5:]) <= 12:
            raise FieldError(f"'{clean}' is not a real month")
        return clean
    full = date(value)
    return full.isoformat() if full else None


def names(value: Any) -> list[str]:
    """A list of names: a YAML/JSON list, or one string with ``;`` between names (CSV)."""
    if isinstance(value, str):
        items: list[Any] = value.split(";")
    elif isinstance(value, list):
        items = value
    else:
        raise FieldError(f"expected a list of names, got {describe(value)}")
    out: list[str] = []
    for item in items:
        name = text(MAX_NAME)(item)
        if name and name not in out:
            out.append(name)
    return out


def flag(value: Any) -> bool:
    """``true``/``false`` (also ``yes``/``no``/``1``/``0`` from CSV; blank is false)."""
    if isinstance(value, bool):
        return value
    words = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
    if isinstance(value, str) and value.strip().lower() in {*words, ""}:
        return words.get(value.strip().lower(), False)
    raise FieldError(f"expected true or false, got {describe(value)}")


def source(value: Any, info: ValidationInfo) -> str | dict[str, Any] | None:
    """A source: a key or title of a known source, or an inline source mapping.

    An inline mapping is checked as a source record by the validator the caller passes in
    the validation context (``inline_source``): the records module owns record validation,
    and this module stays below it.
    """
    if isinstance(value, Mapping):
        check = (info.context or {}).get(INLINE_SOURCE)
        if check is None:
            raise FieldError("an inline source cannot be checked here; give a source's key")
        clean: dict[str, Any] = check(value)
        return clean
    return text(MAX_TEXT)(value)


def sources(value: Any, info: ValidationInfo) -> list[str | dict[str, Any]]:
    """Several sources for one record: a list of keys, titles or inline mappings."""
    items = value if isinstance(value, list) else [value]
    if isinstance(value, str):
        items = [part for part in value.split(";") if part.strip()]
    out: list[str | dict[str, Any]] = []
    for i, item in enumerate(items, 1):
        try:
            one = source(item, info)
        except FieldError as exc:
            raise FieldError(f"source {i}: {exc}") from None
        if one and one not in out:
            out.append(one)
    return out


def milestones(value: Any) -> list[dict[str, str]]:
    """Dated steps of an initiative: a list of ``{date, text}``."""
    if not isinstance(value, list):
        raise FieldError(f"expected a list of {{date, text}}, got {describe(value)}")
    out = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, Mapping) or set(item) - {"date", "text"}:
            raise FieldError(f"milestone {i} must have just 'date' and 'text'")
        try:
            day = date(item.get("date", ""))
            words = text(MAX_TEXT)(item.get("text", ""))
        except FieldError as exc:
            raise FieldError(f"milestone {i}: {exc}") from None
        if not day or not words:
            raise FieldError(f"milestone {i} needs both 'date' and 'text'")
        out.append({"date": day.isoformat(), "text": words})
    return out


def former_roles(value: Any) -> list[dict[str, str]]:
    """Roles a person held before: a list of ``{role, date, source}`` (date and source
    optional; the date as precise as known)."""
    if not isinstance(value, list):
        raise FieldError(f"expected a list of {{role, date, source}}, got {describe(value)}")
    out = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, Mapping) or set(item) - {"role", "date", "source"}:
            raise FieldError(f"former role {i} must have just 'role', 'date' and 'source'")
        try:
            role = text(MAX_NAME)(item.get("role", ""))
            day = partial_date(item.get("date") or "")
            cited = text(MAX_NAME)(item.get("source") or "")
        except FieldError as exc:
            raise FieldError(f"former role {i}: {exc}") from None
        if not role:
            raise FieldError(f"former role {i} needs a 'role'")
        out.append(
            {"role": role, **({"date": day} if day else {}), **({"source": cited} if cited else {})}
        )
    return out


def source_kind(value: Any) -> str:
    if value not in ("article", "background"):
        raise FieldError(f"must be 'article' or 'background', got {describe(value)}")
    return str(value)


def required(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert``, with a blank value refused as missing."""

    def check(value: Any) -> Any:
        clean = convert(value)
        if clean in (None, "", []):
            raise FieldError("is required and missing")
        return clean

    return check


Name = Annotated[str | None, BeforeValidator(text(MAX_NAME))]
Text = Annotated[str | None, BeforeValidator(text(MAX_TEXT))]
RequiredName = Annotated[str, BeforeValidator(required(text(MAX_NAME)))]
RequiredText = Annotated[str, BeforeValidator(required(text(MAX_TEXT)))]
Date = Annotated[dt.date | None, BeforeValidator(date)]
PartialDate = Annotated[str | None, BeforeValidator(partial_date)]
RequiredPartialDate = Annotated[str, BeforeValidator(required(partial_date))]
Names = Annotated[list[str], BeforeValidator(names)]
Flag = Annotated[bool, BeforeValidator(flag)]
Source = Annotated[str | dict[str, Any] | None, BeforeValidator(source)]
Sources = Annotated[list[str | dict[str, Any]], BeforeValidator(sources)]
Milestones = Annotated[list[dict[str, str]], BeforeValidator(milestones)]
FormerRoles = Annotated[list[dict[str, str]], BeforeValidator(former_roles)]
SourceKind = Annotated[str | None, BeforeValidator(source_kind)]
