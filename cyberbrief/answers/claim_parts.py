"""The parts of a yes/no question's claim and of the records read for it: the claim itself
("was Joanna Shields at the London conference" claims "Joanna Shields at the London
conference"), the words a record must say of it, and whom a record speaks of without naming
them (a description's own entity, a quote's linked entities). Used by
:mod:`cyberbrief.answers.yesno`."""

from __future__ import annotations

import re

from cyberbrief.answers.candidates import Candidate
from cyberbrief.answers.claim_sense import NEGATION
from cyberbrief.answers.textsearch import STOPWORDS, Term, stems, terms
from cyberbrief.answers.verify import SPEECH
from cyberbrief.knowledge.model import Ref
from cyberbrief.knowledge.normalize import fold

AUXILIARY = (
    r"is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|"
    r"isn't|aren't|wasn't|weren't|didn't|doesn't|don't|hasn't|haven't"
)
YES_NO = re.compile(
    r"^(?:(?:and|so|ok|please),? )?(?:is it true that|do you know (?:if|whether)|"
    rf"(?P<aux>{AUXILIARY}))\s+(?P<claim>.+)$",
    re.IGNORECASE,
)
"""A question that asks whether something is so: an auxiliary verb first, then the claim."""
REQUEST = re.compile(r"^(you|u)\b", re.IGNORECASE)
"""A "claim" about the one asked is a request for something else ("can you tell me ...")."""
SAYING = re.compile(
    r"^(say|says|said|saying|tell|tells|told|warn\w*|think\w*|thought|believ\w*|argu\w*|"
    r"claim\w*|urg\w*|feel|feels|felt|consider\w*|stat(e|es|ed))$"
)
"""Verbs of saying or thinking in a claim ("did Cameron warn ..."): a quote by the one named,
or a record reporting what they said, says them."""

ACCOUNT = r"(?:according to|in the (?:view|opinion) of)"
SPEAKER = r"(?:(?!\b(?:what|who|whom|whose|when|where|why|how|which)\b)[^,])+?"
"""Who an account is by: words up to the claim, never a question word ("according to
Lyons, what is needed" asks something else)."""
ATTRIBUTED = re.compile(
    rf"^{ACCOUNT} (?P<who>{SPEAKER}),? (?P<asked>(?:{AUXILIARY}) .+)$"
    rf"|^(?P<asked2>(?:{AUXILIARY}) .+?),? {ACCOUNT} (?P<who2>{SPEAKER})$"
)
"""A yes/no question put to one speaker's account ("according to the head of GCHQ, is ...",
"is ..., according to John Lyons"): the claim is what that speaker said."""

REF_ANY = Ref("any", 0, "")
"""Stands for every entity in :func:`own_refs`: a quote speaks of all it is linked to."""


def _plain(question: str) -> str:
    return re.sub(r"\s+", " ", fold(question).replace("’", "'")).strip(" ?!.")


def account_speaker(question: str) -> str | None:
    """Whose account a yes/no question is put to ("the head of gchq" in "according to the
    head of GCHQ, is ..."), as :func:`claim_of` words it; None for any other question."""
    attributed = ATTRIBUTED.match(_plain(question))
    if attributed is None or claim_of(question) is None:
        return None
    return attributed["who"] or attributed["who2"]


def claim_of(question: str) -> str | None:
    """The claim a yes/no question asks about ("Joanna Shields at the London conference"),
    or None for any other question."""
    text = _plain(question)
    attributed = ATTRIBUTED.match(text)
    if attributed is not None:
        # "according to W, is X Y": whether W said X Y, checked as "did W say X Y" is (the
        # speaker's quotes, or records reporting what W said), never another's account.
        claim = claim_of(attributed["asked"] or attributed["asked2"])
        who = attributed["who"] or attributed["who2"]
        return f"{who} said {claim}" if claim is not None else None
    m = YES_NO.match(text)
    if m is None or REQUEST.match(m["claim"]):
        return None  # "can you tell me who ...", "do you know when ...": a request
    return m["claim"]


