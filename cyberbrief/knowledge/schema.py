"""The one schema of knowledge records: a :class:`Kind` enum and one pydantic model per kind.

Everything that knows which fields a record has reads them from here: the loader's validation
and its messages (:mod:`cyberbrief.knowledge.records`), the export's field order, the admin
forms in Slack, and the field tables of ``docs/knowledge-format.md`` (:func:`docs_table`).

The field types (how a typed value becomes a clean one) are in :mod:`cyberbrief.knowledge.fields`.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from cyberbrief.knowledge.fields import (
    Date,
    FieldError,
    Flag,
    FormerRoles,
    Milestones,
    Name,
    Names,
    PartialDate,
    RequiredName,
    RequiredPartialDate,
    RequiredText,
    Source,
    SourceKind,
    Sources,
    Text,
)


class Kind(enum.StrEnum):
    """The kinds of record, in the order a file is applied (references point back)."""

    SOURCES = "sources"
    ORGANISATIONS = "organisations"
    PEOPLE = "people"
    EVENTS = "events"
    INITIATIVES = "initiatives"
    FACTS = "facts"
    QUOTES = "quotes"

    @property
    def singular(self) -> str:
        return _SINGULAR[self]

    @property
    def model(self) -> type[Record]:
        return MODELS[self]


_SINGULAR = {
    Kind.SOURCES: "source",
    Kind.ORGANISATIONS: "organisation",
    Kind.PEOPLE: "person",
    Kind.EVENTS: "event",
    Kind.INITIATIVES: "initiative",
    Kind.FACTS: "fact",
    Kind.QUOTES: "quote",
}
ALIASES: dict[str, Kind] = {
    **{k.value: k for k in Kind},
    **{k.singular: k for k in Kind},
    "organizations": Kind.ORGANISATIONS,
    "organization": Kind.ORGANISATIONS,
    "orgs": Kind.ORGANISATIONS,
    "persons": Kind.PEOPLE,
}
"""Words people use for a kind (file names, ``--kind``, ``/cyber admin add fact``)."""


def form(
    label: str, hint: str | None = None, *, multiline: bool = False, date: bool = False
) -> dict[str, Any]:
    """Marks a field as one of its kind's add form (in Slack), with its label and hint."""
    return {"form": {"label": label, "hint": hint, "multiline": multiline, "date": date}}


LIST_HINT = "Separate several with ;"
SOURCE_HINT = "A known source's key or title, or a URL."
SOURCE_DOC = "a source's `key` or `title`, or an inline mapping with the fields of a source"
SOURCES_DOC = "several sources (a list; `;` between them in CSV), after `source` if given"
ALIASES_DOC = "other names it goes by (a list)"


class Record(BaseModel):
    """What every kind shares: unknown fields are refused, not ignored."""

    model_config = ConfigDict(extra="forbid")

    def clean(self) -> dict[str, Any]:
        """The fields that were given, as load files write them (dates as ``YYYY-MM-DD``);
        blank values count as absent, so a CSV cell left empty never overwrites stored data."""
        data = self.model_dump(mode="json", exclude_unset=True)
        return {k: v for k, v in data.items() if v not in (None, "", [])}


class _Dated(Record):
    """``ends`` may not be before ``starts``."""

    @field_validator("ends", check_fields=False)
    @classmethod
    def _ends_after_starts(cls, ends: Any, info: ValidationInfo) -> Any:
        starts = info.data.get("starts")
        if starts and ends and str(ends) < str(starts):
            raise FieldError(f"{ends} is before starts {starts}")
        return ends


class SourceRecord(Record):
    key: Name = Field(
        None,
        description="a short stable handle other records can use in "
        "`source:` (e.g. `bbc-2011-11-01`)",
    )
    title: RequiredText = Field(
        description="the article's headline; or, with `untitled: true`, a description of the source"
    )
    publisher: Name = Field(None, description="e.g. `BBC News`, `EastWest Institute`")
    date: PartialDate = Field(None, description="publication date")
    url: Text = Field(None, description="where to read it")
    kind: SourceKind = Field(
        None,
        description="`article` (default) or `background`: a "
        "well-established public fact the articles only imply, added by "
        "the editors",
    )
    file: Name = Field(None, description="the seed article's file name, for the bundled pack")
    untitled: Flag = Field(
        False,
        description="`true` when the source has no headline: `title` "
        'then describes it (`Untitled commentary, first words "…"`) and is '
        "never shown in quotation marks",
    )
    date_inferred: Flag = Field(
        False, description='`true` when the text only implies the date (shown as "(date inferred)")'
    )


