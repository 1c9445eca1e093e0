"""Who did what, and what a why-question is about: the checks behind the last check's rule
that a name or a reason leads only when its record says what was asked (:mod:`leads`).

A line of names, or a name over a quote, answers a who-question only when the record under
it says the question's verb (:func:`verb_said`); a quote shows its speaker saying, wanting
or thinking, never doing what their words describe. A why-answer that repeats the question
leads only with a record about what it asks about (:func:`leads_about_asked`).
"""

from __future__ import annotations

import re

from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.textsearch import STOPWORDS, terms
from cyberbrief.answers.thesaurus import COMPOUND_PREFIXES
from cyberbrief.answers.verify import unsaid
from cyberbrief.knowledge.model import Answer
from cyberbrief.knowledge.normalize import fold


def _plain(text: str) -> str:
    text = fold(text).lower().replace("’", "'")
    return re.sub(r"\s+", " ", re.sub(r"[^\w' -]+", " ", text)).strip()


AUXILIARY = frozenset(
    "is are was were be been being will would shall should can could may might must do does "
    "did has have had".split()
)
"""Words before a question's verb ("which hacker was arrested"), never the verb itself."""
WHO_WHICH = re.compile(r"^\s*(who|whom|which|what)\b", re.IGNORECASE)
ARTICLES = frozenset("the a an".split())
NOUN_REACH = 4
"""How far after "which" its auxiliary is looked for ("which US defence chief was ..."):
one further on belongs to a clause of its own ("who said the internet should ...")."""
NAMING = frozenset("called named termed dubbed known described regarded considered seen".split())
"""Verbs that only name what the asked ones are ("which countries are called the major cyber
powers"): the words after them say what a record must ("major cyber powers")."""


def names_only(line: str, question: str) -> bool:
    """Whether a first line is names put before the question asked again ("EU, US, ...: Who
    will fund the ICSPA?"): what they did is said only by the records below it."""
    asked, said = _plain(question), _plain(line)
    return len(asked) > 3 and said.endswith(asked) and said != asked


SHOWN_BY_WORDS = re.compile(
    r"^(sa(y|ys|id)|spok\w*|speak\w*|talk\w*|told|tell\w*|address\w*|deliver\w*|want\w*|"
    r"wish\w*|hop\w*|think\w*|thought|believ\w*|feel\w*|felt|fear\w*|worr\w*|call\w*|"
    r"urg\w*|warn\w*|argu\w*|claim\w*|insist\w*|stress\w*|compar\w*|describ\w*|agree\w*|"
    r"disagree\w*|prais\w*|criticis\w*|criticiz\w*|accus\w*|blam\w*|suggest\w*|propos\w*|"
    r"recommend\w*|advocat\w*|predict\w*|expect\w*|admit\w*|announc\w*|reveal\w*|"
    r"mention\w*|quot\w*|stat(e|es|ed))$"
)
"""Verbs of saying, or of wanting or thinking, that a person's quote shows of them ("which
US defence chief wanted rules on acceptable acts" is answered by Gates's words)."""


def speaker_named(line: str, question: str, answer: Answer) -> bool:
    """Whether a first line is the question asked again with a name after it, over a quote,
    for a question whose verb no quote shows by being said ("Who owns national
    infrastructure? John Lyons" over his words that it is in private hands): a speaker
    answers only what the quote's words say they did. Saying, wanting or thinking
    (:data:`SHOWN_BY_WORDS`) is what a quote shows, so those are not checked here."""
    asked, said = _plain(question), _plain(line)
    lines = [x.text for s in answer.sections for x in s.lines][:1]
    if not (len(asked) > 3 and said.startswith(asked) and said != asked and lines):
        return False
    return lines[0].startswith("“")


REPORTED = re.compile(
    r"\b(?:said|says|told|tells|warned|warns|urged|urges|argued|argues|added|insisted|"
    r"claimed|stated)\b"
)
"""A verb reporting speech: what follows it is what someone said, not what they did."""


def outside_speech(text: str) -> str:
    """The words of a record that are not what someone is quoted or reported as saying:
    none of a quote's words (only its attribution), the words before "X said" of a report."""
    if text.startswith("“"):
        end = text.find("”")
        return text[end + 1 :] if end >= 0 else ""
    m = REPORTED.search(text)
    return text[: m.start()] if m else text


def names_over_quote(line: str) -> bool:
    """Whether a first line is names put before a quote ("James Brokenshire: “Active
    international partnerships ...”"): the quote's speaker answers a who-question only for
    what its words say (see :func:`verb_said`)."""
    return bool(re.match(r"^[^“:]{1,120}: “", line))


