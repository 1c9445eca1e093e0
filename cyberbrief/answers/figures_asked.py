"""Figures asked per unit: "how much does cybercrime cost each victim", "how many PCs in
every hundred".

A figure asked for each one of something is answered only by a record that states it for
each one ("per PC", "any given computer", "one in 20", "5% of PCs" for every hundred); a
total ("$114 billion to individuals in 24 countries") says nothing of what one of them
bears, however close its words are. A rate in time ("a year", "each month") is no unit of
this kind: it is a figure's period, checked with the figure's other words.
"""

from __future__ import annotations

import re

from cyberbrief.answers.textsearch import stems

PER_UNIT = re.compile(
    r"\b(?:each|every|per) (?P<count>\d+|hundred|thousand )?\s*(?P<unit>(?:[a-z'’-]+ ){0,2}"
    r"[a-z'’-]+)",
    re.IGNORECASE,
)
"""A figure asked for each one (or each hundred) of something: "each individual victim",
"every 100 PCs", "per person"."""
TIME_UNITS = frozenset(
    "year years month months week weeks day days hour hours minute minutes second seconds "
    "decade decades quarter quarters time times night nights morning mornings".split()
)
"""A period, not a unit a figure is shared out over."""
_STOP = frozenset("a an the of in on at to for and or is are was were did does do".split())


def units_asked(question: str) -> list[tuple[str, str]]:
    """(how many, head noun) of each unit a question asks a figure per: ("", "victim") for
    "each individual victim", ("100", "pcs") for "every 100 PCs"; no period of time."""
    found = []
    for m in PER_UNIT.finditer(question):
        kept = []
        for word in m["unit"].lower().split():
            if word in _STOP:
                break
            kept.append(word)
        if not kept or kept[0] in TIME_UNITS or kept[-1] in TIME_UNITS:
            continue
        found.append(((m["count"] or "").strip().lower(), kept[-1]))
    return found


def _per_hundred(count: str) -> bool:
    return count in ("100", "hundred")


def said_per_unit(text: str, question: str) -> bool:
    """Whether ``text`` states its figure for each unit the question asks a figure per
    (:func:`units_asked`): "each", "every", "per", "a", "any given" or "one in N" before the
    unit's noun, or a percentage for every hundred. True when no unit is asked."""
    for count, unit in units_asked(question):
        wanted = stems(unit)
        if _per_hundred(count) and re.search(r"\d\s?%|\bper ?cent\b", text, re.IGNORECASE):
            continue
        per = re.finditer(
            r"\b(?:each|every|per|a|an|any given|any|one in \d+(?: risk that any given)?)"
            r" (?:[\w'’-]+ ){0,2}?(?P<noun>[\w'’-]+)",
            text,
            re.IGNORECASE,
        )
        if not any(stems(m["noun"]) & wanted for m in per):
            return False
    return True


_THEM = re.compile(
    r"^(?P<context>[^:;,.?!]+?)\s*[:;,.]\s*(?:so |and )?how many(?: of them| are there| exactly|"
    r" in all| in total)*(?P<rest>(?: [\w'’-]+){0,3}?)\s*\??$",
    re.IGNORECASE,
)
"""A count asked of what the sentence before it names: "APEC is made up of nations: how
many of them", "private companies were to back the ICSPA, how many of them were named"."""
_AUX = r"(?:are|were|is|was|will be|would be|have been|had been)"
_VAGUE = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-something|some|several|"
    r"many|a few|a number of|dozens of|hundreds of) "
)
_PLURAL_FIRST = re.compile(
    rf"^(?:the )?(?P<noun>(?:[\w'’-]+ ){{0,2}}[\w'’-]+s) (?P<pred>{_AUX} .+)$", re.I
)
_PLURAL_LAST = re.compile(
    rf"^(?P<subject>.+?) (?P<be>{_AUX}) (?P<pred>.+? (?:of|in|by|with|from|to|for|among)) "
    rf"(?:{_VAGUE})?(?P<noun>(?:[\w'’-]+ ){{0,2}}[\w'’-]+s)$",
    re.I,
)
_HAS = re.compile(
    rf"^(?P<subject>.+?) (?P<has>has|have|had) (?:{_VAGUE})?"
    rf"(?P<noun>(?:[\w'’-]+ ){{0,2}}[\w'’-]+s)$",
    re.I,
)
_NOT_PLURAL = frozenset("is was has its this us as his yes thus".split())


