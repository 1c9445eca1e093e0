"""Recognising people in news copy: their names (any script), titles kept out, roles kept apart.

News names people in a few fixed ways: a role before the name ("Hungarian Foreign Minister
János Martonyi", "Chinese vice foreign minister Li Baodong"), a role after it ("Jozias van
Aartsen, the mayor of The Hague,"), and later a title with the surname ("Mr. van Aartsen",
"Det Supt Corcoran", "President Park"). Titles and ranks come from ``nameparser``'s list,
particles ("van", "de", "bin") too, so names keep their particles and apostrophes and never
start with a rank. Everything here scans a sentence once, left to right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from nameparser import HumanName
from nameparser.config import CONSTANTS

from cyberbrief.drafting.demonyms import COUNTRIES

_UPPER = "".join(re.escape(c) for c in map(chr, range(0x41, 0x2000)) if c.isupper() and c.isalpha())
_LETTER = r"[^\W\d_]"
NAME_WORD = rf"(?:(?:al|el|ad|ar|as|ash|at|az|ul)-)?[{_UPPER}]{_LETTER}*(?:[-'’]{_LETTER}+)*"
"""A capitalised word in any Latin, Greek or Cyrillic script: O'Mahoney, Geun-hye, Ní, and
Arabic names with their article (al-Rashid)."""

PARTICLES = frozenset(
    p for p in CONSTANTS.prefixes if p.isalpha() and p.islower() and p not in ("st", "ste")
)
_T = ("'t", "’t")
"""Dutch "'t" (het), a particle only with "in", "van" or "op" before it ("in 't Veld")."""
_PARTICLE = "|".join(
    [r"(?:in|van|op)\s+['’]t", r"['’]t", *sorted(PARTICLES, key=len, reverse=True)]
)
PARTICLE = rf"(?:{_PARTICLE})"
"""A lower-case particle opening a surname ("von Notz said")."""
RUN = re.compile(
    rf"(?<![\w'’-]){NAME_WORD}\.?(?:\s+(?:(?:{_PARTICLE})\s+){{0,2}}{NAME_WORD}\.?)*(?![\w'’-])"
)
"""A run of capitalised words, particles allowed between them ("von der Leyen"); abbreviations
keep their dot."""

_EXTRA_TITLES = {
    "det", "supt", "insp", "sgt", "lt", "col", "gen", "cmdr", "adm", "capt", "maj", "sen",
    "rep", "gov", "amb", "pres", "superintendent", "inspector", "head", "chief", "marshal",
    "commissioner", "spokesman", "spokeswoman", "mayor", "envoy", "rapporteur", "ms", "mrs",
    "mr", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "baroness", "vice",
    "director-general", "secretary-general", "vice-president", "undersecretary", "ceo",
    "constable", "cllr", "under-secretary-general", "under-secretary",
}  # fmt: skip
POST_NOMINALS = frozenset(
    {"KC", "QC", "MP", "MEP", "MSP", "OBE", "CBE", "MBE", "KBE", "DBE", "PhD"}
)
"""Letters after a name ("Sarah Whitcombe KC", "Gareth Lowe MP"): no part of the name."""
_NOT_TITLES = {"united", "national", "state", "grand", "royal", "senior"}
ROLE_NOUNS = (
    r"secretary|minister|president|vice-president|vice president|director|director-general|"
    r"secretary-general|secretary general|chief executive|chief|head|founder|co-founder|"
    r"professor|author|supremo|executive|chairman|chairwoman|chair|commissioner|spokesman|"
    r"spokeswoman|spokesperson|ambassador|representative|officer|analyst|expert|researcher|"
    r"editor|adviser|advisor|leader|governor|mayor|general|admiral|senator|chancellor|premier|"
    r"commander|partner|manager|lecturer|fellow|lawyer|correspondent|envoy|coordinator|"
    r"consultant|economist|scientist|official|diplomat|negotiator|prosecutor|attorney|judge|"
    r"superintendent|inspector|deputy|MP|MEP|CEO|CTO|CISO|rapporteur|member|counsel|"
    r"undersecretary|under-secretary|principal|dean|strategist|engineer|campaigner|activist|"
    r"counterpart|lawmaker|legislator|politician|councillor|congressman|congresswoman|"
    r"chairperson|president-elect|attaché|envoy|delegate|commentator|columnist|reporter|"
    r"veteran|advocate|Democrat|Republican|backbencher|scholar|academic|historian|liberal|"
    r"writer|journalist|agent|constable|barrister|solicitor|supervisor|ombudsman|auditor|"
    r"conservative|socialist|candidate|nurse|teacher|student|owner|doctor|surgeon|paramedic|"
    r"pharmacist|accountant|farmer|shopkeeper|driver|pensioner|entrepreneur|technician|"
    r"specialist|coroner|headteacher|headmaster|headmistress|postman|postwoman|midwife|"
    r"pilot|police officer|presenter|moderator|interviewer|broadcaster|newsreader|developer|"
    r"programmer|pupil|vice-chancellor"
)
ROLE_NOUN = re.compile(rf"\b(?i:{ROLE_NOUNS})\b")
NOT_A_NAME = {
    "The", "This", "That", "These", "Those", "It", "In", "On", "At", "But", "And", "However",
    "Speaking", "Media", "Image", "More", "Related", "Some", "Many", "Another", "Experts",
    "Photo", "Share", "Read", "Copyright", "Advertisement", "If", "As", "While", "When",
    "After", "Before", "Under", "For", "With", "By", "From", "Of", "To", "He", "She", "We",
    "They", "I", "Our", "His", "Her", "Their", "A", "An", "Yet", "So", "Also", "One",
    "Across", "Without", "Against", "Beyond", "Within", "Behind", "Towards", "Its", "Your", "My",
}  # fmt: skip
"""Capitalised words no name holds; a preposition in a run makes it a body's name ("Justice
Across Borders", "Reporters Without Borders"), never a person "Across Borders"."""
ORG_WORDS = {
    "Alliance", "Union", "Agency", "Office", "Council", "Organization", "Organisation",
    "Institute", "Conference", "University", "Team", "Department", "Ministry", "Committee",
    "Commission", "Group", "Centre", "Center", "Association", "Forum", "Bank", "Company",
    "Corporation", "Security", "Cyber", "Government", "Parliament", "Assembly", "Summit",
    "Network", "Cooperation", "Agenda", "Police", "News", "Times", "Today", "Society",
    "Affairs", "Home", "Foreign", "Defence", "Defense", "Justice", "Interior", "Bureau",
    "Service", "Services", "Court", "Board", "Foundation", "College", "School", "Ltd",
    "Inc", "Europe", "Nations", "States", "Kingdom", "Republic", "Federation", "Telecom",
    "State", "Trade", "Industry", "Health", "Energy", "Finance", "Economy", "Commerce",
    "Homeland", "Digital", "Policy", "Army", "Navy", "Staff", "Excellence", "Delegation",
    "Cybersecurity", "Intelligence", "Communications", "Technology", "Information",
    "Authority", "Regulatory", "Administration", "Directorate", "Command", "Unit", "Advisory",
    "Consultancy", "Partners", "Capital", "Systems", "Labs", "Technologies", "Telecommunications",
    "Labour", "Conservative", "Conservatives", "Tory", "Liberal", "Democrat", "Democrats",
    "Republican", "Republicans", "Socialist", "Act", "Directive", "Convention", "Treaty",
    "Charter", "Water", "Shipping", "Logistics", "Airlines", "Holdings", "Solutions",
    "Software", "Networks", "Insurance", "Pharma", "Motors", "Semiconductors", "Freight",
    "Consortium", "Coalition", "Partnership", "City", "Club", "FC", "Rovers", "Athletic",
    "Wanderers", "House", "Palace", "Street",
}  # fmt: skip
PEERAGE = {"Baroness", "Baron", "Lord", "Lady", "Sir", "Dame"}
_JUDGES = (["Lord", "Justice"], ["Lady", "Justice"])
"""An appeal judge's name as the court gives it ("Lord Justice Edis"): a name of one word."""
"""British titles that make a name of one word: "Baroness Neville-Jones", "Lord Reid"."""
_EAST_ASIAN_FAMILY = {
    "Park", "Kim", "Lee", "Choi", "Jung", "Kang", "Cho", "Yoon", "Yun", "Jang", "Lim", "Han",
    "Moon", "Xi", "Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
    "Hu", "Wen", "Jiang", "Sun", "Ma", "Guo", "Lu", "Ban", "Abe", "Kishida", "Nguyen",
}  # fmt: skip
_GIVEN_HYPHEN = re.compile(r"^[^\W\d_][^\W\d_]*-[^\W\d_]*[a-z]$")
"""A Korean given name as news prints it: Geun-hye, Byung-se, Jae-in."""


