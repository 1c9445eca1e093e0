"""Drafting knowledge records from a news article, for an admin to review before loading.

News copy follows habits that plain patterns catch well enough for a draft: acronyms are
defined in brackets ("International Telecommunication Union (ITU)"), people are introduced
with their role ("Foreign Secretary William Hague", "John Lyons, chief executive of ..."),
quotes are attributed before or after the quotation marks ("..., he said"; "Gates told the
forum, ..."), and figures sit in sentences with their context. A draft is only a proposal:
every record cites the article, quotes stay verbatim, and a quote whose speaker cannot be
told is listed as unattributed rather than guessed.
"""

from __future__ import annotations

import re
from typing import Any

from cyberbrief.drafting.affiliations import describes, party_tag
from cyberbrief.drafting.ambiguity import not_a_full_name
from cyberbrief.drafting.appointments import appointed_as, pair_role
from cyberbrief.drafting.article_draft import Draft
from cyberbrief.drafting.article_facts import FactsAndLinks
from cyberbrief.drafting.article_lede import lede_role
from cyberbrief.drafting.article_names import WhoIsWho
from cyberbrief.drafting.article_orgs import Organisations
from cyberbrief.drafting.article_patterns import (
    MAX_DESCRIPTION,
    MAX_SENTENCE,
)
from cyberbrief.drafting.article_text import header_date, paragraphs, sentences, short, squash
from cyberbrief.drafting.namesakes import (
    KIN,
    WOMEN,
    two_people,
)
from cyberbrief.drafting.people import (
    NOT_A_NAME,
    people_in,
    possessive_names,
    references,
    runs,
    suffix_of,
    without_titles,
)
from cyberbrief.drafting.predecessors import is_predecessor, predecessor_role, retired_as
from cyberbrief.drafting.quote_marks import QuoteSpan, quote_spans
from cyberbrief.drafting.quotes import MIN_QUOTE_WORDS, Attribution
from cyberbrief.drafting.role_tails import confirmed_as, names_another
from cyberbrief.drafting.roles import (
    OFFICE_TITLES,
    role_after,
    role_before,
    role_stated,
)
from cyberbrief.drafting.signatures import signed_roles

__all__ = ["Draft", "QuoteSpan", "draft_article", "header_date", "quote_spans"]


_OPENS = re.compile(r"(?:[A-Z][A-Z .,/'-]{2,40}(?:\([A-Za-z ]{2,20}\))?\s*[-—–]+\s*)?")
"""What may stand before a name that opens a sentence: a dateline ("OTTAWA - ")."""


