"""Follow-up questions in a thread: "what did he say about it", "and when was that",
"who else spoke there", "more on that".

Pure: given what the thread's last answer was about (read back from the message metadata the
bot put on it, so nothing is kept in the process) and the new question, say which question to
answer, or which word it could not tell. A question without a word that points back is a new
question, answered as it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyberbrief.knowledge.model import Ref


@dataclass(frozen=True)
class PreviousAnswer:
    """What an earlier answer in the thread was about (from its message metadata)."""

    kind: str
    entities: tuple[Ref, ...]
    question: str = ""
    answer_id: int | None = None


@dataclass(frozen=True)
class Resolved:
    """The question to answer instead, or (``card``) the card of one entity."""

    question: str
    card: Ref | None = None


@dataclass(frozen=True)
class Unresolved:
    """A follow-up whose ``word`` could not be told from the thread; ``message`` says so."""

    word: str
    message: str


PERSON_WORDS = {"he", "him", "his", "she", "her", "hers"}
THING_WORDS = {"it", "its", "that", "this", "there", "they", "them", "their"}
_WORDS = re.compile(r"[a-z']+")
_LEADS = re.compile(r"^(and|so|ok|okay|also|then|but|well)[ ,]+")
_MORE = re.compile(
    r"^((tell me|say|show me|give me) )?(some )?more( (on|about|of))?"
    r"( (that|this|it|him|her|them|those|these))?$|^(go on|what else|anything else|details|"
    r"(and )?more please)$"
)
_WHO_ELSE = re.compile(
    r"^who( else)? (spoke|talked|was quoted|said (something|anything|what)|was speaking|"
    r"else spoke|else said something)( (there|at it|at that|at this))?$"
)
_ABOUT_IT = re.compile(r" (about|on) (it|that|this)$")
_TRAILING_THAT = re.compile(r"\b(that|this)$")


def _clean(question: str) -> str:
    text = " ".join(question.lower().replace("?", " ").replace("!", " ").split())
    return _LEADS.sub("", text.rstrip(" .")).strip()


_BE = {"is", "are", "was", "were", "'s"}


def _existential(words: list[str], i: int) -> bool:
    """ "is there a treaty", "there are three": no place is pointed at."""
    return (i == 1 and words[0] in _BE) or (i + 1 < len(words) and words[i + 1] in _BE)


def back_references(question: str) -> list[str]:
    """The words in ``question`` that point back at an earlier answer, in order. "that" and
    "this" count only at the end ("when was that"), as elsewhere they join clauses."""
    text = _clean(question)
    words = _WORDS.findall(text)
    found = [
        w
        for i, w in enumerate(words)
        if (w in PERSON_WORDS or w in THING_WORDS - {"that", "this"})
        and not (w == "there" and _existential(words, i))
    ]
    if _TRAILING_THAT.search(text):
        found.append(text.rsplit(" ", 1)[-1])
    return found


def refers_back(question: str) -> bool:
    """Whether ``question`` is worded as a follow-up (so the thread is worth reading)."""
    text = _clean(question)
    return bool(_MORE.match(text) or _WHO_ELSE.match(text) or back_references(question))


def _first(entities: tuple[Ref, ...], kinds: tuple[str, ...]) -> Ref | None:
    return next((ref for ref in entities if ref.kind in kinds), None)


def _described(entities: tuple[Ref, ...]) -> str:
    labels = [f"{ref.label} ({ref.kind})" for ref in entities[:3]]
    return ", ".join(labels) if labels else "nothing I can point to"


def _cannot(word: str, entities: tuple[Ref, ...], previous: PreviousAnswer | None) -> Unresolved:
    who = "who" if word in PERSON_WORDS else "what"
    if previous is None:
        reason = "I have not answered anything in this thread yet"
    else:
        reason = f"my last answer here was about {_described(entities)}"
    return Unresolved(
        word,
        f"I could not tell {who} “{word}” is: {reason}. Ask again with the name, "
        "for example “what did William Hague say”.",
    )


def _referent(word: str, entities: tuple[Ref, ...]) -> Ref | None:
    if word in PERSON_WORDS:
        return _first(entities, ("person",))
    if word == "there":
        return _first(entities, ("event", "organisation"))
    if word in ("they", "them", "their"):
        return _first(entities, ("organisation", "initiative", "event"))
    return _first(entities, ("event", "initiative", "organisation"))


def _replacement(word: str, ref: Ref) -> str:
    # The name without the acronym shown after it: "who runs International Cyber Security
    # Protection Alliance (ICSPA)" reads the brackets as words the records must say.
    label = re.sub(r"\s*\([^()]*\)$", "", ref.label) or ref.label
    if word in ("his", "hers", "its", "their"):
        return f"{label}'s"
    if word == "there":
        return f"at {label}"
    return label


def resolve(question: str, previous: PreviousAnswer | None) -> Resolved | Unresolved | None:
    """The question to answer for a follow-up; ``Unresolved`` naming the word it could not
    tell; or None when ``question`` does not refer back (a new question)."""
    text = _clean(question)
    entities = previous.entities if previous else ()
    if _MORE.match(text):
        if not entities:
            return _cannot("that", entities, previous)
        return Resolved(entities[0].label, card=entities[0])
    if _WHO_ELSE.match(text):
        place = _first(entities, ("event",))
        if place is None:
            return _cannot("there", entities, previous)
        return Resolved(f"quotes from {place.label}")
    words = back_references(question)
    if not words:
        return None
    person = _first(entities, ("person",))
    if person is not None and _ABOUT_IT.search(text) and _referent("it", entities) is None:
        # "what did he say about it" after an answer about him alone: what he said.
        text = _ABOUT_IT.sub("", text)
    words = list(dict.fromkeys(back_references(text)))
    referents: dict[str, Ref] = {}
    for word in words:
        ref = _referent(word, entities)
        if ref is None:
            return _cannot(word, entities, previous)
        referents[word] = ref
    if not referents:
        return Resolved(text)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, referents)) + r")\b")
    return Resolved(pattern.sub(lambda m: _replacement(m.group(1), referents[m.group(1)]), text))
