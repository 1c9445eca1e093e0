"""Questions for the organisation a named person belongs to: "who does Joanna Shields work
for", "which company is Brad Boston from", "which department did Liam Fox run".

The answer is the organisation the person's record links them to, with their role there and
as of when it was true. It is structured knowledge (a person's organisation), so it does not
depend on a record using the question's verb ("works for", "employs"); it is given only when
the question asks for nothing else: its words are the person's name, an organisation noun that
fits what that organisation is, and a verb of belonging. A question for the one who leads
("run", "head") is answered only when the person's role is the head of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyberbrief.answers import roles
from cyberbrief.answers.base import AnswererBase
from cyberbrief.answers.described import KIND_NOUNS, Resolved, fits
from cyberbrief.answers.matcher import Match
from cyberbrief.answers.query import Query
from cyberbrief.knowledge.model import Answer, Line, Ref, Section, Status
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.timeline import with_as_of

_BELONG = (
    r"work(?:s|ed|ing)?(?: (?:for|at|in|with))?|employ(?:s|ed)?|(?:come|comes|came) from|"
    r"from|with|at|in|part of|belong(?:s|ed)? to|represent(?:s|ed|ing)?|"
    r"serve(?:s|d)?(?: (?:at|in|with))?|join(?:s|ed)?|(?:a )?member of"
)
"""Verbs and prepositions that ask which organisation someone is part of."""
_LEAD = r"lead(?:s)?|led|run(?:s)?|ran|head(?:s|ed)?|chair(?:s|ed)?|direct(?:s|ed)?|found(?:ed)?"
"""Verbs that ask which organisation someone leads (or founded)."""
_AUX = r"(?:do|does|did|is|was|are|were|has|had|have)"
_WH = r"(?:(?:for|at|with|in) )?(?:who|whom|where|(?:which|what)(?P<noun>(?: [\w-]+){1,2}?))"
_ASKED = (
    re.compile(rf"^{_WH} {_AUX} (?P<person>.+?) (?P<verb>{_BELONG}|{_LEAD})$"),
    re.compile(rf"^{_WH} (?P<verb>employs|employed|pays|paid) (?P<person>.+)$"),
)
_FOUNDED = re.compile(r"^found")
BARE = frozenset({"from", "with", "at", "in"})
"""Prepositions that ask for an organisation alone ("which company is Brad Boston from")."""
HEAD_ROLES = roles.HEAD_WORDS | {"chief", "ceo", "secretary", "minister", "commissioner"}
"""Roles that lead their organisation when nothing qualifies them ("Defence Secretary",
"Prime Minister"; not "Minister for Crime and Security", not a vice-president)."""


@dataclass(frozen=True)
class Asked:
    """What an employer question asks: whose organisation, of which kind, and whether it
    asks for the one they lead."""

    person: str
    noun: str
    leads: bool
    founded: bool
    verb: str = ""


def asked(text: str) -> Asked | None:
    """The person and the kind of organisation asked for, or None for any other question."""
    said = re.sub(r"[?!.]+$", "", norm(text)).strip()
    said = re.sub(r"\b(currently|now|still|once|formerly|actually)\b ?", "", said).strip()
    for pattern in _ASKED:
        m = pattern.match(said)
        if m is None:
            continue
        verb = m["verb"]
        leads = re.fullmatch(_LEAD, verb) is not None
        noun = (m["noun"] or "").strip()
        if not noun and verb in ("from", "with", "at", "in"):
            return None  # "who is X with", "where is X from" ask about places and company
        return Asked(m["person"].strip(), noun, leads, bool(_FOUNDED.match(verb)), verb)
    return None


_PHRASE = re.compile(
    r"\bthe (?P<before>(?:[\w-]+ ){0,2}?)(?P<noun>[\w-]+) (?:that |which )?"
    r"(?P<person>(?:[\w'’.-]+ ){0,3}?[\w'’.-]+) "
    rf"(?P<verb>{_LEAD}|works? (?:for|at)|worked (?:for|at)|belongs? to|represents|represented)\b",
    re.IGNORECASE,
)
"""An organisation described by someone's place in it: "the organisation John Lyons runs",
"the company Brad Boston works for" (the relative pronoun left out)."""


def heads(role: str | None, founded: bool) -> bool:
    """Whether a role leads its organisation ("Chief executive", "Director", "Defence
    Secretary") or, for ``founded``, founded it; a deputy, a vice- or under-role, or a
    minister *for* a portfolio does not."""
    words = roles.role_words(role or "")
    if founded:
        return "founder" in words or "cofounder" in words
    if re.search(r"\b(for|of)\b", norm(role or "")) and not set(words) & roles.HEAD_WORDS:
        return False  # "Minister for Crime and Security" holds a portfolio, not the office
    return bool(set(words) & HEAD_ROLES)


class EmployerAnswers(AnswererBase):
    """The organisation a named person belongs to, from the person's own record."""

    def _employer(self, query: Query) -> Answer | None:
        """The answer to an employer question, or None when the question is another kind or
        names no one person the store knows."""
        ask = asked(query.text)
        if ask is None:
            return None
        picked = self._pick(self._matches(ask.person, ("person",)))
        # After a bare preposition ("which newspaper did Lobban write in") no word but the
        # name may come before it: a verb there asks where they did it, not where they work.
        spare = 0 if ask.verb in BARE else 1
        if not isinstance(picked, Match) or not self._names_only(ask.person, picked, spare):
            return None
        person = self.repo.person(picked.entity_id)
        if person is None:
            return None
        ref = self.repo.ref("person", person.id)
        org = self.repo.organisation(person.organisation_id) if person.organisation_id else None
        role = with_as_of(person.role, self.repo.citations(person)) if person.role else ""
        known = [
            Line(f"{ref.label}: {person.description}", self.repo.citation(person.source_id), ref)
        ]
        wanted = ask.noun or "organisation"
        if org is None:
            return self._refusal(
                query,
                f"No {wanted} of {ref.label} is on record",
                f"The store has {ref.label} but links them to no organisation.",
                known if person.description else None,
                [ref],
            )
        org_ref = self.repo.ref("organisation", org.id)
        kind_noun = ask.noun.split()[-1] if ask.noun else ""
        if kind_noun and not (
            kind_noun in KIND_NOUNS["organisation"]
            or fits(self.repo, "organisation", org.id, ask.noun, self.meaning)
        ):
            return self._refusal(
                query,
                f"No {ask.noun} of {ref.label} is on record",
                f"On record, {ref.label} is at {org_ref.label}, which the store does not "
                f"describe as a {ask.noun}.",
                [*known, *self._org_line(org_ref)],
                [ref, org_ref],
            )
        if ask.leads and not heads(person.role, ask.founded):
            doing = "founded" if ask.founded else "leads"
            return self._refusal(
                query,
                f"No {wanted} that {ref.label} {doing} is on record",
                f"On record, {ref.label} is {person.role} of {org_ref.label}."
                if person.role
                else f"On record, {ref.label} is at {org_ref.label}.",
                [*known, *self._org_line(org_ref)],
                [ref, org_ref],
            )
        said = f"{ref.label}, {role}" if role else ref.label
        return Answer(
            Status.FOUND,
            query.text,
            f"{org_ref.label}: {said}.",
            sections=[Section("On record", [*known, *self._org_line(org_ref)])],
            subject=org_ref,
            related=[ref],
            about=[org_ref, ref],
            kind="employer",
        )

    def _employer_phrase(self, text: str) -> Resolved | None:
        """ "the organisation John Lyons runs": the organisation the person's record links
        them to, when the noun fits it and, for "runs" or "leads", their role heads it."""
        for start in re.finditer(r"\bthe ", text, re.IGNORECASE):
            m = _PHRASE.match(text, start.start())
            if m is None:
                continue
            picked = self._pick(self._matches(m["person"], ("person",)))
            if not isinstance(picked, Match) or not self._names_only(m["person"], picked, 0):
                continue
            person = self.repo.person(picked.entity_id)
            if person is None:
                continue
            # Understood, but the store cannot say which organisation that is: a refusal
            # about the person, never an answer about the person instead.
            unknown = Resolved(m.group(0), self.repo.ref("person", person.id), found=False)
            if person.organisation_id is None:
                return unknown
            noun = f"{m['before']}{m['noun']}".lower()
            if not (
                m["noun"].lower() in KIND_NOUNS["organisation"]
                or fits(self.repo, "organisation", person.organisation_id, noun, self.meaning)
            ):
                return unknown
            verb = m["verb"].lower()
            if re.fullmatch(_LEAD, verb) and not heads(person.role, verb.startswith("found")):
                return unknown
            return Resolved(m.group(0), self.repo.ref("organisation", person.organisation_id))
        return None

    def _names_only(self, text: str, picked: Match, spare: int = 1) -> bool:
        """Whether the words taken for the person are their name and nothing more ("Joanna
        Shields", a typo or a surname; ``spare`` words more), not a name inside a phrase,
        nor a title alone ("the Foreign Secretary lead ...": "Secretary" of "Secretary
        Clinton")."""
        said = [w for w in norm(text).split() if w not in ("the", "mr", "mrs", "ms", "dr")]
        name = norm(picked.text).split()
        if roles.role_nouns(" ".join(said)) and not set(said) - roles.TITLE_WORDS:
            return False
        return 0 < len(said) <= len(name) + spare

    def _org_line(self, org: Ref) -> list[Line]:
        row = self.repo.organisation(org.id)
        if row is None or not row.description:
            return []
        return [Line(f"{org.label}: {row.description}", self.repo.citation(row.source_id), org)]
