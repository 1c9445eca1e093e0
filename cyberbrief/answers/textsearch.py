"""Full-text search over the store: SQLite FTS5 (porter stemming, ``bm25()``) on disk.

The ``search`` table (see the V3 migration) holds facts, quotes with their speaker and
context, entity descriptions and roles, and every name; triggers keep it current inside the
transaction of every load, edit and undo, so nothing is built when the bot starts.

bm25 orders candidates; how much of the question a record covers decides whether it is
evidence at all. Coverage weighs each question word by its rarity (IDF from the index's own
vocabulary), so a record sharing only common words ("cyber", "security") covers little.
"""

from __future__ import annotations

import copy
import functools
import math
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

import snowballstemmer
import sqlite_utils

from cyberbrief.answers.bm25_rows import Ranked, ranked_rows
from cyberbrief.answers.thesaurus import COMPOUND_PREFIXES, root, split_compound, synonyms
from cyberbrief.knowledge.normalize import fold

KIND_CODES = {
    1: "fact",
    2: "quote",
    3: "organisation",
    4: "person",
    5: "event",
    6: "initiative",
    7: "name",
}
CODE_OF = {kind: code for code, kind in KIND_CODES.items()}

STOPWORDS = frozenset(
    """a an the of in on at to for from by with and or but not no is are was were be been being
    do does did doing have has had having it its this that these those there their they them
    he she his her him i me my we our you your who whom whose what which when where why how
    many much more most some any all each every other such than then so as if about into over
    under again further once can could should would will shall may might must also just only
    very too own same s t tell say said says please know anyone someone ever get got make made
    according per cent think thinks thought people one around across among within upon onto
    toward towards new""".split()
)
UNSEEN_NAME = 2.0
UNSEEN_WORD = 1.0
_STEMMER = snowballstemmer.stemmer("porter")
_WORD = re.compile(r"[a-z0-9]+")
COMMON_SHARE = 0.02
COMMON_FLOOR = 1000
"""A word in more than this share of records (and more than this many) is only scored, not
searched for: its long list costs the most and tells the least."""


def words(text: str) -> list[str]:
    """Lower-case words as FTS5's unicode61 tokenizer splits them (diacritics removed)."""
    return _WORD.findall(fold(text).lower().replace("’", "'").replace("'s ", " "))


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The porter stem of one word, as FTS5's porter tokenizer stores it (cached: a store's
    vocabulary is bounded; snowballstemmer uses PyStemmer's C code when it is installed, as
    it is here: 1 us a word instead of 14, which a question's first 40 hits feel)."""
    return str(_STEMMER.stemWord(word))


def keys(word: str) -> set[str]:
    """What ``word`` is matched by: its porter stem and that stem's root (see thesaurus)."""
    stemmed = stem(word)
    return {stemmed, root(stemmed)}


_AMOUNT = re.compile(r"^(\d+)(k|m|bn|tn)$")
UNITS = {"k": "thousand", "m": "million", "bn": "billion", "tn": "trillion"}
"""Abbreviated amounts ("£650m", "$114bn") meet the words ("650 million")."""


@functools.lru_cache(maxsize=200_000)
def _word_keys(word: str) -> frozenset[str]:
    """What one word is matched by: its keys, an abbreviated amount's, its fused parts'."""
    found = set(keys(word))
    amount = _AMOUNT.match(word)
    if amount:
        found |= keys(amount[1]) | keys(UNITS[amount[2]])
    for part in split_compound(word):
        found |= keys(part)
    return frozenset(found)


@functools.lru_cache(maxsize=200_000)
def _may_fuse(word: str) -> bool:
    """Whether ``word`` and some next word can join into a fused word: ``word`` starts with
    a compound prefix or is the start of one (only then can their join start with one)."""
    return any(p.startswith(word) or word.startswith(p) for p in COMPOUND_PREFIXES)


STEMMED_TEXTS = 2048
"""Texts whose stems are kept: one answer stems the same candidates several times (search,
the evidence gate, verification), and each costs 50-100 us of Python."""


@functools.lru_cache(maxsize=STEMMED_TEXTS)
def stems(text: str) -> frozenset[str]:
    """Everything a record's text can be matched by: each word's stem and root, the parts of
    fused words ("cybercrime": cyber, crime) and fused forms of split ones ("cyber crime")."""
    found: set[str] = set()
    split = words(text)
    if not split:
        return frozenset()
    for word, following in zip(split, [*split[1:], ""], strict=True):
        found |= _word_keys(word)
        if following and _may_fuse(word) and split_compound(word + following):
            found |= keys(word + following)
    return frozenset(found)