class OrganisationRecord(Record):
    name: RequiredName = Field(description="its full name", json_schema_extra=form("Name"))
    acronym: Name = Field(None, description="e.g. `ICSPA`", json_schema_extra=form("Acronym"))
    aliases: Names = Field(
        [], description=ALIASES_DOC, json_schema_extra=form("Other names", LIST_HINT)
    )
    description: Text = Field(
        None,
        description="one or two sentences",
        json_schema_extra=form("Description", multiline=True),
    )
    url: Text = Field(None, description="its web site")
    source: Source = Field(
        None, description=SOURCE_DOC, json_schema_extra=form("Source", SOURCE_HINT)
    )
    sources: Sources = Field([], description=SOURCES_DOC)


class PersonRecord(Record):
    name: RequiredName = Field(
        description="their name as the sources write it", json_schema_extra=form("Name")
    )
    role: Text = Field(
        None,
        description="their office or job, as of the source's date",
        json_schema_extra=form("Role"),
    )
    former_roles: FormerRoles = Field(
        [],
        description="roles held before `role`, newest first: a list of `{role, date, source}` "
        "(kept when a newer source changes the role)",
    )
    organisation: Name = Field(
        None,
        description="an organisation's name, acronym or alias",
        json_schema_extra=form("Organisation", "A known organisation."),
    )
    aliases: Names = Field(
        [],
        description="other names (the surname is matched "
        "automatically; list it only when written differently, e.g. "
        "`Mr Hague`)",
        json_schema_extra=form("Other names", LIST_HINT),
    )
    description: Text = Field(
        None,
        description="one or two sentences",
        json_schema_extra=form("Description", multiline=True),
    )
    url: Text = Field(None, description="a page about them")
    source: Source = Field(
        None, description=SOURCE_DOC, json_schema_extra=form("Source", SOURCE_HINT)
    )
    sources: Sources = Field([], description=SOURCES_DOC)


class EventRecord(_Dated):
    name: RequiredName = Field(description="its full name", json_schema_extra=form("Name"))
    acronym: Name = Field(None, description="e.g. `WCIT`", json_schema_extra=form("Acronym"))
    starts: RequiredPartialDate = Field(
        description="first day (`YYYY-MM` or `YYYY` when only that is known)",
        json_schema_extra=form("Starts", date=True),
    )
    ends: PartialDate = Field(
        None, description="last day, if not `starts`", json_schema_extra=form("Ends", date=True)
    )
    location: Text = Field(None, description="city and country", json_schema_extra=form("Location"))
    organisers: Names = Field(
        [],
        description="organisations' names (a list)",
        json_schema_extra=form("Organisers", LIST_HINT),
    )
    aliases: Names = Field(
        [], description=ALIASES_DOC, json_schema_extra=form("Other names", LIST_HINT)
    )
    description: Text = Field(
        None,
        description="one or two sentences",
        json_schema_extra=form("Description", multiline=True),
    )
    url: Text = Field(None, description="its web site")
    topics: Names = Field(
        [],
        description="what it is about, for digests narrowed to a topic (a list; added to "
        "the stored ones)",
    )
    source: Source = Field(
        None, description=SOURCE_DOC, json_schema_extra=form("Source", SOURCE_HINT)
    )
    sources: Sources = Field([], description=SOURCES_DOC)


class InitiativeRecord(_Dated):
    name: RequiredName = Field(description="its full name")
    acronym: Name = Field(None, description="a short name")
    organisation: Name = Field(None, description="the organisation leading it")
    starts: Date = Field(None, description="when it began")
    ends: Date = Field(None, description="when it ended or ends")
    milestones: Milestones = Field([], description="dated steps: a list of `{date, text}`")
    aliases: Names = Field([], description=ALIASES_DOC)
    description: Text = Field(None, description="one or two sentences")
    url: Text = Field(None, description="its web site")
    source: Source = Field(None, description=SOURCE_DOC)
    sources: Sources = Field([], description=SOURCES_DOC)


