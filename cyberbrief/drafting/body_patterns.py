"""Where a body speaks in news copy: an institution named in full ("The Ministry of Defence
said"), by a short noun the article has defined ("the Commission said"), by its acronym ("The
ICO said"), or a name of any shape with a clause saying it is a body ("DigitalEurope, which
represents ..., said"). A person is never one of these: the patterns only say where a body's
name stands, and the speaker rules check it names no person.
"""

from __future__ import annotations

import re

from cyberbrief.drafting.attribution_patterns import SAY

_BODY = (
    r"(?:Ministry|Department|Office|Agency|Commission|Council|Centre|Center|Bureau|Service|"
    r"Directorate|Authority|Embassy|Command|Secretariat|Association|Federation|Institute|"
    r"Foundation|Organi[sz]ation|Treasury|Consortium|Coalition)"
)
_OF = (
    r"(?:\s+(?:of|for)|(?<=Embassy)\s+in|(?<=Consulate)\s+in)\s+(?:the\s+)?[A-Z][\w’'-]*"
    r"(?:\s+(?:and\s+)?[A-Z][\w’'-]*){0,3}(?:(?:,\s+[A-Z][\w’'-]*)+\s+and(?:\s+[A-Z][\w’'-]*){1,3})?"
)
"""What a body's name is of or for ("of Defence", "for Information Security", a list in it:
"of Housing, Communities and Local Government")."""
_INSTITUTION = (
    rf"(?:(?:(?:[A-Z][\w’'.-]*|&)\s+(?:of\s+(?=[A-Z]))?){{1,4}}{_BODY}(?:{_OF})?|{_BODY}{_OF})"
)
"""An institution's full name: "Foreign Office", "Ministry of Defence", "Port of Liepāja
Authority", never "Commission" alone (which one?)."""
_FRONTED = (
    r"(?:[A-Z][^.!?,“”\"]{0,40},\s+|(?:On|In|Last|Earlier|Later|By)\s+[\w ]{1,25}?\s+(?=the\s)"
    r"|[A-Z][A-Z .'/]{2,30}\s+[-—–]+\s+)?"
)
"""A short clause before an institution's sentence: "In a statement, the ...", "On Monday, the",
"On 14 June the", a capital's dateline ("BERLIN - Germany's ...")."""
ORG_SAID_BEFORE = re.compile(
    rf"(?:^|[.!?]\s+){_FRONTED}(?:[Tt]he|[A-Z][a-z]+['’]s)\s+(?P<org>{_INSTITUTION})"
    rf"(?:\s*\([A-Z][\w.&-]{{1,12}}\))?(?:,\s+(?:which\b|whose\b|the\s|an?\s|in\s)"
    rf"[^.!?“”\"]{{1,140}}?,)?\s+(?:also\s+)?(?P<verb>{SAY})"
    r"(?:\s+in\s+a\s+(?:written\s+)?statement)?(?:\s*[,:]|\s+(?:that\s+)?[^.!?“”\"]{0,120})\s*$"
)
"""'The Ministry of Defence said in a statement: "..."' (or '... that the arrangement "..."',
'In a statement, the U.S. Embassy in Seoul said ...',
'... the EU had secured "..."'): an institution named in full speaks for itself, also after a
clause saying what it is ("The X Association, whose members include ..., said", "The European
External Action Service, the EU's diplomatic arm, said") or its acronym
("The Federation of German Industries (BDI) said"), after a country's possessive ("Germany's
Federal Office ... (BSI), which ..., said") or an aside ("The X, in a letter dated ..., said")."""
NAMED_BODY_SAID_BEFORE = re.compile(
    rf"(?:^|[.!?]\s+){_FRONTED}(?P<org>[A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*){{0,3}}),\s+"
    rf"(?P<rel>which\b|whose\b|the\s|an?\s)[^.!?“”\"]{{1,100}}?,\s+(?:also\s+)?(?P<verb>{SAY})"
    r"(?:\s*[,:]|\s+(?:that\s+)?[^.!?“”\"]{0,120})\s*$"
)
"""'DigitalEurope, which represents ..., said it was "..."', 'Microsoft, whose researchers ...,
said in a blog post that ... "..."', 'CTIA, the wireless industry's trade group, said': a name
of any shape is an organisation's when a which or whose clause follows it (whose only when it
names no person), or an apposition whose head noun is a body's ("group", "association")."""
APPOSED_BODY_SAID_BEFORE = re.compile(
    rf"(?:^|[.!?]\s+){_FRONTED}[Tt]he\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>[a-z]+),\s+"
    rf"(?P<org>[A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*){{0,3}}),\s+(?:also\s+)?(?P<verb>{SAY})"
    r"(?:\s*[,:]|\s+(?:that\s+)?[^.!?“”\"]{0,120})\s*$"
)
"""'The contractor, Meridian Rail Systems, said its account had been "..."': a body named in
apposition to a noun for a body (``BODY_NOUN``) speaks for itself."""
BODY_NOUN = re.compile(
    r"\b(?:group|association|body|company|firm|agency|organi[sz]ation|alliance|union|contractor|"
    r"supplier|vendor|"
    r"federation|institute|network|coalition|council|regulator|watchdog|charity|consortium|"
    r"lobby|think[- ]tank|operator|provider|maker|manufacturer|bank|insurer|board|authority)"
    r"(?=$|\s+(?:of|for|representing|that|which|whose|with|in|based|from|on|behind)\b)"
)
"""The head noun of an apposition saying what an organisation is ("the wireless industry's
trade group", "a trade association representing ..."), where its modifiers begin."""
ORG_SAID_AFTER = re.compile(
    rf"^[,.]?\s*(?:(?P<verb>{SAY})\s+)?[Tt]he\s+(?P<org>{_INSTITUTION})"
    rf"(?:\s+(?:also\s+)?(?P<after>{SAY}))?(?=[\s,.])"
)
"""'"...," the Foreign Office said.', '"...," said the European Commission.'."""
SHORT_ORG_SAID_BEFORE = re.compile(
    rf"(?:^|[.!?]\s+){_FRONTED}[Tt]he\s+(?P<org>(?i:{_BODY}))\s+(?:also\s+)?(?:{SAY})\b"
    r"[^.!?“”\"]{0,120}$"
)
"""'The Commission said the strategy was "..."': an institution by its head noun alone, the
speaker when the article names exactly one such institution (``institutions.short_org``)."""
ACRONYM_SAID_BEFORE = re.compile(
    rf"(?:^|[.!?]\s+){_FRONTED}(?:[Tt]he\s+)?(?P<org>(?!(?:UK|US|USA|UAE)\b)[A-Z]{{2,6}})\s+"
    rf"(?:also\s+)?(?P<verb>{SAY})\b[^.!?“”\"]{{0,120}}$"
)
"""'The ICO said it had made enquiries and was "..."': a body by its acronym (never a
country's: "The US said" is a government, not a body the draft can name)."""
SHORT_ORG_SAID_AFTER = re.compile(
    rf"^[,.]?\s*(?:(?P<verb>{SAY})\s+)?[Tt]he\s+(?P<org>(?i:{_BODY}))"
    rf"(?:\s+(?:also\s+)?(?P<after>{SAY}))?(?=[\s,.])"
)
"""'"...," the Commission said.', '"...," the agency said in a statement.'."""
