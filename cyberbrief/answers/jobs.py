"""Questions for a named person's job: "what job did Liam Fox have", "what is Iain Lobban's
position", "what does Misha Glenny do for a living"; and for the book they wrote ("what book
did Misha Glenny write"), as their role or description says.

The answer leads with the role the person's record holds, at which organisation and as of
when, then the roles they held before (role history). It comes from the person's record, so
it does not depend on a record using the question's noun ("job", "post"). A year in the
question picks the role dated in that year; when none is, the bot refuses and says which
roles are on record and when.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyberbrief.answers.base import AnswererBase
from cyberbrief.answers.constraints import years
from cyberbrief.answers.matcher import Match
from cyberbrief.answers.query import Query
from cyberbrief.knowledge.model import Answer, Citation, Line, Ref, Section, Status
from cyberbrief.knowledge.normalize import norm
from cyberbrief.knowledge.role_history import former_roles
from cyberbrief.knowledge.rows import Person
from cyberbrief.knowledge.timeline import human_date

_NOUN = (
    r"(?:(?:job|official|formal) )?"
    r"(?:job|position|post|role|office|title|profession|occupation)s?"
)
"""A job's nouns, with a qualifier ("job title", "official title")."""
_WHEN = r"(?P<when>(?: (?:in|during|back in) (?:\w+ )?(?:19|20)\d\d))?"
_ASKED = (
    # "what job did Liam Fox have (in 2011)", "which post does Hague hold"
    re.compile(
        rf"^(?:what|which) {_NOUN} (?:do|does|did|is|was|has|had) (?P<person>.+?) "
        rf"(?:have|hold|had|held|holding|having|occupy|occupied|fill|filled|do){_WHEN}$"
    ),
    # "what is Iain Lobban's position", "what was Neil Thompson's job in 2011"
    # (apostrophes are gone once normalised: "neil thompsons job")
    re.compile(rf"^what (?:is|was|were) (?P<person>.+?)['’]?s? {_NOUN}{_WHEN}$"),
    # "what was the job of Joe Biden"
    re.compile(rf"^what (?:is|was|were) the {_NOUN} of (?P<person>.+?){_WHEN}$"),
    # "what does Misha Glenny do (for a living)"; "what did X do" asks what they did
    re.compile(rf"^what (?:does|do) (?P<person>.+?) do(?: for a living| for work)?{_WHEN}$"),
    re.compile(rf"^what did (?P<person>.+?) do for (?:a living|work){_WHEN}$"),
)


_WORK = r"(?:book|novel|work|title)s?"
WORK = re.compile(_WORK)
"""Nouns for what someone writes: what they are the author of is one."""
_WORK_ASKED = (
    # "what book did Misha Glenny write", "which books has he written"
    re.compile(
        rf"^(?:what|which) {_WORK} (?:do|does|did|has|have|had|is|was) (?P<person>.+?) "
        r"(?:write|wrote|written|writing|author|authored|publish|published)$"
    ),
    # "what is the title of the book by Misha Glenny", "the name of his book"
    re.compile(
        rf"^what (?:is|was|were|are) the (?:title|name)s? of (?:the |a )?{_WORK} "
        r"(?:by|of|from|written by|authored by) (?P<person>.+)$"
    ),
    # "what book was written by Misha Glenny"
    re.compile(
        rf"^(?:what|which) {_WORK} (?:is|was|were|are|has been|have been) "
        r"(?:written|authored|published) by (?P<person>.+)$"
    ),
)
"""Questions for the book a named person wrote."""
AUTHOR_OF = re.compile(
    r"\bauthor of (?P<title>[A-Z][\w'’-]*(?: (?:(?:of|the|and|on|in|a) )*[A-Z][\w'’-]*)*)"
)
"""Where a person's role or description says which book they wrote: "Author of Dark Market"
(a title is written in capitals, small words between)."""


def work_asked(text: str) -> str | None:
    """The person's name a question for their book asks about, or None for another
    question."""
    said = re.sub(r"[?!.]+$", "", norm(text)).strip()
    for pattern in _WORK_ASKED:
        m = pattern.match(said)
        if m is not None:
            return m["person"].strip()
    return None


def written(role: str | None, description: str | None) -> str | None:
    """The title of the book a person's role or description says they are the author of."""
    for said in (role, description):
        m = AUTHOR_OF.search(said or "")
        if m is not None:
            return m["title"]
    return None


@dataclass(frozen=True)
class Held:
    """One role a person held, as of its source's date."""

    role: str
    date: str | None
    citation: Citation | None
    organisation: str


