"""A person's role as news copy writes it around the name: before it ("Hungarian Foreign
Minister János Martonyi", "the Conservative MP for South Cambridgeshire, X,"), in apposition
after it ("X, the mayor of The Hague,", "X, who heads the agency,"), or stated ("X is a senior
fellow at ..."). Names themselves are ``people.py``'s.
"""

from __future__ import annotations

import re

from cyberbrief.drafting.attribution_patterns import SAY
from cyberbrief.drafting.body_patterns import BODY_NOUN
from cyberbrief.drafting.people import NOT_A_NAME, ROLE_NOUN, ROLE_NOUNS, is_title, people_in
from cyberbrief.drafting.role_tails import (
    BYLINE_TAIL,
    COURT_AFTER,
    COURT_OPENING,
    COURT_ROLES,
    ERA,
    OF_NAMED,
    RELATIVE_ROLE,
    RESPONSIBLE_FOR,
    SERVED_AS,
    with_department,
)


def _leading_junk(word: str, first: bool) -> bool:
    """Words that open a sentence or clause but belong to no role ("Confirmed", "The")."""
    bare = word.strip(",;:")
    if bare in NOT_A_NAME or bare.lower() in ROLE_PREFIX_STOP:
        return True
    return first and bare[:1].isupper() and bare.lower().endswith(("ed", "ing", "ly"))


ROLE_PREFIX_STOP = {
    "and", "or", "but", "by", "with", "as", "while", "that", "which", "who", "when", "said",
    "says", "was", "were", "is", "are", "had", "has", "have", "at", "in", "on", "to", "from",
    "delivered", "also", "including", "included", "her", "his", "their", "its", "after",
    "before", "the", "a", "an", "attending", "of", "for", "about", "like", "told", "added",
    "noted", "stressed", "warned", "insisted", "commented", "emphasized", "emphasised",
    "according", "led", "chaired", "calling", "opened", "urged", "stated", "explained",
    "met", "joined", "visited", "thanked", "greeted", "replaced", "succeeded", "praised",
    "criticised", "criticized", "accused", "blamed", "interviewed", "welcomed", "invited",
    "quoted", "cited",
}  # fmt: skip
ROLE_WINDOW = 12
"""A role before a name is at most this many words ("EU Commissioner for Home Affairs")."""


def role_before(text: str) -> str:
    """The role written just before a name (``text`` ends where the name starts), back to a
    clause boundary, if it holds a role noun or a title, and ends in one or a capitalised
    word ("which security researchers call Black Heron" gives none)."""
    court = COURT_OPENING.search(text)
    if court:
        return COURT_ROLES[court["side"].lower()]
    hosted = _HOSTED_BY.search(text)
    if hosted:  # "Radio Medway's Morning Call programme, presented by Gary Holt"
        return _HOSTS[hosted["verb"]]
    whose = _WHOSE_ROLE.search(text)
    if whose and ROLE_NOUN.search(whose["role"]):
        return f"{whose['role']} of {whose['org']}"  # "X Center, whose director, Name"
    relative = RELATIVE_ROLE.search(text) or RESPONSIBLE_FOR.search(text) or OF_NAMED.search(text)
    role = relative["role"] if relative else _role_before(text)
    words = role.split()
    if words and BODY_NOUN.fullmatch(words[-1].lower()) and not _HELD_IN.search(role):
        return ""  # "the campaign group Revolving Door Watch": a body, no person
    heads = [i for i, w in enumerate(words) if ROLE_NOUN.fullmatch(w.strip(",()"))]
    heads = [  # "director of general insurance policy": "general" there is no head
        i
        for i in heads
        if i == heads[0]
        or i + 1 == len(words)
        or not words[i + 1][:1].islower()
        or words[i + 1] in _QUALIFIES
    ]
    heads = heads or [i for i, w in enumerate(words) if is_title(w)]
    tail = words[heads[-1] + 1 :] if heads else []
    if tail and tail[0] not in _QUALIFIES and not all(w[:1].isupper() for w in tail):
        return ""
    return role


