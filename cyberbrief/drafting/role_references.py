"""Whether a role noun in the copy ("the Polish minister", "the leader") singles out the
one person drafted with a role, without asking who else was named (``article_mentions.py``
asks that).
"""

from __future__ import annotations

import re

from cyberbrief.drafting.affiliations import from_place
from cyberbrief.drafting.demonyms import COUNTRIES
from cyberbrief.drafting.people import ROLE_NOUN


def specific(role: str, held: str, described: str = "") -> bool:
    """A role that singles out its holder: with a nationality ("the Polish minister"), or
    written as a title that is the whole of the role drafted for them ("the Chief Constable",
    "the director of the Centre for Cyber Security"); not a common noun any other official
    may share ("the foreign minister"), nor a title that is only part of theirs ("the
    President" is not "Microsoft President" X: it may be a head of state never named); a
    place their role or party tag (``described``) gives ("the Arizona Democrat")."""
    words = role.split()
    if any(w.lower() in COUNTRIES for w in words):
        return True
    if any(
        w[:1].isupper() and not ROLE_NOUN.fullmatch(w) and from_place(w, described) for w in words
    ):
        return True  # "the Arizona Democrat" for "Sen. Maria Ortega, D-Ariz."
    whole = re.sub(r"^[A-Z][\w’'-]*['’]s\s+", "", held).lower() == role.lower()
    return whole and any(w[:1].isupper() for w in words)


def short_form(role: str, held: str) -> bool:
    """ "The leader said it had not. '...,' she said" for "The leader of the council, Cllr
    X": the role's head words open the role drafted for its holder, as the short form of a
    role the article spelt out; taken only when the pronoun after it is the one the article
    gives that holder (so not another leader, drafted or never named)."""
    held = re.sub(r"^[A-Z][\w’'-]*['’]s\s+", "", held).lower()
    return re.match(rf"{re.escape(role.lower())}(?:\s+(?:of|for|at)\b|$)", held) is not None