@dataclass(frozen=True)
class Term:
    """One content word of a question and the stems that count as it."""

    word: str
    alternatives: frozenset[str]
    name: bool = False
    """Capitalised inside the question ("Munich"): part of a name, not an everyday word."""
    phrase: str = ""
    """A fused word's parts ("cyber crime"), searched for as a phrase as well."""


def terms(text: str) -> list[Term]:
    """The content words of ``text``, each with its synonyms' stems, in order, once each."""
    seen: dict[str, Term] = {}
    capitalised = {fold(w) for w in re.findall(r"(?<=\w )[A-Z]\w*", text)}
    for word in words(text):
        if word in STOPWORDS or len(word) < 2 or word in seen:
            continue
        name = word in capitalised
        alternatives = {stem(word)} if name else set(keys(word))
        for other in synonyms(word):  # "Britain" is "UK"; no name is in a group by chance
            alternatives |= {stem(other)} if name else keys(other)
        seen[word] = Term(word, frozenset(alternatives), name, " ".join(split_compound(word)))
    return list(seen.values())


def searched_as(text: str) -> str:
    """What :func:`search` makes of ``text``: its content words in order, names marked.
    Two texts with the same ("who said X" and "X": "who" and "said" are stopwords) find the
    same records, so one answer can search once for both."""
    return " ".join(("^" if t.name else "") + t.word for t in terms(text))


@dataclass(frozen=True)
class Hit:
    kind: str
    """fact, quote, organisation, person, event, initiative or name."""
    id: int
    coverage: float
    """IDF-weighted share of the question's words the record contains, 0-1."""
    matched: int
    """How many of the question's words it contains."""
    text: str
    names_covered: bool = True
    """Every name in the question ("Munich", "APEC") is in the record."""
    extra: str = ""
    """The names and context it was indexed with."""
    asked: float = 1.0
    """Share (IDF-weighted) of what the question asks, its words that are in no name
    ("replaced" in "who replaced Lobban at GCHQ"), the record covers; 1 when every word is
    part of a name."""


def indexed(db: sqlite_utils.Database) -> int:
    """How many records the full-text index holds. Counted on FTS5's own table of document
    sizes, one row per record (a b-tree count: 1-2 ms at 200k records), not on the index,
    where a count reads every record's text (0.5 s at 200k); the same number."""
    try:
        return int(db.conn.execute("SELECT count(*) FROM search_docsize").fetchone()[0])
    except sqlite3.OperationalError:  # an index made without document sizes
        return int(db.conn.execute("SELECT count(*) FROM search").fetchone()[0])


class Weights:
    """How rare each stem is in the index: log(1 + N / documents containing it)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.total = max(indexed(db), 1)
        self._df: dict[str, int] = {}
        self._named: dict[str, bool] = {}
        self.ranked: Ranked | None = None
        """What each search found while one question is answered (:meth:`remembering`)."""

    def remembering(self, ranked: Ranked | None) -> None:
        """Keep each search's rows in ``ranked`` (a new dict per question); None: stop."""
        self.ranked = ranked

    def over(self, db: sqlite_utils.Database) -> Weights:
        """The same weights read through ``db`` (another unit of work's connection)."""
        other = copy.copy(self)
        other.db = db
        return other

    def document_frequency(self, stems_: Iterable[str]) -> dict[str, int]:
        wanted = [s for s in set(stems_) if s not in self._df]
        if wanted:
            marks = ", ".join("?" for _ in wanted)
            found = dict(
                self.db.conn.execute(
                    f"SELECT term, doc FROM search_terms WHERE term IN ({marks})", wanted
                ).fetchall()
            )
            for s in wanted:
                self._df[s] = int(found.get(s, 0))
        return {s: self._df[s] for s in stems_}

    def idf(self, term: Term) -> float:
        """Rare words weigh more; a name the store has never seen weighs double the rarest,
        so a question about something unknown ("the Munich conference") is not covered by
        records that share only its everyday words."""
        df = max(self.document_frequency(term.alternatives).values(), default=0)
        if df == 0:
            return (UNSEEN_NAME if term.name else UNSEEN_WORD) * math.log(1 + self.total)
        return math.log(1 + self.total / df)

    def in_names(self, term: Term) -> bool:
        """Whether the word is part of some stored name ("london", "gchq", "conference"): it
        then says what a question is about, not what it asks about that thing."""
        key = stem(term.word)
        if key not in self._named:
            row = self.db.conn.execute(
                "SELECT 1 FROM search WHERE search MATCH ? AND rowid % 8 = 7 LIMIT 1",
                (f'body : "{key}"',),
            ).fetchone()
            self._named[key] = row is not None
        return self._named[key]

    def common(self, term: Term) -> bool:
        df = max(self.document_frequency(term.alternatives).values(), default=0)
        return df > max(self.total * COMMON_SHARE, COMMON_FLOOR)


