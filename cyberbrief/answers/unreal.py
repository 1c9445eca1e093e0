"""Words that make what follows them not (yet) a fact ("he awaited news of whether he would
be extradited"): a record saying an asked word only after one holds no date or figure of it.
"""

from __future__ import annotations

import re

from cyberbrief.answers.textsearch import Term, stems

UNREAL = frozenset("whether would due planned hoped may might could if".split())
"""Words that make what follows them not (yet) a fact: a record that says only "he awaited
news of whether he would be extradited", or "she had been due to attend", holds no date or
figure of the extradition or the attendance. Not "not": a record's negation is often what was
said ("governments must not use cyber security as an excuse")."""
UNREAL_REACH = 6
"""How many words before an asked word such a word reaches: a clause's length, enough for
"whether or not he’ll be extradited" (four words between)."""


def only_unreal(text: str, term: Term, asked: list[Term]) -> bool:
    """Whether every place ``text`` says ``term`` is made unreal by a word of :data:`UNREAL`
    just before it, one the question does not use itself ("would" in "when would ...")."""
    asked_words = {t.word for t in asked}
    places = []
    for clause in _CLAUSE_BREAK.split(text.lower()):
        tokens = re.findall(r"[\w'’-]+", clause)
        places += [
            tokens[max(0, i - UNREAL_REACH) : i]
            for i, w in enumerate(tokens)
            if term.alternatives & stems(w)
        ]
    if not places:
        return False
    return all(any(w in UNREAL and w not in asked_words for w in before) for before in places)


_CLAUSE_BREAK = re.compile(r"[;:]|,?\s+but\s+|,\s+(?:and|while|yet)\s+")
"""Where an unreal word stops reaching: "she had been due to attend, but cancelled the trip
on Monday night" states the cancellation."""
