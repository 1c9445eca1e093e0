"""How a question says the things it names stand to each other and to its answer, held to
by the record an answer rests on: the deed a why-question asks the reason for, a relation
between what it names and its answer ("which company owns Trend Micro"), who does what to
whom ("which countries does the ICSPA fund") and what money is for ("how much did the UK
spend on the London Conference"). A record close to the question in words but silent on
that relation, or saying it the other way round, answers nothing: the bot refuses and shows
what is on record.
"""

from __future__ import annotations

import re

from cyberbrief.answers.expressions import MONEY
from cyberbrief.answers.kinds_asked import leading_names, refusal
from cyberbrief.answers.meaning import Meaning
from cyberbrief.answers.textsearch import STOPWORDS, stems, terms
from cyberbrief.answers.verify import OPINION, Expect, asked_terms, expected, unsaid
from cyberbrief.knowledge.model import Answer, Status
from cyberbrief.knowledge.normalize import fold


def hold_to_event(
    question: str, answer: Answer, names: list[str], meaning: Meaning | None
) -> Answer:
    """``answer`` to a why-question unless its reason comes from a quote whose words say
    nothing of what the question asks beyond its names (``names``): "why did Robert Gates
    leave the Pentagon" is not answered by a reason Gates gave for rules of the road. The
    event asked about must be stated before its reason is; a record of what happened is
    checked by the why path itself (its cause joined to what is asked)."""
    if answer.status is not Status.FOUND or expected(question) is not Expect.REASON:
        return answer
    lines = [line for section in answer.sections for line in section.lines]
    asked = asked_terms(question, names)
    said = lines[0].text if lines else ""
    if not asked or not said.startswith("“") or OPINION.match(question.strip()):
        return answer  # a record of what happened, or the speaker's view asked for
    # A reason in a quote's words explains what the quote is about: it answers why its
    # speaker did something only when its words say that deed (its words or a synonym, not
    # one merely close in meaning: "the left and right lanes" is not Gates leaving).
    if len(unsaid(said, asked)) < len(asked):
        return answer
    return refusal(
        answer,
        "Nothing on record says that happened",
        "The closest records give reasons for something else: none says what the "
        "question asks the reason for.",
    )


LISTED_BETWEEN = re.compile(r"(?:\s*,\s*|\s+(?:and|or)\s+|\s+|[A-Z][\w'’.-]*)*")
"""What stands between two names of one list: other names, commas, "and", "or"."""
LIST_CLAUSE = re.compile(r"[;:.()]\s|\s[—–-]\s")


def _peers(text: str, own: list[str], name: str) -> bool:
    """Whether ``name`` is listed in ``text`` beside one of ``own`` (the question's names):
    "McAfee, Trend Micro, Core Security Technologies, ...": a list of peers."""
    for clause in LIST_CLAUSE.split(text):
        at = clause.find(name)
        if at < 0:
            continue
        for other in own:
            there = clause.find(other)
            if there < 0 or other in name or name in other:
                continue
            first, second = sorted([(at, at + len(name)), (there, there + len(other))])
            if LISTED_BETWEEN.fullmatch(clause[first[1] : second[0]]):
                return True
    return False


def hold_to_peers(question: str, answer: Answer, own: list[str], verb: str) -> Answer:
    """``answer`` unless every name it leads with is listed beside a name of the question
    (``own``) in the record under it, which does not say the question's ``verb`` in its words
    or a synonym: "which company owns Trend Micro" is not answered by the companies listed
    with it as the ICSPA's supporters. A list says what its members have in common, never
    how one stands to another."""
    if answer.status is not Status.FOUND or expected(question) is not Expect.NAME or not verb:
        return answer
    names = leading_names(answer, question)
    lines = [line for section in answer.sections for line in section.lines]
    if not names or not lines or not own:
        return answer
    first = lines[0].text
    listed = [n for n in names if any(_peers(line.text, own, n) for line in lines)]
    if len(listed) < len(names) or not unsaid(first, terms(verb)):
        return answer
    return refusal(
        answer,
        "Nothing on record says that",
        (
            f"The closest records list {', '.join(dict.fromkeys(names))} beside "
            f"{own[0]}; none says “{verb}” of them."
        ),
    )


DOES = re.compile(
    r"^\s*(?:which|what) [\w-]+(?: [\w-]+)? (?:do|does|did|will|would) (?P<rest>.+)$",
    re.IGNORECASE,
)
"""A question for what someone does something to: "which countries does the ICSPA fund"."""


def _plain_verb(rest: str) -> str:
    """The verb after the subject of "which X does <subject> <verb> ...": the last word
    before the first preposition or article after the subject ("the ICSPA fund": "fund")."""
    said: list[str] = []
    for w in re.findall(r"[a-z][\w'’-]*", rest.lower()):
        if said and w in STOPWORDS:
            break
        if w not in ("the", "a", "an"):
            said.append(w)
    return said[-1] if len(said) > 1 else ""


