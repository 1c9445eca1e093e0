"""Who an article names where, and whom a reference means at a point in it.

Attribution (``article_speakers.py``) reads who a quote's words name: a full name, a surname
("Mr. Orbán"), a pronoun for the last person named ("he said"), or a role ("said the
Secretary General"). This module keeps the index of where each known person is named and
resolves such a reference to one person, or to nobody when the text leaves it open.
"""

from __future__ import annotations

import bisect
import re
from typing import Protocol

from cyberbrief.drafting.ambiguity import Ambiguity, pronoun_after, pronoun_kind
from cyberbrief.drafting.attribution_patterns import (
    ASKED_ABOUT,
    ROLE_OPENS,
)
from cyberbrief.drafting.namesakes import honorific_gender
from cyberbrief.drafting.people import (
    RUN,
    people_in,
    runs,
    without_titles,
)
from cyberbrief.drafting.role_references import short_form, specific
from cyberbrief.drafting.roles import role_before
from cyberbrief.drafting.said_in_sentence import (
    BYLINE,
    someone_unnamed_since,
    speaker_named,
    stranger,
)


class Drafting(Protocol):
    """What attribution needs from the drafter: who is known, and where records go."""

    paragraphs: list[str]
    person_names: dict[str, str]

    def person(self, reference: str) -> str | None: ...

    def organisation(self, reference: str) -> str | None: ...

    def given(self, reference: str) -> str | None: ...

    def add_person(self, name: str, role: str, sentence: str) -> None: ...

    def role_of(self, name: str) -> str: ...

    def described(self, name: str) -> str: ...

    def by_role(self, role: str) -> list[str]: ...

    def introduce(self, reference: str) -> str | None: ...

    def namesake(self, reference: str, named_before: set[str]) -> str | None: ...

    def seen(self, reference: str) -> str | None: ...

    def shared(self, reference: str) -> bool: ...

    def sharing(self, reference: str) -> set[str]: ...

    def kin_gender(self, name: str) -> str | None: ...

    def speaking_organisation(self, name: str, sentence: str) -> str: ...

    def add_quote(self, text: str, speaker: str, *, joint: bool = False) -> None: ...

    def unattributed(self, text: str, why: str | None = None) -> None: ...


