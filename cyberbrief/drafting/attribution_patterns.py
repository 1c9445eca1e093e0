"""The words that attribute a quote in news copy, as patterns: the verbs of saying, a speaker
before or after the quote ("..., said X"; "X told the forum:"), "quoted as saying", photo
captions, interview questions and answers, and where the attributing clause ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cyberbrief.drafting.people import PARTICLE, ROLE_NOUNS, RUN, is_title, people_in

SAY = (
    r"said|says|added|adds|warned|warns|told|tells|concluded|concludes|explained|explains|"
    r"argued|argues|stated|states|noted|notes|insisted|insists|claimed|claims|declared|"
    r"announced|urged|urges|wrote|writes|asked|asks|cautioned|cautions|continued|continues|"
    r"stressed|stresses|emphasi[sz]ed|emphasi[sz]es|commented|comments|remarked|remarks|"
    r"observed|observes|acknowledged|acknowledges|admitted|admits|conceded|concedes|"
    r"maintained|maintains|recalled|recalls|replied|replies|responded|responds|suggested|"
    r"suggests|reiterated|reiterates|underlined|underlines|underscored|underscores|"
    r"highlighted|highlights|affirmed|asserted|asserts|predicted|predicts|pointed out|"
    r"points out|confirmed|confirms|agreed|agrees|told reporters|called|posted|posts|"
    r"tweeted|tweets|described|describes|remembers|remembered|calls\s+(?:it|this|that|them)\b|"
    r"(?:liked|likes|loved|loves)\s+to\s+(?:say|call|describe)|thinks|reckons|believes|"
    r"dismissed|dismisses|countered|counters|retorted|retorts|promised|promises|pledged|pledges|"
    r"vowed|vows|repeated|repeats|accused|accuses"
)
_WHO = (
    rf"(?P<who>\b[Hh]e|\b[Ss]he|\b[Tt]he\s+(?:[A-Za-z][\w-]*\s+){{0,2}}?(?i:{ROLE_NOUNS})\b"
    rf"|(?:\b{PARTICLE}\s+)?{RUN.pattern})"
)
"""Who a quote is attributed to: a pronoun, "the defence minister", "the Polish minister", or a
name."""
WHO = _WHO
_TOLD_WHOM = (
    r"(?:(?:(?<=told)|(?<=tells))\s+(?:the\s+)?[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*){0,3}"
    r"(?:['’]s(?:\s+[A-Z][\w’'-]*)+(?:\s+programme)?)?(?=[\s,.;]))?"
)
"""Whom it was told, taken into the attribution: "he told the BBC", "told Radio 4's Today
programme" (so a quote after it is still the speaker's)."""
SAID_AFTER = re.compile(
    rf"^[,.]?\s*{_WHO}(?:\s*\([^()]{{1,40}}\))?(?P<appos>,[^,“”\"]{{1,80}},)?"
    rf"\s+(?:also\s+|later\s+|then\s+)?(?:{SAY})\b{_TOLD_WHOM}"
)
"""'"...," Sen. Mark Warner (D-Va.), the vice chairman of ..., said'."""
ROLE_NAME_SAID = re.compile(
    rf"^[,.]?\s*(?P<pre>(?:[A-Za-z][\w’'-]*\s+){{1,8}}?)(?P<who>{RUN.pattern})"
    rf"\s+(?:also\s+)?(?:{SAY})\b"
)
"""'"...," foreign ministry spokesman Geng Shuang told a news briefing': a role in lower case
before the name."""
ROLE_APPOSED_SAID = re.compile(
    rf"^[,.]?\s*(?P<role>(?:the|[A-Z][\w-]*['’]s)\s+[^,“”\"]{{2,60}}),\s+(?P<who>(?:[A-Za-z][\w’'-]*\s+){{0,4}}?"
    rf"{RUN.pattern}),\s+(?:also\s+)?(?:{SAY})\b{_TOLD_WHOM}"
)
"""'"...," the chair of the session, Kenyan ambassador X, told reporters'."""
NAME_IN_APPOSITION = re.compile(
    rf",\s+(?P<who>{RUN.pattern})(?:\s+\([A-Z][\w/-]{{1,12}}\))?(?=\s*[,.;]|\s*$)"
)
"""The name after a role that followed the verb: '"...," said Brazil's cyber ambassador, X,'
(with a party in brackets: '..., said the state's Minister for Home Affairs, X (CDU),')."""
SO_NAME_AFTER = re.compile(rf"^,?\s*so\s+(?P<who>{RUN.pattern})(?=\s*[.;]|\s*$)")
"""German copy in translation: '„...“, so Wendt.' ("said Wendt"), the name ending the sentence."""
DASH_CREDIT = re.compile(
    rf"^[,.]?\s*[—–]\s*(?:{RUN.pattern})(?:,\s+[DRI]-[A-Z][A-Za-z.]{{1,12}})?(?=,|\s+in\b|\.|\s*$)"
)
"""A quote credited after a dash, as a claim or an epigraph is ('"..." — Sen. X, R-Tenn., in a
post on X')."""
DOCUMENT_SAID = re.compile(
    r"^[,.]?\s*(?:(?:said|added|read)\s+)?the\s+(?P<noun>statement|letter|post|declaration|"
    r"communiqu[eé]|thread|video|email)(?:\s+(?:said|added|read|says|adds|continued))?(?=[\s,.])"
)
"""'"...," the statement said': whoever the paragraph gave that statement to."""
ACCORDING_AFTER = re.compile(rf"^[,.]?\s*according\s+to\s+{_WHO}(?P<appos>,[^,“”\"]{{1,80}},)?")
"""'"...," according to Lopez.'"""
ACCORDING_BEFORE = re.compile(
    rf"(?:^|[.!?]\s+|\s)[Aa]ccording\s+to\s+{_WHO}(?P<appos>,[^,.;:!?“”\"\n]{{1,80}})?,[ \t]*$"
)
"""'According to Maria Lopez, the head of the committee, "..."': nothing between the
attribution and the quote."""
QUOTED_AS = re.compile(
    rf"^[,.]?\s*(?:[\w’'-]+\s+){{0,4}}?quoted\s+(?P<who>him|her|{RUN.pattern})\s+as\s+saying"
)
"""'"...," the statement quoted him as saying.'"""
TOLD_BY = re.compile(
    r"\b(?:was|were|had\s+been|has\s+been|have\s+been|being)\s+(?:told|warned|asked|urged|"
    r"advised|instructed|ordered)\s+by\s+(?:(?:the|her|his|their|its)\s+[^,.!?“”\"]{1,60},\s+)?"
    rf"(?P<who>{RUN.pattern})(?:,)?[^.!?“”\"]{{0,80}}$"
)
"""'she had been warned by the chief executive, Richard Tallis, not to "..."': the words are
whom the passive's "by" names, not the subject's (who only reports them)."""
SAY_AGAIN = re.compile(rf"(?<!\band\s)(?<!\band also\s)\b(?:{SAY})\b")
"""A second verb of saying in reported speech ("The Ministry said Tusk had called it "...""):
the words quoted may be someone else's; one joined by "and" is the subject's own ("The ICO
confirmed ... and said it would "..."")."""
SAY_FIRST = re.compile(rf"^[,.]?\s*(?:{SAY})\s+")
HEDGE = r"(?:(?:also|later|then|further|allegedly|reportedly|apparently|publicly|privately)\s+)?"
"""An adverb between a speaker and the verb ("Voloshin allegedly told an affiliate to")."""
SAID_BEFORE = re.compile(
    rf"{_WHO}\s+{HEDGE}(?:{SAY})(?:\s+(?:the\s+)?[\w\s]{{0,30}}?)?(?:\s+that)?\s*[,:]?\s*$"
)
NAME_OF_SAID = re.compile(
    rf"(?:^|\s)(?P<who>{RUN.pattern})\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Za-z][\w’'-]*){{0,6}}?"
    rf"\s+(?:also\s+)?(?:{SAY})\b[^.!?“”\"]{{0,160}}$"
)
"""A name with where they work between it and the verb: "Detective Inspector X of the
National Crime Agency's cyber crime unit said the sentence was a warning ... "..."."""
CAPTION = re.compile(rf"{_WHO}:\s*$")
_FRONTED_ROLE = (
    rf"(?:(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur|[Mm]y)\s+[^,.!?“”\"]{{0,60}}?"
    rf"\b(?i:{ROLE_NOUNS})\b[^,.!?“”\"]{{0,40}},\s+)?"
)
"""A role in apposition before the name: "His deputy prime minister ..., Mykhailo Fedorov,"."""
APPOSED_SAID = re.compile(
    rf"(?P<role>(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur|[Mm]y|[A-Z][\w-]*['’]s)\s+[^,.!?“”\"]{{0,60}}?\b(?i:{ROLE_NOUNS})\b"
    rf"[^,.!?“”\"]{{0,40}}),\s+(?:the\s+late\s+)?(?P<who>{RUN.pattern})"
    rf"(?:\s+(?:of|at|from)\s+(?:the\s+)?[^,.!?“”\"]{{1,50}})?,\s+"
    rf"(?:[a-z][^,.!?“”\"]{{0,80}}?\s+(?:but|and)\s+)?(?:also\s+)?(?:{SAY})\b"
)
"""A role in apposition before the name, the name between commas, then the verb: "the chair of
the negotiations, Faouzia Boumaiza Mebarki, called it "..."", "Its executive director, X,
said hospitals remained "..."", "TechUK's deputy chief executive, X, described it as", "Its
lawyer, X of the firm Y, said", and
after a first verb ("NATO's spokesperson, X, declined to comment but said allies were "..."")."""
WHO_SAID = re.compile(
    rf"(?P<who>{RUN.pattern}),\s+who\s+(?:also\s+|later\s+|then\s+)?(?:{SAY})\b[^.!?“”\"]{{0,120}}$"
)
"""A relative clause saying it: "..., Mahmoud Ali Youssouf, who called cyber security "..."."""
_ASKED = (
    r"(?:(?:Asked|Pressed|Questioned|Challenged|Responding|Replying|When|After|Once|While)\b"
    r"[^.!?“”\"]{0,150},\s+)?"
)
"""A press conference's opening clause before the subject: "Asked whether ..., X said:", "When
the OPCW's director-general, X, was asked ..., he answered:"; to its
last comma, so a name inside it ("Asked about Merz, Tusk and ..., X was blunt:") is no subject."""
ASKED_BY = re.compile(
    r"(?:^|[.!?]\s+)(?P<clause>(?:Asked|Pressed|Questioned|Challenged|Quizzed)\s+"
    r"(?:[a-z]+\s+)?by\b[^.!?“”\"]*,\s+)$"
)
"""A question's asker opening the sentence before its subject ("Asked by the Labour MP for
Walsall North, Kwame Asante, whether ..., she said:"): the subject is someone else."""
COLON_LEAD = re.compile(
    rf"(?:^|[.!?]\s+){_ASKED}{_FRONTED_ROLE}{_WHO}(?=[\s,])[^.!?“”\"]{{1,160}}:\s*$"
)
"""A sentence whose subject hands over to the quote: "He used the case of X as an example:",
"X, a Dutch MEP, welcomed the move:", "A government spokesman, X, wrote on social media:"."""
ASKED_ABOUT = re.compile(
    r"(?:^|[.!?]\s+|\n)(?:Asked|Pressed|Questioned|Quizzed|Challenged)\b[^.!?“”\"\n]*,\s+$"
)
"""A question's clause opening a sentence up to its subject ("Asked about Duval's complaint,
Reyes chooses his words"): whoever it names is the topic, the subject after it the one who
answers."""
HIS_LINE = re.compile(
    r"(?:^|[.!?]\s+)(?P<who>[Hh]is|[Hh]er)\s+(?:(?:main|key|central|basic)\s+)?"
    r"(?:line|message|argument|verdict|answer|reply|response|pitch|warning|point)"
    r"(?:\s+(?:was|is))?:\s+[^.!?“”\"]{0,160}$"
)
"""A live blog's summary of a speech: 'Her line: the mechanism will "..." if ...'."""
LEAD_IN = re.compile(rf"{_WHO}\s+(?:also\s+)?(?:{SAY})\b[^.:“”\"]{{0,80}}:\s*$")
"""A paragraph that hands over to a quote: "Matsubara said:", "He told reporters:"."""
INTERVIEW = re.compile(
    rf"\b(?:(?:spoke|talked|speaks|talks)\s+(?:to|with)|interview(?:ed|s)?(?:\s+with)?)\s+"
    rf"(?P<who>{RUN.pattern})"
)
"""An interview's introduction: "Politico spoke to Marietje Schaake, ..."."""
ANSWER = re.compile(r"^A\s*[:.]\s")
"""An interview's answer paragraph: 'A: "..."'."""
SPOKE = re.compile(
    rf"{_WHO}(?:,[^,“”\"]{{1,80}},)?\s+(?:has\s+been\s+|is\s+|was\s+)?"
    r"(?:speaking|spoke|addressed|addressing)\b"
)
"""A paragraph saying someone spoke ("X has been speaking at a press conference"): the quotes
set out after it (a list of key lines) are theirs when nobody else is named."""
TIMESTAMP = re.compile(
    r"^(?:(?:Updated|Update|Posted)(?:\s+at)?\s+)?\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?"
    r"(?:\s+(?:[A-Z]{2,5}|[A-Z][a-z]+\s+time))?(?:\s*[|:–-]\s*.{0,60})?$",
    re.IGNORECASE,
)
"""A live blog's entry heading ("10.32am", "14:05 GMT", "Updated at 9.30pm"): a new entry, so
a quote after it is not the previous entry's speaker's."""
THAT_WAS = re.compile(
    r"^(?:That|Those)\s+(?:was|were)\s+(?:the\s+words\s+of\s+)?"
    rf"(?:[^,.!?“”\"]{{0,80}}?\b(?i:{ROLE_NOUNS})\b[^,.!?“”\"]{{0,40}},\s+)?"
    rf"(?P<who>{RUN.pattern})(?=[\s,.;]|$)"
)
"""A live blog's attribution after a quote that opens an entry: '"..."' then "That was China's
deputy permanent representative, Wang Lei, responding a minute ago."."""
LIST_LEAD = re.compile(r"^(?:Here\s+(?:are|is)|These\s+(?:are|were))\b[^“”\"A-Z]{0,60}:\s*$")
"""A paragraph announcing a list ("Here are the key lines:") names no speaker of its own."""
CONTINUES = re.compile(r"^(?:Then|Later|Afterwards|Finally|Again)\b[a-z ,]{0,30}:\s*$")
"""A lead-in that names nobody ("Then, after a pause:"): the quote after it is the previous
speaker's, as a paragraph of quote alone is."""
ROLE_SUBJECT = re.compile(
    rf"(?:^|[.!?]\s+)(?:[A-Z][^.!?“”\"]{{0,150}},\s+)?[Tt]he\s+"
    rf"(?P<role>(?:[a-z][\w-]*\s+){{0,3}}?(?:{ROLE_NOUNS})(?:\s+(?:{ROLE_NOUNS}))*)"
    r"\s+[a-z][^.!?“”\"]*[.!?]\s*$"
)
"""A sentence whose subject is a role ("Asked about that criticism, the executive director
smiled."): the quote after it, named to someone with no role yet, tells whose role it is."""
ROLE_OPENS = re.compile(
    rf"(?:^|[.!?]\s+|\n)(?:[A-Z][^.!?“”\"\n]{{0,150}},\s+)?[Tt]he\s+"
    rf"(?P<role>(?:[A-Za-z][\w’'-]*\s+){{0,3}}?(?i:{ROLE_NOUNS})"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:for\s+|of\s+)?[A-Z][\w’'-]*){0,4})?)"
    r"\s+(?:[a-z]+)\b"
)
"""A sentence whose subject is a role ("The director of the Centre for Cyber Security was
more direct.", "Asked whether ..., the minister said"): a pronoun after it means that role's
holder, not whoever was named last."""
ROLE_LABEL = re.compile(
    rf"^(?P<label>(?:[A-Z][\w.’'-]*\s+){{0,2}}(?P<role>(?i:{ROLE_NOUNS}))):\s*$", re.IGNORECASE
)
"""A headline giving the speaker by role ('EU envoy: "..."', 'Chair: "..."'), as live blogs
and news digests head an entry whose first paragraph names them."""
LABEL = re.compile(
    r"^(?:\[\d{1,2}(?::\d{2}){1,2}\]\s*)?"
    r"(?P<label>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})(?:\s*\([^()]{1,60}\))?:\s+"
    r"(?P<words>\S.*)$"
)
"""A transcript's paragraph: the speaker's label, a colon, their words ("Cameron: Ransomware",
"COMMISSIONER LINDQVIST: Thank you", "Q (Kenji Mori, Nikkei): Commissioner, ...", a
podcast's time code first: "[00:00:31] GARETH LLOYD: Some did")."""


