"""Countries and continents as a question may write them, in any case and as a name or an
adjective ("the french foreign minister", "the european fight against online crime"): no
capitalisation marks them as names, yet a record about another place does not answer."""

from __future__ import annotations

from cyberbrief.answers.textsearch import words
from cyberbrief.drafting.demonyms import COUNTRIES

CONTINENTS = {
    "europe": {"european"},
    "asia": {"asian"},
    "africa": {"african"},
    "america": {"american", "americas"},
    "oceania": {"oceanian"},
    "antarctica": {"antarctic"},
}
"""Continents and their adjectives: places a claim may name in lower case, which no
capitalisation marks as a name ("the european fight against online crime")."""


def _place_forms() -> dict[str, frozenset[str]]:
    """Every lower-case word naming a country or continent -> its forms (adjective and
    name): "german" -> {german, germany}, "british" -> {british, britain, uk}."""
    groups: dict[str, set[str]] = {}
    for adjective, countries in COUNTRIES.items():
        for country in countries:
            groups.setdefault(country, {country}).add(adjective)
    for continent, adjectives in CONTINENTS.items():
        groups.setdefault(continent, {continent}).update(adjectives)
    forms: dict[str, set[str]] = {}
    for group in groups.values():
        for word in group:
            forms.setdefault(word, set()).update(group)
    return {word: frozenset(group) for word, group in forms.items()}


PLACES = _place_forms()


def places_held(predicate: str, text: str) -> bool:
    """Every country or continent ``predicate`` names, in any case and as a name or an
    adjective, is named in ``text`` too: a claim about another place is not said in other
    words by a record about this one."""
    said = set(words(text))
    return all(PLACES[w] & said for w in words(predicate) if w in PLACES)


UNIONS = {"europe": frozenset({"eu"})}
"""Unions named for their continent: "Europe's computer emergency team" is the EU's."""


def place_forms(word: str) -> frozenset[str]:
    """Every form of every form of a place word: "britain" -> british -> uk, "america" ->
    american -> us (a country listed under several names shares its adjective)."""
    forms = {f for form in PLACES[word] for f in PLACES.get(form, {form})}
    return frozenset(forms.union(*(UNIONS.get(f, ()) for f in forms)))


def places_named(predicate: str, text: str) -> bool:
    """Every country or continent ``predicate`` writes, in any case, is named in ``text`` by
    any of its names or its adjective ("britain's signals agency" is said by "UK")."""
    said = set(words(text))
    return all(place_forms(w) & said for w in words(predicate) if w in PLACES)