class Mentions:
    """Who is named where in one article, and whom a reference means, through ``drafting``."""

    def __init__(self, drafting: Drafting) -> None:
        self.d = drafting
        self.offsets: list[int] = []
        self.mentions: list[tuple[int, str]] = []
        self.text = ""
        self.first_named: dict[str, int] = {}
        self.interviewee: str | None = None
        """Who answers the "A:" paragraphs, once an introduction names them."""
        self.carried: tuple[str, int] | None = None
        """The speaker named right after the last quote of a paragraph, and where that
        attribution ended: a quote opened after it and left open is theirs too."""
        self.ambiguity = Ambiguity("", lambda: [], drafting.kin_gender)
        """Whether a reference has one candidate, and why attributions were withheld."""
        self.anonymous: list[int] = []
        """Where a quote was attributed to someone unnamed ("said one diplomat"): a pronoun
        after it may mean them, so it names nobody."""

    def index_mentions(self) -> None:
        """Where each known person is named, so "he said" finds the last one in one lookup."""
        self.text = "\n".join(self.d.paragraphs)
        self.ambiguity = Ambiguity(
            self.text, lambda: list(self.d.person_names.values()), self.d.kin_gender
        )
        offset = 0
        for paragraph in self.d.paragraphs:
            self.offsets.append(offset)
            if BYLINE.match(paragraph):  # the writer is never "she said" in the copy
                offset += len(paragraph) + 1
                continue
            for run in runs(paragraph):
                full = self._named(run.text, offset + run.start)
                speaking = None if full else speaker_named(paragraph, run)
                if speaking and self.d.introduce(speaking):
                    full = self.d.person(speaking)
                if full:
                    self.mentions.append((offset + run.start, full))
                    self.first_named.setdefault(full, offset + run.start)
                elif stranger(paragraph, run) or self.d.shared(run.text):
                    self.mentions.append((offset + run.start, ""))
            offset += len(paragraph) + 1

    def _named(self, run: str, position: int | None = None) -> str | None:
        """The person a run of capitalised words names, trying its tails longest first (in
        the possessive too: "Nowicka's utility" names Nowicka); "Ms Jensen" at ``position``
        is the one Jensen named before it that the honorific fits."""
        words = re.sub(r"['’]s$", "", run).split()[-5:]
        knighted = self._knighted(words)
        if knighted:
            return knighted
        for i in range(len(words)):
            tail = " ".join(words[i:])
            reference = without_titles(tail)
            found = self.d.person(reference) or self.d.person(tail) or self.d.seen(reference)
            if found and i and self.ambiguity.given_names_differ(" ".join(words), found):
                return None  # "Lotte Verbeek" is not her brother Joost Verbeek
            if found:
                return found
        if len(words) == 2:
            before = {n for n, at in self.first_named.items() if position is None or at < position}
            found = self.d.namesake(" ".join(words), before)
            if found:
                return found
        return self._one_namesake(" ".join(words), position)

    def _knighted(self, words: list[str]) -> str | None:
        """ "Sir Robert" (British usage: the honour and the given name) is the one "Sir
        Robert X" the article names, never a person called "Sir Robert"."""
        if len(words) != 2 or words[0] not in ("Sir", "Dame"):
            return None
        pattern = rf"\b{words[0]}\s+{re.escape(words[1])}\s+([A-Z][\w’'-]+)"
        full = {f"{words[1]} {m[1]}" for m in re.finditer(pattern, self.text)}
        return full.pop() if len(full) == 1 else None

    def _one_namesake(self, run: str, position: int | None) -> str | None:
        """One of two people who share a surname: by their full name written out ("Sofie
        Madsen", though drafted with no role), or by "Ms Kemp" when every other one named
        before is known to be a man. The surname alone names neither, even where only one of
        them has been named so far (the other may be the one meant, named later)."""
        sharing = self.d.sharing(run)
        whole = without_titles(run).lower()
        written = [n for n in sharing if n.lower() == whole]
        kind = honorific_gender(run)
        if written or position is None or len(whole.split()) != 1 or kind is None:
            return written[0] if written else None
        named = [n for n in sharing if 0 <= self.text.find(n) < position]
        fits = [n for n in named if self.ambiguity.fits(n, kind)]
        return fits[0] if len(fits) == 1 else None

    def _last_person(
        self, position: int, kind: str | None = None, *, by_role: bool = False
    ) -> str | None:
        index = bisect.bisect_left(self.mentions, (position, ""))
        if not index:
            return None
        at, name = self.mentions[index - 1]
        if not name:
            return None  # "she says" after a name the draft does not know: not the one before
        anonymous = bisect.bisect_left(self.anonymous, position)
        if anonymous and self.anonymous[anonymous - 1] > at:
            return None
        if not by_role and self._someone_unnamed_since(at, position):
            return None  # "a caller ... he said" may mean the caller; "the minister" may not
        subjects = list(ROLE_OPENS.finditer(self.text, at, position))
        if subjects:  # "The director of X was more direct. He said ...": the director
            role = subjects[-1]["role"]
            held = self._by_role(role, subjects[-1].start("role"), kind, position)
            singled = held and (
                specific(role, self.d.role_of(held), self.d.described(held))
                or (
                    short_form(role, self.d.role_of(held))
                    and kind is not None
                    and self.ambiguity.gender(held) == kind
                )
                or held == self._sole_holder(role, kind, position)
            )
            return held if held and (held == name or singled) else None
        if index >= 2:
            other_at, other = self.mentions[index - 2]
            if (
                other != name
                and not re.search(r"[.!?]\s|\n", self.text[other_at:at])
                and not ASKED_ABOUT.search(self.text, max(0, other_at - 200), at)
            ):
                return None  # "Kallas met Scholz. '...,' she said": either of them
        return name

    def _last_fitting(self, position: int, kind: str) -> str | None:
        """ "...," she said' when the last person named is a man: the nearest person named
        before, in this paragraph or the two before, whom the article gives this pronoun,
        past only people it gives the other one; a role subject in between ("The judge said
        he preferred Ms Okonjo's account. '...,' he wrote") is that role's one holder."""
        index = bisect.bisect_right(self.offsets, position) - 1
        first = bisect.bisect_left(self.mentions, (self.offsets[max(0, index - 2)], ""))
        last = bisect.bisect_left(self.mentions, (position, ""))
        for at, name in reversed(self.mentions[first:last]):
            subjects = list(ROLE_OPENS.finditer(self.text, at, position))
            if subjects:
                return self._sole_holder(subjects[-1]["role"], kind, position)
            gender = self.ambiguity.gender(name) if name else None
            if gender is None:
                return None  # a stranger, or someone who may be either: either may be meant
            if gender == kind:
                anonymous = bisect.bisect_left(self.anonymous, position)
                if anonymous and self.anonymous[anonymous - 1] > at:
                    return None
                return None if self._someone_unnamed_since(at, position) else name
        return None

    def _sole_holder(self, role: str, kind: str | None, position: int) -> str | None:
        """ "The judge said": the one person drafted with that role, in an article that
        never speaks of another ("a judge", "judges"), when the pronoun may mean them; a
        role written as a title ("The President said") may be someone never named."""
        if role != role.lower():
            return None
        holders = [n for n in self.d.by_role(role) if self.first_named.get(n, position) < position]
        noun = re.escape(role.split()[-1])
        other = rf"\b(?:an?|another|one|other|two|three)\s+(?:[\w-]+\s+){{0,2}}?{noun}\b"
        if len(holders) != 1 or re.search(rf"{other}|\b{noun}s\b", self.text, re.I):
            return None
        return holders[0] if self.ambiguity.fits(holders[0], kind) else None

    def _in_reach(self, last: str, kind: str, position: int, word: str) -> str | None:
        """The last person named, when a pronoun of ``kind`` fits them and nobody else named
        earlier in the quote's paragraph is known to be the one it fits better."""
        start = self.offsets[bisect.bisect_right(self.offsets, position) - 1]
        first = bisect.bisect_left(self.mentions, (start, ""))
        others = [n for at, n in self.mentions[first:] if at < position and n]
        gender = self.ambiguity.gender(last)  # before this quote's pronoun is remembered
        fits = self.ambiguity.pronoun(last, kind, position, word)
        if fits is None or gender == kind:
            return fits
        return self.ambiguity.in_reach(last, kind, others, position, word)

    def _someone_unnamed_since(self, at: int, position: int) -> bool:
        return someone_unnamed_since(self.text, self.mentions, at, position)

    def _reported_subject(self, position: int, kind: str) -> str | None:
        """ "Fiona Grant, who chairs ..., said she would call Dame Alison and Pryce. "...," she
        said": the sentence right before the quote opens with a person who said "she" would
        ..., so "she" is theirs, not the people their reported words name."""
        start = self.offsets[bisect.bisect_right(self.offsets, position) - 1]
        found = _REPORTED.search(self.text, start, position)
        if not found or pronoun_kind(found["p"]) != kind:
            return None
        first = bisect.bisect_left(self.mentions, (found.start("s"), ""))
        named = [(at, n) for at, n in self.mentions[first:] if at < found.start("verb")]
        if len(named) != 1 or not named[0][1]:
            return None
        opening = re.sub(r"^[A-Z][^,;]{0,40},\s+", "", self.text[found.start("s") : named[0][0]])
        # "Outside the Kurhaus, Petra Schulz, 58, ...": where, fronted, then the subject
        if re.search(r"[,;]", opening) or len(opening.split()) > 3:
            return None  # the name must be the sentence's subject ("Labour MP Fiona Grant")
        return named[0][1] if self.ambiguity.fits(named[0][1], kind) else None

    def resolve(self, who: str, position: int, sentence: str = "") -> str | None:
        """A speaker's full name from how the text names them; a pronoun is the last person
        named before ``position``; a new full name becomes a drafted person."""
        who = list(runs(who))[-1].text if RUN.fullmatch(who.strip()) else who.strip()
        kind = pronoun_kind(who)
        if kind:
            reported = self._reported_subject(position, kind)
            if reported:
                return self.d.person(reported) or self.d.introduce(reported)
            last = self._last_person(position, kind)
            if last and self.ambiguity.gender(last) not in (None, kind):
                last = self._last_fitting(position, kind) or last  # else withheld, with why
            if last:  # "she says" after a man's '"...," he says': someone else
                last = self._in_reach(last, kind, position, who)
            return self.d.person(last) or self.d.introduce(last) if last else None
        if who.lower().startswith("the "):
            at = sentence.rfind(who)
            after = pronoun_after(sentence[at + len(who) :]) if at >= 0 else None
            return self._role_speaker(who[4:], position, after)
        found = self._named(who, position)
        if found:
            return self.d.person(found) or self.d.introduce(found)
        found = self.d.organisation(who) or self.d.introduce(who)
        if found:
            return found
        for person in people_in(who):
            self.d.add_person(person.name, role_before(who[: person.start]), sentence)
            return self.d.person(person.name)
        found = self.d.given(who)
        if found is None and self.d.shared(who):
            self.ambiguity.withhold(position, f"{who!r} is a surname two people share")
        return found

    def _role_speaker(self, role: str, position: int, kind: str | None = None) -> str | None:
        """ "the Secretary General said" right after Stoltenberg; not after someone else was
        named ("His German counterpart, X, agreed. '...,' said the foreign minister" is X's,
        whose role the article never spells out), unless a nationality singles the one out
        ("Sikorski answered before Kallas could. '...,' the Polish minister said")."""
        found = self._by_role(role, position, kind)
        if not found:
            return None
        held, described = self.d.role_of(found), self.d.described(found)
        if specific(role, held, described) or found == self._last_person(position, by_role=True):
            return found
        if self._last_with_a_role(found, position) or self._others_hold_other_roles(
            found, role, position
        ):
            return found
        return None

    def _others_hold_other_roles(self, name: str, role: str, position: int) -> bool:
        """ "the interior minister said" after the foreign minister was named: everyone named
        since ``name`` holds a role the article spells out and it is not ``role`` (a
        "counterpart" or a "deputy" may hold any office, and someone named with no role may
        hold this one)."""
        if len(role.split()) < 2:
            return False  # "the minister": any minister never named
        last = max((at for at, n in self.mentions if n == name and at < position), default=-1)
        first = bisect.bisect_right(self.mentions, (last, name))
        since = [n for at, n in self.mentions[first:] if at < position]
        return bool(since) and all(
            n
            and n != name
            and self.d.role_of(n)
            and not re.search(r"\b(?:counterpart|deputy|colleague)", self.d.role_of(n), re.I)
            for n in since
        )

    def _last_with_a_role(self, name: str, position: int) -> bool:
        """``name`` is named in the quote's paragraph, and everyone named after them there
        is a person drafted with no role ("Judge X said Reinholt had known ... '...,' the
        judge said": the defendant is nobody's judge)."""
        index = bisect.bisect_right(self.offsets, position) - 1
        start = self.offsets[index]
        here = self.mentions[
            bisect.bisect_left(self.mentions, (start, "")) : bisect.bisect_left(
                self.mentions, (position, "")
            )
        ]
        names = [n for _, n in here]
        if name not in names:
            return False
        after = names[len(names) - names[::-1].index(name) :]
        return all(n and n != name and not self.d.role_of(n) for n in after)

    def _by_role(
        self, role: str, position: int, kind: str | None = None, quote: int | None = None
    ) -> str | None:
        """ "the minister said": the one person drafted with that role named before the
        quote (of two, the one the pronoun after it fits, or the one named here: "Hollis said
        ... '...,' the senator said"), and no "a ... minister" in the same paragraph or since
        that person was last named (then it is that unnamed one)."""
        named = [n for n in self.d.by_role(role) if self.first_named.get(n, position) < position]
        name = self.ambiguity.one(
            f"the {role}",
            named,
            position if quote is None else quote,
            kind,
            lambda n: self._last_with_a_role(n, position),
        )
        if name is None:
            return None
        index = bisect.bisect_right(self.offsets, position) - 1
        before = self.d.paragraphs[index][: position - self.offsets[index]]
        unnamed = re.compile(
            rf"(?<![\w’'-],\s)(?<![\w’'-],)"  # not "Thomas Weiss, a Christian Democrat,"
            rf"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w’'-]+\s+){{0,3}}?{re.escape(role.split()[-1])}\b"
        )
        if unnamed.search(before):
            return None
        last = self.first_named.get(name, 0)
        for at, named_there in self.mentions[: bisect.bisect_left(self.mentions, (position, ""))]:
            last = at if named_there == name else last
        if unnamed.search(self.text, last, position):
            return None  # "An executive at one of the insurers said ... '...,' the executive said"
        return name


_REPORTED = re.compile(
    r"(?:^|(?<=[.!?])\s+|(?<=\n))(?P<s>[A-Z][^.!?“”\"\n]{0,160}?)\s(?P<verb>said|told\s+\w+)\s+"
    r"(?:that\s+)?(?P<p>he|she)\b[^.!?“”\"\n]*[.!?]\s*$"
)
"""The sentence right before a quote in which someone said "she/he" would ...: reported
speech, its pronoun the subject's."""
