"""A scene set by a description, then a question pointing back at it: "the 2013 follow-up to
the London conference: which city hosted it" asks about the follow-up, never the London
conference its words name."""

from __future__ import annotations

import re
from collections.abc import Callable

CONTEXT_POINTER = re.compile(r"\b(?P<word>it|its)\b", re.IGNORECASE)
"""The word of a question that points back at what the sentence before it set out."""


def described_context(context: str, question: str, stored: Callable[[str], bool]) -> str | None:
    """The question with the description that set the scene in place of the word pointing
    back at it ("the 2013 follow-up to the London conference: which city hosted it" asks
    which city hosted the follow-up, never the London conference its description names);
    None when the scene is a stored name (``stored``), no description, or nothing points
    back at it."""
    scene = context.strip().rstrip(",;:.!- ")
    pointers = CONTEXT_POINTER.findall(question)
    if not re.match(r"(?:the|a|an)\s", scene, re.IGNORECASE) or len(pointers) != 1:
        return None
    if stored(scene) or len(scene.split()) < 3:
        return None  # "the London conference": the name matcher's, as a follow-up is
    return CONTEXT_POINTER.sub(
        lambda m: (
            scene if m["word"].lower() == "it" else f"{scene}'{'' if scene[-1] == 's' else 's'}"
        ),
        question,
        count=1,
    )
