"""What a why-question asks of its subject: its predicate, the verb and what follows it.

"Why did James Brokenshire stress active international partnerships" asks why he stressed
partnerships; a record giving his reason for calling for a legal framework shares its subject
and one word ("international") with it, and close in meaning as a whole it is, but it explains
something else. A reason answers only when the clause it explains says the predicate (see
:func:`~cyberbrief.answers.reasons.reason_in`), so the question is split into its subject and
its predicate first:

- a stored name the question starts with is its subject ("why did Joe Biden ...", "why does
  the EastWest Institute ..."), with what it owns ("Hillary Clinton's mother") and the names
  joined to it ("Russia and the US"); whatever follows is the predicate;
- a pronoun is a subject of its own ("why is it hard to ..."): the rest is the predicate;
- a subject in common words ends, after "do" or a modal, at its first plural noun ("why do
  cyber criminals | manage to slip through the net"), the head of a plural subject;
- otherwise the split is not told (a singular subject in common words, "why is X Y", "why
  worry about ..."): None, and the reason is checked against the whole question as before.

No parser: the shapes of why-questions are few, and a split that cannot be told is not
guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyberbrief.answers.lead_verbs import SHOWN_BY_WORDS
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.textsearch import STOPWORDS, Term, stem
from cyberbrief.answers.verify import PARTICLES, asked_terms, unsaid
from cyberbrief.knowledge.normalize import fold

WHY_AUX = re.compile(
    r"^\s*why\s+(?P<aux>is|are|was|were|do|does|did|has|have|had|can|could|will|would|"
    r"should|must|might|may|can't|cannot|won't|don't|doesn't|didn't|isn't|aren't|wasn't|"
    r"weren't|hasn't|haven't)\s+",
    re.IGNORECASE,
)
"""A why-question's opening: "why" and its auxiliary."""
DETERMINERS = frozenset("the a an any each all those these some".split())
PRONOUNS = frozenset("it its they them he she we you i this that these those there".split())
COPULA = frozenset("is are was were isn't aren't wasn't weren't".split())
PERFECT = frozenset("has have had hasn't haven't".split())
"""After these the verb is a participle ("has the US taken steps"): no plural ends a subject."""
PREPOSITIONS = frozenset(
    "of on in at with for from about between among to by over under into across".split()
)
LIGHT_VERBS = frozenset("take takes took make makes made get gets got give gives gave".split())
"""Verbs whose meaning is in what follows them ("take ages to reply", "make it harder"): a
record says the rest in its own words ("responses are frequently delayed")."""
MOTIVE = re.compile(
    r"^why (would|should|might|could|must)\b|\b(wants?|wanted|worr\w*|matters?|needs?|"
    r"fears?|care|bother|help\w*|benefit\w*|risks?)\b",
    re.IGNORECASE,
)
"""A why-question for a motive, a value or a risk ("why want rules", "why worry about
copies of Stuxnet", "why would rules help", "why do cyber weapons risk backfiring"): what a
thing leads to is a reason for it. For why something happens or holds, what it leads to is
no reason."""
OWN_WORDS = 2
"""Words a predicate must say besides its verb for the verb to be taken as said in other
words ("skip | the London conference")."""
WORD = re.compile(r"[\w'’-]+")


def _plain(text: str) -> str:
    return fold(text).lower().replace("’", "'")


def _name_at(words: list[str], start: int, names: list[str]) -> int:
    """How many words from ``start`` a stored name covers (the longest), 0 for none."""
    best = 0
    for name in names:
        said = WORD.findall(_plain(name))
        size = len(said)
        if size and size > best and words[start : start + size] == said:
            best = size
        elif size and words[start : start + size - 1] == said[:-1]:
            last = words[start + size - 1] if start + size - 1 < len(words) else ""
            if re.sub(r"'s$", "", last) == said[-1] and size > best:
                best = size  # "ICSPA's": the name with what it owns
    return best


