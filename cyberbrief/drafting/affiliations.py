"""A politician's party and place, as news writes them once and then refers back to them.

Copy introduces a lawmaker with a party tag or a party and a place ("Sen. Maria Ortega,
D-Ariz.", "Markus Feldner, a Christian Social Union MEP from Bavaria", "Gareth Lowe, the
Conservative MP for North Devon") and later calls them by those alone ("the Arizona
Democrat", "the Bavarian conservative", "the Devon Tory"). These are the words such a person
may be called by; whether exactly one person fits is ``ambiguity.py``'s question.
"""

from __future__ import annotations

import re

from cyberbrief.drafting.demonyms import same_country

_STATES = """
ala alabama|alaska alaska|ariz arizona|ark arkansas|calif california|colo colorado|
conn connecticut|del delaware|fla florida|ga georgia|hawaii hawaii|idaho idaho|ill illinois|
ind indiana|iowa iowa|kan kansas|kans kansas|ky kentucky|la louisiana|maine maine|
md maryland|mass massachusetts|mich michigan|minn minnesota|miss mississippi|mo missouri|
mont montana|neb nebraska|nev nevada|n.h new hampshire|n.j new jersey|n.m new mexico|
n.y new york|n.c north carolina|n.d north dakota|ohio ohio|okla oklahoma|ore oregon|
pa pennsylvania|r.i rhode island|s.c south carolina|s.d south dakota|tenn tennessee|
texas texas|utah utah|vt vermont|va virginia|wash washington|w.va west virginia|
wis wisconsin|wyo wyoming
"""
STATES: dict[str, str] = {}
"""An AP state abbreviation, without its full stop ("ariz") -> the state ("arizona")."""
for _pair in _STATES.replace("\n", "").split("|"):
    _abbreviation, _state = _pair.split(" ", 1)
    STATES[_abbreviation] = _state

_PARTY_TAG = re.compile(
    r"^\s*,?\s*\(?(?P<party>[DRI])-(?P<state>[A-Z][A-Za-z.]{1,5}(?:\s?[A-Z][a-z]?\.)?)\)?"
)
"""An AP party tag right after a name: ", D-Ariz.," or " (R-N.Y.)"."""
_TAG_PARTIES = {"D": "democrat", "R": "republican", "I": "independent"}

_FAMILIES = {
    "conservative": (
        "conservative|conservatives|tory|tories|christian social union|csu|cdu|"
        "christian democrat|christian democratic union|people's party|epp"
    ),
    "democrat": "democrat|democratic party|democrats",
    "republican": "republican|gop|republicans",
    "social democrat": "social democrat|social democratic|spd|labour|labor",
    "socialist": "socialist|socialists|social democrat|social democratic|spd",
    "labour": "labour|labor",
    "liberal": "liberal|liberals|liberal democrat|liberal democrats|fdp|renew|vvd",
    "green": "green|greens",
    "tory": "conservative|conservatives|tory|tories",
    "independent": "independent",
}
"""A party word used as a noun ("the Bavarian conservative") -> the party names that make
someone one, in lower case."""


def party_tag(after_name: str) -> set[str]:
    """The words an AP party tag right after a name stands for: ", D-Ariz.," is {"democrat",
    "arizona"}; nothing without a tag."""
    found = _PARTY_TAG.match(after_name)
    if not found:
        return set()
    state = STATES.get(found["state"].rstrip(".").replace(" ", "").lower())
    return {_TAG_PARTIES[found["party"]], *(state.split() if state else [])}


def in_party(word: str, described: str) -> bool:
    """``word`` ("conservative") is the party family of someone ``described`` ("Christian
    Social Union MEP from Bavaria", "the Conservative MP for North Devon")."""
    family = _FAMILIES.get(word.lower())
    return bool(family) and re.search(rf"\b(?:{family})\b", described.lower()) is not None


def from_place(word: str, described: str) -> bool:
    """``word`` ("Bavarian", "Arizona", "Devon", "Polish") names a place in ``described``
    ("... from Bavaria", "arizona", "MP for North Devon", "Poland's ...")."""
    low = word.lower()
    for place in re.findall(r"[a-z][\w’'-]*", described.lower()):
        if len(place) < 4:
            continue
        if same_country(low, place) or low == place:
            return True
        stem = place.removesuffix("s") if place.endswith("s") else place[:-1]
        if len(stem) >= 4 and low.startswith(stem) and len(low) - len(place) <= 3:
            return True  # "Bavarian" for Bavaria, "Texan" for Texas
    return False


_ROLE_SYNONYMS = {
    "ambassador": "ambassador|permanent representative|envoy",
    "congressman": "representative|congressman",
    "congresswoman": "representative|congresswoman",
    "lawmaker": "senator|representative|mp|mep|lawmaker|legislator|member of parliament",
    "legislator": "senator|representative|mp|mep|lawmaker|legislator",
}
"""Words that name the same office another way ("the congressman" is "Rep. Jim Hale")."""


def describes(word: str, described: str) -> bool:
    """``word`` of a reference ("the Bavarian conservative") fits a person ``described`` by
    their role and party tag: a word of it, a nationality, a party family, a place, another
    name for the office."""
    low = word.lower()
    words = [w.strip(",;()") for w in described.lower().split()]
    if any(same_country(low, w) for w in words) or in_party(word, described):
        return True
    synonym = _ROLE_SYNONYMS.get(low)
    if synonym and re.search(rf"\b(?:{synonym})\b", described.lower()):
        return True
    return word[:1].isupper() and from_place(word, described)