class _Drafter(WhoIsWho, FactsAndLinks, Organisations):
    def __init__(self, text: str, source: dict[str, str], people: list[str], orgs: list[str]):
        self.text = text
        self.paragraphs = paragraphs(text)
        self.sentences = [
            sentence
            for paragraph in self.paragraphs
            for sentence in sentences(paragraph)
            if len(sentence) <= MAX_SENTENCE
        ]
        self.source = dict(source)
        self.ref = self.source["title"]
        self.known_people = {p.lower() for p in people}
        self.known_orgs = {o.lower() for o in orgs}
        self.store_orgs = sorted(orgs, key=len, reverse=True)
        """The store's organisation names, acronyms and aliases as written, longest first."""
        self.draft = Draft(self.source)
        self.person_names: dict[str, str] = {}
        """Every way the article names a person (full name, surname) -> full name."""
        self._namesakes: dict[str, set[str]] = {}
        """A surname two people share ("jensen") -> their full names: it alone means neither."""
        self._genders: dict[str, str] | None = None
        self._quoted: set[str] = set()
        self._seen: dict[str, tuple[str, str]] = {}
        self._by_surname: set[str] = set()
        self._relatives: dict[str, str] = {}
        self._apart: set[str] = set()
        """People with a generation the article calls by surname and generation ("Reyes
        Sr."): a surname they share alone is the other's (Thomas Reyes Jr., the subject)."""
        """People introduced as someone's kin ("Her younger brother, Joost Verbeek"): news
        copy calls them by full or given name, so a surname they share is the other's."""
        self.appointed_by: dict[str, str] = {}
        self._subjects: dict[str, str] = {}
        """Sentence -> the named thing the sentence before it opens with (for "It ...")."""
        for name in people:
            self._learn_person(name)

    # people

    def role_of(self, name: str) -> str:
        """The role drafted for ``name`` ("" if none, or not drafted here)."""
        return next((str(p.get("role", "")) for p in self.draft.people if p["name"] == name), "")

    def add_person(self, name: str, role: str, sentence: str) -> None:
        """Draft a person (or give a drafted one the role it lacked)."""
        name = squash(name)
        if name.lower() in self.known_people:
            self._learn_person(name)
            return
        role = re.sub(r"[\s(\[,;:–-]+$", "", _current(role))  # "Minister for Security ("
        if role:
            role = role[0].upper() + role[1:]
        existing = next((p for p in self.draft.people if p["name"] == name), None)
        if existing is not None:
            if role and role.lower() not in existing.get("role", "").lower():
                existing["role"] = f"{existing['role']}, {role}" if existing.get("role") else role
                existing["description"] = short(existing["role"], MAX_DESCRIPTION)
            return
        record: dict[str, Any] = {"name": name, "source": self.ref}
        if role:
            record["role"] = role
            record["description"] = short(role, MAX_DESCRIPTION)
        self.draft.people.append(record)
        self._learn_person(name)

    def known_role(self, name: str, role: str) -> None:
        """A person the store has, introduced here with a role ("William Hague, now Chancellor
        of the University of Oxford"): drafted with the role and no description, so approving
        it gives them the role as of this article (the load keeps the older one in their
        history) and leaves the editors' description as it is."""
        role = _current(role)
        if not role or any(p["name"] == name for p in self.draft.people):
            return
        record = {"name": name, "role": role[0].upper() + role[1:], "source": self.ref}
        self.draft.people.append(record)

    def people(self) -> None:
        """People introduced with a role before or after their name."""
        for sentence in self.sentences:
            for found in people_in(sentence):
                self._saw(found.name, sentence)
                kin = KIN.search(sentence[: found.start])
                if kin:
                    self._relatives[found.name] = "f" if kin["kin"] in WOMEN else "m"
            for name in possessive_names(sentence):
                self._saw(name, sentence)
        self._surnames_used()
        alone: str | None = None  # the one person the last sentence naming anyone named
        for sentence in self.sentences:
            named = self._named_in(sentence)
            last, alone = (
                alone,
                (next(iter(named)) if len(named) == 1 else None) if named else alone,
            )
            former = retired_as(sentence) if last and not named else ""
            if former and last and not self.role_of(last):
                self.add_person(last, former, sentence)  # "He retired in 1999 as ..."
            for found in people_in(sentence):
                if last and is_predecessor(sentence[: found.start], sentence[found.end :]):
                    held = predecessor_role(self.role_of(last)) if alone == found.name else ""
                    if held and not self.role_of(found.name):
                        self.add_person(found.name, held, sentence)  # "his predecessor, X,"
                before = role_before(sentence[: found.start])
                after = role_after(sentence[found.end :])[0]
                after = "" if names_another(after) else after
                if not after and _OPENS.fullmatch(sentence[: found.start]):
                    after = role_stated(sentence[found.end :])
                if KIN.search(sentence[: found.start]):  # "Her brother, X, is an engineer"
                    before = ""
                    after = after or role_stated(sentence[found.end :].lstrip(","))
                appointed, by = appointed_as(sentence[: found.start], sentence[found.end :])
                if by:
                    self.appointed_by.setdefault(found.name, by)
                role = (
                    appointed
                    or ", ".join(r for r in (before, after) if r)
                    or pair_role(sentence[: found.start], sentence[found.end :])
                    or confirmed_as(sentence[found.end :])
                )
                if not role and found.title:
                    role = OFFICE_TITLES.get(found.title.split()[-1], "")
                known = self.person(found.name) or found.name
                if known.lower() in self.known_people:
                    self.known_role(known, role)
                    continue
                if self.person(found.name):
                    continue
                if role:
                    self.add_person(found.name, role, sentence)
                    self._knighted(found.title, found.name)
                if appointed and after:  # "appointed X, a former head of ..., as its ..."
                    self._was(found.name, after)
            for run in runs(sentence):
                # "Leuprecht, a professor at the Royal Military College, ...": a role given
                # later with the surname alone ("Ms Hammond, who is now the ...," too).
                surname = " " not in without_titles(run.text)
                full = (self.person(run.text) or self.seen(run.text)) if surname else None
                role = role_after(sentence[run.end :])[0] if full else ""
                if full and not role and _OPENS.fullmatch(sentence[: run.start]):
                    role = role_stated(sentence[run.end :])  # "Verbeek, 54, has been the ..."
                if full and role and full.lower() in self.known_people:
                    self.known_role(full, role)  # "Hague, now Chancellor of ..., said"
                elif full and role:
                    self.add_person(full, role, sentence)
        lede = lede_role(self.paragraphs)  # "The health secretary has ..." / "X said"
        if lede and not self.role_of(lede[0]):
            self.add_person(*lede)
        for name, role, line in signed_roles(self.paragraphs):
            self.add_person(name, role, line)  # a letter's "Dr X" / "Consultant ..., Exeter"

    def _named_in(self, sentence: str) -> set[str]:
        """The people a sentence names, by full name or by a surname the article uses."""
        named = {self.person(p.name) or p.name for p in people_in(sentence)}
        for run in runs(sentence):
            full = self.person(run.text) or self.seen(run.text)
            if full and " " not in without_titles(run.text):
                named.add(full)
            elif self.shared(run.text):
                named.add("")  # "The younger Reyes" when two Reyeses are named: either
        return named

    def _was(self, name: str, before: str) -> None:
        """A drafted person's description also says what they were before ("Chief
        executive, former head of Nigeria's cyber crime unit")."""
        for record in self.draft.people:
            if record["name"] == name and record.get("role"):
                record["description"] = short(f"{record['role']}, {before}", MAX_DESCRIPTION)

    def _knighted(self, title: str, name: str) -> None:
        """ "Sir Jeremy Fleming" is "Sir Jeremy" later (British usage: the given name)."""
        honour = title.split()[-1:]
        if honour and honour[0] in ("Sir", "Dame") and self.person(name) == name:
            self.person_names.setdefault(f"{honour[0]} {name.split()[0]}".lower(), name)

    def by_role(self, role: str) -> list[str]:
        """The people drafted from this article whose role (with their party tag) holds every
        word of ``role`` ("the defence minister"; "the Polish minister" for "Poland's foreign
        minister"; "the Arizona Democrat" for "Sen. Maria Ortega, D-Ariz.")."""
        return [
            p["name"]
            for p in self.draft.people
            if p.get("role") and all(describes(w, self.described(p["name"])) for w in role.split())
        ]

    def described(self, name: str) -> str:
        """What the article says a drafted person is: their role, and the party and state of
        an AP party tag after their name ("democrat arizona")."""
        tags = {
            word
            for found in re.finditer(re.escape(name), self.text)
            for word in party_tag(self.text[found.end() : found.end() + 20])
        }
        return " ".join([self.role_of(name), *sorted(tags)])

    def _saw(self, name: str, sentence: str) -> None:
        """Remember a full name written without a role, in case a quote names its speaker
        by surname ("Mr. Le Drian said"); a surname two names share resolves to neither."""
        for reference in references(name):
            seen = self._seen.get(reference)
            if seen is None:
                self._seen[reference] = (name, sentence)
            elif seen[0] != name:
                if reference in self._namesakes and reference != name.lower():
                    self._namesakes[reference].add(name)  # a third one: "Maria Reyes"
                elif seen[0] and reference != name.lower() and two_people(seen[0], name):
                    # "Lotte Verbeek" and her brother "Joost Verbeek": "Verbeek" is neither,
                    # though only one of them was drafted (the other had no role)
                    self._namesakes.setdefault(reference, {seen[0]}).add(name)
                self._seen[reference] = ("", "")

    def seen(self, reference: str) -> str | None:
        """The full name of someone the article names without a role, by surname, when the
        article also refers to them by surname alone (so a person: "Self-Defense Forces" is
        never "Forces" on its own)."""
        name = self._seen.get(without_titles(reference).lower(), ("", ""))[0]
        return name if name and name in self._by_surname else None

    def _surnames_used(self) -> None:
        """Which seen names the article also calls by surname alone ("Helmbrecht, the ...")."""
        for sentence in self.sentences:
            for run in runs(sentence):
                words = without_titles(run.text).split()
                if len(words) <= 2 and run.text.split()[0] not in NOT_A_NAME:
                    name = self._seen.get(" ".join(words).lower(), ("", ""))[0]
                    if name and " ".join(words).lower() != name.lower():
                        self._by_surname.add(name)
                        if suffix_of(" ".join(words))[1]:
                            self._apart.add(name)  # "Reyes Sr. says": "Reyes" is the other

    def introduce(self, reference: str) -> str | None:
        """A speaker named only by surname whose full name the article wrote elsewhere:
        drafted (without a role) and returned."""
        name, sentence = self._seen.get(without_titles(reference).lower(), ("", ""))
        if not name:
            return None
        self.add_person(name, "", sentence)
        return self.person(name)

    # quotes

    def quotes(self) -> None:
        Attribution(self).run()

    def unattributed(self, text: str, why: str | None = None) -> None:
        text = text.strip().rstrip(",").strip()
        if len(text.split()) >= MIN_QUOTE_WORDS and text not in self.draft.unattributed:
            self.draft.unattributed.append(text)
            if why:
                self.draft.withheld[text] = why

    def add_quote(self, text: str, speaker: str, *, joint: bool = False) -> None:
        """Draft a quote once; a joint statement once for each of its speakers."""
        text = text.strip().rstrip(",").strip()
        key = f"{text}\n{speaker}" if joint else text
        if not text or key in self._quoted:
            return
        person = any(p["name"] == speaker for p in self.draft.people)
        wrong_name = not_a_full_name(speaker) if person else None
        knight = person and re.fullmatch(r"(?:Sir|Dame)\s+\S+", speaker)
        if knight and re.search(rf"\b{re.escape(speaker)}\s+[A-Z]", self.text):  # "Sir Robert X"
            wrong_name = f"{speaker!r} is a given name that more than one knight has"
        if wrong_name:  # the right person, maybe, under a name nobody has: withheld
            self.unattributed(text, wrong_name)
            return
        self._quoted.add(key)
        record: dict[str, Any] = {"text": text, "speaker": speaker, "source": self.ref}
        if self.source.get("date") and len(self.source["date"]) == 10:
            record["date"] = self.source["date"]
        self.draft.quotes.append(record)


def _current(role: str) -> str:
    """The role as written, without the "now" that says it is new ("now Chancellor of ..."),
    and one held "then" said to be a former one ("Estonia's then foreign minister")."""
    role = re.sub(r"\b(?:the\s+)?then\s+(?=[a-z])", "former ", role)
    return re.sub(
        r"^(?:now|currently)\s+(?:(?:the|a|an)\s+)?", "", squash(role).strip(" ,"), flags=re.I
    )


def draft_article(
    text: str,
    source: dict[str, str],
    *,
    known_people: list[str] | None = None,
    known_organisations: list[str] | None = None,
) -> Draft:
    """Draft records from ``text``, all citing ``source`` (a mapping with at least a title;
    a date printed under the headline fills in a missing ``date``).

    ``known_people`` and ``known_organisations`` are names (and aliases) the store already
    has: they are not drafted again, but quotes may still be attributed to them.
    """
    source = dict(source)
    if not source.get("date"):
        found = header_date(text)
        if found:
            source["date"] = found
    drafter = _Drafter(text, source, known_people or [], known_organisations or [])
    drafter.organisations()
    drafter.people()
    drafter.quotes()
    drafter.dated()
    drafter.facts()
    drafter.link()
    return drafter.draft