def asked_verb(question: str) -> str:
    """The verb of a who/which question: the first word after its auxiliary ("arrested" in
    "which hacker was arrested ..."), else after "who" or the noun "which" asks for ("trains"
    in "who trains ...", "want" in "which bodies want ..."); "" when there is none."""
    m = WHO_WHICH.match(question)
    if m is None:
        return ""
    said: list[str] = re.findall(r"[a-z][a-z'’-]*", fold(question[m.end() :]).lower())
    if not said:
        return ""
    who = m[1].lower() in ("who", "whom")
    # "which hacker was arrested": the auxiliary after the noun asked for, close to it
    later = [i for i, w in enumerate(said[:NOUN_REACH]) if w in AUXILIARY and not who]
    if said[0] in AUXILIARY or later:
        start = 1 if said[0] in AUXILIARY else later[0] + 1
        rest = [w for w in said[start:] if w not in AUXILIARY | ARTICLES]
        if len(rest) > 1 and rest[0] in NAMING:
            return rest[1]  # "are called the major cyber powers": "major"
        return rest[0] if rest else ""
    if who:
        return said[0]
    # "which US defence chief wanted ...": the first word after the noun that reads as a verb
    inflected = [w for w in said[1:NOUN_REACH] if re.search(r"(ed|[^s]s)$", w)]
    return inflected[0] if inflected else (said[1] if len(said) > 1 else "")


def verb_said(question: str, answer: Answer, meaning: Meaning | None) -> bool:
    """Whether the first record under an answer of names says the question's verb (its word,
    a synonym or derived form, or a word close in meaning): "who trains the cyber crime units
    that the ICSPA works for" is not answered by the funders its description names."""
    verb = asked_verb(question)
    lines = [x.text for s in answer.sections for x in s.lines][:1]
    if not verb or not lines or (lines[0].startswith("“") and SHOWN_BY_WORDS.match(verb)):
        return True  # a quote shows its speaker saying, wanting or thinking what it says
    wanted = terms(verb)
    # What someone is quoted or reported as saying is not what they did: "who drains the
    # swamp" is not Ross Anderson, who said "you have to drain the swamp".
    said = lines[0] if SHOWN_BY_WORDS.match(verb) else outside_speech(lines[0])
    return not wanted or not unsaid(said, wanted, meaning)


COPULA = frozenset("is are was were".split())
PRONOUNS = frozenset("it its they them he she we you i this that these those there".split())
PREPOSITIONS = frozenset(
    "through from with about over into between against for to of on in at by after before "
    "during without under across".split()
)
"""Where a question's noun phrase and verb end ("slip | through the cracks")."""
WHY_AUX = re.compile(
    r"^\s*(why|how come|what (should|could|can|must|would|will))\s+"
    r"(?:(?P<aux>is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|must)\s+)?",
    re.IGNORECASE,
)


def asked_subject(question: str) -> str:
    """What a why or what-should question asks about: a name it starts with ("EWI" in "why
    does EWI think trust matters"), else its words up to the first function word or
    preposition ("cyber criminals slip" in "why do cyber criminals slip through the cracks",
    its subject and perhaps its verb: without parsing, the two are not told apart; after "is"
    or "are", what it is said to be as well: "cyber treaty so hard"); "" for a pronoun ("why
    is it hard ...")."""
    m = WHY_AUX.match(question)
    if m is None:
        return ""
    rest = re.findall(r"[\w'’-]+", question[m.end() :])
    if not rest or rest[0].lower() in PRONOUNS:
        return ""  # "why is it hard to ...": what "it" is, the question does not say
    while rest and rest[0].lower() in STOPWORDS:
        rest = rest[1:]  # "the", "all", "any"
    if rest and rest[0][:1].isupper():
        capitalised = re.match(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*", " ".join(rest))
        return capitalised[0] if capitalised else ""
    copula = (m["aux"] or "").lower() in COPULA
    phrase = []
    for w in rest:
        if w.lower() in PREPOSITIONS or (w.lower() in STOPWORDS and not copula):
            break
        phrase.append(w)  # "why is a cyber treaty so hard": what it is said to be as well
    return " ".join(phrase)


def leads_about_asked(question: str, answer: Answer, meaning: Meaning | None) -> bool:
    """Whether a briefing titled with the question alone ("Why do cyber criminals slip
    through the international cracks?") leads with a record about what was asked: its first
    record says a word of the question's subject (:func:`asked_subject`; its word, a synonym,
    or one close in meaning; not "cyber" alone, the prefix of half the store's words). APEC's
    record holds a cause of its own, but says nothing of criminals slipping."""
    lines = [x.text for s in answer.sections for x in s.lines][:1]
    subject = [t for t in terms(asked_subject(question)) if t.word not in COMPOUND_PREFIXES]
    return not lines or not subject or len(unsaid(lines[0], subject, meaning)) < len(subject)


def quote_shows_nothing_asked(question: str, line: str) -> bool:
    """Whether ``line`` is a quote whose words do not show its speaker doing what a
    who-question asks (a verb that is not one of saying, wanting or thinking, and is not in
    the quote's attribution): its speaker is then no answer drawn from it."""
    if not line.startswith("“"):
        return False
    verb = asked_verb(question)
    if not verb or SHOWN_BY_WORDS.match(verb):
        return False
    wanted = terms(verb)
    return bool(wanted) and bool(unsaid(outside_speech(line), wanted))
