"""A newspaper quoted for its own view: a press review's "Le Monde's editorial called the
delay "..."", "The Financial Times, in a leader, said ... "...," the paper said", and
'"...," it said' after either. The paper is the speaker, as an organisation, only when the
quote's paragraph names it by its editorial voice and nobody is named between it and the
quote; a columnist or an interview in the paper is a person's, found as any other quote's.
A paper's or a government's account that quotes someone ("It quoted President Xi Jinping as
saying the two countries "..."") gives the words to whom it quotes. A regulator the lede opens
with speaks as "the regulator" after it; a gang the article names ("a group which calls itself
Nightjar") as "the gang" and "it".
"""

from __future__ import annotations

import bisect
import re

from cyberbrief.drafting.article_lede import WATCHDOG_SAID_AFTER, WATCHDOG_SAID_BEFORE, lede_body
from cyberbrief.drafting.article_mentions import Mentions
from cyberbrief.drafting.attribution_patterns import SAY
from cyberbrief.drafting.people import people_in

_VOICE = r"(?:editorial(?:\s+board)?|leader(?:\s+column)?|leading\s+article|editorial\s+page)"
PAPER_VOICE = re.compile(
    r"(?P<paper>(?:[Tt]he\s+)?[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|de|del|della|di|du))*)"
    rf"(?:['’]s\s+{_VOICE}\b|,\s+in\s+(?:a|an|its)\s+(?:\w+\s+)?{_VOICE},)"
)
"""A paper speaking for itself: "Le Monde's editorial", "The Financial Times, in a leader,"."""
_PAPER_SAID_AFTER = re.compile(
    rf"^[,.]?\s*(?:it|the\s+(?:paper|newspaper|daily|weekly|magazine))\s+(?:also\s+)?"
    rf"(?:{SAY})\b"
)
"""'"...," it said', '"...," the paper said'."""
_SAID_IN_SENTENCE = re.compile(rf"\b(?:{SAY})\b")
_QUOTED_AS_SAYING = re.compile(
    r"(?:^|[.!?]\s+)[^.!?]*?\bquoted\s+(?P<who>(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w’'-]*)"
    r"\s+as\s+saying\b[^.!?]*$"
)
"""'It quoted President Xi Jinping as saying the two countries "...", and that ... "..."'."""


_GANG_NAMED = re.compile(
    r"\b(?:(?:which|that|who)\s+calls?\s+(?:itself|themselves)|(?:gang|group|crew)\s+"
    r"(?:known\s+as|called))\s+(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})"
)
"""A criminal group named once ("a group which calls itself Nightjar", "the gang known as X")."""
_GANG = r"the\s+(?:gang|group)"
_GANG_SAID_AFTER = re.compile(
    rf"^[,.]?\s*(?:{_GANG}(?:['’]s\s+(?:[a-z]+\s+){{0,2}}(?:message|note|post|reply))?|it)"
    rf"\s+(?:{SAY}|reads|read)\b"
)
"""'"...," the gang's first message reads', '"...," it wrote'."""
_GANG_SAID_BEFORE = re.compile(
    rf"(?:^|[.!?]\s+)(?:[A-Z][^.!?,“”\"]{{0,40}},\s+)?{_GANG}\s+(?:{SAY})\s*:?\s*$", re.I
)
"""'In its last message, the gang wrote: "..."'."""


class PressSpeakers(Mentions):
    """A newspaper as the speaker of its own editorial's words."""

    def paper_speaker(self, index: int, before: str, after: str) -> tuple[str | None, int]:
        """The paper whose editorial voice the quote's paragraph gives before it, for a
        quote followed by "it said"/"the paper said" or set in the sentence that names the
        paper and says what it said ("Le Monde's editorial called the delay "...""); how
        much of ``after`` the attribution takes. (None, 0) otherwise."""
        voices = list(PAPER_VOICE.finditer(before))
        if not voices:
            return None, 0
        voice = voices[-1]
        paper = re.sub(r"^(?:The|In|On|At)\s+", "", voice["paper"])
        if self.d.person(paper) or self._named(paper) or not paper:
            return None, 0
        start = self.offsets[index]
        first = bisect.bisect_left(self.mentions, (start + voice.end(), ""))
        if any(at < start + len(before) for at, _ in self.mentions[first:]):
            return None, 0  # someone named since: theirs, maybe, not the paper's
        if any(True for _ in people_in(before[voice.end() :])):
            return None, 0
        found = _PAPER_SAID_AFTER.match(after)
        if found:
            return self.d.speaking_organisation(paper, before[voice.start() :]), found.end()
        sentence = before[voice.end() :]
        if not re.search(r"[.!?]\s", sentence) and _SAID_IN_SENTENCE.search(sentence):
            return self.d.speaking_organisation(paper, before[voice.start() :]), 0
        return None, 0

    def quoted_before(self, index: int, before: str) -> str | None:
        """Whom the quote's sentence says an account quoted as saying it ("It quoted X as
        saying ... "..."")."""
        found = _QUOTED_AS_SAYING.search(before)
        if not found:
            return None
        return self.resolve(found["who"], self.offsets[index] + found.start("who"), before)

    def watchdog_speaker(self, before: str, after: str) -> tuple[str | None, int]:
        """ "the regulator said Nordlys had "..."" after a lede opening "Ireland's Data
        Protection Commission fined ...": that body; how much of ``after`` it takes."""
        found = WATCHDOG_SAID_AFTER.match(after)
        if not found and not WATCHDOG_SAID_BEFORE.search(before):
            return None, 0
        body = lede_body(self.d.paragraphs)
        if body is None:
            return None, 0
        return self.d.speaking_organisation(body, before), found.end() if found else 0

    def gang_speaker(self, before: str, after: str, position: int) -> tuple[str | None, int]:
        """The one gang the article names, for '"...," the gang wrote', 'the gang wrote:
        "..."' and '"...," it wrote' when "the gang" is the last thing named before it (in
        300 characters, nobody named between)."""
        found = _GANG_SAID_AFTER.match(after)
        if not found and not _GANG_SAID_BEFORE.search(before):
            return None, 0
        names = {m["name"] for m in _GANG_NAMED.finditer(self.text)}
        if len(names) != 1:
            return None, 0
        if found and found.group().strip(" ,.").startswith("it"):
            window = self.text[max(0, position - 300) : position]
            gang = list(re.finditer(_GANG, window, re.I))
            first = bisect.bisect_left(self.mentions, (position - 300, ""))
            since = gang[-1].end() + position - len(window) if gang else position
            if not gang or any(since <= at < position for at, _ in self.mentions[first:]):
                return None, 0
        gang_name = names.pop()
        return self.d.speaking_organisation(gang_name, before), found.end() if found else 0
