"""Questions in two steps: the entity a question describes instead of naming it (by a
relative clause, a noun phrase alone, or someone's place in it) is resolved first, then the
question is asked again about it by name, and the answer says which entity was meant.
"""

from __future__ import annotations

import re

from cyberbrief.answers import roles
from cyberbrief.answers.described import RECORDS, Resolved, record_entities, resolve
from cyberbrief.answers.described_phrase import Unknown, resolve_phrase
from cyberbrief.answers.held_answers import HeldAnswers
from cyberbrief.answers.leads import first_line, refused_for_lead, states_asked
from cyberbrief.answers.plaintext import render
from cyberbrief.answers.query import Intent, Query
from cyberbrief.answers.speaker_at import speaker_at
from cyberbrief.answers.speakers import addressed
from cyberbrief.answers.support_dates import in_words_said
from cyberbrief.answers.textsearch import STOPWORDS, search, stems, terms, words
from cyberbrief.answers.verb_forms import inflected
from cyberbrief.answers.verify import says_most
from cyberbrief.knowledge.model import Answer, Ref, Status
from cyberbrief.knowledge.normalize import norm

WHEN_WHERE_OF = re.compile(
    r"^(who|where|when|(in )?(what|which) (year|date|day|month|place|city|country|town|capital))"
    r" (is|was|were|are)$",
    re.IGNORECASE,
)
"""The words before a description when the question asks for its entity itself, its place or
its date with "to be" ("who is ...", "in which city was ..."): whatever follows the
description then describes it too ("who is <China's minister> for national defence"); after
"did"/"does" it holds the question's own verb ("where does ... plan to get its money")."""


WHEN_WHERE_DID = re.compile(
    r"^(where|when|(in |on )?(what|which) (year|date|day|month|place|city|country|town))"
    r" (did|does|do)$",
    re.IGNORECASE,
)
"""The words before a description when the question asks for its entity's place or date
with its own verb at the end ("when did <the forum where ...> begin")."""
GOES_ON = frozenset("about at in on of with for from to over against".split())
"""Words that go on with a description's clause ("where Gates talked *about* ..."), where
its verb would start the question's own ("... *warn* of a significant attempt")."""


WHEN_IT_HAPPENED = re.compile(
    r"\bwhen (?P<event>(?:the|that) .+?) (?:took place|was held|was on|happened|opened|"
    r"began|started|met)\b",
    re.IGNORECASE,
)
"""A time given by an event ("who headed <the agency> when the London conference took
place"): asked again "at the time of" that event, a constraint the answer is held to."""
STEPS = 2
"""Described entities resolved in one question, at most: a question describing two ("which
agency requested the arrest of <the man> <the ICSPA's chief executive> gave as an example")
is answered about both by name."""


WHOSE_OFFICE = re.compile(r"^(?:which|what) (?P<noun>[\w-]+)['’]s (?P<said>.+)$", re.IGNORECASE)
"""A question for the organisation of a person it describes by office and deed: "which firm's
vice-president attended the London conference" asks for the firm, never the person."""


def _looks_up(query: Query, span: str) -> bool:
    """Whether a lookup asks for nothing but the described entity ("who is the head of
    GCHQ")."""
    asked = [w for w in words(query.subject) if w not in STOPWORDS]
    return query.intent is Intent.LOOKUP and asked == [w for w in words(span) if w not in STOPWORDS]


def _names_an_office(query: Query, span: str) -> bool:
    """Whether a lookup asks for nothing but an office ("who is the foreign secretary
    now"): the offices answer it, saying as of when the holder is on record."""
    asked = [w for w in words(query.subject) if w not in STOPWORDS]
    return _looks_up(query, span) and bool(roles.role_nouns(asked[-1]))


def _echoes(question: str, answer: Answer) -> bool:
    """Whether an answer's first line repeats the question (a briefing of what is on record):
    it answers nothing step two refused ("which agency did the Wikipedia founder run")."""
    asked = norm(question.strip().rstrip("?!. "))
    return len(asked) > 3 and asked in norm(first_line(answer))