def label_key(label: str) -> str:
    """Who a label names, without its titles: "COMMISSIONER LINDQVIST" is "LINDQVIST" on
    later answers, "DIRECTOR GENERAL TANABE" "TANABE"."""
    words = label.split()
    while len(words) > 1 and is_title(words[0]):
        words = words[1:]
    return " ".join(words).lower()


def answering(
    paragraphs: list[str], names_a_person: Callable[[str], bool] = lambda _: False
) -> set[str]:
    """The labels of a transcript's answers: used on two paragraphs or more, in a text where
    another label asks two questions or more (so "Stoltenberg: allies agree ..." in a list of
    key points is no transcript), or where two labels or more that name people the article
    introduces ("David Kwan:" after a list of participants) are each used twice or more (a
    podcast, an earnings call: every such label speaks)."""
    said: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for paragraph in paragraphs:
        found = LABEL.match(paragraph)
        if found:
            said.setdefault(label_key(found["label"]), []).append(found["words"])
            labels.setdefault(label_key(found["label"]), found["label"])
    asking = {label for label, words in said.items() if sum(w.endswith("?") for w in words) >= 2}
    people = {k for k, words in said.items() if len(words) >= 2 and names_a_person(labels[k])}
    if len(people) >= 2:  # a transcript: every label naming a person speaks, once or more
        return {k for k in said if names_a_person(labels[k])}
    return {label for label, words in said.items() if len(words) >= 2 and asking - {label}}


