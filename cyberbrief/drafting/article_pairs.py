"""Quotes spoken jointly: a pair a sentence opens with ("Intel and McAfee announced ...")
and '"...," they said' after it, or two people introduced with their roles as one subject.

Attribution (``article_speakers.py``) asks here only when the words around a quote name no
single speaker.
"""

from __future__ import annotations

import bisect
import re

from cyberbrief.drafting.article_mentions import Mentions
from cyberbrief.drafting.attribution_patterns import (
    PAIR_BETWEEN,
    PAIR_OPENING,
    PAIR_SUBJECT,
    PAIR_VERB,
    THEY_SAID_AFTER,
)
from cyberbrief.drafting.people import NOT_A_NAME, RUN, is_title

PAIR_LOOK_BACK = 480
"""Characters before a quote searched for the pair speaking it."""


class PairSpeakers(Mentions):
    """Finding the two speakers of a joint statement in one article."""

    def joint(self, after: str, position: int) -> list[str]:
        """'"...," they said in a blog post' after "Intel and McAfee announced ...": both,
        when that sentence is the last to name anyone before the quote; else nobody."""
        if not THEY_SAID_AFTER.match(after):
            return []
        before = self.text[max(0, position - PAIR_LOOK_BACK) : position]
        pairs = list(PAIR_SUBJECT.finditer(before))
        if not pairs:
            return self._two_people(position)
        pair = pairs[-1]
        start = position - len(before) + pair.end()
        first = bisect.bisect_left(self.mentions, (start, ""))
        if any(at < position for at, _ in self.mentions[first:]):
            return []  # someone named since
        sentence = before[pair.start() :]
        bodies = bool(pair["clause"]) and pair["clause"].lstrip(", ").startswith("which ")
        speakers = [self._one_of_pair(pair[part], sentence, bodies) for part in ("a", "b")]
        return [s for s in speakers if s] if all(speakers) else []

    def _two_people(self, position: int) -> list[str]:
        """'"...," they wrote' after "In a letter, the committee's chair, Rep. X (R-N.Y.),
        and its top Democrat, Rep. Y (D-Miss.), asked ...": the two people a sentence opens
        with as its subject, only their roles between them, the last two named."""
        index = bisect.bisect_left(self.mentions, (position, ""))
        if index < 2:
            return []
        (a_at, a), (b_at, b) = self.mentions[index - 2 : index]
        first, second = RUN.match(self.text, a_at), RUN.match(self.text, b_at)
        if not (a and b and a != b and first and second):
            return []
        opening = self.text[max(0, a_at - 120) : a_at]
        between = self.text[first.end() : b_at]
        after = self.text[second.end() : position]
        if (
            PAIR_OPENING.search(opening)
            and PAIR_BETWEEN.fullmatch(between)
            and PAIR_VERB.match(after)
            and len(re.findall(r"[.!?]\s", after)) <= 1
        ):
            return [self.d.person(a) or a, self.d.person(b) or b]
        return []

    def _one_of_pair(self, name: str, sentence: str, bodies: bool = False) -> str | None:
        """One of a pair speaking jointly: a person the article names, or an organisation
        (known, drafted, a one-word name nobody in the article bears, or any name when a
        which clause says the pair are organisations: "Vodafone and Bharti Airtel, which")."""
        person = self._named(name)
        if person:
            return person
        organisation = self.d.organisation(name)
        if organisation:
            return organisation
        if name in NOT_A_NAME or is_title(name.split()[0]) or (" " in name and not bodies):
            return None
        return self.d.speaking_organisation(name, sentence)
