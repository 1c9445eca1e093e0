"""Text normalisation shared by exact look-ups, the fuzzy matcher and the loader.

Users type "cert eu", "CERT-EU", "Asia Pacific" or "organisation"; the store holds
"CERT-EU", "Asia-Pacific" and "Organization". Folding both sides the same way lets exact
look-ups and rapidfuzz scores ignore case, accents, punctuation and British/American spelling.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "&": " and "})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_SPELLING = {
    "organisation": "organization",
    "organisations": "organizations",
    "organisation's": "organization's",
    "defence": "defense",
    "centre": "center",
    "programme": "program",
    "programmes": "programs",
    "licence": "license",
    "analyse": "analyze",
    "recognised": "recognized",
}
_JOINED = {
    "co operation": "cooperation",
    "co ordinated": "coordinated",
    "cyber crime": "cybercrime",
    "cyber crimes": "cybercrimes",
    "cyber security": "cybersecurity",
    "cyber space": "cyberspace",
    "cyber attack": "cyberattack",
    "cyber attacks": "cyberattacks",
    "e mail": "email",
}
_JOINED_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in _JOINED) + r")\b")


def fold(text: str) -> str:
    """Lower-case, strip accents and turn curly quotes and ``&`` into plain forms."""
    text = text.translate(_QUOTES)
    if text.isascii():  # nothing to decompose: the common case, and 20x faster
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def norm(text: str) -> str:
    """The comparison form of a name or phrase: folded, words only, one spelling.

    >>> norm("CERT-EU")
    'cert eu'
    >>> norm("Asia-Pacific Economic Co-operation")
    'asia pacific economic cooperation'
    """
    words = _NON_WORD.sub(" ", fold(text).replace("'", "")).split()
    joined = " ".join(_SPELLING.get(w, w) for w in words)
    return _JOINED_RE.sub(lambda m: _JOINED[m.group(1)], joined)
