"""Finding quotations in news copy and who said them, without ever guessing.

A quote is attributed only when the words around it name the speaker: after it ("...," Mr.
Orbán told delegates; "...," said EU Commissioner for Home Affairs Cecilia Malmström), before
it (Gates told the forum: "..."), by a pronoun for the last person named ("...," he said), by
a second quote right after an attribution ("...," Stoltenberg emphasized. "..."), or by a
paragraph that is quote alone continuing the previous speaker. Anything else is listed as
unattributed. Each paragraph is scanned once; look-backs are bounded.
"""

from __future__ import annotations

import bisect
import re
from typing import Protocol

from cyberbrief.knowledge.attribution_patterns import (
    ACCORDING_AFTER,
    ACCORDING_BEFORE,
    ANSWER,
    CAPTION,
    COLON_LEAD,
    INTERVIEW,
    LEAD_IN,
    QUOTED_AS,
    ROLE_NAME_SAID,
    SAID_AFTER,
    SAID_BEFORE,
    SAID_IN_SENTENCE,
    SAY_FIRST,
    clause_end,
    only_attribution,
)
from cyberbrief.knowledge.people import (
    RUN,
    people_in,
    role_after,
    role_before,
    runs,
    without_titles,
)
from cyberbrief.knowledge.quote_marks import QuoteSpan, quote_spans

MIN_QUOTE_WORDS = 4
"""Shorter quoted spans are usually scare quotes ("disturbing"), not statements."""
LOOK_BACK = 240
"""Characters before a quote searched for its attribution."""


class Drafting(Protocol):
    """What attribution needs from the drafter: who is known, and where records go."""

    paragraphs: list[str]

    def person(self, reference: str) -> str | None: ...

    def organisation(self, reference: str) -> str | None: ...

    def given(self, reference: str) -> str | None: ...

    def add_person(self, name: str, role: str, sentence: str) -> None: ...

    def by_role(self, role: str) -> str | None: ...

    def introduce(self, reference: str) -> str | None: ...

    def seen(self, reference: str) -> str | None: ...

    def add_quote(self, text: str, speaker: str) -> None: ...

    def unattributed(self, text: str) -> None: ...


