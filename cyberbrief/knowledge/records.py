"""Validation of knowledge records before anything is written.

A record arrives as a plain mapping (from YAML, JSON, CSV or a Slack form). ``validate``
turns it into a clean dict of typed values or reports every problem with the field it is in,
so a loader can reject a whole file with messages an admin can act on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

KINDS = ("sources", "organisations", "people", "events", "initiatives", "facts", "quotes")
"""Top-level lists of a knowledge file, in the order they are applied (references point back)."""

SINGULAR = {
    "sources": "source",
    "organisations": "organisation",
    "people": "person",
    "events": "event",
    "initiatives": "initiative",
    "facts": "fact",
    "quotes": "quote",
}
KIND_ALIASES = {
    **{k: k for k in KINDS},
    **{v: k for k, v in SINGULAR.items()},
    "organizations": "organisations",
    "organization": "organisations",
    "orgs": "organisations",
    "persons": "people",
}

MAX_TEXT = 3000
MAX_NAME = 200
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class FieldError(ValueError):
    """A value that does not fit its field; the message says what was expected."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one record, located well enough to fix it."""

    where: str
    field: str | None
    message: str

    def __str__(self) -> str:
        field = f", field '{self.field}'" if self.field else ""
        return f"{self.where}{field}: {self.message}"