REPORTING = re.compile(
    r"^(admit\w*|accept\w*|conced\w*|acknowledg\w*|den(y|ies|ied)|insist\w*|suggest\w*|"
    r"agree\w*|confirm\w*|reveal\w*|announc\w*)$"
)
"""Verbs that report a claim as :data:`SAYING` ones do, with a stance ("did Lyons admit ...")."""
AUXILIARY_WORDS = frozenset(
    "is are was were be been being has have had will would can could must should may might".split()
)


def reports_speech(claim: str, names: list[str]) -> bool:
    """Whether a claim's verb, right after the names it starts with, is one of saying or
    admitting ("iain lobban say china attacked the foreign office")."""
    named = stems(" ".join(names))
    said = re.findall(r"[\w'’-]+", claim.lower())
    while said and stems(said[0]) and stems(said[0]) <= named:
        said = said[1:]
    return bool(said) and bool(SAYING.match(said[0]) or REPORTING.match(said[0]))


def claim_predicate(claim: str, names: list[str]) -> list[Term]:
    """What a claim says of its subject: the verb after the names it starts with ("lead" in
    "neelie kroes lead the london conference"); for a verb of saying or admitting, what the
    reported clause says after its auxiliary ("impossible" in "john lyons admit an
    international agreement ... is impossible"). Empty when it cannot be told (no verb, or a
    reported clause without an auxiliary): no record is held to it then."""
    named = stems(" ".join(names))
    said = re.findall(r"[\w'’-]+", claim.lower())
    while said and stems(said[0]) and stems(said[0]) <= named:
        said = said[1:]  # the subject's names
    if not said:
        return []
    reporting = bool(SAYING.match(said[0]) or REPORTING.match(said[0]))  # "say" is a stopword
    if not reporting and (said[0] in STOPWORDS or said[0] in AUXILIARY_WORDS):
        return []
    if not reporting:
        return terms(said[0])
    reported = said[1:]
    at = [i for i, w in enumerate(reported) if w in AUXILIARY_WORDS]
    if not at:
        # "say China attacked the Foreign Office": no auxiliary, its verb in the past
        past = [w for w in reported if w.endswith("ed") and w not in STOPWORDS]
        return terms(past[0]) if past else []
    after = [w for w in reported[at[-1] + 1 :] if w not in STOPWORDS]
    return terms(after[0]) if after else []


def beyond_saying(asked: list[Term], candidate: Candidate) -> list[Term]:
    """What a quote or a report of speech must still say of the claim: not the verb of
    saying, which the record is ("Governments must not ..." — David Cameron), nor one that
    reports it with a stance ("did Gates admit ..."): the speaker's own words state what
    they admit, and what a record does not state is still refused."""
    if not (candidate.line.text.startswith("“") or SPEECH.search(candidate.text)):
        return asked
    kept = [t for t in asked if not (SAYING.match(t.word) or REPORTING.match(t.word))]
    return kept or asked


def quoted(candidate: Candidate) -> bool:
    """A quote, in the speaker's words or reported ("X said that ...")."""
    return candidate.line.text.startswith("“") or (
        candidate.record is not None and candidate.record[0] == "quote"
    )


def by_another(candidate: Candidate, refs: list[Ref]) -> bool:
    """A quote or a description says what its speaker or entity did, not what the others it
    names did ("US vice president who delivered Hillary Clinton's speech")."""
    own = quoted(candidate) or not candidate.stated
    return own and not set(candidate.about) & set(refs)


def own_refs(candidate: Candidate) -> tuple[Ref, ...]:
    """Who a record speaks of without naming them in every clause: the entity a description
    describes ("who had been due to attend"); for a quote, everyone it is linked to (its
    speaker, and whom its context says it is about: "on the case of Gary McKinnon")."""
    if not candidate.stated:
        return candidate.about
    return (REF_ANY,) if quoted(candidate) else ()


DISTRIBUTIVE = frozenset({"both", "each"})
"""Words that only spread a claim over the things it names ("did Fox and Gates both speak"):
a record naming them all says it of each."""


def required_terms(asked: list[Term]) -> list[Term]:
    """The claim's words a record must say: not the words that give its sense ("not",
    "against"), which :func:`sense` compares instead, nor those spreading it over what it
    names (:data:`DISTRIBUTIVE`)."""
    return [
        t
        for t in asked
        if not (NEGATION.fullmatch(t.word) or t.word == "against" or t.word in DISTRIBUTIVE)
    ]