def coverage(
    question: list[Term], text: str, weights: Weights, have: frozenset[str] | None = None
) -> tuple[float, int]:
    """How much of the question ``text`` covers (IDF-weighted share, and a word count)."""
    if not question:
        return 0.0, 0
    return _covered(_weighed(question, weights), stems(text) if have is None else have)


def _weighed(question: list[Term], weights: Weights) -> list[tuple[frozenset[str], float]]:
    """Each term's stems and IDF weight, looked up once for all the records scored."""
    return [(term.alternatives, weights.idf(term)) for term in question]


def _covered(
    weighed: list[tuple[frozenset[str], float]], have: frozenset[str]
) -> tuple[float, int]:
    total = 0.0
    got = 0.0
    matched = 0
    for alternatives, weight in weighed:
        total += weight
        if alternatives & have:
            got += weight
            matched += 1
    return (got / total if total else 0.0), matched


SEARCHED_TERMS = 4
"""Only the rarest few words are searched for (all are scored): a record that covers enough
of the question has at least one of them, and common words' long lists stay unread."""


def _match_expression(question: list[Term], weights: Weights) -> str:
    rare = [t for t in question if not weights.common(t)]
    rare = sorted(rare, key=lambda t: -weights.idf(t))[:SEARCHED_TERMS]
    stems_ = sorted({s for t in rare for s in t.alternatives})
    if not stems_:
        return ""
    phrases = sorted({t.phrase for t in rare if t.phrase})
    return " OR ".join(
        [*(f'"{s}"*' if len(s) < 3 else f'"{s}"' for s in stems_), *(f'"{p}"' for p in phrases)]
    )


def search(
    db: sqlite_utils.Database,
    text: str,
    kinds: Iterable[str] | None = None,
    limit: int = 40,
    weights: Weights | None = None,
) -> list[Hit]:
    """Records that share words with ``text``, most of the question covered first."""
    weights = weights or Weights(db)
    question = terms(text)
    if not question:
        return []
    codes = sorted(CODE_OF[k] for k in kinds) if kinds else sorted(KIND_CODES)
    expression = _match_expression(question, weights)
    if not expression:
        return []  # every word is in a large share of records: none can be told apart
    rows = ranked_rows(db, expression, tuple(codes), limit, weights.ranked)
    return _scored(question, [row[:4] for row in rows], weights)


def _scored(
    question: list[Term], rows: Iterable[tuple[int, str, str, str]], weights: Weights
) -> list[Hit]:
    """Search rows as hits, scored by how much of the question each covers, best first."""
    names = [t for t in question if t.name]
    asked = [t for t in question if not t.name and not weights.in_names(t)]
    whole, asking = _weighed(question, weights), _weighed(asked, weights)
    hits = []
    for rowid, body, who, context in rows:
        have = stems(f"{body} {who} {context}")
        share, matched = _covered(whole, have)
        named = all(t.alternatives & have for t in names)
        asked_share = _covered(asking, have)[0] if asked else 1.0
        hits.append(
            Hit(
                KIND_CODES[rowid % 8],
                rowid // 8,
                share,
                matched,
                str(body),
                named,
                f"{who}",
                asked_share,
            )
        )
    hits.sort(key=lambda h: -h.coverage)
    return hits


def record_of(hit: Hit) -> int:
    """The hit's rowid in ``search`` (and ``vectors``): id * 8 + its kind's code."""
    return hit.id * 8 + CODE_OF[hit.kind]


def score(
    db: sqlite_utils.Database, text: str, records: list[int], weights: Weights | None = None
) -> list[Hit]:
    """The given records (search rowids, e.g. found by meaning) as hits for ``text``, scored
    exactly as :func:`search` scores its own."""
    question = terms(text)
    if not question or not records:
        return []
    marks = ", ".join("?" for _ in records)
    rows = db.conn.execute(
        f"SELECT rowid, body, who, context FROM search WHERE rowid IN ({marks})", records
    ).fetchall()
    return _scored(question, rows, weights or Weights(db))
