"""Who signed a letter or a column: a name alone on its line, then a line saying who the
writer is ("Dr Rebecca Hall" / "Consultant anaesthetist, Royal Devon University Hospital,
Exeter"). A letters page introduces its writers this way and nowhere else."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from cyberbrief.drafting.people import ROLE_NOUN, people_in

MAX_NAME_WORDS = 5
MAX_ROLE_WORDS = 15


def signed_roles(paragraphs: list[str]) -> Iterator[tuple[str, str, str]]:
    """(name, role, the role's line) for each paragraph that is one person's name alone
    followed by a short line, no sentence, that holds a role noun ("Sam Ortiz" / "London
    N16" says where, not who: no role)."""
    for paragraph, following in pairwise(paragraphs):
        named = list(people_in(paragraph))
        if (
            len(named) != 1
            or named[0].end != len(paragraph)
            or len(paragraph.split()) > MAX_NAME_WORDS
            or paragraph.endswith((".", ",", ":"))
        ):
            continue
        if (
            len(following.split()) <= MAX_ROLE_WORDS
            and not following.endswith((".", "!", "?", '"', "”", ":"))
            and ROLE_NOUN.search(following)
        ):
            yield named[0].name, following, following
