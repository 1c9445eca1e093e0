"""A date a fact's own words do not give, taken from the article's sentence the fact was
written from ("cancelled the trip on Monday night"): only from the clause of that sentence
that says everything asked, so the date of one happening is never given for another told in
the same sentence ("... on Monday night after her mother fell ill": no date of the illness).
"""

from __future__ import annotations

import re

from cyberbrief.answers.textsearch import Term
from cyberbrief.answers.verify import Expect, Verdict, verify

CLAUSES = re.compile(r"[;:]|\s+(?:after|before|because|until|while|when|as|since)\s+")
"""Where a clause of an article's sentence ends and another, about another happening, starts:
a date in one is not a date of the other ("but" joins two things one subject did)."""


def dated_by_support(
    support: str, asked: list[Term], own: list[str], money: bool, counted: str
) -> Verdict | None:
    """The date in the one clause of ``support`` that says every term of ``asked`` (see
    :func:`~cyberbrief.answers.verify.verify`), or None."""
    for clause in CLAUSES.split(support):
        verdict = verify(clause, Expect.DATE, asked, own, money, counted)
        if verdict is not None:
            return verdict
    return None
