"""Validation of knowledge records before anything is written.

A record arrives as a plain mapping (from YAML, JSON, CSV or a Slack form). ``validate``
checks it against its kind's model (:mod:`cyberbrief.knowledge.schema`) and returns a clean
dict, or reports every problem with the field it is in, so a loader can reject a whole file
with messages an admin can act on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from cyberbrief.knowledge.fields import INLINE_SOURCE, FieldError, describe
from cyberbrief.knowledge.schema import ALIASES, MODELS, Kind, field_names

KINDS = tuple(k.value for k in Kind)
"""Top-level lists of a knowledge file, in the order they are applied (references point back)."""
SINGULAR = {k.value: k.singular for k in Kind}
KIND_ALIASES = {word: kind.value for word, kind in ALIASES.items()}

__all__ = ["KINDS", "KIND_ALIASES", "SINGULAR", "FieldError", "Problem", "label", "validate"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one record, located well enough to fix it."""

    where: str
    field: str | None
    message: str

    def __str__(self) -> str:
        field = f", field '{self.field}'" if self.field else ""
        return f"{self.where}{field}: {self.message}"


def validate(kind: str, raw: Any, where: str, problems: list[Problem]) -> dict[str, Any]:
    """Check one raw record of ``kind`` against its model; append what is wrong to
    ``problems`` (every problem, each with its field).

    Returns the clean record (only the fields given; ``{}`` when there are problems). Blank
    values count as absent, so a CSV cell left empty never overwrites stored data.
    """
    if not isinstance(raw, Mapping):
        problems.append(Problem(where, None, f"expected a mapping of fields, got {describe(raw)}"))
        return {}
    given: dict[str, Any] = {}
    typed: dict[str, str] = {}
    for field, value in raw.items():
        name = str(field).strip().lower() if field is not None else ""
        typed[name] = str(field)
        if value is not None:
            given[name] = value
    model = MODELS[Kind(kind)]
    try:
        return model.model_validate(given, context={INLINE_SOURCE: _inline_source}).clean()
    except ValidationError as invalid:
        problems.extend(_problems(kind, invalid, where, typed))
    return {}


def _inline_source(value: Any) -> dict[str, Any]:
    """An inline source mapping inside another record, checked as a source record."""
    problems: list[Problem] = []
    clean = validate("sources", value, "source", problems)
    if problems:
        raise FieldError("; ".join(f"{p.field}: {p.message}" for p in problems))
    return clean


def _problems(
    kind: str, invalid: ValidationError, where: str, typed: dict[str, str]
) -> list[Problem]:
    """pydantic's errors as messages naming the record and field, in the loader's words."""
    out = []
    for error in invalid.errors():
        field = str(error["loc"][0]) if error["loc"] else None
        if error["type"] == "extra_forbidden":
            known = ", ".join(field_names(kind))
            name = typed.get(field or "", field)
            out.append(Problem(where, name, f"unknown field (known fields: {known})"))
        elif error["type"] == "missing":
            out.append(Problem(where, field, "is required and missing"))
        else:
            cause = (error.get("ctx") or {}).get("error")
            message = str(cause) if isinstance(cause, ValueError) else error["msg"]
            out.append(Problem(where, field, message))
    return out


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
