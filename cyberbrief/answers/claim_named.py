"""Who a yes/no claim is about: the entities it names (a stored name, a surname only one
person has, the one holder of a role it names), the speaker whose account it is put to
("according to the head of GCHQ, ..."), and, for a quote, what the quote is linked to. Used
by :mod:`cyberbrief.answers.yesno`."""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz

from cyberbrief.answers.base import TYPO_RATIO
from cyberbrief.answers.candidates import Candidate
from cyberbrief.answers.claim_parts import account_speaker
from cyberbrief.answers.described import Resolved, names_in
from cyberbrief.answers.described_phrase import resolve_phrase
from cyberbrief.answers.noun_phrases import ARTICLE
from cyberbrief.answers.roles import role_nouns
from cyberbrief.answers.several import SeveralAnswers
from cyberbrief.answers.textsearch import stems, words
from cyberbrief.knowledge.model import Ref
from cyberbrief.knowledge.normalize import norm

FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]urs?|[Oo]urselves|us)\b")
"""A speaker's "we", "our" or "us" (in lower case: "US" is a country)."""


class ClaimNames(SeveralAnswers):
    """The entities a yes/no claim names, its speaker, and what a quote is about."""

    def _speaker_named(self, question: str, claim: str) -> str:
        """The claim with the speaker whose account it is put to by name: "according to
        the head of GCHQ, ..." is what Iain Lobban said, and the GCHQ named in his role is
        not what the claim is about. The speaker is a stored name (typos allowed, the whole
        of the words), the one holder of a role, or an entity described by a noun phrase
        ("the Wikipedia founder"); the claim as it is when none of them is found."""
        who = account_speaker(question)
        if who is None or not claim.startswith(f"{who} "):
            return claim
        ref = self._account_by(who)
        if ref is None:
            return claim
        row = self.repo.entity(ref.kind, ref.id)
        name = row.name if row is not None else ref.label
        return f"{name.lower()}{claim[len(who) :]}"

    def _account_by(self, who: str) -> Ref | None:
        """The one person or organisation ``who`` names or describes, or None."""
        best = self._matches(who, ("person", "organisation"))[:1]
        bare = norm(ARTICLE.sub("", who))
        if best and fuzz.ratio(bare, norm(best[0].text)) >= TYPO_RATIO:
            return self.repo.ref(best[0].kind, best[0].entity_id)
        held = list(self._by_role(who))
        if len(held) == 1:
            return self.repo.ref(*held[0])
        described = resolve_phrase(
            self.db, self.repo, who, self.meaning, self.indexes.vectors, lambda _: False
        )
        if isinstance(described, Resolved) and described.found:
            return described.ref
        return None

    def _named(self, claim: str) -> list[tuple[str, int]]:
        """The entities the claim names: by a stored name, or by a surname only one person
        has ("did Hague urge ...")."""
        named = names_in(self.db, claim)
        said = sorted(set(words(claim)))
        if not said:
            return named
        marks = ", ".join("?" for _ in said)
        rows = self.db.conn.execute(
            f"SELECT norm, entity_id FROM names WHERE type = 'surname' AND kind = 'person'"
            f" AND norm IN ({marks})",
            said,
        ).fetchall()
        by_surname: dict[str, set[int]] = {}
        for surname, entity_id in rows:
            by_surname.setdefault(str(surname), set()).add(int(entity_id))
        unique = [("person", next(iter(ids))) for ids in by_surname.values() if len(ids) == 1]
        return list(dict.fromkeys([*named, *unique]))

    def _by_role(self, claim: str) -> dict[tuple[str, int], str]:
        """The person the claim names by a role of two words or more that only they hold
        ("the Foreign Secretary", "the head of GCHQ"), with that role; nobody for a role
        qualified by another organisation ("the chief executive of Europol") or held by
        several. A role's longest match wins ("US Defence Secretary" over "Defence
        Secretary")."""
        nouns = role_nouns(claim)
        if not nouns:
            return {}
        said = f" {' '.join(words(claim))} "
        found: dict[int, tuple[int, str]] = {}
        for person in self.repo.people_roles(role_words=nouns):
            role = " ".join(words(person.role or ""))
            at = said.find(f" {role} ")
            after = said[at + len(role) + 2 :] if at >= 0 else ""
            if len(role.split()) < 2 or at < 0 or re.match(r"(of|at|for) ", after):
                continue
            found[person.id] = (len(role.split()), person.role or "")
        if not found:
            return {}
        longest = max(n for n, _ in found.values())
        holders = [(i, role) for i, (n, role) in found.items() if n == longest]
        return {("person", holders[0][0]): holders[0][1]} if len(holders) == 1 else {}

    def _with_mentions(self, candidate: Candidate) -> Candidate:
        """A quote is about what it is linked to as well as its speaker ("Russia and China
        - who are both attending the conference": linked to the conference it names only
        as "the conference"), and about the event it was said at."""
        if candidate.record is None or candidate.record[0] != "quote":
            return candidate
        linked = [self.repo.ref(k, i) for k, i in self.repo.mentioned(*candidate.record)]
        quote = self.repo.quote(candidate.record[1])
        if quote is not None and quote.event_id is not None:
            linked.append(self.repo.ref("event", quote.event_id))
        about = tuple(dict.fromkeys([*candidate.about, *linked]))
        return replace(candidate, about=about)

    def _speaker_group(self, candidate: Candidate) -> frozenset[str]:
        """The stems of whom a quote's "we" and "our" stand for: its speaker's role and the
        names of the organisation they speak for ("our defence systems", said by the US
        Defence Secretary, are American ones), or an organisation speaker's own names. Empty
        for any other record, and for a quote not in the first person plural."""
        if candidate.record is None or candidate.record[0] != "quote":
            return frozenset()
        quote = self.repo.quote(candidate.record[1])
        if quote is None or not FIRST_PERSON.search(quote.text):
            return frozenset()
        kind, speaker_id = quote.speaker_kind, quote.speaker_id
        row = self.repo.entity(kind, speaker_id)
        said = [getattr(row, "role", None) or ""]
        organisation_id = getattr(row, "organisation_id", None)
        if kind == "organisation":
            said += self.repo.names(kind, speaker_id)
        elif organisation_id is not None:
            said += self.repo.names("organisation", organisation_id)
        return stems(" ".join(said))
