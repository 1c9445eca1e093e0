"""Why-questions, one path whoever they name: a person or organisation by name (typed with a
typo too), a speaker described instead of named ("according to the alliance's chief"), or
nothing at all ("why do crooks slip through the net").

Step by step: names the question misspells are read as the stored names they resemble; the
speaker after "according to" is resolved (by name, by role, or by description); candidates
are the records the question's search finds plus those linked to the entities it names (a
quote by the person asked about need not share the question's words); each is then verified
by the briefing (:meth:`BriefingAnswers._holds`: it gives a reason for what is asked, and is
the speaker's when one is asked), which leads with the sentence giving the reason.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from cyberbrief.answers import roles
from cyberbrief.answers.attributes import AttributeAnswers
from cyberbrief.answers.base import TYPO_RATIO
from cyberbrief.answers.described import Resolved, names_in, resolve
from cyberbrief.answers.described_phrase import resolve_phrase
from cyberbrief.answers.evidence import VERIFIED, ranked
from cyberbrief.answers.matcher import Match
from cyberbrief.answers.query import Intent, Query
from cyberbrief.answers.reasons import Reason, according_to
from cyberbrief.answers.record_lines import Evidence, record_line
from cyberbrief.answers.textsearch import STOPWORDS, Hit, stem
from cyberbrief.answers.verify import Expect, expected
from cyberbrief.answers.why_predicate import split_why
from cyberbrief.knowledge.model import Answer, Ref
from cyberbrief.knowledge.normalize import norm

LONGEST_NAME = 3
"""Words of a name read as one (a typo'd "Jon Lions"): longer runs are no single name."""
LINKED = 12
"""Records linked to one named entity that are checked as candidates (a fixed count, so the
work does not grow with the store)."""
SPEAKERS = ("person", "organisation")
WORD = re.compile(r"[\w’'-]+")


def _bare(word: str) -> str:
    """A word without its possessive ("Clinton's": "Clinton")."""
    return re.sub(r"['’]s$", "", word)


def _typed_as(written: list[str], name: str) -> bool:
    """Whether words of a question are ``name`` typed with a typo: as close to it as a typo
    is, and each word a word of the name or a typo of one ("read Clinton" is no way of
    typing "Mrs Clinton")."""
    if fuzz.ratio(norm(" ".join(written)), norm(name)) < TYPO_RATIO:
        return False
    own = norm(name).split()
    return all(any(fuzz.ratio(norm(w), n) >= TYPO_RATIO for n in own) for w in written)


class WhyAnswers(AttributeAnswers):
    """Why-questions: the record giving the reason, led by the sentence that gives it."""

    def _explain(self, query: Query) -> Answer:
        if expected(query.text) is not Expect.REASON:
            return super()._explain(query)
        text = self._names_spelt(query.text)
        split = according_to(text)
        if split is not None:
            asked, who = split
            speaker = self._speaker_of(who)
            if speaker is not None:
                row = self.repo.entity(speaker.kind, speaker.id)
                text = f"{asked}, according to {row.name if row is not None else speaker.label}"
        reworded = Query(Intent.EXPLAIN, text, text)
        evidence = self._gather(text)
        evidence += self._linked_records(text, {e.line.text for e in evidence})
        evidence += self._best_ranked(text, {e.line.text for e in evidence})
        if not evidence:
            return self._not_found(query, [], "briefing")
        answer = self._briefing(reworded, evidence)
        answer.query = query.text
        return answer

    def _reason(self, question: str, evidence: Evidence) -> Reason | None:
        """The reason a record gives (see :meth:`BriefingAnswers._reason`), unless the
        clause it explains is another person's deed: "why did Joe Biden travel to London"
        is not answered by "Hillary Clinton cancelled her trip to the London Conference
        after her mother fell ill", which is about Clinton and not him."""
        reason = super()._reason(question, evidence)
        if reason is None:
            return None
        clause = reason.explained or reason.sentence
        hit = evidence.hit
        # whom a record is about without naming them: a description's entity, a quote's
        # speaker (the first of what it is linked to)
        unnamed = [(r.kind, r.id) for r in evidence.about[:1]] if hit.kind != "fact" else []
        return None if self._by_another(question, clause, unnamed) else reason

    def _by_another(self, question: str, clause: str, unnamed: list[tuple[str, int]]) -> bool:
        """Whether ``clause`` (of a record about ``unnamed`` too) is about a person the
        question does not name, and not about the stored person or organisation the question
        asks about (its subject, :func:`split_why`)."""
        split = according_to(question)
        asked = split[0] if split is not None else question
        named = names_in(self.db, asked)
        own = [n for k, i in named for n in self.repo.names(k, i)]
        parts = split_why(asked, own)
        if parts is None:
            return False
        subject = [r for r in names_in(self.db, parts[0]) if r[0] in SPEAKERS]
        if not subject:
            return False
        said = [*names_in(self.db, clause), *unnamed]
        if set(subject) & set(said):
            return False
        return any(kind == "person" and (kind, i) not in named for kind, i in said)

    def _names_spelt(self, text: str) -> str:
        """``text`` with a misspelt name ("Brokenshyre", "Jon Lions") written as the stored
        name it resembles: only runs holding a word the store's index has never seen, whose
        best match is a person or organisation as close as a typo is."""
        found = list(WORD.finditer(text))
        replaced: list[tuple[int, int, str]] = []
        taken: set[int] = set()
        for size in range(LONGEST_NAME, 0, -1):
            for i in range(len(found) - size + 1):
                run = found[i : i + size]
                if taken & set(range(i, i + size)) or run[0].group().lower() in STOPWORDS:
                    continue
                said = text[run[0].start() : run[-1].end()]
                written = [_bare(m.group()) for m in run]
                if not any(self._unseen(w) for w in written):
                    continue
                best = self._matches(said, SPEAKERS)[:1]
                if best and _typed_as(written, best[0].text):
                    replaced.append((run[0].start(), run[-1].end(), best[0].text))
                    taken |= set(range(i, i + size))
        for start, end, name in sorted(replaced, reverse=True):
            text = text[:start] + name + text[end:]
        return text

    def _unseen(self, word: str) -> bool:
        """Whether no record or name in the index uses ``word`` (a typo, not a word)."""
        lowered = word.lower()
        if lowered in STOPWORDS or len(lowered) < 3:
            return False
        key = stem(lowered)
        return self.weights.document_frequency([key])[key] == 0

    def _speaker_of(self, who: str) -> Ref | None:
        """The person or organisation "according to" names: by name, by role ("the Home
        Office minister", "the head of the ICSPA") or by description ("the think tank that
        hosts cybersecurity summits"); None when the store cannot tell who."""
        named = [r for r in names_in(self.db, who) if r[0] in SPEAKERS]
        if len(named) == 1 and not roles.role_nouns(who):
            return self.repo.ref(*named[0])
        picked = self._pick(self._matches(who, SPEAKERS))
        if isinstance(picked, Match) and fuzz.ratio(norm(who), norm(picked.text)) >= TYPO_RATIO:
            return self.repo.ref(picked.kind, picked.entity_id)
        phrase = re.sub(r"^the\s+", "", who.strip(), flags=re.IGNORECASE)
        lookup = Query(Intent.LOOKUP, phrase, who)
        role_of = roles.ROLE_OF.match(phrase)
        held = (
            self._role_of(lookup, role_of["role"], role_of["org"], role_of["at"] or "")
            if role_of
            else None
        ) or self._role_named(lookup, phrase)
        if held is not None and held.answered and held.subject is not None:
            return held.subject
        described = resolve_phrase(
            self.db,
            self.repo,
            f"according to {who}",
            self.meaning,
            self.indexes.vectors,
            lambda _: False,
            self.weights,
        ) or resolve(self.db, self.repo, f"according to {who}", self.weights)
        if isinstance(described, Resolved) and described.found:
            return described.ref
        return None

    def _best_ranked(self, text: str, seen: set[str]) -> list[Evidence]:
        """The first :data:`~cyberbrief.answers.evidence.VERIFIED` candidates by words and
        meaning together (the searches the evidence gate ran, remembered), whatever share of
        the question's words they hold: a cause is often worded far from the question, and
        each is verified for one (``BriefingAnswers._holds``)."""
        hits = ranked(
            self.db, text, self.weights, self.meaning, self.indexes.vectors, memo=self._searched
        )
        found: list[Evidence] = []
        for hit in hits[:VERIFIED]:
            made = record_line(self.repo, hit) if hit.kind != "name" else None
            if made is not None and made[0].text not in seen:
                seen.add(made[0].text)
                found.append(Evidence(hit, *made))
        return found

    def _linked_records(self, text: str, seen: set[str]) -> list[Evidence]:
        """Records linked to the people and organisations ``text`` names (their quotes,
        facts about them), first :data:`LINKED` of each: candidates whatever their words."""
        found: list[Evidence] = []
        for kind, entity_id in names_in(self.db, text):
            if kind not in SPEAKERS:
                continue
            quotes = self.db.conn.execute(
                "SELECT id, text FROM quotes WHERE speaker_kind = ? AND speaker_id = ?"
                " ORDER BY reported, id LIMIT ?",
                (kind, entity_id, LINKED),
            ).fetchall()
            facts = self.db.conn.execute(
                "SELECT f.id, f.text FROM facts f JOIN mentions m ON m.record_kind = 'fact'"
                " AND m.record_id = f.id WHERE m.kind = ? AND m.entity_id = ?"
                " ORDER BY f.id LIMIT ?",
                (kind, entity_id, LINKED),
            ).fetchall()
            hits = [
                *(Hit("quote", int(i), 0.0, 0, str(t)) for i, t in quotes),
                *(Hit("fact", int(i), 0.0, 0, str(t)) for i, t in facts),
            ]
            for hit in hits:
                made = record_line(self.repo, hit)
                if made is not None and made[0].text not in seen:
                    seen.add(made[0].text)
                    found.append(Evidence(hit, *made))
        return found