_SAY_PLURAL = r"say|write|argue|warn|add|tell|insist|conclude|note|recommend"
"""The present tense of a pair's verb ("Voss and Idris write that ...", '"...," they write')."""
THEY_SAID_AFTER = re.compile(rf"^[,.]?\s*they\s+(?:also\s+)?(?:{SAY}|{_SAY_PLURAL})\b")
"""'"...," they said in a blog post': a joint statement of the pair named before."""
PAIR_SUBJECT = re.compile(
    r"(?:^|\n|[.!?]\s+)(?P<a>[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,2})\s+and\s+"
    r"(?P<b>[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,2})(?P<clause>,[^,.“”\"]{1,100},)?\s+"
    rf"(?:have\s+|had\s+|also\s+|later\s+|jointly\s+|then\s+)?(?:[a-z]+ed|{SAY}|{_SAY_PLURAL})\b"
)
"""A sentence opening with two names and a verb ("Intel and McAfee announced ...", "Microsoft
and Google, which ..., welcomed", "Vodafone and Bharti Airtel, which ..., said")."""
_APPOSED = r"(?:(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w-]*['’]s)\s+[^,.;:“”\"]{1,60},\s+)"
_PARTY = r"(?:\s*\([^()]{1,40}\))?"
PAIR_OPENING = re.compile(rf"(?:^|[.!?]\s+|\n)(?:[A-Z][^,.;:“”\"]{{0,60}},\s+)?{_APPOSED}?$")
"""What opens a sentence before the first of two people speaking jointly: "In a letter sent
Tuesday, the committee's chair, "."""
PAIR_BETWEEN = re.compile(rf"{_PARTY},?\s+and\s+{_APPOSED}?")
"""Only the second one's role between the two: "(R-N.Y.), and its top Democrat, "."""
PAIR_VERB = re.compile(rf"{_PARTY},?\s+(?:also\s+|jointly\s+)?(?:[a-z]+ed|{SAY})\b[^“”\"]*$")
"""The pair's verb right after the second name: "(D-Miss.), asked the department ..."."""
_SOMEONE = (
    rf"{ROLE_NOUNS}|nurse|doctor|resident|worker|source|person|man|woman|student|teacher|"
    r"patient|employee|citizen|voter|hacker|insider|witness|survivor|victim|user|customer|"
    r"parent|mother|father|owner|entrepreneur|executive|specialist|technician|soldier|officer|"
    r"caller|listener|viewer|reader|participant|contractor|attendee|delegate"
)
SOMEONE_UNNAMED = re.compile(
    r"(?:^|[.!?]\s+|\n)(?P<lead>[A-Z][^.!?,“”\"\n]{0,60},\s+)?(?:[Aa]n?|[Oo]ne|[Aa]nother|"
    r"[Tt]he\s+(?:first|second|third|next|last|final))\s+"
    rf"(?:[\w’'-]+\s+){{0,4}}?(?i:{_SOMEONE})s?\b"
)
"""A sentence whose subject is someone unnamed ("Outside the building, a nurse from a Warsaw
hospital watched ...", "The first caller, Dave from Gillingham, said"): a pronoun after it
may mean them, so it names nobody named earlier."""
SOMEONE_INTRODUCED = re.compile(
    rf"\b(?:by|is|was|are|were)\s+an?\s+(?:[\w’'-]+\s+){{0,3}}?(?i:{_SOMEONE})\s+(?:who|whose)\b"
)
"""Someone unnamed brought in by a clause ("The red team ... is led by a civilian contractor who
asked to be identified only by his call sign"): a pronoun after it may mean them too."""
_CLAUSE_END = re.compile(r"[,;“”\"]|\.(?:\s|$)")


