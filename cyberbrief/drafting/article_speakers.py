"""Who said one quote, from the words around it in its paragraph, without ever guessing.

A quote is attributed only when the words around it name the speaker: after it ("...," Mr.
Orbán told delegates; "...," said EU Commissioner for Home Affairs Cecilia Malmström), before
it (Gates told the forum: "..."), or by a pronoun for the last person named ("...," he said).
Whom a name, surname, pronoun or role means is ``article_mentions.py``; a pair speaking
jointly ``article_pairs.py``; how quotes run on across paragraphs is ``quotes.py``'s walk.
Look-backs are bounded.
"""

from __future__ import annotations

import bisect
import re

from cyberbrief.drafting.article_groups import Groups
from cyberbrief.drafting.article_pairs import PairSpeakers
from cyberbrief.drafting.attribution_patterns import (
    ACCORDING_AFTER,
    ACCORDING_BEFORE,
    APPOSED_SAID,
    ASKED_ABOUT,
    ASKED_BY,
    CAPTION,
    COLON_LEAD,
    DASH_CREDIT,
    HIS_LINE,
    NAME_IN_APPOSITION,
    NAME_OF_SAID,
    QUOTED_AS,
    ROLE_APPOSED_SAID,
    ROLE_NAME_SAID,
    SAID_AFTER,
    SAID_BEFORE,
    SAY,
    SAY_AGAIN,
    SAY_FIRST,
    SO_NAME_AFTER,
    TOLD_BY,
    WHO_SAID,
    clause_end,
)
from cyberbrief.drafting.body_patterns import (
    ACRONYM_SAID_BEFORE,
    APPOSED_BODY_SAID_BEFORE,
    BODY_NOUN,
    NAMED_BODY_SAID_BEFORE,
    ORG_SAID_AFTER,
    ORG_SAID_BEFORE,
    SHORT_ORG_SAID_AFTER,
    SHORT_ORG_SAID_BEFORE,
)
from cyberbrief.drafting.institutions import org_just_named, short_org
from cyberbrief.drafting.people import (
    NOT_A_NAME,
    ROLE_NOUN,
    is_title,
    people_in,
    runs,
)
from cyberbrief.drafting.roles import apposed_role, role_after, role_before
from cyberbrief.drafting.said_in_sentence import said_in_sentence

_COMPANY_SAID_AFTER = re.compile(
    rf"^[,.]?\s*(?:(?:{SAY})\s+)?the\s+(?:company|firm|carrier|operator|platform)"
    rf"(?:\s+(?:also\s+)?(?:{SAY}))?(?=[\s,.])"
)
"""'"...," the company said' (or '"...," said the company')."""
_COMPANY_OPENS = re.compile(
    rf"(?P<org>[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){{0,2}})\s+(?:also\s+)?(?:{SAY})\b"
)
"""A paragraph opening with a name and a verb of saying ("Meta said in a statement ...")."""

_ENDS_ATTRIBUTION = re.compile(
    r"\s*(?:[.,;:!?]|$|\s(?:on|in|at|to|during|after|before|when|while|from|by|with|via|"
    r"yesterday|today|tonight|last|this|earlier|later|recently|afterwards|again|too|also|"
    r"then|[A-Z][a-z]+day)\b)"
)
"""What may follow an attribution that closes a sentence: its end, or where and when."""


def _new_statement(after: str, end: int) -> bool:
    """'... "a modest step". Wang says China is "..."': after a full stop outside the quote
    marks, a verb of saying followed by what was said opens a sentence of its own, whose
    subject said something else; only '"...". Wang said.' attributes the quote before it."""
    return after.lstrip()[:1] == "." and not _ENDS_ATTRIBUTION.match(after, end)


_EMPLOYER_ENDS = re.compile(r",\s+(?:[A-Z][\w&.’'-]*\s+){0,3}[A-Z][\w&’'-]*(?=\.(?:\s|$))")
"""A press release's '"...," said X, Head of Cyber Resilience, Baltic Line Shipping. "..."':
the employer after the role, closing the attribution's sentence, names no new speaker."""