_HOSTED_BY = re.compile(r"\b(?P<verb>presented|hosted|moderated|chaired)\s+by\s+$")
_HOSTS = {"presented": "presenter", "hosted": "host", "moderated": "moderator", "chaired": "chair"}
"""A programme or a panel and who runs it: the role is theirs."""
_WHOSE_ROLE = re.compile(
    r"(?P<org>(?:[A-Z][\w’'-]*['’]s\s+)?[A-Z][\w’'&.-]*(?:\s+(?:(?:of|for|the|and)\s+)*"
    r"[A-Z][\w’'&.-]*){0,6}),\s+whose\s+(?P<role>[a-z][\w -]{1,40}),\s*$"
)
"""A role given by the body it belongs to: "Lithuania's National Cyber Security Center, whose
director, Tautvydas Bakšys," is the centre's director."""
_DETERMINED_ROLE = re.compile(
    rf"^(?:[Aa]n?|[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+(?P<role>(?:[a-z][\w-]*\s+){{0,2}}"
    rf"(?:{ROLE_NOUNS})\s+(?:for|of|at|to)\s+[^,.;:!?“”\"]{{1,60}})$"
)
"""An apposition opening with its determiner and role noun ("A lawyer for Kuzmenko in
Amsterdam"): the role, a place or a client after it included."""
_HELD_IN = re.compile(
    rf"\b(?i:{ROLE_NOUNS})\s+(?:of|for|at|to|on)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){{0,4}}\S+$"
)
"""A role that names the body it is held in ("The leader of the council, Cllr X"): a
person's, though a body's noun ends it."""
_PLACE_PREPOSITIONS = ("to", "at", "in", "on", "from", "before", "into", "with", "by")
"""A preposition before the words ending at a comma that precedes a name, with no role noun
among them: they are where or to whom something happened ("Giving evidence to the Joint
Committee on the National Security Strategy, Dr X"), not X's role ("flanked by Poland's
foreign minister, X" is)."""
_QUALIFIES = ("of", "for", "on", "to", "in", "at", "and")
"""What may follow a role's head noun ("minister of foreign affairs", "Agent in Charge")."""


