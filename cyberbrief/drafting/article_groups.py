"""Quotes of a group speaking as one: "the three ministers said", '"...," the companies wrote',
'"...," the communique said'.

News lists a group's members once ("Norway's defence minister, X, Sweden's defence minister,
Y, and Denmark's defence minister, Z, met ...", "Microsoft, Google and Cisco published a joint
letter") and then refers back to them by a plural noun, with their number or without, or by
the document they issued. The quote is drafted once for each member only when exactly one list
fits: the number given is the list's, the noun fits their roles, and without a number nobody
was named since. "The two leaders from the larger countries" after three leaders names nobody.
"""

from __future__ import annotations

import bisect
import re

from cyberbrief.drafting.article_lede import lede_body
from cyberbrief.drafting.article_mentions import Drafting, Mentions
from cyberbrief.drafting.article_text import sentences
from cyberbrief.drafting.attribution_patterns import SAY, THEY_SAID_AFTER
from cyberbrief.drafting.people import RUN, people_in

_PLURAL_SAY = r"say|write|argue|warn|add|tell|insist|conclude|note|recommend|reaffirm|pledge"
_NUMBER = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_GROUP = (
    r"\b[Tt]he\s+(?:(?P<n>two|three|four|five|six)\s+)?(?P<noun>(?:prime\s+|foreign\s+|"
    r"defence\s+|defense\s+|interior\s+|tech\s+|technology\s+)?(?:ministers|leaders|"
    r"presidents|heads|officials|governments|companies|firms|groups|organi[sz]ations|"
    r"agencies|banks|countries|signatories|chancellors|premiers|secretaries|ambassadors|"
    r"envoys|senators|lawmakers|mayors|chiefs|authors|researchers|scientists|founders|"
    r"co-founders))"
)
GROUP_AFTER = re.compile(
    rf"^[,.]?\s*{_GROUP}\s+(?:also\s+|jointly\s+)?(?:{SAY}|{_PLURAL_SAY})\b(?P<rest>[^.!?“”\"]*)"
)
"""'"...," the three ministers said', '"...," the companies wrote in the letter'."""
GROUP_BEFORE = re.compile(
    rf"{_GROUP}\s+(?:also\s+|jointly\s+)?(?:{SAY}|{_PLURAL_SAY})\b[^.!?“”\"]{{0,160}}$"
)
"""'In a joint statement ..., the three ministers said the cables were "..."'."""
_GROUP_SUBJECT = re.compile(rf"\s*{_GROUP}\s+(?:also\s+)?(?:{SAY}|{_PLURAL_SAY})\b")
"""A sentence whose subject is the group, before '"...," they said'."""
_DOCUMENT = r"(?P<doc>statement|communiqu[eé]|declaration|letter)"
DOCUMENT_AFTER = re.compile(
    rf"^[,.]?\s*the\s+(?:joint\s+)?{_DOCUMENT}\s+(?:also\s+)?"
    r"(?:said|says|added|adds|stated|states|read|reads|noted|notes|wrote)\b"
)
"""'"...," the communique said': the group that issued it, named before."""
DOCUMENT_NAMED = re.compile(rf"\b(?:joint|their|its)\s+{_DOCUMENT}")
"""Where a group's document is named as theirs ("In a joint communique", "in their joint
declaration")."""
_BODY_STATEMENT = re.compile(
    r"\b[Tt]he\s+(?:[A-Z]?[a-z-]+\s+)?(?:club|company|firm|bank|charity|university|airline|"
    r"retailer|operator|insurer)\s+(?:also\s+)?(?:said|says)\s+in\s+a\s+statement\b"
)
"""A statement the body the lede opens with issued ("The club said in a statement ...")."""
_FOUNDED_BY = re.compile(r"\b(?:co-)?founded\b[^.!?“”\"]{0,40}?\bby\s+(?P<by>[^.!?“”\"]{3,240})")
"""Who founded the company: "was founded in 2023 by X, a former ..., and Y, who ..."."""
_BODIES = {"governments", "companies", "firms", "groups", "agencies", "banks", "countries"}
_BODY_NOUNS = _BODIES | {"organisations", "organizations"}
_ANYONE = {"leaders", "heads", "officials", "signatories", "chiefs", "authors", "researchers"}
"""Nouns any member with a role fits ("the authors" of a study the list's names led)."""
_NAME = r"[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,2}"
BODY_LIST = re.compile(
    rf"(?:^|\n|[.!?]\s+)(?P<list>{_NAME}(?:,\s+{_NAME})+,?\s+and\s+{_NAME})"
    rf"(?:,[^,.“”\"]{{1,100}},)?\s+(?:have\s+|had\s+|also\s+|jointly\s+)?(?:[a-z]+ed|{SAY})\b"
)
"""A sentence opening with three bodies or more and a verb ("Microsoft, Google and Cisco
published a joint letter")."""


