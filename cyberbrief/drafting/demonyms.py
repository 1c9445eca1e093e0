"""Nationality adjectives and the countries they name, so "the Polish minister" finds the one
drafted as "Poland's foreign minister" (and "the German chancellor" "Germany's chancellor").

News names a person's country one way when introducing them and the other way later; only
the common forms are listed (a country missing here simply matches by its adjective alone).
"""

from __future__ import annotations

_PAIRS = """
afghan afghanistan|albanian albania|algerian algeria|american america|american us|
argentine argentina|armenian armenia|australian australia|austrian austria|
azerbaijani azerbaijan|bangladeshi bangladesh|belarusian belarus|belgian belgium|
brazilian brazil|british britain|british uk|bulgarian bulgaria|canadian canada|
chilean chile|chinese china|colombian colombia|croatian croatia|cypriot cyprus|
czech czechia|danish denmark|dutch netherlands|egyptian egypt|emirati uae|estonian estonia|
ethiopian ethiopia|finnish finland|french france|georgian georgia|german germany|
ghanaian ghana|greek greece|hungarian hungary|icelandic iceland|indian india|
indonesian indonesia|iranian iran|iraqi iraq|irish ireland|israeli israel|italian italy|
japanese japan|jordanian jordan|kazakh kazakhstan|kenyan kenya|korean korea|kosovar kosovo|
latvian latvia|lebanese lebanon|libyan libya|lithuanian lithuania|luxembourgish luxembourg|
malaysian malaysia|maltese malta|mexican mexico|moldovan moldova|moroccan morocco|
nigerian nigeria|norwegian norway|pakistani pakistan|philippine philippines|polish poland|
portuguese portugal|qatari qatar|romanian romania|russian russia|rwandan rwanda|
saudi arabia|serbian serbia|singaporean singapore|slovak slovakia|slovenian slovenia|
spanish spain|swedish sweden|swiss switzerland|syrian syria|taiwanese taiwan|thai thailand|
tongan tonga|tunisian tunisia|turkish turkey|turkish türkiye|ugandan uganda|
ukrainian ukraine|vietnamese vietnam
"""
COUNTRIES: dict[str, set[str]] = {}
"""Adjective (lower case) -> the country names it stands for."""
for _pair in _PAIRS.replace("\n", "").split("|"):
    _adjective, _country = _pair.split()
    COUNTRIES.setdefault(_adjective, set()).add(_country)


def same_country(word: str, role_word: str) -> bool:
    """``word`` of a reference ("polish") names the country of ``role_word`` of a drafted
    role ("poland's", "polish"), both in lower case."""
    country = role_word.removesuffix("'s").removesuffix("’s")
    return word == role_word or country in COUNTRIES.get(word, set())
