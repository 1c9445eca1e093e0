"""People described by their relation to a named person: "Liam Fox's American counterpart",
"Lobban's boss".

A relation is resolved from what the store says each person is, never from records that
merely mention both: a counterpart holds the named person's role, qualified as asked ("the
American" Defence Secretary is the US Defence Secretary, never Fox himself); a boss heads the
named person's organisation. A successor, predecessor or deputy needs a record of who held an
office when, which the store does not keep: such a relation is left unresolved, and the
question is answered (or refused) as written.
"""

from __future__ import annotations

import re

import sqlite_utils

from cyberbrief.answers import roles
from cyberbrief.knowledge.model import Ref
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.repository import Repository
from cyberbrief.knowledge.rows import Officeholder

RELATION = re.compile(
    r"(?P<owner>[\w .’'-]+?)['’]s? (?P<qualifier>(?:[\w-]+ ){0,2}?)"
    r"(?P<relation>counterpart|opposite number|equivalent|boss|superior|successor|"
    r"predecessor|deputy)\b",
    re.IGNORECASE,
)
"""A possessive naming a person, up to two qualifying words, and a relation."""
SAME_ROLE = frozenset({"counterpart", "opposite number", "equivalent"})
ABOVE = frozenset({"boss", "superior"})
OWNER_WORDS = 4
"""The owner's name is the last few words before the possessive ("Liam Fox")."""


def _owner(db: sqlite_utils.Database, before: str) -> tuple[int, int] | None:
    """The one person whose name (or unique surname) ends the text before the possessive,
    and how many words it takes."""
    split = norm(before).split()
    for n in range(min(OWNER_WORDS, len(split)), 0, -1):
        gram = " ".join(split[-n:])
        rows = db.conn.execute(
            "SELECT DISTINCT entity_id FROM names WHERE norm = ? AND kind = 'person'", (gram,)
        ).fetchall()
        if len(rows) == 1:
            return int(rows[0][0]), n
    return None


def _one(people: list[Officeholder], owner: int) -> Officeholder | None:
    others = [p for p in people if p.id != owner]
    return others[0] if len(others) == 1 else None


def related_person(
    db: sqlite_utils.Database, repo: Repository, question: str
) -> tuple[str, Ref, bool] | None:
    """The words of ``question`` that describe a person by a relation, and the person; or,
    when the store cannot tell who that is, the named person and False (the question must
    then be refused: it is never answered by the named person, who is not their own boss
    or successor)."""
    m = RELATION.search(question.strip().rstrip("?!. "))
    if m is None:
        return None
    named = _owner(db, m["owner"])
    owner = repo.person(named[0]) if named is not None else None
    if owner is None or named is None:
        return None
    relation = m["relation"].lower()
    found: Officeholder | None = None
    if relation in SAME_ROLE and owner.role:
        # "Gates's British counterpart": the role without where it is, then where asked.
        role = " ".join(w for w in owner.role.split() if norm(w) not in roles.PLACE_WORDS)
        role_text = f"{m['qualifier']}{role}"
        nouns = roles.role_nouns(role_text)
        matches = roles.by_role(repo.people_roles(role_words=nouns), role_text)
        found = _one([r.person for r in matches], owner.id)
    elif relation in ABOVE and owner.organisation_id is not None:
        heads = roles.at_organisation(
            repo.people_roles(organisation_id=owner.organisation_id),
            "head",
            owner.organisation_id,
            "",
        )
        found = _one(heads, owner.id)
    text = question.strip()
    name = " ".join(m["owner"].split()[-named[1] :])
    span = f"{name}{text[m.end('owner') : m.end('relation')]}"
    if found is None:
        return span, repo.ref("person", owner.id), False
    return span, repo.ref("person", found.id), True