def _role_before(text: str) -> str:
    words = text.rstrip().split()[-ROLE_WINDOW:] if text.strip() else []
    if words[-2:] in (["the", "late"], ["The", "late"]):
        words = words[:-2]  # "Its first director, the late Carl Whitman": he was its director
    while words and words[-1].rstrip(".").lower() in _HONORIFICS:
        words.pop()  # "the head of GCHQ, Sir Jeremy Fleming": "Sir" is no role
    apposed = bool(words) and words[-1].endswith(",")
    if apposed:
        words[-1] = words[-1][:-1]  # "Wikipedia founder, Jimmy Wales"
    kept: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        inside = (
            (
                word in ("of", "for", "and", "the", "on")
                and kept
                and i > 0
                and (
                    ROLE_NOUN.search(words[i - 1]) is not None
                    or words[i - 1][:1].isupper()
                    or (word == "the" and words[i - 1] in ("of", "for", "on", "to", "in"))
                    or (word in ("for", "on") and _role_noun_just_before(words[max(0, i - 3) : i]))
                    or (
                        word == "and"
                        and kept[0].lower() not in _ARTICLES
                        and words[i - 2 : i - 1] in (["of"], ["for"])
                        and _role_noun_just_before(words[max(0, i - 3) : i - 2])
                    )
                )
            )
            or (
                word in ("to", "in")
                and kept
                and i > 0
                and ROLE_NOUN.search(words[i - 1]) is not None
                and (word == "to" or (words[i - 1][:1].isupper() and kept[0][:1].isupper()))
            )
            or (
                word == "in"
                and kept[:1] == ["the"]
                and kept[1:2] != []
                and kept[1][:1].isupper()
                and _role_noun_just_before(words[max(0, i - 4) : i])
            )
        )
        # "spokesperson for digital policy in the Bundestag": where the role is held
        # "Special Agent in Charge James Dennehy": "in" between capitalised title words
        # "secretary of information and communications technology": "and" inside its "of"
        # "assistant secretary of defense for cyber policy": "for" after "secretary of X"
        # "Japan's ambassador to the AU, Shigeru Ushio": "to" inside a role after its noun
        stop = (
            word.endswith((",", ";", ":", "”", '"'))
            or (word.endswith(".") and not is_title(word))
            or word in ("—", "–", "-")
        )
        if stop or (not inside and word.lower() in ROLE_PREFIX_STOP):  # "Rep." is a title
            governs = word.lower() if word.lower() not in _ARTICLES or not i else words[i - 1]
            if (
                apposed
                and kept
                and governs.lower() in _PLACE_PREPOSITIONS
                and not ROLE_NOUN.search(" ".join(kept))
            ):
                # "Giving evidence to the Joint Committee on ..., Dr X": no role; but "A
                # lawyer for Kuzmenko in Amsterdam, X," is a role with where it is held
                whole = _DETERMINED_ROLE.search(re.split(r"[,;:]\s+", " ".join(words))[-1])
                return whole["role"] if whole else ""
            break
        kept.insert(0, word)
    role_words = kept
    if role_words and len(kept) < len(words) and words[len(words) - len(kept) - 1].endswith(","):
        head = " ".join(words[: len(words) - len(kept)])
        # "The centre's director, Colonel Ants Kiviselg"; "The committee chair, Labor senator
        # Raff Ciccone": a role in apposition opening the sentence, then the role before the name
        opening = _APPOSED_OPENING.search(head)
        if all(is_title(w) for w in role_words) or (opening and ROLE_NOUN.search(" ".join(kept))):
            before = _role_before(head)
            if before and (
                ROLE_NOUN.search(before) or not all(is_title(w) for w in before.split())
            ):
                title = _honorifics_dropped(" ".join(w for w in role_words if w[-1:] != "."))
                return f"{title}, {before}" if title else before  # "..., Rep. X": the role
    while role_words and _leading_junk(role_words[0], first=True):
        role_words = role_words[1:]
    role = " ".join(role_words)
    for other in people_in(role):  # "Defence Secretary Liam Fox and US Defence Secretary"
        role = re.sub(r"^(?:and|or|,)\s+", "", role[other.end :].strip(" ,"))
    head, _, title = role.rpartition(" and ")  # "of ... in Stockholm and Professor X"
    if head and all(is_title(w) for w in title.split()) and not ROLE_NOUN.search(head):
        role = title
    if not (ROLE_NOUN.search(role) or any(is_title(w) for w in role.split())):
        return ""
    if role.lower().rstrip(".") in ("mr", "mrs", "ms", "dr", "sir", "prof", "cllr"):
        return ""
    if all(w.endswith(".") for w in role.split()):
        return ""  # "Sen.", "Rep.": how the name is addressed, as "Mr" is
    return _honorifics_dropped(role)


_APPOSED_OPENING = re.compile(
    r"(?:^|[.!?]\s+)(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w-]*['’]s)\s+[^,.!?]{1,60},$"
)
"""A role in apposition opening its sentence ("The committee chair,")."""
_HONORIFICS = ("mr", "mrs", "ms", "dr", "sir", "dame", "prof", "honour", "cllr")
"""How a name is addressed ("His Honour Judge X" is a judge), no part of a role."""
_ADDRESSED = ("mr", "mrs", "ms", "dr", "sir", "honour", "cllr")
"""How a name is addressed; a councillor's "Cllr" says the office, which ``OFFICE_TITLES``
gives when no other role is written."""


def _role_noun_just_before(words: list[str]) -> bool:
    """A role noun among the few words before, none of them ending a clause."""
    return not any(w.endswith((",", ";", ":", ".")) for w in words) and any(
        ROLE_NOUN.fullmatch(w) for w in words
    )


def _honorifics_dropped(role: str) -> str:
    """ "Dr." or "Mr" is how a name is addressed, not a role."""
    words = [w for w in role.split() if w.rstrip(".").lower() not in _ADDRESSED]
    return " ".join(words)


_AGE = (
    r"(?:\s+(?:of|from)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?(?=,))?"
    r"(?:,\s*\d{1,3}(?=,))?(?:,\s+[DRI]-[A-Z][A-Za-z.]{0,12}(?=,))?"
)
"""What may stand between a name and its role: where they are from ("Roger Wicker of
Mississippi, the top Republican"), an age ("Fergus Hanson, 44, who heads ..."), an AP party
tag ("Jack Reed, D-R.I., the committee's chairman")."""
_ROLE_CHAR = r"(?:[^,.;:“”\"]|\.(?=\w)|(?<=\.[A-Z])\.|(?<=\s[A-Z])\.(?=\s[A-Z]))"
"""A character of a role; dots only inside an abbreviation ("commander of U.S. Cyber Command")
or after an initial ("senior fellow at the S. Rajaratnam School")."""
ROLE_AFTER = re.compile(
    _AGE
    + rf"(?:\s*\([^()]{{1,40}}\))?,\s+(?P<role>(?:the\s+|a\s+|an\s+)?{_ROLE_CHAR}{{2,160}}?)"
    + r"(?=,|(?<!\.[A-Z])(?<!\s[A-Z])\.(?:\s|$)|;|$|\s+who\b)"
)
"""", the mayor of The Hague," after a name (after a party tag too: "(D-Va.), the ...")."""


