"""Finding quotations in news copy and who said them, without ever guessing.

Each paragraph is scanned once, in order: a quote is attributed by the words around it
(``article_speakers.py``), by a second quote right after an attribution ("...,"
Stoltenberg emphasized. "..."), or by a paragraph that is quote alone continuing the previous
speaker. Anything else is listed as unattributed.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from cyberbrief.drafting.article_press import PressSpeakers
from cyberbrief.drafting.article_record import (
    is_record,
    label_words,
    record_speaker,
    runs_on,
    spoken_role,
)
from cyberbrief.drafting.article_speakers import Speakers
from cyberbrief.drafting.article_text import sentences
from cyberbrief.drafting.attribution_patterns import (
    ANSWER,
    COLON_LEAD,
    CONTINUES,
    DOCUMENT_SAID,
    INTERVIEW,
    LABEL,
    LEAD_IN,
    LIST_LEAD,
    ROLE_LABEL,
    ROLE_SUBJECT,
    SPOKE,
    THAT_WAS,
    TIMESTAMP,
    answering,
    label_key,
    only_attribution,
)
from cyberbrief.drafting.people import RUN, people_in
from cyberbrief.drafting.quote_marks import QuoteSpan, quote_spans
from cyberbrief.drafting.roles import role_after, role_before

_IT_SAID = re.compile(r"^[,.]?\s*it\s+(?:also\s+)?(?:said|says|added|adds|stated|continued)\b")
_DOCUMENT_SUBJECT = re.compile(
    r"[Tt]he\s+(?P<noun>email|statement|letter|memo|note)\s+(?:also\s+)?(?:said|says|stated)\b"
)
"""A sentence whose subject is a document ("The email said card details ..."): a quote after
it with "it added" is the document's, so its author's."""
_DASH_LINE = re.compile(r"^[—–]\s*")
"""A line opening with a dash: the credit of the quote standing alone before it."""
MIN_QUOTE_WORDS = 4
"""Shorter quoted spans are usually scare quotes ("disturbing"), not statements."""
_CALLED = re.compile(
    rf"\bwhat\s+(?P<who>[Hh]e|[Ss]he|{RUN.pattern})\s+(?:has\s+|had\s+)?"
    r"(?:called|calls|termed|terms|described\s+as|describes\s+as)\s*$"
)
"""'warned against what he called "a sanctions reflex"': a short quote, but the words are
named as someone's, so they are a quote of theirs and no scare quote."""


