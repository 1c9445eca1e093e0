"""Yes/no questions about someone's office: "was Hague the prime minister", "is John Lyons
the chief executive of the ICSPA", "was Iain Lobban head of GCHQ in 2011".

Such a claim is checked against the roles on the person's record (the current one and those
held before, each as of its source), never against a description that happens to be near in
meaning: "the home secretary" is not "Home Office Minister for Crime and Security", and "the
prime minister" is not someone who spoke beside him. A role whose every word the person's
role (or its organisation) carries, with everyday synonyms ("head" ~ chief, director), is a
yes, dated; another role on record is "Not as asked" with the roles the person did hold. A
year in the question must be the year a held role is dated in.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from cyberbrief.answers.constraints import NOT_AS_ASKED, years
from cyberbrief.answers.jobs import JobAnswers
from cyberbrief.answers.matcher import Match
from cyberbrief.answers.query import Query
from cyberbrief.answers.roles import holder, holds, role_nouns, role_words, without_time
from cyberbrief.knowledge.model import Answer, Line, Section, Status
from cyberbrief.knowledge.normalize import norm

CLAIM = re.compile(r"^(?:is|was|has|had)\s+(?P<rest>.+?)(?:\s+been)?$")
"""A yes/no question with "to be" as its verb: what follows it names someone and a role."""
ARTICLE = re.compile(
    r"^(?:been\s+)?(?:(?:ever|once|still|really|actually|then)\s+)?(?:the|a|an)?\s*"
)
MAX_NAME_WORDS = 4
NAME_RATIO = 85
"""How close the words taken for the name must be to a stored name (or alias) of the person:
a typo passes, a name with a role word left in it ("lyons the chief") does not."""


def claimed_roles(text: str) -> list[tuple[str, str]]:
    """The ways a yes/no question of the form "was X (the) R" splits into a name and a role
    whose words hold a role noun, the longest name first ("john lyons" + "chief executive of
    the icspa" before "john" + "lyons the chief ..."); none for another question."""
    said = re.sub(r"[?!.]+$", "", norm(text)).strip()
    m = CLAIM.match(said)
    if m is None:
        return []
    words = m["rest"].split()
    found = []
    for cut in range(min(MAX_NAME_WORDS, len(words) - 1), 0, -1):
        name, role = " ".join(words[:cut]), ARTICLE.sub("", " ".join(words[cut:]))
        if role and role_nouns(without_time(role)):
            found.append((name, role))
    return found


PLACE_LINKS = frozenset({"at", "in", "with"})
"""Words joining a role to where it is held ("professor at Cambridge"): not role words."""
PREFIX = 6
"""Letters two forms of one office noun share ("commissioner", "Commission")."""


def other_office(wanted: list[str], held: list[str]) -> bool:
    """Whether the office asked is another than every one held: a noun of the asked role
    ("secretary" in "home secretary") that no held role has, even as a synonym or another
    form of it. Roles that differ only in a qualifier or an organisation are not shown to
    be another office by this (the bot then says what is on record, not "no")."""
    words = {w for role in held for w in role_words(role)}

    def has(noun: str) -> bool:
        forms = {n.replace("%", "") for n in role_nouns(noun)}
        return any(w in forms or w[:PREFIX] == noun[:PREFIX] for w in words)

    nouns = [w for w in wanted if role_nouns(w)]
    return bool(nouns) and any(not has(n) for n in nouns)


class RoleClaims(JobAnswers):
    """Whether a named person held the role a yes/no question says, from their roles."""

    def _role_claim(self, query: Query) -> Answer | None:
        """The answer to "was X the R", or None when the question is not of that form or
        names no one person the store knows (the yes/no path then reads records)."""
        for name, role in claimed_roles(query.text):
            picked = self._pick(self._matches(name, ("person",)))
            if isinstance(picked, Match) and fuzz.ratio(name, norm(picked.text)) >= NAME_RATIO:
                return self._holder(query, picked.entity_id, role)
        return None

    def _holder(self, query: Query, person_id: int, role: str) -> Answer | None:
        """Whether the person held ``role``: yes with the role that fits, else what they held."""
        person = self.repo.person(person_id)
        if person is None:
            return None
        ref = self.repo.ref("person", person.id)
        typed = re.search(re.escape(role).replace(r"\ ", r"\W+"), query.text, re.IGNORECASE)
        shown = typed[0] if typed else role
        held = self._held_roles(person.id, person.role, person.organisation_id, person.source_id)
        if not held:
            return None
        wanted = [w for w in role_words(without_time(role)) if w not in PLACE_LINKS]
        asked_years = years(role)
        fits = [
            h
            for h in held
            if holds(holder(person, h.role, h.organisation), wanted, set())
            and (not asked_years or (h.date is not None and str(h.date)[:4] in asked_years))
        ]
        lines = [Line(f"{ref.label}: {self._role_said(h)}", h.citation, ref) for h in held]
        if fits:
            lead = f"On record: yes — {ref.label}: {self._role_said(fits[0])}"
        elif other_office(wanted, [h.role for h in held]):
            lead = f"{NOT_AS_ASKED} On record: {ref.label}: {self._role_said(held[0])}"
        else:
            return self._refusal(
                query,
                f"Nothing on record says {ref.label} is or was {shown}",
                "The roles on record for them are below.",
                lines,
                [ref],
            )
        return Answer(
            Status.FOUND,
            query.text,
            lead,
            sections=[Section("Roles on record", lines)],
            subject=ref,
            about=[ref],
            citations=[c for c in (held[0].citation,) if c is not None],
            kind="yesno",
        )