def them_counted(question: str) -> str | None:
    """The count a question asks of the things its first sentence names, asked in one
    sentence ("how many nations is APEC made up of"), or None for any other question."""
    m = _THEM.match(question.strip())
    if m is None or m["rest"].strip().lower() not in ("", "were named", "are named", "were listed"):
        return None
    context = m["context"].strip()
    if (p := _PLURAL_FIRST.match(context)) and p["noun"].split()[-1].lower() not in _NOT_PLURAL:
        return f"how many {p['noun']} {p['pred']}"
    if (p := _HAS.match(context)) and p["noun"].split()[-1].lower() not in _NOT_PLURAL:
        does = "did" if p["has"].lower() == "had" else "does" if p["has"].lower() == "has" else "do"
        return f"how many {p['noun']} {does} {p['subject']} have"
    if (p := _PLURAL_LAST.match(context)) and p["noun"].split()[-1].lower() not in _NOT_PLURAL:
        return f"how many {p['noun']} {p['be']} {p['subject']} {p['pred'].strip()}"
    return None


_SUB_GROUP = re.compile(
    r"^how many of (?P<group>.+?) (?:are|were) (?P<noun>.+)$|"
    r"^(?:among|of) (?P<group2>[^,]+), how many (?:are|were) (?P<noun2>.+)$",
    re.IGNORECASE,
)
"""A count of part of a group: "how many of the ITU's members are UN member states"."""
_PLACED = frozenset("in at from on of to with by".split())
_MEMBERS_OF = re.compile(
    r"^(?P<owner>.+?)['’]s? (?:members|member states|member countries|membership)$", re.I
)


def sub_group_counted(question: str) -> str | None:
    """A count of part of a group asked as what belongs to the group's owner ("how many UN
    member states belong to the ITU"), or among the group; None for another question."""
    m = _SUB_GROUP.match(question.strip().rstrip("?!. "))
    if m is None:
        return None
    group, noun = (m["group"] or m["group2"]).strip(), (m["noun"] or m["noun2"]).strip()
    if group.lower() in ("them", "these", "those", "us") or noun.split()[0].lower() in _PLACED:
        return None  # "how many of APEC's members are in Europe": a place, not a kind
    owner = _MEMBERS_OF.match(group)
    if owner:
        return f"how many {noun} belong to {owner['owner']}"
    return f"how many {noun} are among {group}"


_OUT_OF_EVERY = re.compile(
    r"^(?:out of|of|in) every (?:\d+|hundred|thousand) (?P<noun>[^,]+), how many (?P<rest>.+)$|"
    r"^how many (?P<noun2>(?:[\w'’-]+ ){0,2}?[\w'’-]+) (?:out of|in|of) every (?:\d+|hundred|"
    r"thousand) (?P<rest2>.+)$",
    re.IGNORECASE,
)
"""A share asked as so many in every hundred: "out of every 100 PCs, how many are
infected", "how many PCs in every hundred are infected"."""


def share_asked(question: str) -> str | None:
    """The share a count in every hundred (or every N) asks for, as a share ("what share
    of PCs are infected with malware"), or None for another question."""
    m = _OUT_OF_EVERY.match(question.strip().rstrip("?!. "))
    if m is None:
        return None
    noun, rest = (m["noun"] or m["noun2"]).strip(), (m["rest"] or m["rest2"]).strip()
    return f"what share of {noun} {rest}"
