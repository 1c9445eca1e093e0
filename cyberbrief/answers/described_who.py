"""The person a "who was the <noun> ..." or "which <noun> ..." question asks for is one the
store calls that noun.

"Who was the BBC reporter at the London conference" asks for a reporter: Ross Anderson, whom
the BBC's record names (he spoke on its Radio 4 programme), is a professor, no reporter, and
is no answer however well the record matches "BBC" and "London". A briefing that answers such
a question with the names of the records it found (its first line the question, then the
names) leads with a person only when that person's role or description says the noun, a
synonym or a word close to it in meaning, or holds the same office ("chief" / "head").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cyberbrief.answers import roles
from cyberbrief.answers.constraints import refused
from cyberbrief.answers.described import PEOPLE_ONLY, PERSON_NOUNS, WHAT_IT_IS
from cyberbrief.answers.leads import which_person_noun
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.noun_phrases import IN_CHARGE
from cyberbrief.answers.textsearch import STOPWORDS, stems, terms, words
from cyberbrief.answers.verify import BRIDGE
from cyberbrief.knowledge.model import Answer, Status
from cyberbrief.knowledge.normalize import fold
from cyberbrief.knowledge.repository import Repository

WHO_THE = re.compile(
    r"^\s*who (?:is|was|are|were) the (?P<phrase>(?:[\w'’-]+ ){0,3}?[\w'’-]+)"
    r"(?= (?:at|in|on|of|for|from|with|during|who|that|whose|when)\b)",
    re.IGNORECASE,
)
"""A question for a person by a noun, with what places them after it: "who was the BBC
reporter at the London conference" asks for a reporter (the noun ends the phrase)."""


def person_noun(question: str) -> str:
    """The noun a "who was the <noun> at ..." or "which <noun> ..." question asks for ("which
    Cisco CEO attended ...": a chief executive), or ""."""
    m = WHO_THE.match(fold(question))
    if m is None:
        noun = which_person_noun(question)  # an office only: any office holder is an "official"
        return noun if roles.role_nouns(noun) and noun not in PEOPLE_ONLY else ""
    said = words(m["phrase"])
    return said[-1] if said else ""


def is_called(repo: Repository, person_id: int, noun: str, meaning: Meaning | None) -> bool:
    """Whether the store calls the person ``noun``: their role or the head of their
    description says it (or a synonym), holds the same office, or a word of them is close
    to it in meaning."""
    row = repo.entity("person", person_id)
    if row is None:
        return False
    role = getattr(row, "role", None) or ""
    description = getattr(row, "description", None) or ""
    what = f"{role} {WHAT_IT_IS.split(description)[0]}"
    # (a vice-president is no president: "vice" joins the office it comes before)
    if {a for t in terms(noun) for a in t.alternatives} & stems(roles.second_joined(what)):
        return True
    held = set(roles.role_words(role))
    if noun in IN_CHARGE and held & IN_CHARGE:
        return True
    if set(roles.role_nouns(noun)) & held:
        return True
    seconds = {f"{second}{noun}" for second in roles.SECONDS}
    if seconds & set(words(roles.second_joined(what))):
        return False  # a vice-president or deputy minister is close to the office, not it
    if meaning is None:
        return False
    among = sorted({w for w in words(what) if w not in STOPWORDS and len(w) > 2})
    return bool(meaning.close_words([noun], among, BRIDGE))


def hold_to_person_noun(
    question: str,
    answer: Answer,
    repo: Repository,
    stored: Callable[[str], list[tuple[str, int]]],
    meaning: Meaning | None,
) -> Answer:
    """``answer`` unless it is a briefing under the question whose names are people none of
    whom the store calls the noun asked for; then a refusal saying what is on record.
    ``stored``: the entities whose stored names a text writes."""
    noun = person_noun(question)
    if answer.status is not Status.FOUND or not noun or noun in PERSON_NOUNS:
        return answer
    asked = fold(question).strip().rstrip("?!. ").lower()
    lead = fold(answer.lead or answer.title).lower()
    if not lead.startswith(asked):
        return answer  # an answer that names its entity first was checked on its own path
    named = set(stored(question))
    people = [
        i for k, i in stored(lead[len(asked) :]) if k == "person" and ("person", i) not in named
    ]
    if not people or any(is_called(repo, i, noun, meaning) for i in people):
        return answer
    return refused(
        answer,
        f"No {noun} on record answers that",
        f"The closest records name people they do not call {noun}s.",
        list(dict.fromkeys([*answer.entities(), *answer.about])),
    )
