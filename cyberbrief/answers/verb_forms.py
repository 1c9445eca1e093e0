"""The forms of an English verb, so a claim and a record compare verbs by lemma: "did they
meet the Bogor goals" is said by "has failed to meet" and "were the goals met" by the same;
"did her mother fall ill" by "her mother fell ill".

The porter stemmer joins regular forms ("attend", "attended", "attending") but not irregular
ones ("meet"/"met", "lead"/"led", "take"/"took"/"taken"). This table lists the common English
irregular verbs (a language resource, as a dictionary gives them: base, past, past participle),
not words of any question. A full lemmatiser would do the same job but costs seconds to load,
too slow for one ``bot.py ask``.
"""

from __future__ import annotations

import functools
from dataclasses import replace

from cyberbrief.answers.textsearch import Term, keys

IRREGULAR = """
arise arose arisen
awake awoke awoken
be was/were been
bear bore borne/born
beat beat beaten
become became become
begin began begun
bend bent bent
bet bet bet
bid bid bid
bind bound bound
bite bit bitten
bleed bled bled
blow blew blown
break broke broken
breed bred bred
bring brought brought
broadcast broadcast broadcast
build built built
burn burnt/burned burnt/burned
burst burst burst
buy bought bought
cast cast cast
catch caught caught
choose chose chosen
cling clung clung
come came come
cost cost cost
creep crept crept
cut cut cut
deal dealt dealt
dig dug dug
do did done
draw drew drawn
dream dreamt/dreamed dreamt/dreamed
drink drank drunk
drive drove driven
eat ate eaten
fall fell fallen
feed fed fed
feel felt felt
fight fought fought
find found found
flee fled fled
fly flew flown
forbid forbade forbidden
forecast forecast forecast
foresee foresaw foreseen
forget forgot forgotten
forgive forgave forgiven
freeze froze frozen
get got got/gotten
give gave given
go went gone
grind ground ground
grow grew grown
hang hung hung
have had had
hear heard heard
hide hid hidden
hit hit hit
hold held held
hurt hurt hurt
keep kept kept
kneel knelt knelt
know knew known
lay laid laid
lead led led
lean leant/leaned leant/leaned
leap leapt/leaped leapt/leaped
learn learnt/learned learnt/learned
leave left left
lend lent lent
let let let
lie lay lain
light lit lit
lose lost lost
make made made
mean meant meant
meet met met
mislead misled misled
mistake mistook mistaken
overcome overcame overcome
oversee oversaw overseen
overtake overtook overtaken
overthrow overthrew overthrown
pay paid paid
prove proved proven/proved
put put put
quit quit quit
read read read
rebuild rebuilt rebuilt
redo redid redone
rethink rethought rethought
rewrite rewrote rewritten
ride rode ridden
ring rang rung
rise rose risen
run ran run
say said said
see saw seen
seek sought sought
sell sold sold
send sent sent
set set set
shake shook shaken
shed shed shed
shine shone shone
shoot shot shot
show showed shown
shrink shrank shrunk
shut shut shut
sing sang sung
sink sank sunk
sit sat sat
sleep slept slept
slide slid slid
speak spoke spoken
speed sped sped
spend spent spent
spin spun spun
split split split
spread spread spread
spring sprang sprung
stand stood stood
steal stole stolen
stick stuck stuck
sting stung stung
strike struck struck
strive strove striven
swear swore sworn
sweep swept swept
swim swam swum
swing swung swung
take took taken
teach taught taught
tear tore torn
tell told told
think thought thought
throw threw thrown
thrust thrust thrust
undergo underwent undergone
understand understood understood
undertake undertook undertaken
undo undid undone
uphold upheld upheld
upset upset upset
wake woke woken
wear wore worn
weave wove woven
weep wept wept
win won won
wind wound wound
withdraw withdrew withdrawn
withhold withheld withheld
withstand withstood withstood
write wrote written
""".strip().splitlines()
"""One verb a line: base, past, past participle ("/" between variants)."""

AMBIGUOUS = frozenset("bore found ground left lay lit rose saw wound".split())
"""Past forms that are as often another word ("found" a company, "left" and right, "ground",
"rose", "saw"): they lead to their base verb only when asked in the base form, never the
other way round, so a record's "left lanes" is not said to "leave"."""


def _index() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for line in IRREGULAR:
        base, past, participle = line.split()
        every = {base, *past.split("/"), *participle.split("/")}
        for form in every:
            if form == base or form not in AMBIGUOUS:
                found.setdefault(form, set()).update(every)
    return {form: frozenset(every) for form, every in found.items()}


FORMS: dict[str, frozenset[str]] = _index()


@functools.lru_cache(maxsize=20_000)
def forms_of(word: str) -> frozenset[str]:
    """Every form of the verb ``word`` is a form of, itself included: its base, past and
    past participle, and a base's "-s" and "-ing" forms ("meets", "meeting" are joined to
    "meet" by the stemmer already). A word that is no irregular verb's form is its own."""
    word = word.lower()
    every = FORMS.get(word)
    if every is None and word.endswith("s") and not word.endswith("ss"):
        every = FORMS.get(word[:-1]) or (FORMS.get(word[:-2]) if word.endswith("es") else None)
    if every is None and word.endswith("ing"):
        stem = word[:-3]  # "meeting", "making", "beginning"
        every = FORMS.get(stem) or FORMS.get(stem + "e")
        if every is None and len(stem) > 2 and stem[-1] == stem[-2]:
            every = FORMS.get(stem[:-1])
    return every if every is not None else frozenset({word})


def inflected(asked: list[Term]) -> list[Term]:
    """``asked`` with each verb matched by all its forms ("met" by "meet", "failed to meet";
    "fall" by "fell"): a record says a claim's verb in whatever tense it uses. Names are
    left as they are."""
    out = []
    for term in asked:
        every = forms_of(term.word)
        if term.name or len(every) == 1:
            out.append(term)
            continue
        extra = frozenset(k for form in every for k in keys(form))
        out.append(replace(term, alternatives=term.alternatives | extra))
    return out
