"""Checks that read a yes/no claim in a record's other words, the same for every claim of
a form:

- membership by enumeration: "is Mexico a member of APEC" is stated by a record that lists
  Mexico after "including", "such as" or "among" in a clause about APEC ("APEC is a working
  group of 21 nations, including ... Mexico ..."); a list that only names APEC among others
  says nothing of APEC's members;
- the opposite in other words: a qualifier of the claim negated in a compound ("for-profit"
  against "not-for-profit", "binding" against "non-binding", "formal" against "informal") or
  said by its opposite ("binding" against "voluntary").
"""

from __future__ import annotations

import re

from cyberbrief.answers.textsearch import Term, stems

MEMBERSHIP = frozenset(
    "member members membership part parts among include includes included including "
    "belong belongs belonged one".split()
)
"""Words a claim of membership uses for being in a group ("a member of", "part of", "one of",
"among", "does APEC include"): the claim's other words are what must be listed."""
LIST_OPENER = re.compile(
    r"\b(?:including|includes?|included|such as|among(?: them)?|comprising|comprises?)\b",
    re.IGNORECASE,
)
"""What opens a list of a group's members in a record."""
CLAUSE = re.compile(r"(?:[^;.]|\.(?!\s+[A-Z]|\s*$))+")
"""A clause: up to a semicolon or a sentence's end ("U.S." does not end one)."""
NEGATING_PREFIXES = ("not-for-", "not-", "non-", "non", "un", "in", "il", "im", "ir")
"""Prefixes that make a qualifier its opposite ("not-for-profit", "non-binding", "informal",
"illegal", "unofficial")."""
MIN_QUALIFIER = 4
"""Shorter words are not read as negated by a prefix ("in" + "to")."""
OPPOSITES = (
    ("binding", "mandatory", "compulsory", "obligatory", "enforceable"),
    ("voluntary", "optional", "non-binding"),
)
"""Qualifiers whose sense is the other's opposite: what is required against what is left to
choice (a general opposition of policy language, not of one question)."""
_OPPOSED = {
    word: frozenset(other for other in OPPOSITES[1 - i])
    for i, group in enumerate(OPPOSITES)
    for word in group
}
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")


def _said(text: str, term: Term) -> bool:
    return bool(term.alternatives & stems(text))


def listed_member(text: str, names: list[str], objects: list[Term]) -> str | None:
    """The clause of ``text`` listing every one of ``objects`` after a list opener, the
    group (one of ``names``) named before the opener in the same clause; None when no clause
    does. ``described`` text ("APEC: A working group ... including ...") names its entity
    first, so it qualifies as well."""
    if not objects:
        return None
    lowered = [n.lower() for n in names if n]
    for clause in CLAUSE.finditer(text):
        body = clause.group()
        opener = LIST_OPENER.search(body)
        if opener is None:
            continue
        before, after = body[: opener.start()].lower(), body[opener.end() :]
        if not any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", before) for n in lowered):
            continue  # the list belongs to something else in the clause
        if all(_said(after, t) for t in objects):
            return body.strip()
    return None


def is_membership(asked: list[Term]) -> bool:
    """The claim says that something is in a group: it uses a word of membership."""
    return any(t.word in MEMBERSHIP for t in asked)


def opposed(text: str, claim: str) -> str | None:
    """The qualifier of ``claim`` that ``text`` says the opposite of ("for-profit" when the
    text says "not-for-profit"; "binding" when it says "voluntary"), or None. A record that
    also says the qualifier itself, not negated, opposes nothing."""
    said = {str(t).lower() for t in _TOKEN.findall(text)}
    for word in (str(t).lower() for t in _TOKEN.findall(claim)):
        core = word.split("-")[-1] if word.startswith(("for-", "non-", "not-")) else word
        if len(core) < MIN_QUALIFIER or word.startswith(("non", "not-", "un")):
            continue  # the claim's own negation is read by the sense of the clause
        negated = {p + word for p in NEGATING_PREFIXES} | {p + core for p in NEGATING_PREFIXES}
        if word in said and not negated & said:
            continue
        if negated & said or _OPPOSED.get(word, frozenset()) & said:
            return word
    return None