class FactRecord(Record):
    text: RequiredText = Field(
        description="one self-contained sentence",
        json_schema_extra=form("Fact", "One self-contained sentence.", multiline=True),
    )
    about: Names = Field(
        [],
        description="entity names, or free topic words such as `barriers to agreement` (a list)",
        json_schema_extra=form("About", f"Names of organisations, people or events. {LIST_HINT}"),
    )
    date: Date = Field(
        None, description="when it was true", json_schema_extra=form("Date", date=True)
    )
    support: Text = Field(
        None,
        description="the sentence of a cited source that supports the "
        "fact, verbatim, without its quotation marks",
    )
    source: Source = Field(
        None, description=SOURCE_DOC, json_schema_extra=form("Source", SOURCE_HINT)
    )
    sources: Sources = Field([], description=SOURCES_DOC)


class QuoteRecord(Record):
    text: RequiredText = Field(
        description="the words, verbatim, without quotation marks",
        json_schema_extra=form("Quote", "Verbatim, without quotation marks.", multiline=True),
    )
    speaker: RequiredName = Field(
        description="a person's or organisation's name",
        json_schema_extra=form("Speaker", "A known person or organisation."),
    )
    event: Name = Field(
        None, description="the event it was said at", json_schema_extra=form("Said at (event)")
    )
    about: Names = Field([], description="entity names or topic words (a list)")
    context: Text = Field(
        None,
        description='where or how it was said ("writing in the Times")',
        json_schema_extra=form("Context", "e.g. told BBC Radio 4's Today programme"),
    )
    date: Date = Field(
        None, description="when it was said", json_schema_extra=form("Date", date=True)
    )
    reported: Flag = Field(
        False,
        description="`true` for indirect speech: the words are the article's, not the speaker's",
    )
    source: Source = Field(
        None, description=SOURCE_DOC, json_schema_extra=form("Source", SOURCE_HINT)
    )
    sources: Sources = Field([], description=SOURCES_DOC)


MODELS: dict[Kind, type[Record]] = {
    Kind.SOURCES: SourceRecord,
    Kind.ORGANISATIONS: OrganisationRecord,
    Kind.PEOPLE: PersonRecord,
    Kind.EVENTS: EventRecord,
    Kind.INITIATIVES: InitiativeRecord,
    Kind.FACTS: FactRecord,
    Kind.QUOTES: QuoteRecord,
}


@dataclass(frozen=True)
class FormField:
    """One input of a kind's add form."""

    name: str
    label: str
    required: bool = False
    multiline: bool = False
    date: bool = False
    hint: str | None = None


FORM_KINDS = (Kind.FACTS, Kind.QUOTES, Kind.EVENTS, Kind.ORGANISATIONS, Kind.PEOPLE)
"""Kinds an admin can add with a form, in the order the form's picker lists them."""


def form_fields(kind: Kind | str) -> list[FormField]:
    """The inputs of a kind's add form: the fields its model marks with :func:`form`."""
    out = []
    for name, info in MODELS[Kind(kind)].model_fields.items():
        extra = info.json_schema_extra
        spec = extra.get("form") if isinstance(extra, dict) else None
        if isinstance(spec, dict):
            out.append(
                FormField(
                    name,
                    str(spec["label"]),
                    info.is_required(),
                    bool(spec["multiline"]),
                    bool(spec["date"]),
                    str(spec["hint"]) if spec["hint"] else None,
                )
            )
    return out


def field_names(kind: Kind | str) -> list[str]:
    """A kind's fields, in the order files, exports and forms list them."""
    return list(MODELS[Kind(kind)].model_fields)


def required_fields(kind: Kind | str) -> list[str]:
    return [n for n, f in MODELS[Kind(kind)].model_fields.items() if f.is_required()]


def docs_table(kind: Kind | str) -> str:
    """The Markdown table of a kind's fields, as ``docs/knowledge-format.md`` shows it."""
    rows = ["| field | required | meaning |", "| --- | --- | --- |"]
    for name, info in MODELS[Kind(kind)].model_fields.items():
        need = "yes" if info.is_required() else "no"
        rows.append(f"| `{name}` | {need} | {info.description or ''} |")
    return "\n".join(rows)


_TABLE = re.compile(r"(<!-- fields: (\w+) -->\n).*?(\n<!-- /fields -->)", re.DOTALL)


def update_docs(markdown: str) -> str:
    """``markdown`` with every ``<!-- fields: KIND -->`` table regenerated from the models."""
    return _TABLE.sub(lambda m: m.group(1) + docs_table(m.group(2)) + m.group(3), markdown)


if __name__ == "__main__":  # python -m cyberbrief.knowledge.schema docs/knowledge-format.md
    import pathlib
    import sys

    for name in sys.argv[1:]:
        path = pathlib.Path(name)
        path.write_text(update_docs(path.read_text(encoding="utf-8")), encoding="utf-8")