def _after_determiners(words: list[str], at: int) -> int:
    while at < len(words) and words[at] in DETERMINERS:
        at += 1
    return at


def _plural(word: str) -> bool:
    """Whether ``word`` reads as a plural noun ("criminals", "initiatives")."""
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "'s", "us"))
        and word not in STOPWORDS
    )


def _plural_head(words: list[str], at: int) -> int | None:
    """The index just after the first plural noun from ``at`` (the head of a plural
    subject), or None when there is none before a function word."""
    for i in range(at, len(words)):
        w = words[i]
        if w in STOPWORDS:
            return None
        if _plural(w):
            return i + 1
    return None


def split_why(question: str, names: list[str]) -> tuple[str, str, bool] | None:
    """A why-question's subject and predicate (see the module's docstring), or None when the
    split cannot be told, and whether the predicate opens with its verb (not after "is").
    ``names``: every stored name of the entities the question names."""
    m = WHY_AUX.match(question)
    if m is None:
        return None
    aux = m["aux"].lower()
    words = WORD.findall(_plain(question[m.end() :]))
    at = _after_determiners(words, 0)
    if at >= len(words):
        return None
    if words[at] in PRONOUNS:
        end: int | None = at + 1
    else:
        size = _name_at(words, at, names)
        end = at + size if size else None
        while end is not None and end + 1 < len(words) and words[end] == "and":
            more = _name_at(words, _after_determiners(words, end + 1), names)
            if not more:
                break
            end = _after_determiners(words, end + 1) + more  # "Russia and the US"
        if end is not None and end < len(words) and _plural(words[end]):
            end += 1  # "ITU initiatives", "CERT-EU responses": what the name qualifies
        if end is not None and words[end - 1].endswith("'s"):
            # "Hillary Clinton's mother", "the ICSPA's chief executive": what the name owns
            owned = _plural_head(words, end) if aux not in COPULA else None
            end = owned if owned is not None else (end + 1 if end < len(words) else None)
        if end is None and aux not in COPULA and aux not in PERFECT:
            end = _plural_head(words, at)
            if end is not None and end < len(words) and words[end] in PREPOSITIONS | {"be"}:
                # "rules | of the road", "the countries | with the most power"; "domestic
                # policies | be enough": a copula's complement says little without them
                return None
    if end is None or end >= len(words):
        return None
    return " ".join(words[:end]), " ".join(words[end:]), aux not in COPULA


@dataclass(frozen=True)
class Predicate:
    """What a reason's clause must say of a why-question's predicate."""

    terms: list[Term]
    """Its words (names too: "skip the London conference" asks about the conference)."""
    verb: Term | None
    """Its verb, which the clause must say (its word, a synonym, a derived form or a word
    close in meaning), or after "is/are" the first word of what the subject is said to be
    ("hard" in "why is it so hard to ...", "breakthrough" in "why is there no breakthrough
    ..."): a clause about another thing explains something else. None for a verb of
    saying, wanting or thinking (a speaker's words show it), or for a light verb ("take
    ages")."""
    particle: str = ""
    """The particle of a phrasal verb ("up" in "set up", "held up"): the verb's own word says
    it only with that particle ("goals set forth in 1994" sets nothing up)."""
    direct: bool = False
    """Whether the verb opens the predicate and is asked as it is: not negated ("why didn't
    ...", "why is there no ..."), not after another verb ("struggle to cooperate"). A
    difficulty set against it explains only its contrary."""


def _verb(predicate: list[str]) -> str:
    """The verb a predicate opens with, or after "to" ("manage to slip": "slip"); "" for a
    verb a record need not say (:data:`~cyberbrief.answers.lead_verbs.SHOWN_BY_WORDS`,
    :data:`LIGHT_VERBS`)."""
    verb = predicate[0]
    if SHOWN_BY_WORDS.match(verb) or MOTIVE.search(verb) or verb in LIGHT_VERBS:
        return ""  # what a speaker said shows it; what a thing is good for is the reason
    if len(predicate) > 2 and predicate[1] == "to":
        verb = predicate[2]  # "manage to slip", "struggle to respond", "decide to back"
    return "" if verb in STOPWORDS or verb in LIGHT_VERBS else verb


