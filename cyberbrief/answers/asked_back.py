"""Which of several was meant, asked back: a question about something several stored entries
fit ("where was the cyberspace conference", "when was the conference hosted in London") is not
answered about one of them; the bot names them, with buttons, and no later path picks one."""

from __future__ import annotations

from cyberbrief.knowledge.model import Answer, Ref, Status

AMBIGUOUS = "ambiguous"
"""The kind of such an answer: final, refused (``cyberbrief ask`` exits 1: nothing answered)."""


def asked_back(question: str, what: str, choices: list[Ref], shown: list[str]) -> Answer:
    """ "Which <what> do you mean?", listing ``shown`` (one line per entry of ``choices``)."""
    return Answer(
        Status.NOT_FOUND,
        question,
        f"Which {what} do you mean?",
        summary="Several entries on record fit that; ask again about one of them: "
        + "; ".join(shown)
        + ".",
        choices=choices,
        about=list(choices),
        kind=AMBIGUOUS,
    )
