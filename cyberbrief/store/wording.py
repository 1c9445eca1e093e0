"""Tables named in words, for what a person reads (load reports, history, undo prompts):
"1 source, 2 people" rather than "1 sources", "an event's organiser" rather than
"event_organisers"."""

from __future__ import annotations

_NOUNS: dict[str, tuple[str, str]] = {
    "sources": ("source", "sources"),
    "organisations": ("organisation", "organisations"),
    "people": ("person", "people"),
    "events": ("event", "events"),
    "event_organisers": ("event organiser", "event organisers"),
    "initiatives": ("initiative", "initiatives"),
    "milestones": ("milestone", "milestones"),
    "facts": ("fact", "facts"),
    "quotes": ("quote", "quotes"),
    "mentions": ("mention", "mentions"),
    "names": ("name", "names"),
    "feeds": ("feed", "feeds"),
    "feed_items": ("feed item", "feed items"),
    "drafts": ("draft", "drafts"),
    "subscriptions": ("subscription", "subscriptions"),
}


def noun(table: str, count: int = 1) -> str:
    """The table's rows in words, singular for one: ``people`` → "person"."""
    one, many = _NOUNS.get(table, (table.replace("_", " ").removesuffix("s"), table))
    return one if count == 1 else many.replace("_", " ")


def counted(count: int, table: str) -> str:
    """``count`` rows of ``table`` in words: "1 source", "2 people"."""
    return f"{count} {noun(table, count)}"


def row_label(table: str, row_id: int, data: dict[str, object]) -> str:
    """What a journal line calls a row: its name, title or text, else the records it links
    ("event #3, organisation #7"), else its number."""
    label = data.get("name") or data.get("title") or data.get("text")
    if label:
        return str(label)
    links = [
        f"{key.removesuffix('_id').replace('_', ' ')} #{value}"
        for key, value in data.items()
        if key.endswith("_id") and isinstance(value, int)
    ]
    return ", ".join(links) if links else f"#{row_id}"
