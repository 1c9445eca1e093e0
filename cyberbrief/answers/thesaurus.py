"""Everyday words and the store's words for the same thing, so a question need not use the
articles' vocabulary: "firms back the alliance" meets "companies support the ICSPA".

Three general rules, applied alike to questions and to the records they are compared with:

- synonym groups (below): every word of a group counts as every other, both ways;
- derivations: "economies" meets "economic", "politicians" meets "political", by cutting a
  few derivational endings off the porter stem (which keeps them apart);
- compounds: "cybercrime" meets "cyber crime", and "cyber-attack" meets "cyberattack".

The groups are plain English equivalences of the kind a thesaurus gives, chosen for how people
ask about policy and security news; they are not tuned to any one question. A synonym only
raises how much of a question a record covers: the evidence thresholds still decide whether it
is an answer. Names are expanded only within these groups (a question's "Britain" is met by
"UK"), never by derivation or compounding.
"""

from __future__ import annotations

import functools

GROUPS = """
us america american u.s
uk britain british
defense defence
internet online cyberspace web
firm firms company companies business businesses
country countries nation nations state states
pc pcs computer computers
budget budgets funding fund funds money
extra additional
summit summits conference conferences
debate debates discussion discussions
speech speeches address remarks
first opening
alliance alliances partnership partnerships coalition coalitions
slow slows slowed hinder hinders hindered hamper hampers hampered
agreement agreements treaty treaties convention conventions pact pacts accord accords
regulate regulating regulation regulations control
worry worries concern concerns fear fears risk risks
hacker hackers cybercriminal cybercriminals
hard difficult difficulty difficulties
back backs backed support supports supported endorse endorses endorsed
journalist journalists correspondent correspondents writer writers
wrote write writes written author authors
politician politicians lawmaker lawmakers legislator legislators
moving move moves migrating migrate migrates migration
told tell said say says spoke speak speaks talk talks talked
warn warns warned caution cautioned
ban bans banned prohibit prohibits prohibited
head heads chief leader leaders
spy spies espionage intelligence
attack attacks attacked assault
weak weakness weaknesses lack lacks lacking limitation limitations
obstacle obstacles barrier barriers hurdle hurdles
goal goals aim aims objective objectives
talks negotiations
rule rules norm norms
member members membership
attend attends attended attending went visit visits visited
big large huge
cost costs costing price
""".strip().splitlines()
"""One group per line: the words are interchangeable in a question."""

STORE_WORDS = {"online": ("cyber",)}
"""An everyday word and the store's word for it where only one way holds: a user's "online
crime" is the store's "cyber crime", but the store's "cyber" (a prefix of fused words) is no
user's "online". Used only where a clause is weighed for how much of a question it says
(:func:`~cyberbrief.answers.clause_evidence.said_share`), never to search or to name."""

COMPOUND_PREFIXES = ("cyber",)
"""Words that fuse onto the next ("cybercrime"): the joined and the split forms meet."""

DERIVATIONAL = ("ical", "ian", "ic", "al", "i")
"""Endings the porter stemmer leaves on related words (economi/econom, politician/polit)."""

MIN_ROOT = 5
"""A derived root must keep this many letters, so short stems are never merged."""


def _index() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for line in GROUPS:
        group = set(line.split())
        for word in group:
            found.setdefault(word, set()).update(group - {word})
    return {word: frozenset(others) for word, others in found.items()}


SYNONYMS: dict[str, frozenset[str]] = _index()


def synonyms(word: str) -> frozenset[str]:
    """The other words of ``word``'s groups (empty for most words)."""
    return SYNONYMS.get(word, frozenset())


@functools.lru_cache(maxsize=200_000)
def root(stem: str) -> str:
    """``stem`` with derivational endings removed while at least :data:`MIN_ROOT` letters
    remain: "economi" and "econom" share a root, "politician" and "polit" too."""
    changed = True
    while changed:
        changed = False
        for ending in DERIVATIONAL:
            # A bare "i" (porter's economy -> economi) needs a longer root: policy (polici)
            # must not become police (polic).
            least = MIN_ROOT + 1 if ending == "i" else MIN_ROOT
            if stem.endswith(ending) and len(stem) - len(ending) >= least:
                stem = stem[: -len(ending)]
                changed = True
                break
    return stem


def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a fused word ("cybercrime" -> "cyber", "crime"), or nothing."""
    for prefix in COMPOUND_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 3:
            return (prefix, rest)
    return ()