def is_title(word: str) -> bool:
    """A rank, office or honorific ("General", "Gen.", "Secretary-General", "Det")."""
    bare = word.rstrip(".").lower()
    if bare in _NOT_TITLES:
        return False
    parts = bare.split("-")
    return all(p in CONSTANTS.titles or p in _EXTRA_TITLES for p in parts) or bare in _EXTRA_TITLES


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper >= len(letters) - upper


_ABSTRACT_NOUN = re.compile(r"\w{2,}(?:tion|tions)|\w{5,}(?:ment|ments|ity|ure)")
"""A portfolio's word ("Transformation", "Development", "Connectivity", "Infrastructure"),
never a name's: "Minister for Digital Transformation Hiroshi Takeda" is Hiroshi Takeda."""


def is_name_word(word: str) -> bool:
    """Could be part of a person's name: not a title, an acronym or an institution's word."""
    return not (
        is_title(word)
        or _ABSTRACT_NOUN.fullmatch(word) is not None
        or _is_acronym(word)
        or word in ORG_WORDS
        or word in NOT_A_NAME
        or (word.endswith(".") and len(word) != 2)
        or word.endswith(("'s", "’s"))
    ) or (word.lower() in PARTICLES)


@dataclass(frozen=True)
class Person:
    """A person named at ``start``-``end`` of a text: ``title`` the capitalised words before
    the name that belong to the role ("Hungarian Foreign Minister")."""

    name: str
    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Run:
    """Capitalised words at ``start`` of a text, within one sentence."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def runs(text: str) -> Iterator[Run]:
    """Runs of capitalised words, cut where a full stop ends a sentence ("Joe Biden. He")
    rather than an abbreviation ("Gen. Philip") or an initial ("John F. Kennedy")."""
    for match in RUN.finditer(text):
        run, cut = match.group(0), 0
        for stop in re.finditer(r"(\S+)\.\s+", run):
            word = stop.group(1)
            if len(word) > 1 and not is_title(word):
                yield Run(match.start() + cut, run[cut : stop.end(1)])
                cut = stop.end()
        yield Run(match.start() + cut, run[cut:])


_CONSTITUENCY = re.compile(
    r"\b(?:MP|MEP|MSP|TD|[Mm]ember|[Ss]enator|[Rr]epresentative|[Cc]ongress(?:wo)?man)\s+for\s+$"
)
"""The seat after "the MP for" ("South Cambridgeshire", "Bath and Wells") is a place."""


SUFFIXES = {"Jr": "Jr.", "Sr": "Sr.", "Jnr": "Jnr", "Snr": "Snr"}
"""A generation after a name ("Thomas Reyes Jr."): part of the full name, never a name's word
of its own ("Reyes Sr." is a reference to the father, not a person called Reyes Sr)."""


def suffix_of(name: str) -> tuple[str, str]:
    """ "Thomas Reyes Jr." -> ("Thomas Reyes", "Jr."); a name with no suffix -> (name, "")."""
    words = name.split()
    suffix = SUFFIXES.get(words[-1].rstrip(".").rstrip(",")) if len(words) > 1 else None
    return (" ".join(words[:-1]), suffix) if suffix else (name, "")


_FAMILY_IN_CAPITALS = re.compile(
    r"(?:^|\s)(?P<title>(?:Mr|Ms|Mrs|Dr|Prof)\.?)\s+(?P<name>(?P<family>[A-Z]{2,}(?:-[A-Z]{2,})?)"
    r"\s+(?P<given>[A-Z][a-z]+(?:-[a-z]+)?))\.?$"
)
"""A Japanese name as the Foreign Ministry writes it in English, family name first in capitals
("Mr. TANABE Hiroshi"): the person news copy calls Hiroshi Tanabe, later "Ambassador Tanabe"."""


def people_in(text: str) -> Iterator[Person]:
    """Every run of capitalised words that ends in a name of at least two words (and the
    generation after it: "Thomas Reyes Jr.")."""
    for run in runs(text):
        if _CONSTITUENCY.search(text, max(0, run.start - 30), run.start):
            continue
        base, suffix = suffix_of(run.text)
        if suffix:
            for person in people_in(base):
                if person.end == len(base):
                    yield Person(
                        f"{person.name} {suffix}",
                        person.title,
                        run.start + person.start,
                        run.start + len(run.text),
                    )
            continue
        family_first = _FAMILY_IN_CAPITALS.search(run.text)
        if family_first and is_name_word(family_first["given"]):
            name = f"{family_first['given']} {family_first['family'].title()}"
            start, end = family_first.span("name")
            yield Person(name, family_first["title"], run.start + start, run.start + end)
            continue
        words = run.text.split()
        if words[-1].endswith(".") and len(words[-1]) > 2 and not is_title(words[-1]):
            words[-1] = words[-1][:-1]  # the full stop ends the sentence
        while len(words) > 2 and words[-1] in POST_NOMINALS:
            words.pop()
        keep = len(words)
        if _surname_like_a_title(words):
            keep -= 1  # "Dr Amina Sheikh": a title word last, after a given name, is a surname
        while keep > 0 and is_name_word(words[keep - 1]):
            keep -= 1
        if keep == 0 and len(words) > 2 and _ORDINAL_BEFORE.search(text, 0, run.start):
            keep = 1  # "Sgt. 1st Class Maria Delgado": "Class" is the rank's
        name_words = words[keep:]
        while name_words and (name_words[0].lower() in PARTICLES or name_words[0] in _T):
            name_words = name_words[1:]
        if len(name_words) > 4 and keep == 0:
            continue  # a headline or a list of places, not a name
        if len(name_words) > 3 and keep > 0:
            name_words = _last_three(name_words)
        if len(name_words) == 1 and keep > 0 and words[keep - 1] in PEERAGE:
            name_words = [words[keep - 1], *name_words]
        elif len(name_words) == 1 and keep > 1 and words[keep - 2 : keep] in _JUDGES:
            name_words = [*words[keep - 2 : keep], *name_words]  # "Lady Justice Carr"
        if len(name_words) < 2 or any(is_title(w) for w in name_words[1:-1]):
            continue
        if is_title(name_words[-1]) and not _surname_like_a_title(name_words):
            continue
        name = " ".join(name_words)
        start = run.start + run.text.rindex(name)
        title_words = words[: len(words) - len(name_words)]
        yield Person(name, " ".join(title_words), start, start + len(name))


_ORDINAL_BEFORE = re.compile(r"\b\d+(?:st|nd|rd|th)\s+$")
"""An ordinal right before a run ("1st Class", "2nd Lieutenant"): a rank's first word."""