WHICH_ENTITY = re.compile(
    r"^(?:(?P<prep>at|in|on|to|during|from|with|by) )?(?:which|what) (?P<noun>[\w-]+) "
    r"(?P<aux>did|does|do|has|have|had) (?P<rest>.+)$",
    re.IGNORECASE,
)
"""A question for the entity of a kind that saw or did something ("at which conference did
Lyons say ...", "which forum did Liang Guanglie attend"): it asks for the entity the same
words describe ("the conference at which Lyons said ...")."""
NOT_AN_ENTITY = re.compile(
    r"^(?:year|date|day|month|time|place|city|cities|country|countries|town|capital)s?$"
)
"""Nouns of a time or a place: the entity's date or location is asked, not the entity."""
OBJECT_GAP = re.compile(r"\b(?:that|which|whom)\s+.+\s(?:\w+ed|at|to|in|on|with|for|from|about)$")
"""A clause whose verb or preposition ends it with nothing after ("that William Hague
convened", "that Jimmy Wales spoke at"): its object is the noun before "that"."""


def _lacks_object(span: str) -> bool:
    """Whether a description after a verb of telling is a relative clause ("tell <the
    conference that William Hague convened>"), not what was told ("tell the forum that
    all countries should ..."): its last verb or preposition has no object of its own."""
    return OBJECT_GAP.search(span.strip().rstrip("?!. ")) is not None


