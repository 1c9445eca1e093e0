"""The ground every answer stands on: the store, the clock, the indexes kept in memory
over the store, and picking among name matches (or saying that nothing matched).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import threading
from collections.abc import Callable

import sqlite_utils
from rapidfuzz import fuzz

from cyberbrief.answers.asked_back import asked_back
from cyberbrief.answers.evidence import Searched, gather
from cyberbrief.answers.leads import IDENTITY
from cyberbrief.answers.matcher import AMBIGUOUS_GAP, CONFIDENT, SUGGEST, Match, NameIndex
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.neighbours import VectorIndex
from cyberbrief.answers.query import Query
from cyberbrief.answers.record_lines import Evidence
from cyberbrief.answers.textsearch import STOPWORDS, Weights, words
from cyberbrief.knowledge.model import Answer, Line, Ref, Section, Status
from cyberbrief.knowledge.repository import Repository

Today = Callable[[], dt.date]

KIND_NOUN = {
    "organisation": "organisation",
    "person": "person",
    "event": "event",
    "initiative": "initiative",
}


ASKS_OF_IT = re.compile(
    r"\s*(when|where|why|how|which|whose|whom|who|what|did|does|do|is|are|was|were|has|have|"
    r"had|can|could|will|would|should)\b",
    re.IGNORECASE,
)
"""A question asked of what it names ("where was ...", "did ..."), not a name alone."""


class Indexes:
    """What answers keep in memory over the store, shared by every thread's answers.

    It follows the store's revision (the newest change id, never reused), read from the
    committed snapshot of whichever answer first sees a newer revision; an older snapshot never
    takes it back. ``lock`` guards only these in-memory structures, never the store.
    """

    def __init__(self, db: sqlite_utils.Database, meaning: Meaning | None = None) -> None:
        self.lock = threading.Lock()
        self.meaning = meaning if meaning is not None else Meaning()
        self.names = NameIndex.from_db(db)
        self.weights = Weights(db)
        self.vectors = VectorIndex()
        """Stored meaning vectors, read on the first question that needs them."""
        self.revision = -1

    def follow(self, db: sqlite_utils.Database, repo: Repository) -> int:
        """Catch up with ``db``'s snapshot if it is newer than what is held; the revision."""
        with self.lock:
            revision = repo.revision()
            if revision > self.revision:
                self.names.refresh(db)
                self.weights = Weights(db)
                self.vectors.invalidate()
                self.revision = revision
            return self.revision


ASKING_WORDS = frozenset({"is", "are", "who", "what", "whats", "which", "tell", "me", "show"})
"""Words that ask for a card rather than about something in it."""
TYPO_RATIO = 75
"""A word this close (rapidfuzz ratio) to a word of the matched name is that word, mistyped."""