class Attribution:
    """Quotes of one article with their speakers, written through ``drafting``."""

    def __init__(self, drafting: Drafting) -> None:
        self.d = drafting
        self.offsets: list[int] = []
        self.mentions: list[tuple[int, str]] = []
        self.text = ""
        self.first_named: dict[str, int] = {}
        self.interviewee: str | None = None
        """Who answers the "A:" paragraphs, once an introduction names them."""
        self.anonymous: list[int] = []
        """Where a quote was attributed to someone unnamed ("said one diplomat"): a pronoun
        after it may mean them, so it names nobody."""

    def index_mentions(self) -> None:
        """Where each known person is named, so "he said" finds the last one in one lookup."""
        self.text = "\n".join(self.d.paragraphs)
        offset = 0
        for paragraph in self.d.paragraphs:
            self.offsets.append(offset)
            for run in runs(paragraph):
                full = self._named(run.text)
                if full:
                    self.mentions.append((offset + run.start, full))
                    self.first_named.setdefault(full, offset + run.start)
            offset += len(paragraph) + 1

    def _named(self, run: str) -> str | None:
        """The person a run of capitalised words names, trying its tails longest first."""
        words = run.split()[-5:]
        for i in range(len(words)):
            tail = " ".join(words[i:])
            reference = without_titles(tail)
            found = self.d.person(reference) or self.d.person(tail) or self.d.seen(reference)
            if found:
                return found
        return None

    def _last_person(self, position: int) -> str | None:
        index = bisect.bisect_left(self.mentions, (position, ""))
        if not index:
            return None
        at, name = self.mentions[index - 1]
        anonymous = bisect.bisect_left(self.anonymous, position)
        if anonymous and self.anonymous[anonymous - 1] > at:
            return None
        if index >= 2:
            other_at, other = self.mentions[index - 2]
            if other != name and not re.search(r"[.!?]\s|\n", self.text[other_at:at]):
                return None  # "Kallas met Scholz. '...,' she said": either of them
        return name

    def resolve(self, who: str, position: int, sentence: str = "") -> str | None:
        """A speaker's full name from how the text names them; a pronoun is the last person
        named before ``position``; a new full name becomes a drafted person."""
        who = list(runs(who))[-1].text if RUN.fullmatch(who.strip()) else who.strip()
        if who.lower() in ("he", "she", "him", "her"):
            last = self._last_person(position)
            return self.d.person(last) or self.d.introduce(last) if last else None
        if who.lower().startswith("the "):
            return self._by_role(who[4:], position)
        found = self._named(who)
        if found:
            return self.d.person(found) or self.d.introduce(found)
        found = self.d.organisation(who) or self.d.introduce(who)
        if found:
            return found
        for person in people_in(who):
            self.d.add_person(person.name, role_before(who[: person.start]), sentence)
            return self.d.person(person.name)
        return self.d.given(who)

    def _by_role(self, role: str, position: int) -> str | None:
        """ "the minister said": the one person drafted with that role, if named before the
        quote and not after "a ... minister" in the same paragraph (then it is that one)."""
        name = self.d.by_role(role)
        if name is None or self.first_named.get(name, position) >= position:
            return None
        index = bisect.bisect_right(self.offsets, position) - 1
        before = self.d.paragraphs[index][: position - self.offsets[index]]
        noun = re.escape(role.split()[-1])
        if re.search(rf"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w’'-]+\s+){{0,3}}?{noun}\b", before):
            return None
        return name

    def _named_after_verb(self, after: str, position: int) -> tuple[str | None, int]:
        """ "said EU Commissioner for Home Affairs Cecilia Malmström, ...": the person, with
        the role around the name drafted, and how much of ``after`` the attribution takes."""
        verb = SAY_FIRST.match(after)
        if not verb:
            return None, 0
        rest = after[verb.end() :]
        clause = rest[: clause_end(rest)]
        for run in runs(clause):
            sentence = after[: verb.end() + len(clause) + 200]
            for person in people_in(run.text):
                start = run.start + person.start
                self.d.add_person(person.name, role_before(clause[:start]), sentence)
                role, role_end = role_after(rest[run.end :])
                if role:
                    self.d.add_person(person.name, role, sentence)
                return self.d.person(person.name), verb.end() + run.end + role_end
            found = self._named(run.text)
            if found:
                return found, verb.end() + run.end
        self.anonymous.append(position)
        return None, 0

    def speaker(self, before: str, after: str, position: int) -> tuple[str | None, int]:
        """Who said a quote, from the words after it or before it; also how many characters
        of ``after`` the attribution takes (0 when it came from before)."""
        who, used = self._speaker_after(after, position)
        if who:
            return who, used
        return self._speaker_before(before, position), 0

    def _speaker_after(self, after: str, position: int) -> tuple[str | None, int]:
        """An attribution right after the quote: '"...," said X', '"...," X told ...'."""
        found = SAID_AFTER.match(after)
        if found:
            who = self.resolve(found["who"], position, after[:300])
            if who:
                role = role_after(found["appos"] or "")[0] if found["appos"] else ""
                if role and self.d.person(who):
                    self.d.add_person(who, role, after[:300])
                return who, found.end()
        found = ROLE_NAME_SAID.match(after)
        if found and found["pre"].split()[0].lower() not in ("he", "she", "they", "it"):
            role = role_before(found["pre"])
            if role:
                for person in people_in(found["who"]):
                    self.d.add_person(person.name, role, after[:300])
                who = self.resolve(found["who"], position, after[:300])
                if who:
                    return who, found.end()
        found = QUOTED_AS.match(after)
        if found:
            who = self.resolve(found["who"], position, after[:300])
            if who:
                return who, found.end()
        found = ACCORDING_AFTER.match(after)
        if found:
            who = self.resolve(found["who"], position, after[:300])
            if who:
                return who, found.end()
        return self._named_after_verb(after, position)

    def _speaker_before(self, before: str, position: int) -> str | None:
        """An attribution before the quote: 'X said:', 'X warned that ... "..."'."""
        before = before[-LOOK_BACK:]
        for pattern in (SAID_BEFORE, CAPTION, COLON_LEAD):
            found = pattern.search(before)
            if found:
                who = self.resolve(found["who"], position, before)
                if who:
                    return who
        found = ACCORDING_BEFORE.search(before)
        if found:
            who = self.resolve(found["who"], position, before)
            if who:
                role = role_after(found["appos"] + ",")[0] if found["appos"] else ""
                if role and self.d.person(who):
                    self.d.add_person(who, role, before)
                return who
        sentence_start = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
        said = list(SAID_IN_SENTENCE.finditer(before[sentence_start + 1 :]))
        if said:
            return self.resolve(said[-1]["who"], position, before)
        return self._said_just_before(before, position)

    def _said_just_before(self, before: str, position: int) -> str | None:
        """ "He admitted that Japan lacked specialists. "We need ..."": the sentence before
        the quote, in its paragraph, says who speaks, and nobody else is named after it."""
        if any(mark in before for mark in '"“”'):
            return None
        said = list(SAID_IN_SENTENCE.finditer(before))
        if not said:
            return None
        gap = before[said[-1].end() :]
        if any(True for _ in people_in(gap)) or re.search(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b", gap):
            return None
        if any(self._named(run.text) for run in runs(gap)):
            return None
        return self.resolve(said[-1]["who"], position, before)

    def run(self) -> None:
        """Attribute every quote of the article, paragraph by paragraph."""
        self.index_mentions()
        previous: str | None = None
        index = 0
        paragraphs = self.d.paragraphs
        while index < len(paragraphs):
            paragraph = paragraphs[index]
            spans, open_at = quote_spans(paragraph)
            if not spans and open_at is None:
                previous = self._between(index, paragraph, previous)
                index += 1
                continue
            previous = self._closed(index, paragraph, spans, open_at, previous)
            if open_at is None:
                index += 1
                continue
            index, previous = self._left_open(index, open_at, previous)

    def _between(self, index: int, paragraph: str, previous: str | None) -> str | None:
        """A paragraph without quotes: "Matsubara said:" names who speaks next; one that
        names someone else ends the previous speaker's run."""
        interview = INTERVIEW.search(paragraph)
        if interview:
            position = self.offsets[index] + interview.start("who")
            self.interviewee = self.resolve(interview["who"], position, paragraph)
        lead = LEAD_IN.search(paragraph[-300:]) or COLON_LEAD.search(paragraph[-300:])
        if lead:
            return self.resolve(lead["who"], self.offsets[index] + len(paragraph), paragraph)
        start, end = self.offsets[index], self.offsets[index] + len(paragraph)
        first = bisect.bisect_left(self.mentions, (start, ""))
        named = {name for at, name in self.mentions[first:] if at < end}
        return previous if not named or named == {previous} else None

    def _closed(
        self,
        index: int,
        paragraph: str,
        spans: list[QuoteSpan],
        open_at: int | None,
        previous: str | None,
    ) -> str | None:
        only_quote = (
            open_at is None
            and len(spans) == 1
            and spans[0].start == 0
            and not paragraph[spans[0].end :].strip(" .")
        )
        carried: tuple[str, int] | None = None  # (speaker, where their attribution ended)
        for span in spans:
            if len(span.text.split()) < MIN_QUOTE_WORDS:
                carried = self._short(index, paragraph, span)
                previous = carried[0] if carried else previous
                continue
            position = self.offsets[index] + span.start
            before = paragraph[: span.start]
            who, used = self.speaker(before, paragraph[span.end :], position)
            if who is None and carried and only_attribution(paragraph[carried[1] : span.start]):
                who = carried[0]  # "...," Stoltenberg emphasized. "..."
            if who is None and ANSWER.match(before):
                who = self.interviewee  # 'A: "..."' in an interview
            if who is None and only_quote:
                who = previous  # a paragraph of quote alone: the speaker carries on
            if who is None:
                self.d.unattributed(span.text)
                carried = previous = None  # a quote-only paragraph after it is not theirs
                continue
            previous = who
            carried = (who, span.end + used) if used else None
            self.d.add_quote(span.text, who)
        return previous

    def _short(self, index: int, paragraph: str, span: QuoteSpan) -> tuple[str, int] | None:
        """A short quote ending in a comma, "?" or "!" and named right after: the opening
        of a split quote ('"The threat," said X, "is real."') hands its speaker to the rest;
        a whole short sentence ('"It's a package," Sarts said.') is a quote. Shorter spans
        otherwise are scare quotes, and name nobody."""
        if not span.text.endswith((",", "?", "!")):
            return None
        after = paragraph[span.end :]
        who, used = self._speaker_after(after, self.offsets[index] + span.start)
        if not who:
            return None
        if after[used:].lstrip(" ,")[:1] not in '"“':
            self.d.add_quote(span.text, who)
        return who, span.end + used

    def _left_open(self, index: int, open_at: int, previous: str | None) -> tuple[int, str | None]:
        """A quote left open runs on: each following paragraph reopens it with a mark, until
        one closes it (and may say who spoke: "..., he said.")."""
        paragraphs = self.d.paragraphs
        paragraph = paragraphs[index]
        pieces = [paragraph[open_at + 1 :]]
        before, after = paragraph[:open_at], ""
        position = self.offsets[index] + open_at
        index += 1
        while index < len(paragraphs) and paragraphs[index][:1] in '"“':
            following = paragraphs[index]
            more, still_open = quote_spans(following)
            if still_open == 0:
                pieces.append(following[1:])
                index += 1
                continue
            if more and more[0].start == 0:
                pieces.append(more[0].text)
                after = following[more[0].end :]
                index += 1
            break
        who = self.speaker(before, after, position)[0] if before.strip() or after else None
        if who is None and not before.strip():
            who = previous  # a run of quote paragraphs carries on from the last speaker
        if who is None:
            for piece in pieces:
                self.d.unattributed(piece)
            return index, previous
        for piece in pieces:
            self.d.add_quote(piece, who)
        return index, who
