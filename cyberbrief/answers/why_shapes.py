"""A why-question asked in another shape, put as "why" and its auxiliary.

"How come Hillary Clinton didn't show up", "what made Liam Fox push for a conference", "what
was the reason Brokenshire wanted a legal framework", "what makes it so hard to agree": each
asks for a cause, as "why didn't Hillary Clinton show up", "why did Liam Fox push for a
conference", "why did Brokenshire want ...", "why is it so hard to agree" do. Left in their
own shape, the words "made", "come" or "reason" stop records from saying what is asked, the
question is not read as asking for a cause at all ("what makes ..." was answered with the
question above a list of records), and the subject and predicate of the why-question
(:func:`~cyberbrief.answers.why_predicate.split_why`) cannot be told, so a reason for
something else could lead. Only the shape changes: the question's own words stay, an
auxiliary is put in front ("didn't" moved, "did" for a past verb, "is" for "what makes X
so hard"). A shape whose order cannot be told this way becomes "why" and the clause as
written, which is checked as a why-question whose predicate is not told.
"""

from __future__ import annotations

import re

from cyberbrief.answers.textsearch import STOPWORDS
from cyberbrief.answers.verb_forms import FORMS, IRREGULAR

_SHAPE = re.compile(
    r"^(?P<shape>how come|for what reason|"
    r"what (?:is|was|were|are) the (?:main |real |actual )?reasons?(?: (?:why|that|for which))?|"
    r"what (?P<made>makes|made|make)(?! up\b| out\b| of\b| sense\b| you\b| me\b| us\b))\s+"
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)
"""Shapes of a why-question that do not start with "why"."""
AUXILIARIES = frozenset(
    "is are was were has have had does do did can could will would should must might may "
    "isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't can't cannot "
    "couldn't won't wouldn't shouldn't mustn't".split()
)
_DEGREE = re.compile(r"\b(?:so|such|too)\b", re.IGNORECASE)
"""What "makes X so hard" says of X: X is hard ("why is X so hard")."""
_PRONOUN_SUBJECT = frozenset("it this that".split())
"""Subjects that "what makes" makes something ("what makes it hard to ..."): never a doer."""
PAST = {
    past: line.split()[0]
    for line in IRREGULAR
    for past in line.split()[1].split("/")
    if past not in ("was", "were")
}
"""Irregular past forms and their base ("held": "hold", "went": "go", "set": "set")."""
SUBJECT_WORDS = frozenset("the a an of".split())
"""Function words inside a subject ("the security problems of the cyber world")."""
REACH = 8
"""Words a subject may take before its verb ("the security problems of the cyber world")."""


def _past_base(word: str) -> str | None:
    """The base form of a past verb ("wanted": "want", "missed": "miss", "stopped": "stop",
    "held": "hold", "set": "set"); None for a word that is no past form."""
    if word in PAST:
        return PAST[word]
    if len(word) > 4 and word.endswith("ied"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("ed"):
        stem = word[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "sl":
            return stem[:-1]  # "stopped": "stop"
        if stem.endswith(("at", "iz", "is", "ag", "ur", "ic", "rv", "lv", "uc", "ng")):
            return stem + "e"  # "created", "realized", "raised", "engaged", "served"
        return stem
    return None


def _question_order(words: list[str]) -> str | None:
    """A clause ("Hillary Clinton didn't show up", "Brokenshire wanted a framework") as
    question words after "why": its auxiliary moved in front, or "did" and a past verb's
    base. None when neither is found close after its first word."""
    for i, word in enumerate(words[1:REACH], start=1):
        lowered = word.lower().replace("’", "'")
        if lowered in AUXILIARIES:
            return " ".join([lowered, *words[:i], *words[i + 1 :]])
        if not word.islower():
            continue
        base = _past_base(lowered)
        if base is not None:
            return " ".join(["did", *words[:i], base, *words[i + 1 :]])
        if lowered in FORMS or (lowered in STOPWORDS and lowered not in SUBJECT_WORDS):
            return None  # a present verb ("get"), or a clause of its own ("when", "to")
    return None


def as_why(question: str) -> str:
    """``question`` put as a why-question when it asks for a cause in another shape (see the
    module's docstring); else ``question`` itself."""
    stripped = question.strip()
    match = _SHAPE.match(stripped)
    if match is None:
        return question
    rest = match["rest"].strip()
    words = rest.split()
    made = (match["made"] or "").lower()
    if made:
        # "what made S do Y": "why did S do Y"; "what makes it (so) hard to Y": "why is it"
        copula = words[0].lower() in _PRONOUN_SUBJECT or bool(_DEGREE.search(rest))
        if copula:
            head = re.split(
                r"\s+(?:of|so|such|too|between|among|with|in|on|for|at)\s+", rest, maxsplit=1
            )[0].split()[-1]
            plural = head.endswith("s") and not head.endswith(("ss", "'s", "’s"))
            verb = ("were" if plural else "was") if made == "made" else ("are" if plural else "is")
            return f"why {verb} {rest}"
        return f"why {'did' if made == 'made' else 'does'} {rest}"
    if words[0].lower() in AUXILIARIES:
        return f"why {rest}"  # "for what reason did X ...": already in question order
    ordered = _question_order(words)
    if ordered is not None:
        return f"why {ordered}"
    # "how come" opens a clause; "what is the reason" may open a noun ("for the delays")
    return f"why {rest}" if match["shape"].lower() == "how come" else question
