"""A question asked the way people talk in Slack, reduced to the question itself.

"can you tell me who the head of GCHQ is", "hey, what did Jimmy Wales say?", "i'd like to know
how many nations attended", "who is John Lyons, please": the greeting, the request around the
question and the thanks are no part of what is asked, and an indirect question keeps its verb
at the end ("who the head of GCHQ is"). Left as typed, their words stop records from saying
everything asked and hide the question word, so a question in a friendly wrapper was refused or,
worse, answered as a briefing about whoever its words came closest to. Only the wrapper goes;
the question's own words are never changed beyond putting an indirect question's verb back.
"""

from __future__ import annotations

import re

from cyberbrief.answers.verb_forms import FORMS, IRREGULAR

_OPENERS = re.compile(
    r"^(?:(?:hey|hi|hello|ok|okay|so|well|um+|btw|quick (?:q|question)|question)\b[\s,:;!.-]*)+",
    re.IGNORECASE,
)
_REQUESTS = re.compile(
    r"^(?:please\s+)?(?:"
    r"(?:can|could|would|will) (?:you|u|someone)\s+(?:please\s+)?(?:tell|remind|show|let)\s+me"
    r"(?:\s+know)?"
    r"|(?:(?:can|could|would|will) (?:you|u)\s+(?:please\s+)?)?(?:explain|find out|check)"
    r"(?:\s+(?:to me|for me))?(?=\s+(?:who|what|when|where|why|how|which)\b)"
    r"|do (?:you|u) (?:know|happen to know|remember)"
    r"|(?:any|got any|have you any) idea"
    r"|i(?:'d| would) (?:like|love) to know"
    r"|i (?:want|need|wanted|needed) to (?:know|find out|check)"
    r"|i(?:'m| am) (?:wondering|curious|trying to find out)"
    r"|i wonder|i was wondering|remind me"
    r"|(?:tell|show|give) me(?!\s+about\b)"
    r"|please"
    r")\b[\s,:]*",
    re.IGNORECASE,
)
_CLOSERS = re.compile(
    r"(?:[\s,]+(?:please|pls|thanks|thank you|thx|cheers|if you know|if you can))+[\s.!?]*$"
    r"|[\s.!?]+$",
    re.IGNORECASE,
)
_WH = re.compile(
    r"^(?P<wh>who|what|when|where|why|how(?: many| much| long)?)\s+(?P<rest>.+)$", re.I
)
_AUX = frozenset("is are was were has have had does do did can could will would should".split())
_DO = frozenset({"does", "do", "did"})


def _base(verb: str) -> str | None:
    """The base form of a past or -s verb ("said" -> "say", "arrested" -> "arrest")."""
    every = FORMS.get(verb)
    if every is not None:
        bases = sorted(w for w in every if w != verb and not w.endswith(("ed", "en", "n")))
        return min(bases, key=len) if bases else None
    if len(verb) > 4 and verb.endswith("ed"):
        return verb[:-2]
    return None


def _direct(question: str) -> str:
    """An indirect question put back in question order: "who the head of GCHQ is" -> "who is
    the head of GCHQ", "what ENISA does" -> "what does ENISA do", "what Wales said about X"
    -> "what did Wales say about X". A question already in order is left as it is."""
    match = _WH.match(question)
    if match is None:
        return question
    wh, words = match.group("wh"), match.group("rest").split()
    if words[0].lower() in _AUX or len(words) < 2:
        return question
    for i, word in enumerate(words[1:], start=1):
        if word.lower() in _AUX:
            moved = [*words[:i], *words[i + 1 :]]
            if word.lower() in _DO and i == len(words) - 1:
                moved.append("do")  # "what ENISA does" -> "what does ENISA do"
            return " ".join([wh, word, *moved])
    if wh.lower().startswith(("who", "how many", "how much")):
        return question  # "who delivered the speech": the question word is its subject
    for i, word in enumerate(words[1:], start=1):
        base = _base(word.lower()) if word.islower() else None
        if base is not None:
            return " ".join([wh, "did", *words[:i], base, *words[i + 1 :]])
    return question


def asked_plainly(text: str) -> str:
    """``text`` without the greeting, request and thanks around its question; ``text`` itself
    when it has none."""
    plain = _OPENERS.sub("", text.strip())
    request = _REQUESTS.match(plain)
    if request is not None:
        plain = plain[request.end() :]
    plain = _CLOSERS.sub("", plain).strip()
    if not plain or plain == text.strip().rstrip("?.! "):
        return text
    if request is not None:
        plain = _direct(plain)
    return plain


_QUESTION_START = (
    r"(?:who|whom|whose|what|what's|which|where|when|why|how|is|are|was|were|did|does|do|has|"
    r"have|had|can|could|will|would|should|tell me|list|show me)\b"
)
_CONTEXT_THEN_QUESTION = re.compile(
    rf"^(?P<context>[^?]+?)(?:[.!]\s+|\s*[:;]\s+|\s+[-–—]+\s+)(?P<question>{_QUESTION_START}.*)$",
    re.IGNORECASE,
)


def context_and_question(text: str) -> tuple[str, str] | None:
    """What comes before the question and the question itself, when a message sets the scene
    first ("I'm writing a brief on the London conference. How many nations attended?", "for
    my report: when was McKinnon arrested?"); None for a message that is one question."""
    match = _CONTEXT_THEN_QUESTION.match(text.strip())
    if match is None:
        return None
    return match.group("context").strip(), match.group("question").strip()


_FRONTED = re.compile(
    r"^(?P<p>(?:according to|in|at|on|during|from|for|by|after|before|since|as of|under|"
    r"among|within)\s+[^,?]+?)\s*,\s*(?P<q>(?:who|whom|whose|what|which|where|when|why|how|is|"
    r"are|was|were|did|does|do|has|have|had|can|could|will|would|should)\b.+?)\s*(?P<end>[?.!]?)$",
    re.IGNORECASE,
)


def unfronted(question: str) -> str:
    """A phrase put in front of the question moved behind it, where the question's analysis
    reads constraints: "In 2011, who was head of GCHQ?" -> "who was head of GCHQ in 2011?";
    "According to the BBC, how many ..." -> "how many ... according to the BBC"."""
    match = _FRONTED.match(question.strip())
    if match is None:
        return question
    return f"{match.group('q')} {match.group('p')}{match.group('end')}"


_CONTRACTED = re.compile(
    r"\b(?P<w>who|what|when|where|why|how|which)['’](?P<c>s|re)\s+(?P<next>[\w'’-]+)",
    re.IGNORECASE,
)
_PARTICIPLES = frozenset(form for line in IRREGULAR for form in line.split()[-1].split("/"))
"""Irregular past participles ("said", "been", "written"): "who's said" is "who has said"."""


def uncontracted(text: str) -> str:
    """``text`` with a question word's contraction written out ("who's Iain Lobban": "who is
    Iain Lobban"; "who's said": "who has said"; "what're": "what are"), so that every later
    check reads the question word and its verb as written in full: left contracted, "who's X"
    read as a who-did question with no verb, and was refused."""

    def full(match: re.Match[str]) -> str:
        after = match["next"]
        if match["c"].lower() == "re":
            verb = "are"
        elif after.lower().endswith("ed") or after.lower() in _PARTICIPLES:
            verb = "has"
        else:
            verb = "is"
        return f"{match['w']} {verb} {after}"

    return _CONTRACTED.sub(full, text)
