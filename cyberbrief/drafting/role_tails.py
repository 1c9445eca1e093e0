"""What may follow a role in copy and is, or is not, part of it: a department after the
title in a list of participants, a byline's date, the era of a role held before."""

from __future__ import annotations

import re

from cyberbrief.drafting.people import people_in

_DEPARTMENT = re.compile(r",\s+(?P<what>[A-Z][\w&-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w&-]*){0,3})(?=;)")
"""A list's "X, Vice President, Investor Relations; Y, ...": the department after the title,
up to the semicolon that ends the entry, is part of the role."""

BYLINE_TAIL = re.compile(
    r"\s*(?:\|.*|\s(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\s+)?\d{1,2}\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}\b.*)$"
)
"""A byline's date or section after the writer's role ("By X, Senior Reporter | December 3",
"Analysis by X, diplomatic editor Tue 1 Dec 2026 06.00 GMT"): no part of the role."""
SERVED_AS = re.compile(r"^(?:served|worked)\s+as\s+(?:the\s+|an?\s+)?")
ERA = re.compile(
    r"\s+(?:in\s+the\s+(?:\d{4}|early\s+\d{4}|late\s+\d{4})s|(?:from|between)\s+\d{4}\s+"
    r"(?:to|and|until)\s+\d{4}|until\s+\d{4}|in\s+\d{4})$"
)
"""When a former role was held ("in the 1990s", "from 2015 to 2019"): no part of the role."""


def with_department(role: str, text: str, end: int) -> tuple[str, int]:
    """``role`` with the department that follows it at ``end`` in a list entry ("Vice
    President, Investor Relations;"), and where the role now ends."""
    department = _DEPARTMENT.match(text, end)
    if department and not any(True for _ in people_in(department["what"])):
        return f"{role}, {department['what']}", department.end()
    return role, end