def asked(text: str) -> tuple[str, str] | None:
    """The person's name and the time asked about ("" for none), or None for another
    question."""
    said = re.sub(r"[?!.]+$", "", norm(text)).strip()
    for pattern in _ASKED:
        m = pattern.match(said)
        if m is not None:
            return m["person"].strip(), (m["when"] or "").strip()
    return None


def _in_year(held: Held, wanted: set[str]) -> bool:
    return bool(held.date) and str(held.date)[:4] in wanted


class JobAnswers(AnswererBase):
    """A named person's role, with its organisation, date and what they held before."""

    def _job(self, query: Query) -> Answer | None:
        """The answer to a job question, or None when the question is another kind or names
        no one person the store knows."""
        ask = asked(query.text)
        if ask is None:
            return None
        name, when = ask
        found = self._person_named(name)
        if found is None:
            return None
        person, ref = found
        known = [
            Line(f"{ref.label}: {person.description}", self.repo.citation(person.source_id), ref)
        ]
        held = self._held_roles(person.id, person.role, person.organisation_id, person.source_id)
        wanted = years(when)
        chosen = [h for h in held if _in_year(h, wanted)] if wanted else held[:1]
        if not chosen:
            on_record = "; ".join(self._role_said(h) for h in held)
            return self._refusal(
                query,
                f"No job of {ref.label}{' ' + when if when else ''} is on record",
                f"On record: {on_record}." if held else f"The store has {ref.label} but no role.",
                known if person.description else None,
                [ref],
            )
        first = chosen[0]
        lines = [
            Line(f"{ref.label}: {self._role_said(h)}", h.citation, ref) for h in held if h != first
        ]
        sections = [Section("Before that", lines)] if lines and not wanted else []
        return Answer(
            Status.FOUND,
            query.text,
            f"{ref.label}: {self._role_said(first)}.",
            sections=[Section("On record", known), *sections],
            subject=ref,
            about=[ref],
            citations=[c for c in (first.citation,) if c is not None],
            kind="job",
        )

    def _person_named(self, name: str) -> tuple[Person, Ref] | None:
        """The one person the store knows by ``name``, and their ref; None when the name
        picks no one, or someone named with fewer words than were asked."""
        picked = self._pick(self._matches(name, ("person",)))
        if not isinstance(picked, Match) or len(norm(name).split()) > len(picked.text.split()) + 1:
            return None
        person = self.repo.person(picked.entity_id)
        if person is None:
            return None
        return person, self.repo.ref("person", person.id)

    def _work(self, query: Query) -> Answer | None:
        """The book a named person wrote, as their role or description says ("Author of
        Dark Market"); a refusal saying what is on record when neither names one; None when
        the question asks another thing or names no one person the store knows."""
        name = work_asked(query.text)
        if name is None:
            return None
        found = self._person_named(name)
        if found is None:
            return None
        person, ref = found
        citation = self.repo.citation(person.source_id)
        known = [Line(f"{ref.label}: {person.description}", citation, ref)]
        title = written(person.role, person.description)
        if title is None:
            return self._refusal(
                query,
                f"No book by {ref.label} is on record",
                f"The store has {ref.label}, but no record of a book they wrote.",
                known if person.description else None,
                [ref],
            )
        return Answer(
            Status.FOUND,
            query.text,
            f"{title}, by {ref.label}.",
            sections=[Section("On record", known)],
            subject=ref,
            about=[ref],
            citations=[c for c in (citation,) if c is not None],
            kind="work",
        )

    def _held_roles(
        self, person_id: int, role: str | None, org_id: int | None, source_id: int | None
    ) -> list[Held]:
        """The person's roles, the current one first, then the earlier ones newest first."""
        held = []
        if role:
            citation = self.repo.citation(source_id)
            held.append(
                Held(role, citation.date if citation else None, citation, self._org_label(org_id))
            )
        for former in former_roles(self.db, person_id):
            citation = self.repo.citation(former.source_id)
            held.append(
                Held(former.role, former.date, citation, self._org_label(former.organisation_id))
            )
        return held

    def _org_label(self, org_id: int | None) -> str:
        return self.repo.label("organisation", org_id) if org_id is not None else ""

    def _role_said(self, held: Held) -> str:
        """ "Defence Secretary at Ministry of Defence (MoD), as of 2011 (source)"."""
        at = (
            f" at {held.organisation}"
            if held.organisation and norm(held.organisation.split(" (")[0]) not in norm(held.role)
            else ""
        )
        when = f", as of {human_date(held.date)}" if held.date else ""
        source = f" ({held.citation.short()})" if held.citation and held.date else ""
        return f"{held.role}{at}{when}{source}"