def _surname_like_a_title(words: list[str]) -> bool:
    """A run ending in a word nameparser lists as a title but no office ("Sheikh", "Bishop",
    "King") right after a capitalised given name that is no title: a surname ("Amina
    Sheikh"), for a title never comes last in a name; a particle may stand between
    ("Marieke de Graaf")."""
    if len(words) < 2 or not is_title(words[-1]) or ROLE_NOUN.fullmatch(words[-1]):
        return False
    given = words[-3] if len(words) >= 3 and words[-2].lower() in PARTICLES else words[-2]
    return (
        given[:1].isupper()
        and given.isalpha()
        and not is_title(given)
        and given not in ORG_WORDS
        and given not in NOT_A_NAME
        and not given.isupper()
        and given.lower() not in COUNTRIES  # "Saudi King" is a king
        and given not in _PLACE_OPENERS
        and words[-1].lower() not in _EXTRA_TITLES
        and words[-1] not in ORG_WORDS  # "Northwall Security" is a company
    )


_PLACE_OPENERS = {
    "North", "South", "East", "West", "New", "Saudi", "Sri", "Hong", "Costa", "El", "Burkina",
    "Puerto", "San", "Santa", "Los", "Las", "Papua", "Sierra", "Cape", "Ivory", "Czech",
    "Dominican", "Abu", "Buenos", "Rio", "Tel", "Kuala", "Addis", "Port", "St", "Saint",
}  # fmt: skip
_OPENERS = {
    "Since", "Until", "Although", "Because", "Despite", "Unlike", "Like", "Once", "Though",
    "Whether", "Where", "Why", "How", "What", "Even", "Only", "Without", "Within", "Against",
    "Among", "Between", "Through", "During", "Across", "Over", "Inside", "Outside", "Beyond",
    "Both", "Each", "Every", "All", "Not", "No", "Now", "Then", "Here", "There", "Today",
    "Last", "Next", "Did", "Does", "Do", "Is", "Was", "Will", "Would", "Can", "Could",
}  # fmt: skip
"""Capitalised words that open a sentence ("Since Russia's ..."), no part of a name."""
_POSSESSIVE = re.compile(
    rf"(?<![\w'’-])(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,2}})['’]s\b(?!\s+[{_UPPER}])"
)
"""A name in the possessive before a common noun ("Strubel's office", not "People's Party")."""


