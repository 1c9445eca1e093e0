"""When an article, report or commentary came out: its source's date.

"When was the EastWest Institute commentary on cybersecurity at the international level
published", "when did the BBC report on the London cyberspace conference come out": the
document is one of the sources the question's records cite, and its record has the date it
was published. A source answers only when its title and publisher say every word of the
question beyond the words that ask for a publication date and name a kind of document, and
no other cited source does; its date leads, said as inferred when the text only implies it.
"""

from __future__ import annotations

import datetime as dt
import re

from cyberbrief.answers.relative_dates import day_text
from cyberbrief.answers.textsearch import STOPWORDS, stems, terms
from cyberbrief.knowledge.model import Answer, Citation, Line, Section, Status

PUBLISHED = re.compile(
    r"^(when|(in )?(what|which) (year|date|day|month)|on what (date|day))\b.*\b("
    r"published|publish|come out|came out|appear|appeared|released|release|printed|posted|"
    r"issued|written|run|ran)\b",
    re.IGNORECASE,
)
"""A question for when something was published ("when did the report come out")."""
ASKING = frozenset(
    "when what which year date day month published publish come came out appear appeared "
    "released release printed posted issued written run ran first".split()
)
"""Words that ask for a publication date rather than say which document."""
DOCUMENTS = frozenset(
    "article report commentary piece story paper essay analysis column op ed news item "
    "briefing blog post editorial".split()
)
"""Words that name a kind of document: what a source is, not what it is called."""


def asks_published(question: str) -> bool:
    """Whether ``question`` asks when a document was published."""
    return bool(PUBLISHED.match(question.strip()))


def _when(citation: Citation) -> str:
    """The source's date as a user reads it: "30 Apr 2012", or the year alone."""
    date = citation.date or ""
    try:
        said = day_text(dt.date.fromisoformat(date))
    except ValueError:
        said = date
    return f"{said} (date inferred from the text)" if citation.date_inferred else said


def published_answer(
    question: str, cited: list[Citation], named: list[list[str]] | None = None
) -> Answer | None:
    """The answer to when a document came out, from the one source among ``cited`` (those
    the question's records rest on) that the question names; None when none or several do.
    ``named``: every name of each entity the question names, so a publisher asked by its
    initials ("the EWI commentary") is the EastWest Institute's."""
    if not asks_published(question):
        return None
    plain = re.sub(r"['’]s\b", "", question)  # "the EWI's commentary": the EWI's
    wanted = [
        t for t in terms(plain) if t.word not in ASKING | DOCUMENTS and t.word not in STOPWORDS
    ]
    if not wanted:
        return None
    fitting = []
    for citation in dict.fromkeys(c for c in cited if c.date and not c.background):
        publisher = citation.publisher or ""
        also = [n for names in named or [] if publisher in names for n in names]
        said = stems(" ".join([citation.title, publisher, *also]))
        if all(t.alternatives & said for t in wanted):
            fitting.append(citation)
    if len(fitting) != 1:
        return None
    source = fitting[0]
    return Answer(
        Status.FOUND,
        question,
        source.title if not source.untitled else "Source",
        lead=f"{_when(source)}: {source.text()}",
        sections=[Section("On record", [Line(f"Published: {_when(source)}", source)])],
        citations=[source],
    )
