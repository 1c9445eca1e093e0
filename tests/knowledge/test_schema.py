"""The one record schema: docs, forms, export and validation all read the same models."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cyberbrief.knowledge.records import Problem, validate
from cyberbrief.knowledge.schema import (
    MODELS,
    EventRecord,
    FactRecord,
    Kind,
    field_names,
    form_fields,
    update_docs,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "knowledge-format.md"


def problems_of(kind: str, raw: object) -> list[str]:
    problems: list[Problem] = []
    validate(kind, raw, "facts #1", problems)
    return [str(p) for p in problems]


def test_the_format_docs_show_every_kinds_fields_as_the_models_define_them() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert update_docs(text) == text, "run: python -m cyberbrief.knowledge.schema " + str(DOCS)
    for kind in Kind:
        assert f"<!-- fields: {kind.value} -->" in text
        for name in field_names(kind):
            assert f"| `{name}` |" in text


def test_every_kind_has_a_model_that_refuses_unknown_fields() -> None:
    assert set(MODELS) == set(Kind)
    assert problems_of("facts", {"text": "A fact.", "colour": "red"}) == [
        "facts #1, field 'colour': unknown field (known fields: "
        "text, about, date, support, source, sources)"
    ]


def test_dates_are_dates_and_list_cells_are_lists() -> None:
    fact = FactRecord.model_validate({"text": "A fact.", "date": "2012-10-04", "about": "EU; UN"})
    assert fact.date == dt.date(2012, 10, 4)
    assert fact.about == ["EU", "UN"]
    assert fact.clean() == {"text": "A fact.", "date": "2012-10-04", "about": ["EU", "UN"]}


def test_an_event_may_have_a_year_only_date_but_not_end_before_it_starts() -> None:
    assert EventRecord.model_validate({"name": "X", "starts": 2012}).starts == "2012"
    problems: list[Problem] = []
    validate("events", {"name": "X", "starts": "2012-05", "ends": "2012-01-03"}, "e", problems)
    assert [str(p) for p in problems] == ["e, field 'ends': 2012-01-03 is before starts 2012-05"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (float("nan"), "expected text, got the number nan"),
        (float("inf"), "expected text, got the number inf"),
        ("A\x00fact", "contains a NUL character"),
        ("", "is required and missing"),
    ],
)
def test_text_that_is_not_text_is_refused_naming_the_field(value: object, message: str) -> None:
    assert problems_of("facts", {"text": value}) == [f"facts #1, field 'text': {message}"]


def test_the_add_forms_are_the_fields_the_models_mark() -> None:
    facts = form_fields(Kind.FACTS)
    assert [f.name for f in facts] == ["text", "about", "date", "source"]
    assert facts[0].required and facts[0].multiline and facts[2].date
    assert all(f.name in field_names(Kind.EVENTS) for f in form_fields(Kind.EVENTS))
    assert {f.name for f in form_fields(Kind.EVENTS) if f.required} == {"name", "starts"}
