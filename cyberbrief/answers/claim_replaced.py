"""A record that says one thing in place of another: "the biggest threat is not
cybercriminals, but misguided government policy", "it asked for talks rather than a treaty",
"B instead of A". What it puts in place (B) it states; what it puts aside (A) it denies. A
yes/no claim about B is stated by it, one about A contradicted ("did X call for a treaty":
X asked for talks instead). A comparison ("is government policy a bigger threat than
cybercriminals") is stated when the claim favours B over A, contradicted when it favours A.

Read by word order, the same for every record: the forms are "not A, but B", "B rather than
A", "B instead of A", "B in place of A", "B, stopping short of A", "B, not A". "Not only A
but also B", "not just A" affirm both and are not read. A claim denied says a word only A
says; a claim stated says words only B says and none only A says. In a comparison, a side is
said by a part of the claim that says its last content word (the head of an English noun
phrase) and at least half its content words. The claim's other words must be said by the
rest of the record, so the record is about what the claim asks of A or B.
"""

from __future__ import annotations

import re

from cyberbrief.answers.claim_sense import Sense, negates
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.textsearch import Term, stems, terms
from cyberbrief.answers.verify import unsaid

ALSO = r"(?!(?:only|just|merely|simply|solely|purely|exclusively|least)\b)"
""""Not only", "not just", "not least": both are so, nothing is put in place of the other."""
SIDE = r"[^,;.:]+?"
FORMS = (
    re.compile(rf"\bnot {ALSO}(?P<a>{SIDE}),? but (?!also\b)(?P<b>{SIDE})(?=[,;.:]|$)", re.I),
    re.compile(
        rf"(?P<b>{SIDE}),? (?:rather than|instead of|in place of|"
        rf"(?:(?:stopp|fall)ing |stopped |fell |stops |falls )?short of) (?P<a>{SIDE})(?=[,;.:]|$)",
        re.I,
    ),
    re.compile(rf"(?P<b>{SIDE}), not {ALSO}(?P<a>{SIDE})(?=[,;.:]|$)", re.I),
)
NOT_JUST = re.compile(
    rf"\bnot (?:just|only|merely|solely|simply|purely|exclusively) (?P<a>{SIDE})(?=[,;.:]|$)",
    re.IGNORECASE,
)
"""A record saying there is more than A ("from a variety of sources, not just one or
another country"): a claim that it is A alone is contradicted."""
EXCLUSIVE = re.compile(r"\b(?:only|solely|alone|exclusively|just)\b", re.IGNORECASE)
"""A claim that something is so of one thing alone ("from one country only")."""
THAN = re.compile(r"\bthan\b", re.IGNORECASE)
COMPARATIVES = frozenset(
    "more less bigger greater larger higher lower smaller stronger weaker worse better "
    "graver wider deeper closer".split()
)
"""The words a comparison ranks by ("a bigger threat than"): the record's putting B in
A's place ranks them already, so they need not be said again."""


def _says(part: list[Term], side: str) -> bool:
    """``part`` of the claim says ``side``: its last content word and half of them."""
    content = terms(side)
    if not content:
        return False
    said = [t for t in content if any(t.alternatives & p.alternatives for p in part)]
    return content[-1] in said and len(said) * 2 >= len(content)


def put_in_place(
    text: str, claim: str, asked: list[Term], meaning: Meaning | None
) -> tuple[Sense, str] | None:
    """How ``text`` reads ``claim`` (its words ``asked``) when it puts one thing in place of
    another: (STATES, the sentence) for a claim of what it puts in place, (CONTRADICTS, the
    sentence) for one of what it puts aside; None when it does neither, or the claim
    says both sides without a comparison, or the record does not say the claim's other
    words."""
    if re.search(r"\bnot\b|n't\b|\brather than\b|\binstead\b|\bshort of\b", claim):
        return None  # a negated claim is read by the sense of its clause
    if EXCLUSIVE.search(claim):
        alone = _more_than(text, claim, asked, meaning)
        if alone is not None:
            return Sense.CONTRADICTS, alone
    compared = THAN.split(claim, maxsplit=1)
    favoured = terms(compared[0])
    other = terms(compared[1]) if len(compared) > 1 else []
    for form in FORMS:
        for m in form.finditer(text):
            a, b = m["a"], m["b"]
            if len(compared) > 1:
                states = _says(favoured, b) and _says(other, a)
                denies = _says(favoured, a) and _says(other, b)
            else:
                # which side the claim's own words are on: any only on the side put aside
                # denies it; else words only on the side put in place state it
                in_a, in_b = stems(a), stems(b)
                only_a = [
                    t for t in favoured if t.alternatives & in_a and not t.alternatives & in_b
                ]
                only_b = [
                    t for t in favoured if t.alternatives & in_b and not t.alternatives & in_a
                ]
                denies = bool(only_a)
                states = not only_a and bool(only_b) and not negates(b)
            if states == denies:
                continue
            sides = stems(f"{a} {b}")
            rest = [t for t in asked if not t.alternatives & sides]
            if len(compared) > 1:
                rest = [t for t in rest if t.word not in COMPARATIVES]
            outside = text[: m.start("a") if m.start("a") < m.start("b") else m.start("b")]
            outside += " " + text[m.end() :]
            if unsaid(outside if outside.strip() else text, rest, meaning):
                continue  # the record says something else of A and B than the claim asks
            return (Sense.STATES if states else Sense.CONTRADICTS), text.strip()
    return None


def _more_than(text: str, claim: str, asked: list[Term], meaning: Meaning | None) -> str | None:
    """``text`` when it says there is more than what the claim says is alone ("not just one
    or another country" for "from one country only"): the claim's words on A's side, its
    others said by the rest of the record. None otherwise."""
    for m in NOT_JUST.finditer(text):
        side = stems(m["a"])
        on_a = [t for t in terms(claim) if t.alternatives & side]
        rest = [t for t in asked if not t.alternatives & side]
        outside = text[: m.start()] + " " + text[m.end() :]
        if on_a and not unsaid(outside, rest, meaning):
            return text.strip()
    return None
