"""What an answer is, independent of how it is shown (Slack blocks, console, ``ask``).

Answers carry plain, unescaped text; each renderer escapes for its own medium.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Status(Enum):
    FOUND = "found"  # answered from the store
    CHOICES = "choices"  # several close matches: the user picks
    NOT_FOUND = "not_found"  # nothing good: say so, suggest
    HELP = "help"


@dataclass(frozen=True)
class Ref:
    """A pointer to one entity, for buttons and suggestions."""

    kind: str
    id: int
    label: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Citation:
    """Where a statement comes from."""

    title: str
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    background: bool = False
    untitled: bool = False  # the title describes the source: it has no headline to quote
    date_inferred: bool = False  # the date is implied by the text, not printed in it

    def text(self) -> str:
        """The citation as one line: publisher, "title" (or a description), date."""
        title = self.title if self.untitled else f"“{self.title}”"
        date = self.date
        if date and self.date_inferred:
            date += " (date inferred)"
        parts = [p for p in (self.publisher, title, date) if p]
        text = ", ".join(parts)
        if self.background:
            text += " (background added by the editors)"
        return text

    def short(self) -> str:
        """A few words naming the source, for "as of" notes: the publisher or the title."""
        if self.background:
            return "background"
        if self.publisher:
            return self.publisher
        if self.untitled:
            return self.title.split(",")[0]
        return f"“{self.title}”"


@dataclass(frozen=True)
class Line:
    """One statement in a section, with its own source when it has one."""

    text: str
    citation: Citation | None = None
    ref: Ref | None = None
    more: tuple[Citation, ...] = ()
    """Further sources of the same statement, when its record cites several."""

    @property
    def cited(self) -> tuple[Citation, ...]:
        """Every source of this statement, the first (primary) one first."""
        return ((self.citation,) if self.citation else ()) + self.more


@dataclass
class Section:
    heading: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class Answer:
    """A reply to one question."""

    status: Status
    query: str
    title: str
    summary: str | None = None
    fields: list[tuple[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    related: list[Ref] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    choices: list[Ref] = field(default_factory=list)
    subject: Ref | None = None
    lead: str | None = None
    """A sentence shown before everything else, e.g. when a role answer was last true."""
    kind: str = ""
    """What kind of answer this is ("lookup", "quotes", "attribute", "explain", ...): recorded
    in the answer log and carried in the message metadata that follow-up questions read."""
    about: list[Ref] = field(default_factory=list)
    """The entities the answer is about, most central first (the subject, the people quoted,
    the event asked about): what "he", "it" or "there" in a follow-up refers to."""

    def entities(self) -> list[Ref]:
        """What the answer is about: ``about`` when set, else its subject."""
        if self.about:
            return list(self.about)
        return [self.subject] if self.subject else []

    @property
    def answered(self) -> bool:
        return self.status in (Status.FOUND, Status.HELP)

    def all_citations(self) -> list[Citation]:
        """Every distinct source the answer relies on, in order of first use."""
        seen: list[Citation] = []
        for citation in [
            *self.citations,
            *(c for s in self.sections for line in s.lines for c in line.cited),
        ]:
            if citation not in seen:
                seen.append(citation)
        return seen