def hold_to_doer(question: str, answer: Answer, own: list[str]) -> Answer:
    """``answer`` unless the record under it names what it leads with as the one who does
    the question's verb ("funding *from* the EU", "*funded by* the EU") while the question
    names the doer itself (``own``, after its auxiliary): "which countries does the ICSPA
    fund" is not answered by the countries it seeks funding from."""
    m = DOES.match(fold(question))
    if answer.status is not Status.FOUND or m is None or not own:
        return answer
    verb = _plain_verb(m["rest"])
    if not verb or re.search(r"\b(?:from|by)\b", m["rest"], re.IGNORECASE):
        return answer  # "which countries will the ICSPA seek funding from": the doers asked
    if not any(fold(n).lower() in m["rest"].lower() for n in own):
        return answer
    names = leading_names(answer, question)
    lines = [line for section in answer.sections for line in section.lines]
    if not names or not lines:
        return answer
    wanted = {a for t in terms(verb) for a in t.alternatives}
    by = re.compile(r"([\w'’-]+) (?:from|by) ((?:the )?[A-Z][\w'’.-]*)")
    doers = {
        hit[2].removeprefix("the ") for hit in by.finditer(lines[0].text) if wanted & stems(hit[1])
    }
    if not doers or not all(
        any(n.startswith(d) or d.startswith(n) for d in doers) for n in names[:1]
    ):
        return answer
    return refusal(
        answer,
        "Nothing on record says that",
        f"The closest records say {names[0]} would do that for {own[0]}, not the other way round.",
    )


WHOM = re.compile(
    r"^\s*(?:who|whom) (?:do|does|did|will|would|has|have|had|could|can) (?P<rest>.+)$",
    re.IGNORECASE,
)
"""A question for the one someone did something to: "who did GCHQ arrest", "whom did
Biden criticise", "who did the ICSPA plan to work with"."""


def hold_to_object(
    question: str, answer: Answer, own: list[str], meaning: Meaning | None
) -> Answer:
    """``answer`` unless the record it leads with does not say the question's verb of the one
    it leads with: "who did GCHQ warn" asks whom GCHQ warned; a record of what GCHQ warned,
    with its head named on another line, does not say it. The doer is the question's
    own name (``own``); the one asked for is another, and the leading record must name it
    beside the verb (its word, a synonym or one close in meaning)."""
    m = WHOM.match(fold(question))
    if answer.status is not Status.FOUND or m is None or not own or answer.kind in OWN_PATHS:
        return answer
    rest = m["rest"]
    if re.search(r"\b(?:from|by)\b", rest, re.IGNORECASE):
        return answer  # "who will the ICSPA seek funding from": the doers asked, as below
    doer = [n for n in own if fold(n).lower() in rest.lower()]
    if not doer:
        return answer
    # The doer is the name said first; the verb, the first word after it ("Gates speak
    # alongside": "speak").
    said = rest.lower()
    who = min(doer, key=lambda n: (said.find(fold(n).lower()), -len(n)))
    after = said.split(fold(who).lower(), 1)[1]
    verb = next(iter(re.findall(r"[a-z][\w'’-]*", after)), "")
    if not verb:
        return answer
    names = leading_names(answer, question)
    lines = [line for section in answer.sections for line in section.lines]
    if not names or not lines:
        return answer
    # One clause of the leading record says the verb and names the one it leads with:
    # "some reports quoted ..." is no report to Iain Lobban, named in the clause before.
    for clause in RECORD_CLAUSE.split(lines[0].text):
        named = [n for n in names if any(w in clause for w in n.split() if len(w) >= 4)]
        if named and not unsaid(clause, terms(verb), meaning):
            return answer
    return refusal(
        answer,
        "Nothing on record says that",
        f"The closest records do not say whom {who} would “{verb}”.",
    )


OWN_PATHS = frozenset({"employer", "work", "job"})
RECORD_CLAUSE = re.compile(r"[;:]\s|(?<=[.!?])\s+(?=[A-Z“\"])|,\s(?=(?:and|but|which|who)\b)")
"""Where a clause of a record ends: a semicolon, a colon, a sentence, ", and" / ", which"."""
"""Answers from a person's own record (an employer, a job) whose paths check the verb."""


SPENT_ON = re.compile(
    r"^\s*how much (?:money )?(?:do|does|did|has|have|had|will|would)\b.*?\b(?:spend|spent|pay|"
    r"paid|invest|invested|give|given|put aside|set aside|allocate|allocated|budget|"
    r"budgeted) (?:on|for|to) (?P<purpose>.+?)\W*$",
    re.IGNORECASE,
)
"""A question for money by what it is for: "how much did the UK spend on the conference"."""
FIGURE_LEAD = re.compile(r"^[^:]*\d[^:]*: (?P<clause>.+)$")


def hold_to_purpose(question: str, answer: Answer, meaning: Meaning | None) -> Answer:
    """``answer`` unless it leads with a sum whose record does not say, after the sum, what
    the question says it was for: "how much did the UK spend on the London Conference" is
    not the £650m put aside "against computer-based threats", in a sentence that names the
    conference for what Britain sought there."""
    m = SPENT_ON.match(question.replace("’", "'"))
    lead = FIGURE_LEAD.match(answer.lead or answer.title)
    if answer.status is not Status.FOUND or m is None or lead is None:
        return answer
    figure = MONEY.search(lead["clause"])
    if figure is None:
        return answer
    # What the sum is for is said after it ("£650m of additional funding to help tackle
    # ..."): one word of the purpose asked, or one close in meaning, at least.
    after = re.sub(r"^[\d,.]*\s?(?:bn|m|tn|k)?\b", "", lead["clause"][figure.end() :])
    wanted = [t for t in terms(m["purpose"]) if t.word not in STOPWORDS]
    if not wanted or len(unsaid(after, wanted, meaning)) < len(wanted):
        return answer
    return refusal(
        answer,
        f"No sum on record is for {m['purpose']}",
        "The closest record's sum is for something else.",
    )