_WHO_HEADS = re.compile(
    _AGE + r"(?:\s*\([^()]{1,40}\))?,\s+who\s+(?:now\s+|also\s+|currently\s+)?"
    r"(?P<verb>heads|leads|chairs|runs|directs|captains|manages|"
    r"has\s+(?:chaired|led|headed|run|directed))\s+"
    r"(?P<what>(?:[^,.;:“”\"]|\.(?=\w)|(?<=\.[A-Z])\.){2,120}?)(?:\s+since\s+\d{4})?"
    r"(?:(?=,|;|$)|(?<!\.[A-Z])(?=\.(?:\s|$)))"
)
_HEADS = {
    "heads": "head",
    "leads": "leader",
    "chairs": "chair",
    "runs": "head",
    "directs": "director",
    "captains": "captain",
    "manages": "manager",
    "has headed": "head",
    "has led": "leader",
    "has chaired": "chair",
    "has run": "head",
    "has directed": "director",
}
"""The role a relative clause gives ("who chairs X", "who has chaired X since 2021": the
present perfect is a role held now; "who led the opposition" is what someone did)."""


_WHO_IS = re.compile(
    _AGE + r"(?:\s*\([^()]{1,40}\))?,\s+who\s+(?:[^,.;:“”\"]{0,100}?\s+and\s+)?"
    r"(?:is|has\s+been|(?:later\s+|then\s+)?became)\s+(?:now\s+)?"
    r"(?P<role>(?:the|a|an|[A-Z][\w-]*['’]s)\s+[^,.;:“”\"]{2,120}?)"
    r"(?=,|;|$|\.(?:\s|$))"
)
"""", who was then ... and is now the director of X." (the role held now); ", who served as
her deputy ... and later became Sweden's ambassador for cyber affairs." (the last one held)."""


def role_after(text: str) -> tuple[str, int]:
    """The role in an apposition right after a name, if it holds a role noun, and where the
    apposition ends in ``text``; ", who heads X," is the head of X, ", who is now the director
    of X" its director."""
    heads = _WHO_HEADS.match(text)
    if heads:
        return f"{_HEADS[' '.join(heads['verb'].split())]} of {heads['what'].strip()}", heads.end()
    now = _WHO_IS.match(text)
    if now and ROLE_NOUN.search(now["role"]):
        return re.sub(r"^(?:the|a|an)\s+", "", now["role"]), now.end()
    court = COURT_AFTER.match(text)
    if court:
        return COURT_ROLES[court["side"]], court.end()
    m = ROLE_AFTER.match(text)
    if not m:
        return "", 0
    role = BYLINE_TAIL.sub("", m["role"]).strip()
    served = SERVED_AS.match(role)
    if served:  # "Erik Lindqvist, served as Sweden's ambassador to Moscow in the 1990s"
        held = ERA.sub("", role[served.end() :])
        owner = re.match(r"[A-Z][\w’'-]*['’]s\s+", held)  # "Sweden's former ambassador"
        role = f"{owner.group()}former {held[owner.end() :]}" if owner else f"former {held}"
    then = _THEN_WHO.match(text, m.end())
    if then and then["verb"] == "is now" and ROLE_NOUN.search(then["what"]):
        # "the former security minister who is now chairman of Northmoor Bank": the role now
        return re.sub(r"^(?:the|a|an)\s+", "", then["what"].strip()), then.end()
    if then and then["verb"] in _HEADS:  # "a Social Democrat who chairs the subcommittee"
        role = f"{role}, {_HEADS[then['verb']]} of {then['what'].strip()}"
        m_end = then.end()
    else:
        m_end = m.end()
    first = role.split()[0].lower()
    if not ROLE_NOUN.search(role) or (first in ROLE_PREFIX_STOP and first not in _ARTICLES):
        return "", 0
    if _VERB_OF_SAYING.fullmatch(first) or _DID.fullmatch(first):
        return "", 0  # "the MP for X, Tom Ashworth, asked the minister ...": what they did
    if _NEXT_NAME.match(text, m_end) and re.match(r"[A-Z][\w-]*['’]s\s", role):
        return "", 0  # "Norway's minister, X, Sweden's minister, Y, ...": Y's role, not X's
    if any(
        role_before(role[: other.start])
        and (
            re.match(r"\s*(?:,|and\b)", role[other.end :])
            or (not role[other.end :].strip() and re.match(r"[A-Z][\w-]*['’]s\s", role))
        )
        for other in people_in(role)
    ):
        return "", 0  # a list of people ("..., Cisco's vice-president Brad Boston and ...")
    role, m_end = with_department(role, text, m_end)
    return re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.IGNORECASE), m_end


