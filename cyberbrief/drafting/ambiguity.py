"""Whether a reference to a speaker has exactly one candidate, and why an attribution is
withheld when it has not.

Every wrong speaker in the batches scored as they came (``docs/attribution-audit.md``) was a
reference matched to one person by one property without asking whether a second person in
the article fits as well: a surname to the first of two people who share it, "she" to a man
named last, "the minister" to the minister named last while the pronoun after it is the other
one's. The attribution rules (``article_mentions.py``, ``article_speakers.py``) ask here
instead of each deciding in its own way, and every refusal says why, for the admin who reads
the quotes left without a clear speaker.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from cyberbrief.drafting.namesakes import pronoun_genders, two_people
from cyberbrief.drafting.people import (
    PEERAGE,
    ROLE_NOUN,
    is_name_word,
    is_title,
    people_in,
    suffix_of,
    without_titles,
)

FEMALE, MALE = "f", "m"
_PRONOUNS = {"he": MALE, "him": MALE, "his": MALE, "she": FEMALE, "her": FEMALE}
_NEXT_PRONOUN = re.compile(r"[“”\"]|[.!?](?:\s|$)|\b(?P<p>[Hh]e|[Ss]he|[Hh]is|[Hh]er)\b")
"""The first pronoun after a reference, before its sentence ends or a quote opens."""
_HONORIFIC = re.compile(r"\b(?P<h>Mr|Mrs|Ms|Miss)\.?\s+(?P<surname>[A-Z][\w’'-]+)")


def pronoun_kind(word: str) -> str | None:
    """ "f" for she/her, "m" for he/him/his, None for anything else."""
    return _PRONOUNS.get(word.lower())


def pronoun_after(text: str) -> str | None:
    """The kind of the first pronoun in ``text`` before its sentence ends or a quote opens
    ("the minister said her government ..." is "f")."""
    for found in _NEXT_PRONOUN.finditer(text):
        return _PRONOUNS[found["p"].lower()] if found["p"] else None
    return None


def not_a_full_name(name: str) -> str | None:
    """Why a person's name as drafted cannot be the speaker's, or None: it opens with a title,
    a role or a portfolio's word ("Constable Rachel Eaves", "Transformation Hiroshi Takeda",
    "Under-Secretary-General Sofia Lindqvist"), or it is a surname with a generation and no
    given name ("Reyes Sr."). Each was the right person under a name nobody has (the audit's
    kind N); a draft never credits a quote to such a name."""
    bare, suffix = suffix_of(name)
    words = bare.split()
    if not words:
        return f"{name!r} is no name"
    first = words[0]
    if (
        len(words) >= 2
        and first not in PEERAGE
        and (  # "Lord Hadley" is a name
            is_title(first) or ROLE_NOUN.fullmatch(first) or not is_name_word(first)
        )
    ):
        return f"{name!r} opens with {first!r}, which is no given name"
    if suffix and len(words) == 1:
        return f"{name!r} is a surname and a generation, not a person's full name"
    return None


@dataclass
class Ambiguity:
    """What the article says about its people's sex, and the attributions withheld so far.

    ``kin`` gives the sex of someone introduced as kin ("her brother"); ``attributed`` holds
    the pronoun each person's quotes were already given ("he says"); ``names`` lists the full
    names the article gives people, read once for the pronoun right after each name."""

    text: str
    names: Callable[[], list[str]]
    kin: Callable[[str], str | None]
    attributed: dict[str, str] = field(default_factory=dict)
    withheld: dict[int, str] = field(default_factory=dict)
    """The position of each quote whose attribution was withheld -> why."""
    _genders: dict[str, str] | None = None

    def gender(self, name: str) -> str | None:
        """The sex the article gives ``name``: kin, the pronoun their quotes were given, the
        pronoun right after their name, "Ms"/"Mr" before their surname; None when the article
        does not say or says both."""
        if self._genders is None:
            self._genders = pronoun_genders(self.text, sorted(set(self.names())))
        if name not in self._genders:  # someone named without a role ("Andrew Kemp")
            self._genders.update(pronoun_genders(self.text, [name]) or {name: ""})
        kinds = {
            kind
            for kind in (
                self.kin(name),
                self.attributed.get(name),
                self._genders.get(name),
                self._honorific(name),
            )
            if kind
        }
        return kinds.pop() if len(kinds) == 1 else None

    def _honorific(self, name: str) -> str | None:
        """ "Ms Nolan" for Rebecca Nolan: "f", when the article writes only one kind of
        honorific before the surname and nobody else it names has that surname."""
        surname = without_titles(name).split()[-1:]
        if not surname:
            return None
        others = [n for n in set(self.names()) if n != name and n.split()[-1:] == surname]
        if others:
            return None
        kinds = {
            FEMALE if found["h"] != "Mr" else MALE
            for found in _HONORIFIC.finditer(self.text)
            if found["surname"] == surname[0]
        }
        return kinds.pop() if len(kinds) == 1 else None

    def fits(self, name: str, kind: str | None) -> bool:
        """``name`` may be called by a pronoun of ``kind``: the article never gives them the
        other one."""
        return kind is None or self.gender(name) in (None, kind)

    def pronoun(self, name: str, kind: str, position: int, word: str) -> str | None:
        """ "she said" for the last person named: ``name`` unless the article gives them the
        other pronoun (or introduced them as kin of the other sex); the first pronoun a
        person's quote is given is remembered."""
        if not self.fits(name, kind):
            self.withhold(position, f"'{word}', but the article calls {name} otherwise")
            return None
        known = self.attributed.setdefault(name, self.kin(name) or kind)
        if known != kind:
            self.withhold(position, f"'{word}', but {name}'s quotes were given the other pronoun")
            return None
        return name

    def in_reach(
        self, name: str, kind: str, others: list[str], position: int, word: str
    ) -> str | None:
        """ "she" for ``name``, named last, when the article never gives their sex: unless
        someone else in reach (``others``, named earlier in the quote's paragraph) is known
        to be "she", when the pronoun may reach back to them (the caller asks this only
        when the article had not given ``name`` a sex before the pronoun)."""
        rivals = sorted({o for o in others if o != name and self.gender(o) == kind})
        if rivals:
            self.withhold(position, f"'{word}' may mean {' or '.join([name, *rivals])}")
            return None
        return name

    def one(
        self,
        reference: str,
        candidates: list[str],
        position: int,
        kind: str | None = None,
        recent: Callable[[str], bool] | None = None,
    ) -> str | None:
        """The one candidate ``reference`` ("the minister") can mean, or None with the reason
        kept. A pronoun right after the reference ("the minister said her government")
        drops those the article gives the other sex; of two left, the one named last in the
        paragraph (``recent``) is chosen only when no pronoun is given or the article gives
        that one this pronoun (else a minister named last but of unknown sex would be taken
        for the "she" after "the minister")."""
        fitting = [c for c in candidates if self.fits(c, kind)]
        if len(fitting) == 1:
            return fitting[0]
        if not fitting:
            if candidates:
                self.withhold(position, f"{reference!r}: nobody it may mean is called that")
            return None
        if recent is not None:
            chosen = [c for c in fitting if recent(c)]
            if len(chosen) == 1 and (kind is None or self.gender(chosen[0]) == kind):
                return chosen[0]
        self.withhold(position, f"{reference!r} may mean {' or '.join(sorted(fitting))}")
        return None

    def given_names_differ(self, run: str, found: str) -> bool:
        """A full name written out ("Lotte Verbeek") is not another person who shares its
        surname ("Joost Verbeek"), though a look-up by surname would find them."""
        surname = without_titles(found).split()[-1:]
        return any(
            without_titles(person.name).split()[-1:] == surname and two_people(person.name, found)
            for person in people_in(run)
        )

    def withhold(self, position: int, why: str) -> None:
        """Keep why the quote at ``position`` got no speaker (the first reason given)."""
        self.withheld.setdefault(position, why)