class TwoStepAnswers(HeldAnswers):
    """Resolving a described entity, then answering about it; the answerer routes to it."""

    _steps: int = 0
    """How many described entities of the question being answered are resolved so far."""

    def _answer(self, text: str, describing: bool) -> Answer:
        raise NotImplementedError  # the answerer's: the whole question, from the start

    def _whose_office(self, text: str) -> Answer | None:
        """ "which firm's vice-president attended X": the person is resolved as "the
        vice-president who attended X", then their organisation is asked for by name ("which
        firm does Brad Boston work for"), where it must be a firm; None for another question."""
        m = WHOSE_OFFICE.match(text.strip().rstrip("?!. "))
        said = m["said"].split() if m is not None else []
        # The office is the words up to its first role noun ("senior executive"), at most 3.
        ends = [n for n in range(1, min(4, len(said))) if roles.role_nouns(said[n - 1])]
        if m is None or not ends:
            return None
        office, rest = " ".join(said[: ends[0]]), " ".join(said[ends[0] :])
        span = f"the {office} who {rest}"
        resolved = resolve(self.db, self.repo, f"who is {span}", self.weights)
        if resolved is None or resolved.ref.kind != "person" or resolved.span != span:
            return None
        answer = self._about_described(f"which {m['noun']} does {span} work for", resolved)
        answer.query = text
        return answer

    def _which_entity(self, text: str) -> Answer | None:
        """ "at which conference did Lyons say ...": the entity described by the question's
        own words ("the conference at which Lyons say ...") when all of them resolve it,
        answered with what it is, its name first; None for another question."""
        m = WHICH_ENTITY.match(text.strip().rstrip("?!. "))
        if m is None or NOT_AN_ENTITY.match(m["noun"].lower()):
            return None
        relative = f"{m['prep']} which" if m["prep"] else "which"
        span = f"the {m['noun']} {relative} {m['rest']}"
        asked = f"what is {span}"
        resolved = resolve(self.db, self.repo, asked, self.weights)
        if resolved is None or resolved.span.lower() != span.lower():
            return None  # (described by a part of its words only: not what was asked)
        if not self._said_whole(m["rest"], resolved.ref):
            return None  # (a record saying most of it is no answer to "which")
        answer = self._about_described(asked, resolved)
        # The entity is the answer: no need to say which the description was taken to be.
        taken = f" ({span[:1].upper()}{span[1:]}: {resolved.ref.label})"
        answer.lead = (answer.lead or "").removesuffix(taken) or None
        answer.query = text
        return answer

    def _said_whole(self, clause: str, ref: Ref) -> bool:
        """Whether one record by or about ``ref`` says every word of ``clause`` but its names
        (a synonym will do: "head" / "chief"): "which body did Brokenshire help launch" is
        not the Home Office, whose minister spoke at a launch."""
        wanted = inflected([t for t in terms(clause) if not t.name])  # "lead": "led"
        entity = (ref.kind, ref.id)
        for hit in search(self.db, clause, None, RECORDS, self.weights):
            if hit.kind == "name" or entity not in record_entities(self.db, self.repo, hit):
                continue
            have = stems(f"{hit.text} {hit.extra}")
            if all(t.alternatives & have for t in wanted):
                return True
        return False

    def _described_first(self, text: str, query: Query) -> Answer | None:
        """Step one of two: the entity the question describes instead of naming it, by a
        relative clause or by a noun phrase alone, is resolved, then asked about by name;
        None when the question describes no entity the store can tell."""
        whose = self._whose_office(text) or self._which_entity(text)
        if whose is not None:
            return whose
        resolved = (
            self._employer_phrase(text)
            or resolve(self.db, self.repo, text, self.weights)
            or speaker_at(self.db, self.repo, text)
        )
        if resolved is not None and not (
            addressed(text, resolved.span) and not _lacks_object(resolved.span)
        ):
            return self._about_described(text, resolved)
        phrase = resolve_phrase(
            self.db,
            self.repo,
            text,
            self.meaning,
            self.indexes.vectors,
            self._is_stored_name,
            self.weights,
        )
        if isinstance(phrase, Resolved) and (
            addressed(text, phrase.span) or in_words_said(text, phrase.span)
        ):
            return None  # "tell the forum that ...": what was said, not a description
        if isinstance(phrase, Unknown):
            return self._refusal(
                query,
                f"Nothing on record is {phrase.span}",
                f"The store has no record of {phrase.span}.",
            )
        if phrase is None:
            return None
        if _names_an_office(query, phrase.span):
            office = self._role_named(query, query.subject)
            if office is not None:
                return self._held(text, query, office)  # saying as of when it was held
            # Nobody's role carries the office's words: one near it in meaning does not
            # hold it ("the home secretary" is not a Home Office minister).
            return self._refusal(
                query,
                f"Nothing on record says who {phrase.span} is",
                f"No one on record holds that role; the closest is {phrase.ref.label}.",
                self._description(phrase.ref),
                [phrase.ref],
            )
        if _looks_up(query, phrase.span):
            # "who is the head of GCHQ": the offices say as of when its holder is on record.
            office = self._role_named(query, query.subject)
            if office is not None:
                return self._held(text, query, office)
        return self._about_described(text, phrase, by_phrase=True)

    def _about_described(self, text: str, resolved: Resolved, by_phrase: bool = False) -> Answer:
        """Step two: the question asked again with the described entity's name in place of
        its description ("who convened the conference that Clinton was due to attend");
        ``by_phrase``: described by a noun phrase alone (see the refusal's fallback)."""
        if not resolved.found:
            return self._refusal(
                Query(Intent.LOOKUP, resolved.span, text),
                f"Nothing on record says who {resolved.span} is",
                f"The store has {resolved.ref.label}, but no record of who {resolved.span} is.",
                self._description(resolved.ref),
                [resolved.ref],
            )
        start = text.lower().find(resolved.span.lower())
        row = self.repo.entity(resolved.ref.kind, resolved.ref.id)
        name = row.name if row is not None else resolved.ref.label  # the label adds "(ICSPA)"
        if text[:start].lower().endswith(" of "):
            # Its acronym, where it has one, after "of": another description's noun phrase
            # ends in it ("the boss of GCHQ"), and a short name leaves it room.
            name = getattr(row, "acronym", None) or name
        trailing = text[start + len(resolved.span) :]
        if self._describes_on(text[:start], resolved, trailing):
            trailing = ""  # "in which city was the forum where Fox spoke *about the war*"
        elif WHEN_WHERE_DID.match(text[:start].strip()) and len(trailing.split()) > 1:
            # "when did the forum where Gates talked *about rules of the road* begin": the
            # words before the question's own verb, when they still describe the entity.
            *describing, verb = trailing.split()
            if (
                describing[0].lower() in GOES_ON
                and verb.islower()
                and self._said_of(resolved, " ".join(describing))
            ):
                trailing = f" {verb}"
        # "when the London conference took place" is a time, as "at the time of" it is.
        trailing = WHEN_IT_HAPPENED.sub(r"at the time of \g<event>", trailing)
        named = text[:start] + name + trailing
        # A second description is resolved in its turn ("what did <the prime minister> tell
        # <the conference that Hague convened>"); no deeper: each step names one entity.
        self._steps += 1
        try:
            answer = self._answer(named, describing=self._steps < STEPS)
        finally:
            self._steps -= 1
        if answer.status is Status.NOT_FOUND and by_phrase:
            # A noun phrase's entity, asked about in the question's other words, may be
            # refused where the question as written finds a record about that entity: that
            # answer stands (one about something else does not).
            self._searched = {}
            as_written = self._answer(text, describing=False)
            about = {(r.kind, r.id) for r in [*as_written.entities(), *as_written.about]}
            leading = f" {norm(' '.join(render(as_written).splitlines()[:3]))} "
            names = self.repo.names(resolved.ref.kind, resolved.ref.id)
            subject = as_written.subject
            of_another = subject is not None and (subject.kind, subject.id) != (
                resolved.ref.kind,
                resolved.ref.id,
            )  # the Wikipedia card names its founder, but says nothing of his book
            if (
                as_written.status is Status.FOUND
                and not _echoes(text, as_written)
                and not of_another
                and (
                    (resolved.ref.kind, resolved.ref.id) in about
                    or any(f" {norm(n)} " in leading for n in names)
                )
            ):
                return as_written
        if not states_asked(named, answer):
            # Checked against what was asked of it, before the title says the question as
            # written (whose description's names are no answer: "the man *Lyons* gave").
            answer = refused_for_lead(text, answer)
        answer.query = text
        asked = named.strip().rstrip("?!. ")
        at = answer.title.lower().find(asked.lower()) if asked else -1
        if at >= 0:  # a title that repeats the question repeats it as it was asked
            original = text.strip().rstrip("?!. ")
            if answer.title[at : at + 1].isupper():
                original = original[:1].upper() + original[1:]
            answer.title = answer.title[:at] + original + answer.title[at + len(asked) :]
        described = f"{resolved.span[:1].upper()}{resolved.span[1:]}: {resolved.ref.label}."
        if answer.status is Status.FOUND:
            # What was asked leads; which entity the description was taken to be follows.
            answer.lead = f"{answer.lead or answer.title} ({described.rstrip('.')})"
            answer.title = resolved.ref.label if answer.title in answer.lead else answer.title
        else:
            answer.lead = f"{described} {answer.lead}" if answer.lead else described
        answer.about = list(dict.fromkeys([*answer.entities(), resolved.ref]))
        return answer

    def _describes_on(self, before: str, resolved: Resolved, trailing: str) -> bool:
        """Whether the words after a resolved description still describe its entity: the
        question asks for the entity's place or date ("in which city was <the forum where Fox
        spoke about the war of the invisible enemy>"), and a record about that entity says
        most of them. Those words are then no part of what is asked of it."""
        if not WHEN_WHERE_OF.match(before.strip()):
            return False
        return self._said_of(resolved, trailing)

    def _said_of(self, resolved: Resolved, trailing: str) -> bool:
        """Whether a record about the resolved entity says most of ``trailing`` (words after
        its description that describe it still)."""
        wanted = terms(trailing)
        if not wanted:
            return False
        ref = (resolved.ref.kind, resolved.ref.id)
        for hit in search(self.db, f"{resolved.span} {trailing}", limit=RECORDS):
            said = f"{hit.text} {hit.extra}"
            if says_most(said, wanted) and ref in record_entities(self.db, self.repo, hit):
                return True
        return False
