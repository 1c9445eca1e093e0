"""What may follow a role in copy and is, or is not, part of it: a department after the
title in a list of participants, a byline's date, the era of a role held before, what the
holder did ("the MEP who steered the act through Parliament, X"), the role given by "confirmed
him as"."""

from __future__ import annotations

import re

from cyberbrief.drafting.people import ROLE_NOUN, ROLE_NOUNS, people_in

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


RELATIVE_ROLE = re.compile(
    rf"\b[Tt]he\s+(?P<role>(?:[\w’'-]+\s+){{0,3}}?(?i:{ROLE_NOUNS}))\s+(?:who|whose)\s+"
    r"[^,;:“”\"]{3,80},\s*$"
)
"""A role before a name with what its holder did between ("the MEP who steered the act
through Parliament, Lucia Bianchi"): the role is the words up to "who"."""
RESPONSIBLE_FOR = re.compile(
    r"(?:^|\s)(?:[Tt]he\s+)?(?P<role>(?:[A-Z][\w’'-]*\s+(?:of\s+|for\s+)?){1,4}"
    r"with\s+(?:special\s+)?responsibility\s+for\s+[^,;:“”\"]{2,60}?),\s*$"
)
"""'The Minister of State with responsibility for cyber security, X,': all of it the role."""
OF_NAMED = re.compile(
    rf"(?:^|[.!?]\s+)(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+(?P<role>(?:[a-z][\w-]*\s+){{0,3}}?"
    rf"(?i:{ROLE_NOUNS})\s+(?:of|at|for)\s+[^,.!?“”\"]{{2,60}},\s+[A-Z][\w&’'-]*"
    r"(?:\s+[A-Z][\w&’'-]*){0,3}),\s*$"
)
"""'The chief executive of the pathology provider, Synlab Kent, X,': the body's name, in
apposition between, is part of the role."""


_CONFIRMED_AS = re.compile(
    r"^(?P<between>[^.!?“”\"]{0,80}?)\b(?:confirmed|appointed|named|nominated|elected|chose|"
    r"picked|installed|made|swore\s+in|sworn\s+in)\s+(?:him|her)\s+(?:in\s+)?as\s+(?:the\s+)?"
    r"(?:new\s+)?(?P<role>[A-Z][\w’'-]*(?:\s+(?:of\s+|for\s+|the\s+)*[A-Z][\w’'-]*){0,6}"
    r"|[a-z][a-z -]{2,60}?)(?=[,.;]|\s+(?:on|in|at|last|this|from|after|until|was|is)\b|$)"
)


def confirmed_as(after: str) -> str:
    """ "Thomas Reyes Jr. did after the Senate confirmed him as National Cyber Director": the
    role the same sentence gives the one person it names, by pronoun ("" if it names
    another person before the pronoun, or the role holds no role noun)."""
    found = _CONFIRMED_AS.match(after)
    if not found or any(True for _ in people_in(found["between"])):
        return ""
    return found["role"] if ROLE_NOUN.search(found["role"]) else ""


_CLAUSE_GOES_ON = {"of", "and", "at", "in", "for", "to", "on", "from", "with"}


def names_another(apposition: str) -> bool:
    """ "Writing in the Frankfurter Allgemeine Zeitung, the columnist Jonas Weber took the
    opposite view": what follows the first name is a clause whose subject is another person
    (a role noun, their name, then a verb), not the first name's role."""
    for person in people_in(apposition):
        before = apposition[: person.start].split()
        after = apposition[person.end :].split()
        if before and ROLE_NOUN.fullmatch(before[-1]) and after and after[0].islower():
            return after[0] not in _CLAUSE_GOES_ON
    return False


COURT_OPENING = re.compile(r"(?:^|[.!?]\s+)(?P<side>Prosecuting|Defending),\s*$")
COURT_AFTER = re.compile(r"^,\s+(?P<side>prosecuting|defending)(?=,)")
COURT_ROLES = {"prosecuting": "prosecuting counsel", "defending": "defence counsel"}
"""A British court report's counsel: "Prosecuting, Sarah Whitcombe KC told the court",
"Daniel Okafor, defending, said"."""