IN_PERSON = re.compile(r"\b(?:in person|personally|in the flesh)\b", re.IGNORECASE)
"""A claim that someone was somewhere or spoke in person."""
IN_PERSON_WORDS = frozenset({"person", "personally", "flesh"})
REMOTE = re.compile(
    r"\b(?:by|via|over|through|in) (?:a |an )?(?:video(?:[- ]?link)?(?: message| address)?|"
    r"videolink|satellite(?: link)?|tele(?:phone|conference)|phone|recorded (?:message|video))\b|"
    r"\bremotely\b",
    re.IGNORECASE,
)
"""Words saying that someone took part from elsewhere ("by video link from Washington")."""
SPEECH_NOUN = r"(?:speech|address|remarks|statement|message|keynote)"
DELEGATED = re.compile(
    rf"\b(?P<whose>her|his|their|its|[\w.'’ -]+?['’]s) {SPEECH_NOUN}\b[^;]*?"
    rf"\b(?:was|were|had been|is) (?:delivered|read|given|presented|made) by\b"
    r"|\b(?:delivered|read|gave|presented|made|delivering|reading)\s+"
    rf"(?P<owner>[\w.'’ -]+?)['’]s\s+{SPEECH_NOUN}\b"
    r"|\bon behalf of (?P<for>[\w.'’ -]+?)(?=[,;.]|$| (?:at|to|in|by|from)\b)",
    re.IGNORECASE,
)
"""Someone else speaking for one ("her speech was delivered by Joe Biden", "delivered Hillary
Clinton's speech", "on behalf of the minister"): the one spoken for was not there to speak."""
AGENT_REACH = 60
"""How far after "by" the agent of a delivered speech is named ("by US vice president Joe
Biden")."""
CLAUSE_END = re.compile(r";|(?<!\b[A-Z])\.\s")


def _names(text: str, names: list[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.IGNORECASE) for n in names if n)


def not_in_person(text: str, names: list[str], describes_it: bool) -> str | None:
    """The clause of ``text`` saying that the entity with ``names`` did not take part in
    person: it took part from elsewhere (by video link, by phone; named in the clause, or the
    description's own entity), or someone else delivered its speech (its speech, named or
    as "her"/"his" with the entity named before or described, delivered by another). None
    when the record says neither."""
    said_before = describes_it
    for clause in (c.strip() for c in CLAUSE_END.split(text)):
        if not clause:
            continue
        for m in DELEGATED.finditer(clause):
            whose = m["whose"] or m["owner"] or m["for"] or ""
            pronoun = whose.lower() in {"her", "his", "their", "its"}
            if (pronoun and said_before) or (not pronoun and _names(whose, names)):
                return clause  # another delivered its speech
        named = _names(clause, names)
        if REMOTE.search(clause) and (named or describes_it):
            return clause  # took part from elsewhere
        said_before = said_before or named
    return None


ON_BEHALF = re.compile(
    r"\b(?:on behalf of|in place of|st(?:and|ands|ood|anding) in for|fill(?:ed|s)? in for)\b",
    re.IGNORECASE,
)
"""A claim that someone spoke or acted for another ("did Biden speak on behalf of Clinton")."""


def spoke_for(text: str, names: list[str], for_names: list[str], describes_it: bool) -> str | None:
    """The clause of ``text`` in which the entity with ``names`` delivered the speech of the
    one with ``for_names``: "her speech was delivered by Joe Biden" (her: the one named before;
    the agent after "by"), or "who delivered Hillary Clinton's speech" / "spoke on behalf of
    X" (the one who did it named before, or the description's own entity). None when no
    clause says so."""
    said_before = False
    for clause in (c.strip() for c in CLAUSE_END.split(text)):
        for m in DELEGATED.finditer(clause):
            if m["whose"]:
                whose = m["whose"]
                pronoun = whose.lower() in {"her", "his", "their", "its"}
                owner = said_before if pronoun else _names(whose, for_names)
                if owner and _names(clause[m.end() : m.end() + AGENT_REACH], names):
                    return clause  # "her speech was delivered by <names>"
                continue
            owner = _names(m["owner"] or m["for"] or "", for_names)
            if owner and (describes_it or _names(clause[: m.start()], names)):
                return clause  # "<names> delivered X's speech", "... on behalf of X"
        said_before = said_before or _names(clause, for_names)
    return None