class Groups(Mentions):
    """Finding the members of a group that speaks as one."""

    def __init__(self, drafting: Drafting) -> None:
        super().__init__(drafting)
        self.documents: dict[str, list[str]] = {}
        """A group's document ("communique") -> its members, once a quote named them."""

    def group(self, before: str, after: str, position: int) -> list[str]:
        """The members a group reference around a quote means, or none."""
        found = GROUP_AFTER.match(after)
        where = after[: found.end()] if found else ""
        if not found:
            start = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
            found = GROUP_BEFORE.search(before[start + 1 :])
            where = before[start + 1 :]
        if not found and THEY_SAID_AFTER.match(after) and before.strip():
            where = sentences(before)[-1]  # 'The founders said ... "...," they said'
            found = _GROUP_SUBJECT.match(where)
        if found:
            members = self._members(found["noun"], _NUMBER.get(found["n"] or ""), position)
            document = DOCUMENT_NAMED.search(where)
            if members and document:
                self.documents[_doc(document["doc"])] = members
            return members
        issued = DOCUMENT_AFTER.match(after)
        if issued:
            members = self.documents.get(_doc(issued["doc"]), [])
            if not members:
                self.ambiguity.withhold(position, f"'the {issued['doc']}': no group issued one")
            return members
        return []

    def document_owner(self, before: str, noun: str, position: int) -> str | None:
        """Whose statement '"...," the statement said' quotes when no group issued one: the one
        person or body the paragraph gives it to ("a witness statement from his client, in
        which Mr X said", "X's letter", "a statement from X", "X said in a statement"), or
        None when the sentence naming the document gives it to nobody or to two."""
        naming = [s for s in sentences(before) if re.search(rf"\b{noun}\b", s, re.IGNORECASE)]
        for sentence in reversed(naming):  # the nearest sentence that gives it to anyone
            owners = set()
            body = _BODY_STATEMENT.search(sentence) and lede_body(self.d.paragraphs, public=False)
            if body:  # "The Championship club said in a statement" after "Harbourside City ..."
                owners.add(self.d.speaking_organisation(body, sentence))
            for pattern in _owner_patterns(noun):
                for found in pattern.finditer(sentence):
                    owner = self.resolve(found["who"], position, sentence)
                    if owner:
                        owners.add(owner)
            if owners:
                return owners.pop() if len(owners) == 1 else None
        return None

    def _members(self, noun: str, number: int | None, position: int) -> list[str]:
        """The last list before ``position`` that ``noun`` and ``number`` fit."""
        plural = noun.split()[-1]
        if plural in _BODY_NOUNS:
            return self._bodies(number, position)
        if plural in ("founders", "co-founders"):
            return self._founders(number, position)
        for start, end in reversed(self._sentences_before(position)):
            first = bisect.bisect_left(self.mentions, (start, ""))
            named: list[str] = []
            for at, name in self.mentions[first:]:
                if at >= end:
                    break
                if name and name not in named:
                    named.append(name)
            if len(named) < 2:
                continue
            fits = plural in _ANYONE or any(n in self.d.by_role(_singular(noun)) for n in named)
            later = bisect.bisect_left(self.mentions, (end, ""))
            since = [n for at, n in self.mentions[later:] if at < position]
            if not fits or (number is None and since) or len(named) != (number or len(named)):
                self.ambiguity.withhold(position, f"'the {noun}': no list of them fits")
                return []
            return [self.d.person(n) or n for n in named]
        return []

    def _bodies(self, number: int | None, position: int) -> list[str]:
        """ "the three companies wrote" after "Microsoft, Google and Cisco published ...":
        each of the bodies of the last such list, none of them a person."""
        text = self.text[max(0, position - 1500) : position]
        lists = list(BODY_LIST.finditer(text))
        if not lists:
            return []
        listed = re.split(r",\s+and\s+|,\s+|\s+and\s+", lists[-1]["list"])
        if number not in (None, len(listed)) or any(self._named(name) for name in listed):
            return []
        start = position - len(text) + lists[-1].end()
        first = bisect.bisect_left(self.mentions, (start, ""))
        if number is None and any(at < position for at, _ in self.mentions[first:]):
            return []
        sentence = lists[-1].group()
        return [self.d.organisation(n) or self.d.speaking_organisation(n, sentence) for n in listed]

    def _founders(self, number: int | None, position: int) -> list[str]:
        """ "The founders said" after the one sentence saying who founded the company
        ("Ledgerlock was founded in 2023 by X, a former ..., and Y, who built ..."): those
        people, however many others were named since; none with two such sentences."""
        said = list(_FOUNDED_BY.finditer(self.text[:position]))
        named = [p.name for p in people_in(said[0]["by"])] if len(said) == 1 else []
        if len(named) < 2 or number not in (None, len(named)):
            self.ambiguity.withhold(position, "'the founders': no list of them fits")
            return []
        return [self.d.person(n) or n for n in named]

    def _sentences_before(self, position: int) -> list[tuple[int, int]]:
        """Where each sentence before ``position`` starts and ends in the article's text."""
        spans: list[tuple[int, int]] = []
        for offset, paragraph in zip(self.offsets, self.d.paragraphs, strict=False):
            if offset >= position:
                break
            cursor = 0
            for sentence in sentences(paragraph):
                at = paragraph.find(sentence, cursor)
                if at < 0:
                    continue
                cursor = at + len(sentence)
                if offset + at < position:
                    spans.append((offset + at, min(offset + cursor, position)))
        return spans


