"""Synthetic but realistic stores and query mixes, reproducible from a seed.

Names are built like real policy names ("European Cyber Crime Agency", "National Centre for
Information Assurance") with an invented proper noun where needed to keep them unique, each
with an acronym; people have first names and surnames. Queries are labelled with the entity
they should find (or None for nonsense), so accuracy is measurable.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass

QUALIFIERS = [
    "International",
    "European",
    "National",
    "Global",
    "Regional",
    "Joint",
    "Federal",
    "Asian",
    "African",
    "Nordic",
    "Atlantic",
    "Pacific",
    "Central",
    "United",
]
TOPICS = [
    "Cyber",
    "Security",
    "Information",
    "Telecommunication",
    "Crime",
    "Defence",
    "Network",
    "Digital",
    "Data",
    "Privacy",
    "Resilience",
    "Infrastructure",
    "Threat",
    "Policy",
]
BODIES = [
    "Agency",
    "Council",
    "Alliance",
    "Centre",
    "Institute",
    "Forum",
    "Union",
    "Office",
    "Organisation",
    "Commission",
    "Authority",
    "Partnership",
    "Observatory",
    "Network",
]
FIRST = [
    "Anna",
    "James",
    "Maria",
    "John",
    "Li",
    "Fatima",
    "Olga",
    "Pierre",
    "Kenji",
    "Sara",
    "David",
    "Ines",
    "Tomas",
    "Amara",
    "Raj",
    "Elena",
    "Hugo",
    "Mei",
    "Omar",
    "Nina",
]


@dataclass(frozen=True)
class Entry:
    entity_id: int
    kind: str
    name: str
    acronym: str | None


@dataclass(frozen=True)
class Query:
    text: str
    expected: int | None
    kind: str  # exact, typo, partial, acronym, nonsense


def _noun(rnd: random.Random) -> str:
    syllables = ["ka", "ro", "ve", "lin", "dor", "mar", "te", "sa", "nu", "bel", "quin", "tor"]
    return "".join(rnd.choice(syllables) for _ in range(rnd.randint(2, 3))).capitalize()


def entries(count: int, seed: int = 1) -> list[Entry]:
    rnd = random.Random(seed)
    out: list[Entry] = []
    seen: set[str] = set()
    acronyms: set[str] = set()
    while len(out) < count:
        if rnd.random() < 0.3:
            name = f"{rnd.choice(FIRST)} {_noun(rnd)}{rnd.choice(['', 'son', 'ski', 'ez', 'er'])}"
            kind, acronym = "person", None
        else:
            words = [
                rnd.choice(QUALIFIERS),
                rnd.choice(TOPICS),
                rnd.choice(TOPICS),
                rnd.choice(BODIES),
            ]
            if rnd.random() < 0.8 or len(out) > 500:
                words.insert(rnd.randint(0, 3), _noun(rnd))
            name = " ".join(dict.fromkeys(words))
            kind = "organisation"
            acronym = "".join(w[0] for w in name.split())
            acronym = acronym if acronym not in acronyms else None
        if name in seen:
            continue
        seen.add(name)
        if acronym:
            acronyms.add(acronym)
        out.append(Entry(len(out) + 1, kind, name, acronym))
    return out


def _typo(rnd: random.Random, text: str) -> str:
    chars = list(text)
    i = rnd.randrange(1, len(chars) - 1)
    op = rnd.choice(["swap", "drop", "double", "replace"])
    if op == "swap":
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    elif op == "drop":
        del chars[i]
    elif op == "double":
        chars.insert(i, chars[i])
    else:
        chars[i] = rnd.choice(string.ascii_lowercase)
    return "".join(chars)


def queries(pool: list[Entry], count: int, seed: int = 2) -> list[Query]:
    rnd = random.Random(seed)
    out: list[Query] = []
    with_acronym = [e for e in pool if e.acronym]
    for i in range(count):
        kind = ["exact", "typo", "typo", "partial", "acronym", "nonsense"][i % 6]
        entry = rnd.choice(pool)
        if kind == "exact":
            out.append(Query(entry.name.lower(), entry.entity_id, kind))
        elif kind == "typo":
            out.append(Query(_typo(rnd, entry.name), entry.entity_id, kind))
        elif kind == "partial":
            words = entry.name.split()
            keep = words[1:] if len(words) > 2 else words[-1:]
            # a partial name is only fair when it still names one entry
            out.append(Query(" ".join(keep), entry.entity_id, kind))
        elif kind == "acronym" and with_acronym:
            chosen = rnd.choice(with_acronym)
            out.append(Query(str(chosen.acronym), chosen.entity_id, kind))
        else:
            junk = " ".join(
                "".join(rnd.choice("zqxjvwy") for _ in range(rnd.randint(4, 7))) for _ in range(2)
            )
            out.append(Query(junk, None, "nonsense"))
    return out