def possessive_names(text: str) -> Iterator[str]:
    """Full names written in the possessive ("Vincent Strubel's office"): a person named in
    passing, whom the article may call by surname later; never a place ("South Korea's")."""
    for found in _POSSESSIVE.finditer(text):
        words = found["name"].split()
        if words[0] not in _PLACE_OPENERS | _OPENERS and all(is_name_word(w) for w in words):
            yield found["name"]


def _last_three(words: list[str]) -> list[str]:
    """The last three words of a name, particles not counted ("Ambassador Guilherme de
    Aguiar Patriota", "Commission President Ursula von der Leyen" keep the given name)."""
    counted = 0
    for i in range(len(words) - 1, -1, -1):
        counted += words[i].lower() not in PARTICLES
        if counted == 3:
            return words[i:]
    return words


def references(name: str) -> set[str]:
    """Ways an article refers to ``name`` after introducing it (lower case): the full name,
    the surname with its particle ("van aartsen") and without, the family name of a
    family-name-first name ("park" for Park Geun-hye)."""
    base, suffix = suffix_of(name)
    if suffix:  # "Reyes Jr." and "Reyes" (which a namesake may share), never "Jr."
        surnames = {r for r in references(base) if r != base.lower()}
        return (
            {name.lower(), name.lower().rstrip("."), *surnames}
            | {f"{s} {suffix.lower()}".rstrip(".") for s in surnames}
            | {f"{s} {suffix.lower()}" for s in surnames}
        )
    words = name.split()
    out = {name.lower(), words[-1].lower()}
    if words[:2] in _JUDGES:  # "Lord Justice Edis" is "Justice Edis" without the title
        out.add(" ".join(words[1:]).lower())
    dutch = next((i for i, w in enumerate(words[1:-1], 1) if w in _T), 0)
    if dutch:  # "Sophie in 't Veld" is "In 't Veld"
        out.add(
            " ".join(
                words[dutch - 1 if words[dutch - 1] in ("in", "van", "op") else dutch :]
            ).lower()
        )
    last = HumanName(name).last
    if last:
        out.add(last.lower())
    if len(words) >= 2 and (words[0] in _EAST_ASIAN_FAMILY or _GIVEN_HYPHEN.match(words[-1])):
        out.add(words[0].lower())
    return out


def without_titles(reference: str) -> str:
    """ "Det Supt Corcoran" -> "Corcoran", "Mr. van Aartsen" -> "van Aartsen"."""
    words = reference.split()
    if words and words[-1].endswith(".") and len(words[-1]) > 2 and not is_title(words[-1]):
        words[-1] = words[-1][:-1]
    while len(words) > 1 and is_title(words[0]):
        words = words[1:]
    return " ".join(words)