class Attribution(Speakers, PressSpeakers):
    """Quotes of one article with their speakers, written through ``drafting``."""

    def run(self) -> None:
        """Attribute every quote of the article, paragraph by paragraph."""
        paragraphs = self.d.paragraphs
        record = is_record(paragraphs)
        if record:  # a debate's speakers are in its labels, before anyone is looked up
            for speaker in filter(None, map(record_speaker, paragraphs)):
                self.d.add_person(speaker.name, speaker.role, paragraphs[0])
        self.index_mentions()
        previous: str | None = None
        speaking: str | None = None
        index = 0
        answerers = answering(paragraphs, lambda label: self._named(label) is not None)
        while index < len(paragraphs):
            paragraph = paragraphs[index]
            if record:
                speaking = self._speech(index, speaking)
                if speaking:
                    index += 1
                    continue
            answer = self._answer(index, answerers) if answerers else None
            if (
                answer is None
                and speaking
                and answerers
                and not record
                and runs_on(paragraph)
                and not LABEL.match(paragraph)  # "Q (Kenji Mori, Nikkei): ...?"
            ):
                answer = speaking  # an answer running on into a paragraph with no label
                self._answer_words(paragraph, answer, self.offsets[index])
            speaking = answer if answerers and not record else speaking
            if answer:
                previous = answer
                index += 1
                continue
            spans, open_at = quote_spans(paragraph, single_open=self._reopened(index))
            if not spans and open_at is None:
                previous = self._between(index, paragraph, previous)
                index += 1
                continue
            previous = self._closed(index, paragraph, spans, open_at, previous)
            if open_at is None:
                index += 1
                continue
            index, previous = self._left_open(index, open_at, previous)

    def _answer(self, index: int, answerers: set[str]) -> str | None:
        """An answer in a transcript ("Cameron: Ransomware, still. ..."), quote marks or not,
        is the words of the person its label names; a question is nobody's quote."""
        found = LABEL.match(self.d.paragraphs[index])
        if not found or label_key(found["label"]) not in answerers or found["words"].endswith("?"):
            return None
        person = self._named(found["label"])
        who = (self.d.person(person) or self.d.introduce(person)) if person else None
        if who is None and found["label"] == "A":  # "A: For making ransomware expensive."
            self.interviewee = self.interviewee or self._subject(index)
            who = self.interviewee
        if who:
            self._answer_words(found["words"], who, self.offsets[index] + found.start("words"))
        return who

    def _speech(self, index: int, speaking: str | None) -> str | None:
        """A debate record's paragraph: a labelled speech is its speaker's words, and so is a
        paragraph running on after it; who speaks it, or None (procedure, a time stamp, a
        label naming nobody: "Hon. Members: Hear, hear.")."""
        paragraph = self.d.paragraphs[index]
        labelled = label_words(paragraph)
        if labelled:
            label, words, at = labelled
            first = record_speaker(paragraph)
            person = first.name if first else self._named(label)
            who = (self.d.person(person) or self.d.introduce(person)) if person else None
            if who:
                role = spoken_role(words)
                if role:
                    self.d.add_person(who, role, words)
                self._answer_words(words, who, self.offsets[index] + at)
            return who
        if speaking and runs_on(paragraph) and not TIMESTAMP.match(paragraph):
            self._answer_words(paragraph, speaking, self.offsets[index])
            return speaking
        return None

    def _subject(self, index: int) -> str | None:
        """Who answers an interview's "A:" paragraphs when no "spoke to X" says: the person
        named most (by full name or surname) before the first answer, if more than anyone."""
        named = Counter(n for at, n in self.mentions if at < self.offsets[index] and n)
        ranked = named.most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) == 2 and ranked[1][1] == ranked[0][1]):
            return None
        return self.d.person(ranked[0][0]) or self.d.introduce(ranked[0][0])

    def _answer_words(self, words: str, who: str, position: int) -> None:
        """An answer is the answerer's words, but words quoted inside it ("A minister told
        me last year, "We will fund cyber ...". Something did happen.") are whoever it cites:
        attributed as any quote is (else unattributed), and the sentence citing them, which
        only frames them, is in neither."""
        spans = [s for s in quote_spans(words)[0] if len(s.text.split()) >= MIN_QUOTE_WORDS]
        if not spans or (len(spans) == 1 and spans[0].start == 0):
            self.d.add_quote(words, who)
            return
        start = 0
        for span in spans:
            cut = max(words.rfind(end, start, span.start) for end in (". ", "? ", "! "))
            framing = cut + 1 if cut >= start else start
            if words[start:framing].strip(" ,.;"):
                self.d.add_quote(words[start:framing].strip(" ,"), who)
            after = words[span.end :]
            cited, used = self.speaker(words[framing : span.start], after, position + span.start)
            if cited:
                self.d.add_quote(span.text, cited)
            else:
                self.d.unattributed(span.text)
            start = span.end + used
        if words[start:].strip(" ,.;"):
            self.d.add_quote(words[start:].strip(" ,"), who)

    def _reopened(self, index: int) -> bool:
        """The next paragraph opens with a single mark: a single-quoted quote left open in
        this one runs on into it (British copy: 'The threat is real. / 'We will meet it.')."""
        following = self.d.paragraphs[index + 1 : index + 2]
        return bool(following) and following[0][:1] in "'‘"

    def _between(self, index: int, paragraph: str, previous: str | None) -> str | None:
        """A paragraph without quotes: "Matsubara said:" names who speaks next; one that
        names someone else, or a live blog's timestamp, ends the previous speaker's run."""
        if TIMESTAMP.match(paragraph):
            return None
        interview = INTERVIEW.search(paragraph)
        if interview:
            position = self.offsets[index] + interview.start("who")
            self.interviewee = self.resolve(interview["who"], position, paragraph)
        lead = LEAD_IN.search(paragraph[-300:]) or COLON_LEAD.search(paragraph[-300:])
        if lead and not LIST_LEAD.match(paragraph):
            return self.resolve(lead["who"], self.offsets[index] + len(paragraph), paragraph)
        start, end = self.offsets[index], self.offsets[index] + len(paragraph)
        first = bisect.bisect_left(self.mentions, (start, ""))
        named = {name for at, name in self.mentions[first:] if at < end}
        spoke = SPOKE.search(paragraph)
        if spoke and len(named) == 1:
            who = self.resolve(spoke["who"], start + spoke.start("who"), paragraph)
            return who if who in named else None
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
            and (spans[0].start == 0 or CONTINUES.match(paragraph[: spans[0].start]) is not None)
            and not paragraph[spans[0].end :].strip(" .")
        )
        carried: tuple[str, int] | None = None  # (speaker, where their attribution ended)
        here: str | None = None  # the speaker of the last quote in this paragraph
        for span in spans:
            if len(span.text.split()) < MIN_QUOTE_WORDS:
                if (
                    carried
                    and span.text.endswith((".", "!", "?"))
                    and only_attribution(paragraph[carried[1] : span.start])
                    and not paragraph[span.end :].strip(" .")
                ):
                    self.d.add_quote(span.text, carried[0])  # '"...," he told X. "We have hours."'
                    continue
                called = _CALLED.search(paragraph[: span.start])
                who = (
                    self.resolve(called["who"], self.offsets[index] + span.start, paragraph)
                    if called and len(span.text.split()) > 1
                    else None
                )
                if who:
                    self.d.add_quote(span.text, who)  # 'what he called "a sanctions reflex"'
                    continue
                carried = self._short(index, paragraph, span)
                previous = carried[0] if carried else previous
                continue
            position = self.offsets[index] + span.start
            before = paragraph[: span.start]
            who, used = self.speaker(before, paragraph[span.end :], position)
            document = DOCUMENT_SAID.match(paragraph[span.end :])
            if who is None and here and document and document["noun"] in before.lower():
                who, used = here, document.end()  # "In a statement, the company said ... "...,"
                # the statement said": the one whose statement it is
            if who is None and not here and document:
                owner = self.document_owner(before, document["noun"], position)
                who, used = (owner, document.end()) if owner else (who, used)
            it_said = _IT_SAID.match(paragraph[span.end :]) if who is None else None
            subject = _DOCUMENT_SUBJECT.match(sentences(before)[-1]) if it_said and before else None
            if it_said and subject:  # 'The email said ... "...," it added': the email's author
                earlier = self.d.paragraphs[index - 1] if index else ""
                owner = self.document_owner(f"{earlier}\n{before}", subject["noun"], position)
                who, used = (owner, it_said.end()) if owner else (who, used)
            if who is None:
                who, used = self.paper_speaker(index, before, paragraph[span.end :])
            if who is None:
                who, used = self.watchdog_speaker(before, paragraph[span.end :])
            if who is None:
                who, used = self.gang_speaker(before, paragraph[span.end :], position)
            if who is None:
                who = self.quoted_before(index, before)
            if who is None and carried and only_attribution(paragraph[carried[1] : span.start]):
                who = carried[0]  # "...," Stoltenberg emphasized. "..."
            label = ROLE_LABEL.match(before)
            if who is None and label and not paragraph[span.end :].strip(" ."):
                who = self._labelled(index, label["role"])
            if who is None and ANSWER.match(before):
                who = self.interviewee  # 'A: "..."' in an interview
            credited, by = self._credited_next(index) if only_quote else (False, None)
            if who is None and credited:
                who = by  # '"..."' then "— Dr X, chief executive of ..., on 9 January"
            elif who is None and only_quote:
                # a paragraph of quote alone: the speaker carries on, unless the next
                # paragraph says whose it was ('That was China's ..., Wang Lei, responding')
                who = self._named_next(index) or previous
            after = paragraph[span.end :]
            joint = (
                [] if who else self.joint(after, position) or self.group(before, after, position)
            )
            for speaker in joint:
                self.d.add_quote(span.text, speaker, joint=True)
            if joint:
                carried = previous = None
                continue
            if who is None:
                self.d.unattributed(span.text, self.ambiguity.withheld.get(position))
                carried = previous = None  # a quote-only paragraph after it is not theirs
                continue
            previous = here = who
            carried = (who, span.end + used) if used else None
            self.d.add_quote(span.text, who)
            subject = ROLE_SUBJECT.search(before) if used else None
            if subject and self.d.person(who) and not self.d.role_of(who):
                self.d.add_person(who, subject["role"], before)  # "the executive director"
        self.carried = carried
        return previous

    def _named_next(self, index: int) -> str | None:
        """The speaker a live blog names in the paragraph after a quote: "That was X"."""
        following = self.d.paragraphs[index + 1 : index + 2]
        found = THAT_WAS.match(following[0]) if following else None
        if not found:
            return None
        return self.resolve(found["who"], self.offsets[index + 1] + found.start("who"))

    def _credited_next(self, index: int) -> tuple[bool, str | None]:
        """A quote standing alone with its credit on the next line after a dash, as a year's
        quotes or an epigraph are printed ('"..."' then "— Dr X, chief executive of ..., on 9
        January"): (True, the person) when the line names one, (True, None) when it names
        nobody ("— An unnamed European diplomat"), (False, None) with no such line."""
        following = self.d.paragraphs[index + 1 : index + 2]
        credit = _DASH_LINE.match(following[0]) if following else None
        if not credit:
            return False, None
        line = following[0][credit.end() :]
        head = line.split(",")[0]
        person = next(iter(people_in(head)), None)
        if person is None or person.end != len(head.rstrip()):
            return True, None
        self.d.add_person(person.name, role_before(head[: person.start]), line[:300])
        role = role_after(line[len(head) :])[0]
        if role and self.d.person(person.name):
            self.d.add_person(person.name, role, line[:300])
        return True, self.resolve(person.name, self.offsets[index + 1] + credit.end(), line)

    def _labelled(self, index: int, role: str) -> str | None:
        """'EU envoy: "..."' heading an entry: the one person the next paragraph names who
        was drafted with that role ("The European Union's special envoy for cyber, X, said")."""
        following = self.d.paragraphs[index + 1 : index + 2]
        if not following:
            return None
        start = self.offsets[index + 1]
        first = bisect.bisect_left(self.mentions, (start, ""))
        named = {n for at, n in self.mentions[first:] if at < start + len(following[0]) and n}
        fits = named & set(self.d.by_role(role))
        return fits.pop() if len(fits) == 1 else None

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
        marks = "'‘" if paragraph[open_at] in "'‘" else '"“'
        while index < len(paragraphs) and paragraphs[index][:1] in marks:
            following = paragraphs[index]
            more, still_open = quote_spans(following, single_open=self._reopened(index))
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
        if who is None and self.carried and only_attribution(before[self.carried[1] :]):
            who = self.carried[0]  # '"...," Kurbalija says. "They cannot ...' run on
        if who is None and not before.strip():
            who = previous  # a run of quote paragraphs carries on from the last speaker
        if who is None:
            for piece in pieces:
                self.d.unattributed(piece, self.ambiguity.withheld.get(position))
            return index, previous
        for piece in pieces:
            self.d.add_quote(piece, who)
        return index, who