def clause_end(text: str) -> int:
    """Where the clause opening ``text`` ends: a comma, a quote mark or a full stop that is
    not an abbreviated title's ("said Dr. María García-López, ...")."""
    for mark in _CLAUSE_END.finditer(text):
        word = text[: mark.start()].rsplit(None, 1)[-1:] if mark.group().startswith(".") else []
        if not (word and word[0][:1].isupper() and len(word[0]) <= 4 and is_title(word[0])):
            return mark.start()
    return len(text)


def only_attribution(gap: str) -> bool:
    """What is left between an attribution and the next quote names nobody new: "." or
    " in her keynote speech. "; a longer clause only when it goes on with the attribution's
    own sentence (", sitting in a corner office that still has ... on the shelves. ")."""
    own_sentence = gap.lstrip().startswith(",") and not re.search(r"[.!?;]\s", gap.strip())
    about = own_sentence and re.match(r"\s*,\s+who\s", gap) is not None
    gap = _PLACE.sub("", gap.strip(" .,;:"))
    limit = 160 if own_sentence else 80
    if about:  # ", who served as her deputy and later became Sweden's ambassador ...": the
        # speaker's own relative clause; a place or a country in it names nobody new
        named = any(True for _ in people_in(gap))
        return len(gap) <= limit and not named and not re.search(r"[“”\"]", gap)
    return len(gap) <= limit and not RUN.search(gap) and not re.search(r"[“”\"]", gap)


_PLACE = re.compile(
    r"\b(?:in|at|from|with|to|of|on|near|outside|inside)\s+(?:the\s+)?(?:[a-z]+['’]s\s+)?[A-Z][\w’'-]*"
    r"(?:\s+[A-Z][\w’'-]*){0,3}(?:,\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?(?=\s*$))?"
)
"""Where, or to whom, the words were said ("told a news conference in Tallinn", "from his home
in Columbia, Maryland", "in an interview with the Financial Times", "in his office, where a
map of the Baltic Sea covers one wall") names no new speaker; a new sentence still does, by its
capital."""