def _text(limit: int) -> Callable[[Any], str | None]:
    def convert(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise FieldError(f"expected text, got {_describe(value)}")
        text = " ".join(str(value).split())
        if len(text) > limit:
            raise FieldError(f"is {len(text)} characters long; the limit is {limit}")
        return text or None

    return convert


def _date(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise FieldError(f"expected a date YYYY-MM-DD, got {_describe(value)}")
    value = value.strip()
    if not value:
        return None
    if not _DATE.match(value):
        raise FieldError(f"'{value}' is not a date in the form YYYY-MM-DD")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise FieldError(f"'{value}' is not a real date") from None
    return str(value)


def _partial_date(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and _PARTIAL_DATE.match(value.strip()) and len(value.strip()) < 10:
        text = value.strip()
        if len(text) == 7 and not 1 <= int(text[5:]) <= 12:
            raise FieldError(f"'{text}' is not a real month")
        return text
    return _date(value)


def _names(value: Any) -> list[str]:
    """A list of names: a YAML/JSON list, or one string with ``;`` between names (CSV)."""
    if isinstance(value, str):
        items: list[Any] = value.split(";")
    elif isinstance(value, list):
        items = value
    else:
        raise FieldError(f"expected a list of names, got {_describe(value)}")
    out: list[str] = []
    for item in items:
        name = _text(MAX_NAME)(item)
        if name and name not in out:
            out.append(name)
    return out


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {
        "true",
        "yes",
        "1",
        "false",
        "no",
        "0",
        "",
    }:
        return value.strip().lower() in {"true", "yes", "1"}
    raise FieldError(f"expected true or false, got {_describe(value)}")


def _source(value: Any) -> str | dict[str, Any] | None:
    """A source: a key or title of a known source, or an inline source mapping."""
    if isinstance(value, Mapping):
        problems: list[Problem] = []
        clean = validate("sources", value, "source", problems)
        if problems:
            raise FieldError("; ".join(f"{p.field}: {p.message}" for p in problems))
        return clean
    return _text(MAX_TEXT)(value)


def _sources(value: Any) -> list[str | dict[str, Any]]:
    """Several sources for one record: a list of keys, titles or inline mappings."""
    items = value if isinstance(value, list) else [value]
    if isinstance(value, str):
        items = [part for part in value.split(";") if part.strip()]
    out: list[str | dict[str, Any]] = []
    for i, item in enumerate(items, 1):
        try:
            source = _source(item)
        except FieldError as exc:
            raise FieldError(f"source {i}: {exc}") from None
        if source and source not in out:
            out.append(source)
    return out


def _milestones(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list):
        raise FieldError(f"expected a list of {{date, text}}, got {_describe(value)}")
    out = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, Mapping) or set(item) - {"date", "text"}:
            raise FieldError(f"milestone {i} must have just 'date' and 'text'")
        try:
            date = _date(item.get("date", ""))
            text = _text(MAX_TEXT)(item.get("text", ""))
        except FieldError as exc:
            raise FieldError(f"milestone {i}: {exc}") from None
        if not date or not text:
            raise FieldError(f"milestone {i} needs both 'date' and 'text'")
        out.append({"date": date, "text": text})
    return out


def _kind(value: Any) -> str:
    if value not in ("article", "background"):
        raise FieldError(f"must be 'article' or 'background', got {_describe(value)}")
    return str(value)


NAME = _text(MAX_NAME)
TEXT = _text(MAX_TEXT)
Converter = Callable[[Any], Any]

FIELDS: dict[str, dict[str, Converter]] = {
    "sources": {
        "key": NAME,
        "title": TEXT,
        "publisher": NAME,
        "date": _partial_date,
        "url": TEXT,
        "kind": _kind,
        "file": NAME,
        "untitled": _flag,
        "date_inferred": _flag,
    },
    "organisations": {
        "name": NAME,
        "acronym": NAME,
        "aliases": _names,
        "description": TEXT,
        "url": TEXT,
        "source": _source,
        "sources": _sources,
    },
    "people": {
        "name": NAME,
        "role": TEXT,
        "organisation": NAME,
        "aliases": _names,
        "description": TEXT,
        "url": TEXT,
        "source": _source,
        "sources": _sources,
    },
    "events": {
        "name": NAME,
        "acronym": NAME,
        "starts": _partial_date,
        "ends": _partial_date,
        "location": TEXT,
        "organisers": _names,
        "aliases": _names,
        "description": TEXT,
        "url": TEXT,
        "source": _source,
        "sources": _sources,
    },
    "initiatives": {
        "name": NAME,
        "acronym": NAME,
        "organisation": NAME,
        "starts": _date,
        "ends": _date,
        "milestones": _milestones,
        "aliases": _names,
        "description": TEXT,
        "url": TEXT,
        "source": _source,
        "sources": _sources,
    },
    "facts": {
        "text": TEXT,
        "about": _names,
        "date": _date,
        "support": TEXT,
        "source": _source,
        "sources": _sources,
    },
    "quotes": {
        "text": TEXT,
        "speaker": NAME,
        "event": NAME,
        "about": _names,
        "context": TEXT,
        "date": _date,
        "reported": _flag,
        "source": _source,
        "sources": _sources,
    },
}

REQUIRED: dict[str, tuple[str, ...]] = {
    "sources": ("title",),
    "organisations": ("name",),
    "people": ("name",),
    "events": ("name", "starts"),
    "initiatives": ("name",),
    "facts": ("text",),
    "quotes": ("text", "speaker"),
}


def _describe(value: Any) -> str:
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


def validate(kind: str, raw: Any, where: str, problems: list[Problem]) -> dict[str, Any]:
    """Check one raw record of ``kind``; append what is wrong to ``problems``.

    Returns the clean record (only fields that were given and valid). Blank values count as
    absent, so a CSV cell left empty never overwrites stored data.
    """
    if not isinstance(raw, Mapping):
        problems.append(Problem(where, None, f"expected a mapping of fields, got {_describe(raw)}"))
        return {}
    fields = FIELDS[kind]
    clean: dict[str, Any] = {}
    for field, value in raw.items():
        name = str(field).strip().lower() if field is not None else ""
        if name not in fields:
            known = ", ".join(fields)
            problems.append(Problem(where, str(field), f"unknown field (known fields: {known})"))
            continue
        if value is None:
            continue
        try:
            converted = fields[name](value)
        except FieldError as exc:
            problems.append(Problem(where, name, str(exc)))
            continue
        if converted not in (None, "", []):
            clean[name] = converted
    for field in REQUIRED[kind]:
        if field not in clean and not any(p.field == field for p in problems if p.where == where):
            problems.append(Problem(where, field, "is required and missing"))
    starts, ends = clean.get("starts"), clean.get("ends")
    if starts and ends and ends < starts:
        problems.append(
            Problem(where, "ends", f"{clean['ends']} is before starts {clean['starts']}")
        )
    return clean


def label(kind: str, index: int, raw: Any, line: int | None = None) -> str:
    """How a record is named in messages: its kind, position and (if any) name."""
    position = f"line {line}" if line is not None else f"#{index}"
    name = ""
    if isinstance(raw, Mapping):
        for key in ("name", "title", "text"):
            value = raw.get(key)
            if isinstance(value, str) and value.strip():
                short = value.strip()
                name = f' "{short[:40]}{"…" if len(short) > 40 else ""}"'
                break
    return f"{kind} {position}{name}"