_THEN_WHO = re.compile(
    r"\s+who\s+(?:now\s+|also\s+|currently\s+)?(?P<verb>is now|heads|leads|chairs|runs|directs)"
    r"\s+(?P<what>(?:[^,.;:“”\"]|\.(?=\w)|(?<=\.[A-Z])\.){2,120}?)"
    r"(?:(?=,|;|$)|(?<!\.[A-Z])(?=\.(?:\s|$)))"
)
"""A relative clause after an apposition's role: what the person heads or chairs, or the role
they hold now ("X, a Danish Social Democrat who chairs the ... subcommittee,")."""


_ARTICLES = ("the", "a", "an")
_VERB_OF_SAYING = re.compile(rf"(?:{SAY})")
_DID = re.compile(r"(?!(?:retired|elected|appointed|designated|acting)$)[a-z]{3,}ed")
"""A verb in the past after a name ("X, signed the agreement at the General ... Academy"):
what they did, never a role, though a role noun follows."""
_NEXT_NAME = re.compile(r",\s+(?:[A-Z][\w’'-]+\s+){1,3}?[A-Z][\w’'-]+,")
"""The next name of a list right after an apposition ("..., Sweden's defence minister, Karin
Lundqvist, and ...")."""
_IS_ROLE = re.compile(
    r"^(?:,\s+\d{1,3},)?\s+(?:(?:is|has\s+been)\s+(?=(?:a|an|the)\s)|was\s+(?:appointed|named|elected)\s+(?:as\s+)?|became\s+|"
    r"took\s+(?:up\s+|over\s+)?(?:the\s+)?(?:new\s+)?(?:post|position|role|job)\s+(?:of|as)\s+)"
)
_WHEN = re.compile(
    r"\s+(?:last|this|next|in|on|since)\s+(?:(?:spring|summer|autumn|winter|year|month|week|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\b(?:\s+\d{4})?|\d{4})$"
)


def role_stated(text: str) -> str:
    """ "X is a senior fellow at Y", "X took up the new post of ambassador for cyber affairs
    last spring": the role a sentence opening with a name states (an author's note, an
    appointment), without when; empty when the words after the verb hold no role."""
    found = _IS_ROLE.match(text)
    role = role_after(", " + text[found.end() :])[0] if found else ""
    return _WHEN.sub("", role)


OFFICE_TITLES = {
    "Sen.": "Senator", "Sen": "Senator", "Rep.": "Representative", "Prof": "Professor",
    "Prof.": "Professor", "Cllr": "Councillor", "Cllr.": "Councillor",
}  # fmt: skip
"""A title that is an office, with no other role written ("Sen. Tom Kessler, R-Kan., who led
the opposition", "Prof Tomasz Nowak, who studies ..."): the office it abbreviates."""


def apposed_role(apposition: str) -> str:
    """The role in an apposition before a name, without its determiner or where it was
    said ("Our correspondent in the room" is a correspondent); "" without a role noun."""
    role = re.sub(
        r"^(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur|[Mm]y)\s+", "", apposition
    )
    role = re.sub(r"\s+(?:in|at|on)\s+the\s+[a-z]+$", "", role.strip())
    return role if ROLE_NOUN.search(role) else ""
