"""Dated things in news copy: events (a summit, a conference) and initiatives (a pact, a
strategy) with the milestones the article dates.

"Leaders will meet again at a summit in Reykjavik in September 2027, organised by the Nordic
Council" is an event: its name, its dates as precise as written, its place and organisers.
"The first grants from the fund will be awarded in May 2027, and a review of the pact is
scheduled for 14 April 2027" are two milestones of the pact the article is about. Only what
the text dates is drafted; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cyberbrief.drafting.article_context import dates_in, human

_CAPITAL = r"[A-Z][\w’'-]*"
_EVENT_NOUNS = r"summit|conference|ministerial|forum|congress|convention|meeting|workshop|exercise"
NAMED_EVENT = re.compile(
    rf"\b(?P<name>(?:{_CAPITAL}\s+){{1,5}}(?:Summit|Conference|Forum|Congress|Ministerial)"
    rf"(?:\s+(?:on|of|for)\s+(?:the\s+)?{_CAPITAL}(?:\s+{_CAPITAL}){{0,3}})?)\b"
)
"""An event named in capitals: "the Global Conference on CyberSpace"."""
EVENT_IN = re.compile(
    rf"\b(?:a|an|the|their|its|our)\s+(?:[a-z]+\s+){{0,2}}(?P<kind>{_EVENT_NOUNS})\s+in\s+"
    rf"(?P<place>{_CAPITAL}(?:\s+{_CAPITAL})?)"
)
"""An event named by what it is and where: "a summit in Reykjavik"."""
ORGANISED_BY = re.compile(
    rf"\b(?:organi[sz]ed|hosted|convened|run)\s+by\s+(?:the\s+)?"
    rf"(?P<org>{_CAPITAL}(?:\s+(?:of\s+|for\s+|the\s+)?{_CAPITAL}){{0,5}})"
)
PLACE_IN = re.compile(rf"\bin\s+(?P<place>{_CAPITAL}(?:\s+{_CAPITAL})?)(?=[\s,.])")
INITIATIVE_NAME = re.compile(
    rf"\b(?P<name>(?:{_CAPITAL}\s+){{1,5}}(?:Pact|Agreement|Strategy|Programme|Initiative|"
    r"Partnership|Charter|Declaration|Convention|Treaty|Framework|Accord|Act|Fund))\b"
)
_LEADING = re.compile(r"^(?:The|A|An|This|That|In|On|At|By|Under|Its|Their|Both)\s+")
_MONTH_WORDS = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)


@dataclass
class Dated:
    """Events and initiatives drafted from one article."""

    source: str
    known: set[str]
    """Names (lower case) the store already has: not drafted again."""
    events: list[dict[str, Any]] = field(default_factory=list)
    initiatives: list[dict[str, Any]] = field(default_factory=list)

    def read(self, sentences: list[str], initiatives: list[dict[str, Any]]) -> None:
        """Draft events and initiatives from ``sentences``; ``initiatives`` are the ones
        already drafted (from acronyms), which get milestones too."""
        self.initiatives = initiatives
        for sentence in sentences:
            self._initiatives_named(sentence)
        for sentence in sentences:
            dates = dates_in(sentence)
            if dates and not self._event(sentence, dates):
                self._milestones(sentence, dates)

    def _initiatives_named(self, sentence: str) -> None:
        for m in INITIATIVE_NAME.finditer(sentence):
            name = _LEADING.sub("", m["name"])
            if len(name.split()) < 2 or name.lower() in self.known:
                continue
            if any(name == i["name"] or name in i["name"] for i in self.initiatives):
                continue
            self.initiatives.append({"name": name, "source": self.source})

    def _event(self, sentence: str, dates: list[tuple[str, int, int]]) -> bool:
        """An event the sentence names and dates; True when it drafted (or knew) one."""
        named = NAMED_EVENT.search(sentence)
        described = EVENT_IN.search(sentence)
        if not named and not described:
            return False
        organiser = ORGANISED_BY.search(sentence)
        organisers = [organiser["org"]] if organiser else []
        if named:
            name = _LEADING.sub("", named["name"])
            place = PLACE_IN.search(sentence[named.end() :])
            location = place["place"] if place else None
        else:
            assert described is not None
            location = described["place"]
            kind = described["kind"]
            lead = f"{organisers[0]} {kind}" if organisers else kind.capitalize()
            name = f"{lead} in {location}"
        if location and _MONTH_WORDS.match(location):
            location = None
        if name.lower() in self.known or any(e["name"] == name for e in self.events):
            return True
        starts = dates[0][0]
        ends = dates[1][0] if len(dates) > 1 and dates[1][0] > starts else None
        record: dict[str, Any] = {"name": name, "starts": starts}
        if ends and len(ends) == len(starts):
            record["ends"] = ends
        if location:
            record["location"] = location
        if organisers:
            record["organisers"] = organisers
        record["description"] = sentence
        record["source"] = self.source
        self.events.append(record)
        return True

    def _milestones(self, sentence: str, dates: list[tuple[str, int, int]]) -> None:
        """Each dated clause of a sentence about one initiative is one of its milestones
        (a month or year alone is dated to its first day and says so in its text)."""
        about = self._about(sentence)
        if about is None:
            return
        clauses = re.split(r",\s+(?:and|while|but)\s+|;\s+", sentence)
        for clause in clauses:
            for value, _, _ in dates_in(clause):
                text = clause.strip().rstrip(".")
                if len(value) == 7:
                    value += "-01"
                    text += f" (in {human(value[:7])})" if human(value[:7]) not in text else ""
                elif len(value) == 4:
                    continue  # a year alone is too coarse for a milestone's date
                milestone = {"date": value, "text": text[0].upper() + text[1:]}
                if milestone not in about.setdefault("milestones", []):
                    about["milestones"].append(milestone)

    def _about(self, sentence: str) -> dict[str, Any] | None:
        """The one initiative a sentence is about: named in full, by acronym, or (when the
        article drafts just one) by its kind ("the pact")."""
        for initiative in self.initiatives:
            acronym = str(initiative.get("acronym") or "")
            if initiative["name"] in sentence or (
                acronym and re.search(rf"\b{re.escape(acronym)}\b", sentence)
            ):
                return initiative
        if len(self.initiatives) != 1:
            return None
        kind = self.initiatives[0]["name"].split()[-1].lower()
        return self.initiatives[0] if re.search(rf"\bthe\s+{kind}\b", sentence) else None
