"""Rendering an answer as plain text, for ``bot.py ask`` and the command line."""

from __future__ import annotations

from cyberbrief.knowledge.model import Answer


def render(answer: Answer, *, max_lines: int | None = None) -> str:
    """The answer as readable text, with numbered sources at the end."""
    citations = answer.all_citations()
    number = {c: i for i, c in enumerate(citations, 1)}
    out = [answer.lead, answer.title] if answer.lead else [answer.title]
    if answer.summary:
        out.append(answer.summary)
    for label, value in answer.fields:
        out.append(f"{label}: {value}")
    for section in answer.sections:
        out.append("")
        out.append(f"{section.heading}:")
        lines = section.lines if max_lines is None else section.lines[:max_lines]
        for line in lines:
            mark = "".join(f" [{number[c]}]" for c in line.cited)
            out.append(f"  - {line.text}{mark}")
        if len(lines) < len(section.lines):
            out.append(f"  … and {len(section.lines) - len(lines)} more")
    if answer.choices:
        out.append("")
        if answer.status.value != "not_found":  # the summary asks "Did you mean one of these?"
            out.append("Choices:")
        out.extend(f"  - {ref.label}" for ref in answer.choices)
    if answer.related and answer.status.value == "found":
        out.append("")
        out.append("Related: " + "; ".join(ref.label for ref in answer.related))
    if citations:
        out.append("")
        out.append("Sources:")
        out.extend(
            f"  [{n}] {c.text()}" + (f" <{c.url}>" if c.url else "") for c, n in number.items()
        )
    return "\n".join(out)
