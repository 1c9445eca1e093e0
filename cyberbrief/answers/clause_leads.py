"""What a how- or what-did briefing leads with: the clause of its records that says what is
asked ("what did Brokenshire call for": "... James Brokenshire called for a common
international legal framework to punish them"), not the question restated.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.record_lines import Evidence
from cyberbrief.answers.verify import asked_terms, unsaid

HOW = re.compile(r"^\s*how\s+(?:is|are|was|were|do|does|did|will|would|can|could|has|have)\b", re.I)
"""A question for the manner of what is asked ("how is the ICSPA funded"), not for a figure."""
WHAT_DONE = re.compile(
    r"^\s*what\s+(?:is|are|was|were|do|does|did|will|would|can|could|has|have|had|should|must)"
    r"\s+(?!the\s+(?:reasons?|cause)\b)\w",
    re.I,
)
"""A question for what was done, said or planned ("what did Brokenshire call for"): answered,
like a how-question, by the clause that says it."""
DESCRIBED_KINDS = frozenset({"organisation", "person", "event", "initiative"})
"""Records that are an entity's description, whose sentences leave the entity unsaid."""
PRONOUN_LED = re.compile(r"^(?:it|its|they|their|he|his|she|her|this|these|those)\b", re.I)
"""A clause opening with a pronoun, whose antecedent the clause does not say."""
STATEMENT_END = re.compile(r";|(?<=[.!?])\s+(?=[A-Z\"“‘'])")
"""Where a statement a briefing may lead with ends: a colon goes on with what it introduces
("urged caution: ill-advised interventions posed their own risks")."""


def asks_manner(question: str) -> bool:
    """Whether ``question`` asks how something is done, or what was done, said or planned."""
    return bool(HOW.match(question) or WHAT_DONE.match(question))


def clause_lead(
    question: str,
    evidence: list[Evidence],
    names: list[str],
    label: Callable[[str, int], str],
    meaning: Meaning | None,
) -> str | None:
    """The first clause of the records that says all that is asked beyond the ``names`` (its
    words, synonyms or words close in meaning, one at least as asked): "how will the UK
    tackle computer-based threats": "The UK government has put aside £650m of additional
    funding to help tackle ...". None when no clause does: the question heads the records."""
    asked = asked_terms(question, names)
    if not asked:
        return None
    for e in evidence:
        for clause in STATEMENT_END.split(e.hit.text):
            clause = clause.strip()
            if len(unsaid(clause, asked)) == len(asked) or unsaid(clause, asked, meaning):
                continue
            if e.hit.kind == "quote" and e.about:
                return f"“{clause.strip('“”')}” — {e.about[0].label}"
            if e.hit.kind in DESCRIBED_KINDS:
                # A description's clause leaves out what it describes ("Summit facilitated by
                # the ITU"): its entity comes first.
                return f"{label(e.hit.kind, e.hit.id)}: {clause.rstrip('.')}"
            if PRONOUN_LED.match(clause):
                return None  # "they could define ...": who "they" are is not said
            return clause.rstrip(".")
    return None
