"""Where quotations are in a paragraph: curly, straight and single marks, found in one pass.

Kept apart from attribution (``quotes.py``): finding the marks is about typography (quotes
left open across paragraphs, apostrophes inside words, quotes within quotes), deciding who
spoke is about the words around them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class QuoteSpan:
    """Quoted words in a paragraph: ``text`` is between the marks at ``start`` and ``end``."""

    start: int
    end: int
    text: str


def quote_spans(paragraph: str, *, single_open: bool = False) -> tuple[list[QuoteSpan], int | None]:
    """Closed quotations (curly or straight marks) and where a quote left open starts.

    News copy runs a long quote over several paragraphs by opening each and closing only the
    last, so an unmatched opening mark is reported rather than dropped. A single mark left
    open ('The threat is real.) is reported only when ``single_open`` asks: an apostrophe
    opening a word ('90s) looks the same, so only the next paragraph reopening it tells.
    """
    if not any(mark in paragraph for mark in '"“”'):
        single, left_single = _single_quoted(paragraph)
        return single, left_single if single_open else None
    spans: list[QuoteSpan] = []
    open_curly: int | None = None
    open_straight: int | None = None
    for i, char in enumerate(paragraph):
        if char == "“" and open_curly is None and open_straight is None:
            open_curly = i
        elif char == "”" and open_curly is not None:
            spans.append(QuoteSpan(open_curly, i + 1, paragraph[open_curly + 1 : i].strip()))
            open_curly = None
        elif char == '"' and open_curly is None:
            if open_straight is None:
                open_straight = i
            else:
                text = paragraph[open_straight + 1 : i].strip()
                spans.append(QuoteSpan(open_straight, i + 1, text))
                open_straight = None
    left_open = open_curly if open_curly is not None else open_straight
    spans = [s for s in spans if s.text]
    if "'" in paragraph or "‘" in paragraph:
        spans = sorted([*spans, *_single_quoted(_masked(paragraph, spans, left_open))[0]])
    return spans, left_open


def _masked(paragraph: str, spans: list[QuoteSpan], left_open: int | None) -> str:
    """The paragraph with double-quoted words blanked (same length), so single marks inside
    them are never read as quotes of their own, but single-quoted quotes beside a double-quoted
    phrase are ('... a "moral duty". She said: 'End-to-end ...'')."""
    chars = list(paragraph)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    if left_open is not None:
        chars[left_open:] = " " * (len(chars) - left_open)
    return "".join(chars)


def _single_quoted(paragraph: str) -> tuple[list[QuoteSpan], int | None]:
    """Quotes in single marks (British style: 'The demand is enormous,' said ...), outside
    double-quoted words, where single marks are quotes within quotes. A mark
    inside a word (don't, al-Maktoum's) neither opens nor closes; one pass. Also where a
    quote left open starts."""
    spans: list[QuoteSpan] = []
    start: int | None = None
    for i, char in enumerate(paragraph):
        if char not in "‘’'":
            continue
        before = paragraph[i - 1] if i else " "
        after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
        if start is None:
            if char in "‘'" and (before.isspace() or before in "([—–") and not after.isspace():
                start = i
        elif char in "’'" and not before.isspace() and (after.isspace() or after in ",.;:!?)]—–"):
            text = paragraph[start + 1 : i].strip()
            if text:
                spans.append(QuoteSpan(start, i + 1, text))
            start = None
    return spans, start