def _singular(noun: str) -> str:
    """ "defence ministers" -> "defence minister", "secretaries" -> "secretary"."""
    return re.sub(r"ies$", "y", noun) if noun.endswith("ies") else noun.removesuffix("s")


def _doc(word: str) -> str:
    return "communique" if word.startswith("communiqu") else word


def _owner_patterns(noun: str) -> list[re.Pattern[str]]:
    """Where a sentence gives a document to its author (``noun``: "statement", "letter")."""
    who = rf"(?P<who>{RUN.pattern})"
    return [
        re.compile(rf"\b{noun}\b[^.!?“”\"]{{0,80}}?\bin\s+which\s+{who}\s+(?:also\s+)?(?:{SAY})\b"),
        re.compile(rf"{who}['’]s?\s+(?:[a-z]+\s+)?{noun}\b"),
        re.compile(rf"\b{noun}\s+(?:from|by|issued\s+by|signed\s+by)\s+{who}"),
        re.compile(rf"{who}\s+(?:{SAY})\s+in\s+(?:a|an|the|his|her|its)\s+(?:[a-z]+\s+)?{noun}\b"),
        re.compile(  # "In an email to customers on Tuesday, its chief executive, X, wrote:"
            rf"\b[Ii]n\s+(?:a|an|the|his|her|its)\s+(?:[a-z]+\s+)?{noun}\b[^.!?“”\",]{{0,60}},\s+"
            rf"(?:[^,.!?“”\"]{{1,60}},\s+)?{who},?\s+(?:{SAY})\b"
        ),
    ]