_IT_SAID = re.compile(rf"^[,.]?\s*it\s+(?:also\s+)?(?:{SAY})\b")
LOOK_BACK = 240
"""Characters before a quote searched for its attribution."""


class Speakers(PairSpeakers, Groups):
    """Finding the speaker of a quote in one article, from the words around it."""

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
                    employer = _EMPLOYER_ENDS.match(rest, run.end + role_end)
                    role_end += employer.end() - employer.start() if employer else 0
                return self.d.person(person.name), verb.end() + run.end + role_end
            found = self._named(run.text)
            if (
                found
                and run.text.endswith(("'s", "’s"))
                and re.match(r"\s+[a-z]", clause[run.end :])
            ):
                # "said Tamm's deputy": not Tamm, nor is "she" after it (marked after the name)
                at = self.text.find(clause, position)
                self.anonymous.append(at + run.end if at >= 0 else position)
                return None, 0
            if found:
                role, role_end = role_after(rest[run.end :])
                if role and self.d.person(found):
                    self.d.add_person(found, role, sentence)
                return found, verb.end() + run.end + role_end
        apposed = NAME_IN_APPOSITION.match(rest[len(clause) :])
        if apposed and ROLE_NOUN.search(clause):
            for person in people_in(apposed["who"]):
                # "said Brazil's cyber ambassador, Ricardo Pires, who is leading the talks"
                sentence = after[: verb.end() + len(clause) + 200]
                self.d.add_person(person.name, role_before(clause), sentence)
                return self.d.person(person.name), verb.end() + len(clause) + apposed.end()
        the_role = re.match(r"the\s+(?P<role>[^,]+)$", clause.strip())
        by_role = self._role_speaker(the_role["role"], position) if the_role else None
        if by_role:
            return by_role, verb.end() + len(clause)  # '"...," said the Secretary General'
        self.anonymous.append(position)
        return None, 0

    def speaker(self, before: str, after: str, position: int) -> tuple[str | None, int]:
        """Who said a quote, from the words after it or before it; also how many characters
        of ``after`` the attribution takes (0 when it came from before)."""
        who, used = self._speaker_after(after, position)
        if who:
            return who, used
        if _IT_SAID.match(after):
            return None, 0  # '"...," it wrote': a body's, never the person named before
        return self._speaker_before(before, position), 0

    def _speaker_after(self, after: str, position: int) -> tuple[str | None, int]:
        """An attribution right after the quote: '"...," said X', '"...," X told ...'."""
        found = SAID_AFTER.match(after)
        if found and not _new_statement(after, found.end()):
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
        found = ROLE_APPOSED_SAID.match(after)
        if found and not found["role"].startswith("the") and self._ended(after, position):
            found = None  # '"... peace." Sweden's foreign minister, X, wrote': a new sentence
        if found and ROLE_NOUN.search(found["role"]):
            for person in people_in(found["who"]):
                title = role_before(found["who"][: person.start])
                apposed = re.sub(r"^the\s+", "", found["role"]).strip()
                role = ", ".join(r for r in (title, apposed) if r)
                self.d.add_person(person.name, role, after[:300])
                who = self.d.person(person.name)
                if who:
                    return who, found.end()
        found = QUOTED_AS.match(after)
        if found:
            who = self.resolve(found["who"], position, after[:300])
            if who:
                return who, found.end()
        dash = DASH_CREDIT.match(after)
        if dash:
            for person in people_in(dash.group()):
                self.d.add_person(person.name, role_before(dash.group()[: person.start]), after)
                return self.d.person(person.name), dash.end()
        found = ACCORDING_AFTER.match(after) or SO_NAME_AFTER.match(after)
        if found:
            who = self.resolve(found["who"], position, after[:300])
            if who:
                return who, found.end()
        found = ORG_SAID_AFTER.match(after)
        if found and (found["verb"] or found["after"]):
            return self.d.speaking_organisation(found["org"], after[:300]), found.end()
        found = SHORT_ORG_SAID_AFTER.match(after)
        if found and (found["verb"] or found["after"]):
            org = short_org(self.text, found["org"].capitalize())
            if org:
                return self.d.speaking_organisation(org, after[:300]), found.end()
        found = _COMPANY_SAID_AFTER.match(after)
        org = self._company_subject(position) if found else None
        if found and org:
            return self.d.speaking_organisation(org, after[:300]), found.end()
        return self._named_after_verb(after, position)

    def _ended(self, after: str, position: int) -> bool:
        """The quote before ``after`` (opening at ``position``) ends its sentence inside its
        marks ('"... peace." Sweden's ...'), so a capitalised word after it opens a new one."""
        at = self.text.find(after[:80], position) if after.strip() else -1
        return at > 1 and self.text[at - 2] in ".!?"

    def _company_subject(self, position: int) -> str | None:
        """ "Meta said in a statement that ... '...,' the company said": the one company the
        quote's paragraph opens with as the subject of a verb of saying, a name that is no
        person's, and nobody named between it and the quote."""
        index = bisect.bisect_right(self.offsets, position) - 1
        start = self.offsets[index]
        found = _COMPANY_OPENS.match(self.text, start, position)
        if not found or any(True for _ in people_in(found["org"])) or self._named(found["org"]):
            return None
        if found["org"].split()[0] in NOT_A_NAME or is_title(found["org"].split()[0]):
            return None
        first = bisect.bisect_left(self.mentions, (start, ""))
        org_at = start + found.start("org") - found.start()
        if any(at < position for at, n in self.mentions[first:] if (at, n) != (org_at, "")):
            return None  # someone named since (the company's own name is no one)
        return found["org"]

    def _speaker_before(self, before: str, position: int) -> str | None:
        """An attribution before the quote: 'X said:', 'X warned that ... "..."'."""
        before = before[-LOOK_BACK:]
        told_by = TOLD_BY.search(before)
        if told_by:  # "she had been warned by the chief executive, X, not to "..."": X's
            return self.resolve(told_by["who"], position, before)
        for pattern in (SAID_BEFORE, CAPTION, COLON_LEAD):
            found = pattern.search(before)
            if found:
                at = self._after_asker(before, found.start("who"), position)
                if at is None:
                    return None
                who = self.resolve(found["who"], at, before)
                if who:
                    return who
        found = ORG_SAID_BEFORE.search(before)
        if found and not SAY_AGAIN.search(before, found.end("verb")):
            # not 'The Ministry said Smith had called it "..."': Smith's words
            return self.d.speaking_organisation(found["org"], before)
        found = NAMED_BODY_SAID_BEFORE.search(before)
        if found and not SAY_AGAIN.search(before, found.end("verb")) and self._body(found):
            return self.d.speaking_organisation(found["org"], before)
        found = APPOSED_BODY_SAID_BEFORE.search(before)
        if (
            found
            and BODY_NOUN.fullmatch(found["noun"])
            and not SAY_AGAIN.search(before, found.end("verb"))
            and not self._named(found["org"])
            and not any(True for _ in people_in(found["org"]))
        ):  # "The contractor, Meridian Rail Systems, said"
            return self.d.speaking_organisation(found["org"], before)
        found = ACRONYM_SAID_BEFORE.search(before)
        if found and not SAY_AGAIN.search(before, found.end("verb")):
            return self.d.speaking_organisation(found["org"], before)
        found = SHORT_ORG_SAID_BEFORE.search(before)
        noun = found["org"].capitalize() if found else ""
        org = (
            (short_org(self.text, noun) or org_just_named(noun, before[: found.start("org")]))
            if found
            else None
        )
        if org:
            return self.d.speaking_organisation(org, before)
        found = ACCORDING_BEFORE.search(before)
        if found:
            who = self.resolve(found["who"], position, before)
            if who:
                role = role_after(found["appos"] + ",")[0] if found["appos"] else ""
                if role and self.d.person(who):
                    self.d.add_person(who, role, before)
                return who
        sentence_start = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
        apposed = list(APPOSED_SAID.finditer(before[sentence_start + 1 :]))
        if apposed:
            who = self.resolve(apposed[-1]["who"], position, before)
            if who and self.d.person(who) and not self.d.role_of(who):
                self.d.add_person(who, apposed_role(apposed[-1]["role"]), before)
            return who
        line = HIS_LINE.search(before)
        if line:  # 'Her line: the mechanism will "..."'
            return self.resolve("he" if line["who"].lower() == "his" else "she", position)
        relative = WHO_SAID.search(before[sentence_start + 1 :])
        if relative:
            return self.resolve(relative["who"], position, before)
        said = said_in_sentence(before[sentence_start + 1 :])
        if said:
            at = self._after_asker(before, sentence_start + 1 + said[-1].start("who"), position)
            return self.resolve(said[-1]["who"], at, before) if at is not None else None
        of = NAME_OF_SAID.search(before[sentence_start + 1 :])
        if of:
            who = self._named(of["who"], position)
            return self.d.person(who) if who else None
        return self._said_just_before(before, position)

    def _after_asker(self, before: str, who_at: int, position: int) -> int | None:
        """Where a pronoun opening the attribution is resolved from: the quote, or, after
        "Asked by the Labour MP for Walsall North, Kwame Asante, whether ..., she said:",
        the start of that clause, for whoever asks is never who answers (None when the
        clause names someone else too: either may be meant); after "Asked whether that
        contradicted Ms Amos, he said:" the start of the question's clause too, for whom the
        question is about is not who answers it."""
        if not re.match(r"(?:[Hh]e|[Ss]he)\b", before[who_at:]):
            return position
        asked = ASKED_BY.search(before[:who_at])
        if not asked:
            about = ASKED_ABOUT.search(before[:who_at])
            if about:  # "Asked whether that contradicted Ms Amos, he said:": not Amos
                return position - len(before) + about.end() - len(about.group().lstrip(".!? \n"))
            # "she said Stein's plan would "..."": whom "she" means is named before it
            return position - len(before) + who_at
        start = position - len(before) + asked.start("clause")
        who_abs = position - len(before) + who_at
        first = bisect.bisect_left(self.mentions, (start, ""))
        named = {n for at, n in self.mentions[first:] if at < who_abs}
        clause = re.sub(r"['’]s\b", "", asked["clause"])  # "Sarah Penhaligon's programme"
        named |= {self.d.person(p.name) or p.name for p in people_in(clause)}
        return start if len(named) <= 1 and "" not in named else None

    def _body(self, found: re.Match[str]) -> bool:
        """ "X, whose ..., said": X an organisation, not a person the article names or a
        name of a person ("Smith, whose team found the flaw, said"); "X, the ... group, said"
        when the apposition's head noun is a body's."""
        name = found["org"]
        if self._named(name) or self.d.person(name) or any(True for _ in people_in(name)):
            return False
        if found["rel"].strip() in ("the", "a", "an"):
            apposition = found.string[found.end("rel") : found.start("verb")].strip(" ,")
            body = BODY_NOUN.search(apposition)  # not "a lawyer for the group"
            return body is not None and not ROLE_NOUN.search(apposition[: body.start()])
        return found["rel"] == "which" or not is_title(name.split()[0])

    def _said_just_before(self, before: str, position: int) -> str | None:
        """ "He admitted that Japan lacked specialists. "We need ..."": the sentence before
        the quote, in its paragraph, says who speaks, and nobody else is named after it."""
        if any(mark in before for mark in '"“”'):
            return None
        said = said_in_sentence(before)
        if not said:
            return None
        gap = before[said[-1].end() :]
        if any(True for _ in people_in(gap)) or re.search(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b", gap):
            return None
        if any(self._named(run.text) for run in runs(gap)):
            return None
        return self.resolve(said[-1]["who"], position, before)