def asked_predicate(question: str, names: list[str], saying: str = "") -> Predicate | None:
    """What a why-question's predicate holds (see :func:`split_why`), without, for a
    question about a view, the verb of saying (``saying``: "say" in "why does X say Y",
    whose predicate is then Y's words) and light verbs. None when the split cannot be told
    or the predicate holds no word to check."""
    split = split_why(question, names)
    if split is None:
        return None
    said = split[1].split()
    asked = [
        t
        for t in asked_terms(split[1], [])
        if t.word != saying.lower() and t.word not in LIGHT_VERBS
    ]
    if not asked:
        return None
    if not split[2]:
        # after "is/are": what the subject is said to be ("so hard", "a global problem",
        # "there is | no breakthrough"), its first word, is what a reason must explain
        return Predicate(asked, asked[0], direct=not _negated(question))
    verb = _verb(said) if said[0] != saying.lower() else ""
    at = said.index(verb) if verb in said else -1
    particle = said[at + 1] if 0 <= at < len(said) - 1 and said[at + 1] in PARTICLES else ""
    term = next((t for t in asked if t.word == verb), None)
    if at == 2:
        # "struggle to | cooperate": how the deed went is not a word a record need say
        # ("interest in cooperation but disagree over definitions"); the deed's verb is
        asked = [t for t in asked if t.word != said[0]]
    return Predicate(asked, term, particle, at == 0 and not _negated(question))


NEGATION = re.compile(r"n't\b|\b(?:not|never|no|cannot)\b", re.IGNORECASE)


def _negated(question: str) -> bool:
    """Whether a why-question asks why something is not so ("why doesn't ...")."""
    return bool(NEGATION.search(question.replace("’", "'")))


def says_verb(text: str, predicate: Predicate, meaning: Meaning | None) -> bool:
    """Whether ``text`` says the predicate's verb (its word with the verb's particle, a
    synonym, a derived form, or a word close in meaning); any text does without one."""
    if predicate.verb is None:
        return True
    if predicate.particle:
        text = _without_other_senses(text, predicate.verb, predicate.particle)
    return not unsaid(text, [predicate.verb], meaning)


def _without_other_senses(text: str, verb: Term, particle: str) -> str:
    """``text`` without the words that are forms of a phrasal verb's ``verb`` and are not
    followed, within three words, by its ``particle`` ("set forth" for "set up")."""
    kept = []
    found = list(WORD.finditer(text))
    for i, m in enumerate(found):
        if stem(m.group().lower()) in verb.alternatives:
            after = [w.group().lower() for w in found[i + 1 : i + 4]]
            if particle not in after:
                continue
        kept.append(m.group())
    return " ".join(kept)


def says_predicate(text: str, predicate: Predicate | None, meaning: Meaning | None) -> bool:
    """Whether ``text`` says a why-question's predicate: its verb, and at least half of its
    words (each its word, a synonym, a derived form, or a word close in meaning). Any text
    does when the predicate is not told."""
    if predicate is None:
        return True
    if predicate.verb is not None and predicate.particle:
        text = _without_other_senses(text, predicate.verb, predicate.particle)
    left = unsaid(text, predicate.terms, meaning)
    if predicate.verb is not None and predicate.verb in left:
        # the verb in other words ("skip" for "cancelled her trip") only when all the rest
        # is said, and that is more than one word
        rest = [t for t in predicate.terms if t is not predicate.verb]
        if len(left) > 1 or len(rest) < OWN_WORDS:
            return False
    return len(left) * 2 <= len(predicate.terms)