class AnswererBase:
    """What every kind of answer stands on: the store, the clock, the shared indexes, and
    picking among name matches (or saying nothing matched).

    The kinds of answer are split over mixins (cards, briefings, quotes, roles, attributes);
    :class:`cyberbrief.answers.answerer.Answerer` puts them together.
    """

    def __init__(
        self,
        db: sqlite_utils.Database,
        today: Today,
        meaning: Meaning | None = None,
        *,
        indexes: Indexes | None = None,
    ) -> None:
        self.repo = Repository(db)
        self.db = db
        self.today = today
        self.indexes = indexes or Indexes(db, meaning)
        self.meaning = self.indexes.meaning
        self.names = self.indexes.names
        self.weights = self.indexes.weights.over(db)
        self._revision = -1
        self._matched: dict[tuple[str, tuple[str, ...] | None], list[Match]] = {}
        """Name matches already made at this revision: a refused figure question asks the
        same subject up to three times (15 ms each with 200k names)."""
        self._searched: Searched = {}
        """Candidates found for the question being answered (emptied by each answer): a
        refusal's verification ranks what the evidence gate has just searched."""

    def _gather(
        self, text: str, kinds: tuple[str, ...] | None = None, naming: bool = False
    ) -> list[Evidence]:
        """Evidence for ``text`` from full-text search re-scored by meaning."""
        if kinds is None:
            return gather(
                self.db,
                self.repo,
                text,
                weights=self.weights,
                meaning=self.meaning,
                naming=naming,
                neighbours=self.indexes.vectors,
                memo=self._searched,
            )
        return gather(
            self.db,
            self.repo,
            text,
            kinds,
            self.weights,
            self.meaning,
            naming,
            neighbours=self.indexes.vectors,
            memo=self._searched,
        )

    # keeping up with the store

    def _refresh(self) -> None:
        revision = self.indexes.follow(self.db, self.repo)
        if revision != self._revision:
            # Row ids are reused after an undo deletes the newest rows: cached citations
            # would name the undone source for the next one inserted.
            self.repo = Repository(self.db)
            self.weights = self.indexes.weights.over(self.db)
            self._matched = {}
            self._searched = {}
            self._revision = revision

    # matching names

    def _beyond_name(self, subject: str, *picked: Match) -> list[str]:
        """The words of ``subject`` that ask something about the matched names (typos of
        the names' own words and filler are not): "funded" in "funded the budapest
        conference"."""
        named = [
            text
            for match in picked
            for text in (*self.repo.aliases(match.kind, match.entity_id), match.text)
        ]
        name_words = {w for n in named for w in words(n)}
        return [
            w
            for w in words(subject)
            if w not in STOPWORDS
            and w not in ASKING_WORDS
            and not any(fuzz.ratio(w, n) >= TYPO_RATIO for n in name_words)
        ]

    def _matches(self, subject: str, kinds: tuple[str, ...] | None) -> list[Match]:
        key = (subject, kinds)
        if key not in self._matched:
            if len(self._matched) > 256:
                self._matched = {}
            with self.indexes.lock:  # another thread's refresh changes the index in place
                found = self.names.search(subject, kinds=kinds, limit=8)
            if (not found or found[0].score < CONFIDENT) and " and " in subject:
                found = self._each_matched(subject, kinds) or found
            self._matched[key] = found
        return list(self._matched[key])

    def _each_matched(self, subject: str, kinds: tuple[str, ...] | None) -> list[Match]:
        """ "Gates and Fox": the best match of each name, when every one is confident;
        as confident together as the least of them (a list of names, not a choice)."""
        parts = [p.strip() for p in subject.split(" and ") if p.strip()]
        with self.indexes.lock:
            best = [self.names.search(p, kinds=kinds, limit=1) for p in parts]
        if len(parts) < 2 or not all(b and b[0].score >= CONFIDENT for b in best):
            return []
        least = min(b[0].score for b in best)
        return [dataclasses.replace(b[0], score=least) for b in best]

    def _pick(self, matches: list[Match]) -> Match | list[Match] | None:
        """The one confident match, the close contenders, or nothing confident."""
        if not matches or matches[0].score < CONFIDENT:
            return None
        best = matches[0]
        rivals = [m for m in matches[1:] if best.score - m.score <= AMBIGUOUS_GAP]
        if rivals and best.score < 100:
            return [best, *rivals]
        if rivals and best.score == 100 and all(m.score == 100 for m in rivals):
            return [best, *[m for m in rivals if m.score == 100]]
        return best

    def _refusal(
        self,
        query: Query,
        title: str,
        summary: str,
        known: list[Line] | None = None,
        choices: list[Ref] | None = None,
    ) -> Answer:
        """NOT_FOUND that says what was not found and what the store does know nearby."""
        return Answer(
            Status.NOT_FOUND,
            query.text,
            title,
            summary=summary,
            sections=[Section("What is on record", known)] if known else [],
            choices=choices or [],
            about=list(choices or []),
        )

    def _named_apart(self, text: str, matches: list[Match]) -> bool:
        """Whether each match is named by its own words of ``text`` ("Liam Fox and Robert
        Gates"), rather than all competing for the same words (a bare "Wales")."""
        said = [w for w in words(text) if w not in STOPWORDS]
        taken: set[int] = set()
        for match in matches:
            name = [w for w in words(match.text) if w not in STOPWORDS]
            spots = {
                i for i, w in enumerate(said) if any(fuzz.ratio(w, n) >= TYPO_RATIO for n in name)
            }
            named = all(any(fuzz.ratio(said[i], n) >= TYPO_RATIO for i in spots) for n in name)
            if not name or not named or spots & taken:
                return False
            taken |= spots
        return len(matches) > 1

    def _asks_more(self, query: Query, matches: list[Match]) -> bool:
        """Whether the question has words beyond the names, other than a name's word cut
        short ("the shanghai cooperation org")."""
        names = {w for m in matches for w in words(m.text)}
        beyond = self._beyond_name(query.subject or query.text, *matches)
        return any(not any(n.startswith(w) for n in names) for w in beyond)

    def _named_in_full(self, text: str, matches: list[Match]) -> list[Match]:
        """The matches every word of whose name the question writes (typos allowed), the
        best of those competing for the same words first: "hilary clinton" names Hillary
        Clinton in full, "london" names neither the London Conference nor the London Agenda."""
        said = [w for w in words(text) if w not in STOPWORDS]
        named: list[Match] = []
        for match in matches:
            name = [w for w in words(match.text) if w not in STOPWORDS]
            if name and all(any(fuzz.ratio(w, n) >= TYPO_RATIO for w in said) for n in name):
                named.append(match)
        return named

    def _about_several(self, query: Query, matches: list[Match]) -> Answer:
        """A question about every entity it names; answered in :mod:`.several`."""
        refs = [self.repo.ref(m.kind, m.entity_id) for m in matches]
        return self._refusal(
            query,
            "Nothing on record answers that",
            "No record answers that about " + ", ".join(r.label for r in refs) + ".",
            choices=refs,
        )

    def _choices(self, query: Query, matches: list[Match]) -> Answer:
        """Which one was meant, when the matches compete for the same name; a question
        about all of them when each is named by its own words."""
        if self._named_apart(query.subject or query.text, matches):
            return self._about_several(query, matches)
        refs = [self.repo.ref(m.kind, m.entity_id) for m in matches]
        if not IDENTITY.match(query.text.strip()) and self._asks_more(query, matches):
            # A whole question ("when did hilary clinton cancel her trip to london"), not a
            # name alone: about what its words name in full, else refused, never a menu.
            named = self._named_in_full(query.subject or query.text, matches)
            if len(named) > 1 and self._named_apart(query.subject or query.text, named):
                return self._about_several(query, named)
            about = [self.repo.ref(m.kind, m.entity_id) for m in named[:1]]
            return self._refusal(
                query,
                f"Nothing on record answers “{query.text.strip().rstrip('?')}”",
                "Nothing on record answers that about "
                + " or ".join(r.label for r in about or refs)
                + ".",
                choices=about or refs,
            )
        if not IDENTITY.match(query.text.strip()) and ASKS_OF_IT.match(query.text):
            # "where was the cyberspace conference": a question about one of them, which the
            # bot cannot tell; asked back with the entries as buttons, never answered, and
            # never a menu posing as an answer (a name alone gets the menu below).
            shown = [f"{r.label} ({KIND_NOUN[r.kind]})" for r in refs]
            return asked_back(query.text, f"“{query.subject}”", refs, shown)
        return Answer(
            Status.CHOICES,
            query.text,
            f"Several entries match “{query.subject}”",
            summary="Which one did you mean? "
            + "; ".join(f"{r.label} ({KIND_NOUN[r.kind]})" for r in refs),
            choices=refs,
        )

    def _not_found(self, query: Query, matches: list[Match], what: str = "") -> Answer:
        suggestions = [self.repo.ref(m.kind, m.entity_id) for m in matches if m.score >= SUGGEST][
            :3
        ]
        subject = query.subject or query.text
        if not any(w not in STOPWORDS for w in words(subject)):
            subject = query.text.strip()  # "quotes by": the question as asked, never “ ”
        summary = "Nothing in the knowledge store matches that well enough to answer."
        if suggestions:
            summary += " Did you mean one of these?"
        else:
            summary += " Try `/cyber help`, or an organisation, person or event name."
        return Answer(
            Status.NOT_FOUND,
            query.text,
            f"No {what or 'answer'} found for “{subject}”",
            summary=summary,
            choices=suggestions,
        )
