"""Who or what answers a who/which question, from the records a briefing rests on: the
things one record lists for what is asked (:mod:`cyberbrief.answers.listed`), the entities
of the kind a "which <noun>" asks for, or for "who" the person (or else the organisations)
the records have doing it; never the question's own subject."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cyberbrief.answers import roles
from cyberbrief.answers.cards import CardAnswers
from cyberbrief.answers.described import names_in
from cyberbrief.answers.listed import Listing, listing
from cyberbrief.answers.textsearch import keys, stems, terms
from cyberbrief.answers.verify import asked_terms, unsaid
from cyberbrief.knowledge.model import Line, Ref

WHICH = re.compile(r"^(?:which|what) (?P<noun>[A-Za-z-]+) ", re.IGNORECASE)
"""A question that names the kind of answer it wants: "which firms ...", "which think tank"."""


WHO_IS = re.compile(r"^\s*who\s+(?:is|was|'s)\s", re.IGNORECASE)
"""A question for who someone is ("who was Joe Biden for Clinton"): another person's name
never answers it; the person's own card does."""


class NameAnswers(CardAnswers):
    """The names a who/which answer leads with."""

    def _who_they_are(self, question: str, kind: str, entity_id: int, asked: list[str]) -> bool:
        """Whether "who is/was <person> <more words>" asks who that person is, their own
        card saying every one of the other words ("who is Liang Guanglie for national
        defence": "Chinese minister for national defence")."""
        if kind != "person" or not WHO_IS.match(question):
            return False
        row = self.repo.entity(kind, entity_id)
        said = " ".join(str(getattr(row, f, None) or "") for f in ("name", "role", "description"))
        wanted = [t for w in asked for t in terms(w)]
        return bool(wanted) and not unsaid(said, wanted, self.meaning)

    def _listed(
        self, question: str, records: Sequence[tuple[str, Sequence[Ref]]]
    ) -> tuple[Listing, int] | None:
        """The first of ``records`` (text, what it is about) that lists who or what is asked
        (:mod:`cyberbrief.answers.listed`), with its index."""
        own_refs = set(names_in(self.db, question))
        own = [n for k, i in own_refs for n in self.repo.names(k, i)]
        which = WHICH.match(question.strip())
        noun = which["noun"].lower() if which else ""
        asked = [t for t in asked_terms(question, own) if t.word != noun or not which]
        for index, (text, about) in enumerate(records):
            about_own = any((r.kind, r.id) in own_refs for r in about)
            found = listing(text, question, asked, own, self.meaning, about_own, noun)
            if found is not None:
                return found, index
        return None

    def _answering(self, question: str, about: list[Ref], lines: list[Line]) -> list[Ref]:
        """Who or what the evidence names as the answer, for the title: for "which firms
        ..." the entities described as firms (up to 3), for "who ..." the first person;
        nobody when none fits, rather than the first name the evidence happens to hold (a
        briefing on "which firms back the alliance" is not answered "the alliance"). Those
        the records are about come first, then those their words name that the question
        does not ("Ross Anderson" in a record about BBC Radio 4)."""
        own = set(names_in(self.db, question))
        written = [
            self.repo.ref(k, i)
            for line in lines
            for k, i in names_in(self.db, line.text)
            if (k, i) not in own
        ]
        # The question's own subject never answers it ("which countries are in APEC").
        about = [r for r in dict.fromkeys([*about, *written]) if (r.kind, r.id) not in own]
        asked = WHICH.match(question.strip())
        if asked is None:
            people = [r for r in about if r.kind == "person"]
            office = roles.office_asked(question)
            if office:
                # "who was the british foreign minister": only someone holding that office
                # (every word of it, with synonyms), never the Prime Minister beside it.
                people = [r for r in people if roles.person_holds(self.repo, r.id, office)]
            if people or office:
                return people[:1]
            # No person: the organisations whose own records say all that is asked ("who is
            # expected to support the ICSPA": the companies each described as doing so).
            own_names = [n for k, i in own for n in self.repo.names(k, i)]
            predicate = asked_terms(question, own_names)
            return [
                line.ref
                for line in lines
                if line.ref is not None
                and line.ref.kind == "organisation"
                and (line.ref.kind, line.ref.id) not in own
                and predicate
                and not unsaid(line.text, predicate, self.meaning)
            ][:3]
        noun = asked["noun"].lower()
        wanted = {k for t in terms(noun) for k in t.alternatives} or keys(noun)
        people_only = bool(roles.role_nouns(noun))  # "which minister": a person, never a ministry
        fitting = []
        for ref in about:
            if people_only and ref.kind != "person":
                continue
            row = self.repo.entity(ref.kind, ref.id)
            said = [ref.label, getattr(row, "role", None), getattr(row, "description", None)]
            if wanted & stems(" ".join(s for s in said if s)):
                fitting.append(ref)
        return fitting[:3]
