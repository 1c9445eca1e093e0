"""Things a record lists ("six companies: McAfee, Trend Micro, ..."; "21 nations, including
Australia, Canada ..."): found so that a "how many" question with no stated figure is answered
by counting them, and a membership ("is Mexico a member of APEC") by the list, and only when
each item could be one of the things asked about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyberbrief.answers.textsearch import stems

COUNT_WORDS = (
    "none one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_OPENER = (
    r"(?:including|includes?|included|such as|namely|from|between|within|among them|"
    r"comprising|like)"
)
_OPENS = re.compile(rf"^\s*(?:[\w'’-]+\s+){{0,8}}?{_OPENER}\s+", re.IGNORECASE)
"""An anchor's words up to where its list begins ("companies including McAfee, ...")."""
_OF = re.compile(r"^\s*of\s+", re.IGNORECASE)
_ENDS = re.compile(
    r"\s+(who|which|that|were|are|is|was|will|would|have|has|had|to|in|at|on|for|with|"
    r"because|after|before|while|whose|usually|also)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
"""Where the last item of a list ends, when no comma ends it ("... and hackers who ...")."""
_LEADING = re.compile(rf"^(?:{_OPENER}|and|or|the|a|an|both|which|that)\s+", re.IGNORECASE)
_CLAUSE = re.compile(r"(?:[^;.]|\.(?!\s+[A-Z]|\s*$))+")
"""A clause: up to a semicolon or a sentence's end ("U.S." does not end one)."""
MAX_ITEM_WORDS = 6
SHORT_ITEM_WORDS = 3


@dataclass(frozen=True)
class Listed:
    """The things one enumeration in a record names."""

    items: tuple[str, ...]

    def counted(self) -> str:
        """ "six: McAfee, Trend Micro, ... and Article10"."""
        n = len(self.items)
        number = COUNT_WORDS[n] if n < len(COUNT_WORDS) else str(n)
        return f"{number}: {', '.join(self.items[:-1])} and {self.items[-1]}"


def _item(segment: str) -> str:
    text = segment.strip().strip("“”\"'").strip()
    previous = None
    while previous != text:
        previous, text = text, _LEADING.sub("", text).strip().strip("“”\"'").strip()
    return text


def _anchor_at(text: str, anchors: set[str]) -> list[re.Match[str]]:
    return [w for w in re.finditer(r"[\w'’-]+", text) if anchors & (stems(w.group()) | {w.group()})]


def _opening(segment: str, anchors: set[str]) -> str | None:
    """The first item of a list when ``segment`` opens it: an anchor, then an opening word
    ("Private sector companies including McAfee": "McAfee"; "issues of attribution":
    "attribution"), or an anchor ending it ("The major cyber powers": ""); else None."""
    for word in _anchor_at(segment, anchors):
        rest = segment[word.end() :]
        opener = _OPENS.match(rest) or _OF.match(rest)
        if opener:
            return _item(rest[opener.end() :])
        if not rest.strip():
            return ""
    return None


def _last_item(after: str, anchors: set[str]) -> tuple[str, bool]:
    """The last item of a list (up to a comma, a clause's verb or an asked word) and whether
    an asked word follows it at once ("Flame or Stuxnet weapon")."""
    text = re.split(r"[,:(]", after, maxsplit=1)[0]
    text = _ENDS.sub("", text)
    words = list(re.finditer(r"[\w'’-]+", text))
    for i, word in enumerate(words):
        # An asked word, not a name: "Flame or Stuxnet weapon", "A and B complicate ...".
        if i and word.group().islower() and anchors & (stems(word.group()) | {word.group()}):
            return _item(text[: word.start()]), True
    return _item(text), False


def enumeration(text: str, anchors: set[str]) -> Listed | None:
    """The list ``text`` gives of what is asked, as one enumeration: right after an asked
    word (``anchors``: the stems of what is asked) and an opening word ("companies including
    A, B and C", "funding from A, B and C", "issues of A, B and C"), or right before one ("A
    or B weapon"); items of a few words each, separated by commas and a final "and" or "or",
    in one clause, none of them asking again. None when there is no such list."""
    for clause in _CLAUSE.finditer(text):
        for joint in re.finditer(r",?\s+(and|or)\s+", clause.group()):
            listed = _listed(clause.group(), joint, anchors)
            if listed is not None:
                return listed
    return None


def _listed(clause: str, joint: re.Match[str], anchors: set[str]) -> Listed | None:
    items: list[str] = []
    anchored = False
    for segment in reversed(clause[: joint.start()].split(",")):
        opened = _opening(segment, anchors)
        if opened is not None:
            items.insert(0, opened) if opened else None
            anchored = True
            break
        if len(segment.split()) > MAX_ITEM_WORDS or not segment.strip():
            break
        items.insert(0, _item(segment))
    last, noun_after = _last_item(clause[joint.end() :], anchors)
    if not anchored:  # only the asked noun after it: a list of a few short names
        while items and len(items[0].split()) > SHORT_ITEM_WORDS:
            items.pop(0)
    items.append(last)
    if not (anchored or noun_after) or len(items) < 2:
        return None
    if any(not i or len(i.split()) > MAX_ITEM_WORDS or _anchor_at(i, anchors) for i in items):
        return None  # an item that asks again opens a list of its own ("work within A, B")
    if not all(_instance(i, named=not anchored) for i in items):
        return None  # "not just one or another country": no country is listed
    return Listed(tuple(items))


def _instance(item: str, named: bool) -> bool:
    """Whether a listed item can be one of the things counted: it says more than a number
    or a determiner ("not just one", "another"), and, in a list known to be of the asked
    noun only because the noun follows it ("A or B weapon"), it is a name ("opposite the
    US and like-minded countries" lists no country by name)."""
    said = [w for w in re.findall(r"[\w'’-]+", item) if w.lower() not in _NOT_A_THING]
    if not said:
        return False
    return not named or any(w[:1].isupper() or w[:1].isdigit() for w in said)


_NOT_A_THING = frozenset(
    [
        *COUNT_WORDS,
        *"not just only another other others some any each every all both more "
        "most many few several no none".split(),
        *("a an the of".split()),
    ]
)
"""Words that count or point at things without naming one."""
