"""Drafting knowledge records from a news article, for an admin to review before loading.

News copy follows habits that plain patterns catch well enough for a draft: acronyms are
defined in brackets ("International Telecommunication Union (ITU)"), people are introduced
with their role ("Foreign Secretary William Hague", "John Lyons, chief executive of ..."),
quotes are attributed before or after the quotation marks ("..., he said"; "Gates told the
forum, ..."), and figures sit in sentences with their context. A draft is only a proposal:
every record cites the article, quotes stay verbatim, and a quote whose speaker cannot be
told is listed as unattributed rather than guessed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

MAX_DESCRIPTION = 400
MAX_SENTENCE = 1500
"""Longer "sentences" are not prose (tables, runs of characters): not searched for names."""
MIN_QUOTE_WORDS = 4
"""Shorter quoted spans are usually scare quotes ("disturbing"), not statements."""

_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sir", "U.S", "U.K", "No", "vs")
_SAY = (
    r"said|says|added|adds|warned|warns|told|tells|concluded|explained|argued|stated|"
    r"noted|insisted|claimed|declared|announced|urged|wrote|writes|asked|cautioned|continued|"
    r"called"
)
_TITLE = r"(?:Mr|Mrs|Ms|Dr|Prof|Professor|Sir|Lord|Lady|Baroness|Baron|Dame|President)\.?"
_NAME_WORD = r"\b[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*"
_NAME = rf"(?:{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})"
_CAP = r"\b[A-Z][\w'’.&-]*"
_CONNECTOR = r"(?:of|for|and|the|on|de|du|in|to|&)"

_ROLE_NOUNS = (
    r"secretary|minister|president|vice-president|vice president|director|director-general|"
    r"chief executive|chief|head|founder|co-founder|professor|author|supremo|executive|"
    r"chairman|chairwoman|chair|commissioner|spokesman|spokeswoman|spokesperson|ambassador|"
    r"representative|officer|analyst|expert|researcher|editor|adviser|advisor|leader|"
    r"governor|mayor|general|admiral|senator|chancellor|premier"
)
_PERSON_BEFORE_ROLE = re.compile(
    rf"(?P<name>(?:{_TITLE}\s+)?{_NAME}),\s+(?P<role>(?:the\s+|a\s+|an\s+)?[^,.;:“\"]*?\b"
    rf"(?:{_ROLE_NOUNS})\b[^,.;:“\"]*?)(?=,|\.|;|\s+(?:{_SAY})\b)"
)
_ROLE_TAIL_WORD = (
    rf"(?:{_CAP}|and|the|(?!(?:{_SAY}|that|who|which|was|were|is|are|has|had|will|would)\b)"
    r"[a-z]+)"
)
"""A word of "minister for national defence": not a verb that would run on past the role."""
_ROLE_BEFORE_PERSON = re.compile(
    rf"(?P<role>(?:(?:{_CAP}|\b[a-z][\w'’-]*,?)\s+){{0,8}}?(?:\b[\w'’-]+\s+)?"
    rf"\b(?i:{_ROLE_NOUNS})\b(?:\s+(?:for|of)\s+{_ROLE_TAIL_WORD}(?:\s+{_ROLE_TAIL_WORD}){{0,4}})?)"
    rf",?\s+(?P<name>{_NAME})\b"
)
_ACRONYM_AFTER = re.compile(
    rf"(?P<name>{_CAP}(?:\s+(?:{_CAP}|{_CONNECTOR}))*)\s+\((?P<acronym>[A-Z][A-Za-z0-9-]{{1,10}})\)"
)
_ACRONYM_BEFORE = re.compile(
    r"(?P<acronym>\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+|\b[A-Z]{2,10})\s+\((?P<name>[A-Z][^()]{5,100})\)"
)
_INITIATIVE_WORDS = re.compile(
    r"\b(Agenda|Measures|Program|Programme|Declaration|Initiative|Strategy|Process|Convention|"
    r"Treaty|Summit|Goals|Framework|Action|Plan|Charter)\b"
)
_FIGURE = re.compile(
    r"([£$€¥]\s?\d[\d,.]*\s?(?:bn|m|k|billion|million|trillion|thousand)?|\b\d[\d,.]*\s?"
    r"(?:%|per ?cent|percent)|\b\d[\d,.]*\s+(?:billion|million|trillion)\b|\bone in \d+\b|"
    r"\b\d[\d,]*\s+(?:[A-Za-z-]+\s+){0,2}(?:nations|countries|states|member states|companies|"
    r"organi[sz]ations|people|users|attacks|incidents|computers|PCs|devices|victims|"
    r"agencies|delegates|participants|representatives))"
)
_ORG_WORDS = {
    "Alliance", "Union", "Agency", "Office", "Council", "Organization", "Organisation",
    "Institute", "Conference", "University", "Team", "Department", "Ministry", "Committee",
    "Commission", "Group", "Centre", "Center", "Association", "Forum", "Bank", "Company",
    "Corporation", "Security", "Cyber", "Government", "Parliament", "Assembly", "Summit",
    "Network", "Cooperation", "Agenda", "Police", "News", "Times", "Today",
}  # fmt: skip
_ROLE_PREFIX_STOP = {
    "and", "or", "but", "by", "with", "as", "while", "that", "which", "who", "when", "said",
    "says", "was", "were", "is", "are", "had", "has", "have", "at", "in", "on", "to", "from",
    "delivered", "also", "including", "included", "her", "his", "their", "its", "after",
    "before", "the", "a", "an", "attending", "of", "for", "about", "like",
}  # fmt: skip
_NOT_A_NAME = {
    "The", "This", "That", "These", "Those", "It", "In", "On", "At", "But", "And", "However",
    "Speaking", "Media", "Image", "More", "Related", "Some", "Many", "Another", "Experts",
}  # fmt: skip


@dataclass
class Draft:
    """Records drafted from one article, ready for ``load_records`` once confirmed."""

    source: dict[str, str]
    organisations: list[dict[str, Any]] = field(default_factory=list)
    initiatives: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    unattributed: list[str] = field(default_factory=list)
    """Quotes found without a speaker the draft could name: listed, never guessed."""

    def records(self) -> dict[str, list[dict[str, Any]]]:
        """The drafts in the knowledge file format (``docs/knowledge-format.md``)."""
        out: dict[str, list[dict[str, Any]]] = {"sources": [dict(self.source)]}
        for kind in ("organisations", "initiatives", "people", "facts", "quotes"):
            items = getattr(self, kind)
            if items:
                out[kind] = [dict(item) for item in items]
        return out

    def describe(self) -> str:
        """A plain-text summary an admin reads before confirming."""
        details = ", ".join(
            self.source[key] for key in ("publisher", "date", "url") if self.source.get(key)
        )
        lines = [
            f"Drafts from “{self.source['title']}”" + (f" ({details})" if details else "") + ":"
        ]

        def section(heading: str, items: list[str]) -> None:
            lines.append(f"{heading} ({len(items)}):")
            lines.extend(f"  - {item}" for item in items)
            if not items:
                lines.append("  (none)")

        section(
            "Organisations",
            [
                o["name"] + (f" ({o['acronym']})" if o.get("acronym") else "")
                for o in self.organisations
            ],
        )
        section(
            "Initiatives",
            [
                i["name"] + (f" ({i['acronym']})" if i.get("acronym") else "")
                for i in self.initiatives
            ],
        )
        section(
            "People", [p["name"] + (f", {p['role']}" if p.get("role") else "") for p in self.people]
        )
        section("Facts", [_short(f["text"]) for f in self.facts])
        section("Quotes", [f"{q['speaker']}: “{_short(q['text'])}”" for q in self.quotes])
        if self.unattributed:
            section(
                "Quotes without a clear speaker (not drafted)",
                [_short(t) for t in self.unattributed],
            )
        return "\n".join(lines)

    @property
    def empty(self) -> bool:
        return not (
            self.organisations or self.initiatives or self.people or self.facts or self.quotes
        )


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def paragraphs(text: str) -> list[str]:
    """Paragraphs with hard line wraps undone."""
    return [
        _squash(p).lstrip("•*-–· ").strip()
        for p in re.split(r"\n\s*\n", text)
        if p.strip(" \n\t•*-–·")
    ]


def sentences(paragraph: str) -> list[str]:
    """Split on sentence ends, not on "Mr." or "U.S." and not inside quotation marks."""
    out: list[str] = []
    start = 0
    depth = 0
    for i, char in enumerate(paragraph):
        if char in "“":
            depth += 1
        elif char == "”":
            depth = max(depth - 1, 0)
        if char in ".!?" and depth == 0:
            nxt = paragraph[i + 1 : i + 3]
            if not (len(nxt) == 2 and nxt[0] == " " and (nxt[1].isupper() or nxt[1] in '“"')):
                continue
            word = paragraph[start:i].rsplit(" ", 1)[-1]
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                continue
            out.append(paragraph[start : i + 1].strip())
            start = i + 2
    if paragraph[start:].strip():
        out.append(paragraph[start:].strip())
    return out


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted words in a paragraph: ``text`` is between the marks at ``start`` and ``end``."""

    start: int
    end: int
    text: str


def quote_spans(paragraph: str) -> tuple[list[QuoteSpan], int | None]:
    """Closed quotations (curly or straight marks) and where a quote left open starts.

    News copy runs a long quote over several paragraphs by opening each and closing only the
    last, so an unmatched opening mark is reported rather than dropped.
    """
    spans: list[QuoteSpan] = []
    open_curly: int | None = None
    open_straight: int | None = None
    for i, char in enumerate(paragraph):
        if char == "“" and open_curly is None and open_straight is None:
            open_curly = i
        elif char == "”" and open_curly is not None:
            spans.append(QuoteSpan(open_curly, i + 1, paragraph[open_curly + 1 : i].strip()))
            open_curly = None
        elif char == '"' and open_curly is None:
            if open_straight is None:
                open_straight = i
            else:
                text = paragraph[open_straight + 1 : i].strip()
                spans.append(QuoteSpan(open_straight, i + 1, text))
                open_straight = None
    left_open = open_curly if open_curly is not None else open_straight
    return [s for s in spans if s.text], left_open


def _role_prefix_trimmed(role: str) -> str:
    """Drop the sentence before a role: "speech was delivered by US vice president" ->
    "US vice president"."""
    noun = re.search(rf"\b(?i:{_ROLE_NOUNS})\b", role)
    if not noun:
        return role
    prefix, rest = role[: noun.start()].split(), role[noun.start() :]
    for i in range(len(prefix) - 1, -1, -1):
        word = prefix[i]
        inside_a_name = (
            word in ("and", "of", "for", "the", "on")
            and 0 < i < len(prefix) - 1
            and prefix[i - 1][0].isupper()
            and prefix[i + 1][0].isupper()
        )
        if word.endswith((",", ";", ":")):
            prefix = prefix[i + 1 :]
            break
        if not inside_a_name and (word.lower() in _ROLE_PREFIX_STOP or word in _NOT_A_NAME):
            prefix = prefix[i + 1 :]
            break
    return " ".join([*prefix, rest])


def _is_person_name(name: str) -> bool:
    return not any(word in _ORG_WORDS for word in name.split())


def _strip_lead(name: str) -> str:
    """ "And Iain Lobban" -> "Iain Lobban": sentence openers are not part of a name."""
    words = name.split()
    while words and words[0] in _NOT_A_NAME:
        words = words[1:]
    return " ".join(words)


def _trim_name(name: str, acronym: str) -> str:
    """The shortest tail of ``name`` whose capitals spell the acronym ("the launch of the
    International ... Alliance (ICSPA)" -> "International ... Alliance")."""
    words = name.split()
    letters = re.sub(r"[^A-Z]", "", acronym)
    for start in range(len(words)):
        tail = words[start:]
        if tail[0][0].islower() or tail[0] in _NOT_A_NAME:
            continue
        initials = "".join(re.findall(r"(?:^|[\s-])([A-Z])", " ".join(tail)))
        if initials.startswith(letters[:2]) and len(tail) >= max(len(letters) - 2, 1):
            return " ".join(tail).strip(" ,")
    return ""


class _Drafter:
    def __init__(self, text: str, source: dict[str, str], people: list[str], orgs: list[str]):
        self.text = text
        self.paragraphs = paragraphs(text)
        self.sentences = [
            sentence
            for paragraph in self.paragraphs
            for sentence in sentences(paragraph)
            if len(sentence) <= MAX_SENTENCE
        ]
        self.source = dict(source)
        self.ref = self.source["title"]
        self.known_people = {p.lower() for p in people}
        self.known_orgs = {o.lower() for o in orgs}
        self.draft = Draft(self.source)
        self.person_names: dict[str, str] = {}
        """Every way the article names a person (full name, surname, "Mr X") -> full name."""
        for name in people:
            self._learn_person(name)

    # organisations and initiatives

    def organisations(self) -> None:
        seen: set[str] = set()
        for sentence in self.sentences:
            found = [
                (_trim_name(m["name"], m["acronym"]), m["acronym"])
                for m in _ACRONYM_AFTER.finditer(sentence)
            ]
            found += [(m["name"].strip(), m["acronym"]) for m in _ACRONYM_BEFORE.finditer(sentence)]
            for name, acronym in found:
                if not name or acronym.lower() in seen:
                    continue
                seen.add(acronym.lower())
                if name.lower() in self.known_orgs or acronym.lower() in self.known_orgs:
                    continue
                description = self._describe(acronym, name, sentence)
                record: dict[str, Any] = {"name": name, "acronym": acronym}
                if _INITIATIVE_WORDS.search(name):
                    self.draft.initiatives.append(
                        {**record, "description": description, "source": self.ref}
                    )
                else:
                    self.draft.organisations.append(
                        {**record, "description": description, "source": self.ref}
                    )

    def _describe(self, acronym: str, name: str, defining: str) -> str:
        """A sentence saying what it is ("ICSPA is an international ... body"), else the
        sentence it was defined in."""
        pattern = re.compile(
            rf"^(?:The\s+)?(?:{re.escape(acronym)}|{re.escape(name)})\s+(?:is|was|are)\s+(?:a|an|the)\b"
        )
        for sentence in self.sentences:
            if pattern.match(sentence):
                return _short(sentence, MAX_DESCRIPTION)
        return _short(defining, MAX_DESCRIPTION)

    # people

    def _learn_person(self, name: str) -> None:
        bare = re.sub(rf"^{_TITLE}\s+", "", name)
        self.person_names.setdefault(name.lower(), name)
        self.person_names.setdefault(bare.lower(), name)
        parts = bare.split()
        if len(parts) >= 2:
            surname = parts[-1]
            self.person_names.setdefault(surname.lower(), name)
            for title in ("Mr", "Mrs", "Ms", "Dr", "Prof", "Professor", "Sir", "Baroness", "Lord"):
                self.person_names.setdefault(f"{title} {surname}".lower(), name)

    def _add_person(self, name: str, role: str, sentence: str) -> None:
        name = _strip_lead(_squash(name))
        if len(name.split()) < 2 or not _is_person_name(name):
            return
        if name.lower() in self.known_people:
            self._learn_person(name)
            return
        if any(p["name"] == name for p in self.draft.people):
            return
        role = _squash(role).strip(" ,")
        role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.IGNORECASE)
        record: dict[str, Any] = {"name": name, "source": self.ref}
        if role:
            record["role"] = role[0].upper() + role[1:] if role[0].islower() else role
        record["description"] = _short(sentence, MAX_DESCRIPTION)
        self.draft.people.append(record)
        self._learn_person(name)

    def people(self) -> None:
        for sentence in self.sentences:
            for before in _ROLE_BEFORE_PERSON.finditer(sentence):
                self._add_person(before["name"], _role_prefix_trimmed(before["role"]), sentence)
            position = 0
            while after := _PERSON_BEFORE_ROLE.search(sentence, position):
                if any(
                    _is_person_name(_strip_lead(inner["name"]))
                    for inner in _ROLE_BEFORE_PERSON.finditer(after["role"])
                ):
                    # "X, Cisco's vice-president Brad Boston and Joanna Shields, a senior
                    # executive at Facebook" is a list: look again inside it.
                    position = after.start("role")
                    continue
                self._add_person(after["name"], after["role"], sentence)
                position = after.end()

    # quotes

    def _index_mentions(self) -> None:
        """Where each known person is named, so "he said" finds the last one in one lookup."""
        self._mentions: list[tuple[int, str]] = []
        self._offsets: list[int] = []
        offset = 0
        candidate = re.compile(rf"(?:{_TITLE}\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}")
        for paragraph in self.paragraphs:
            self._offsets.append(offset)
            for m in candidate.finditer(paragraph):
                words = m.group(0).split()
                options = [
                    " ".join(words[i:j])
                    for i in range(len(words))
                    for j in range(len(words), i, -1)
                ]
                for option in options:
                    full = self.person_names.get(option.lower())
                    if full:
                        self._mentions.append((offset + m.start(), full))
                        break
            offset += len(paragraph) + 1

    def _resolve(self, who: str, position: int) -> str | None:
        """A speaker's full name from how the sentence names them; pronouns are the last
        person named before the quote."""
        who = _strip_lead(_squash(who)) or who
        if who.lower() in ("he", "she"):
            return self._last_person(position)
        found = self.person_names.get(who.lower())
        if found:
            return found
        if who.lower() in self.known_orgs:
            return who
        for org in self.draft.organisations:
            if who.lower() in (org["name"].lower(), str(org.get("acronym", "")).lower()):
                return str(org["name"])
        return None

    def _last_person(self, position: int) -> str | None:
        index = bisect.bisect_left(self._mentions, (position, ""))
        return self._mentions[index - 1][1] if index else None

    def quotes(self) -> None:
        who_pattern = rf"{_TITLE}\s+{_NAME_WORD}|{_NAME}|{_NAME_WORD}"
        self._said_after = re.compile(
            rf"^[,.]?\s*(?P<who>[Hh]e|[Ss]he|{who_pattern})\s+(?:{_SAY})\b"
            rf"|^[,.]?\s*(?:{_SAY})\s+(?P<who2>{who_pattern})\b"
        )
        self._said_before = re.compile(
            rf"(?P<who>\b[Hh]e|\b[Ss]he|{who_pattern})\s+(?:also\s+)?(?:{_SAY})"
            rf"(?:\s+(?:the\s+)?[\w\s]{{0,30}}?)?(?:\s+that)?\s*[,:]?\s*$"
        )
        # "Mr Lobban, writing in the Times, warned that ... "a very real threat"".
        self._said_in_sentence = re.compile(
            rf"(?P<who>\b[Hh]e|\b[Ss]he|{who_pattern})(?:,[^,“\"]{{1,80}},)?\s+(?:also\s+)?"
            rf"(?:{_SAY})\b"
        )
        self._caption = re.compile(rf"(?P<who>{_NAME}):\s*$")
        self._index_mentions()
        previous: str | None = None
        done: set[str] = set()
        index = 0
        while index < len(self.paragraphs):
            paragraph = self.paragraphs[index]
            spans, open_at = quote_spans(paragraph)
            only_quote = (
                open_at is None
                and len(spans) == 1
                and spans[0].start == 0
                and not paragraph[spans[0].end :].strip(" .")
            )
            for span in spans:
                if len(span.text.split()) < MIN_QUOTE_WORDS:
                    continue
                context = self._offsets[index] + span.start
                who = self._speaker(paragraph[: span.start], paragraph[span.end :], context)
                if who is None and only_quote:
                    who = previous  # a paragraph of quote alone: the speaker carries on
                if who is None:
                    self._unattributed(span.text)
                    continue
                previous = who
                self._add_quote(span.text, who, done)
            if open_at is None:
                index += 1
                continue
            # A quote left open runs on: each following paragraph reopens it with a mark,
            # until one closes it (and may say who spoke: "..., he said.").
            pieces = [paragraph[open_at + 1 :]]
            before, after = paragraph[:open_at], ""
            context = self._offsets[index] + open_at
            index += 1
            while index < len(self.paragraphs) and self.paragraphs[index][:1] in '"“':
                following = self.paragraphs[index]
                more, still_open = quote_spans(following)
                if still_open == 0:
                    pieces.append(following[1:])
                    index += 1
                    continue
                if more and more[0].start == 0:
                    pieces.append(more[0].text)
                    after = following[more[0].end :]
                    index += 1
                break
            who = self._speaker(before, after, context) if before.strip() or after else None
            if who is None and not before.strip():
                who = previous  # a run of quote paragraphs carries on from the last speaker
            if who is None:
                for piece in pieces:
                    self._unattributed(piece)
                continue
            previous = who
            for piece in pieces:
                self._add_quote(piece, who, done)

    def _speaker(self, before: str, after: str, context: int) -> str | None:
        """Who said a quote, from the words after it ("..., he said") or before it ("Gates
        told the forum, ..."); ``context`` places pronouns."""
        found = self._said_after.match(after)
        if found:
            who = self._resolve(found.group("who") or found.group("who2"), context)
            if who:
                return who
        for pattern in (self._said_before, self._caption):
            found = pattern.search(before)
            if found:
                who = self._resolve(found.group("who"), context)
                if who:
                    return who
        sentence_start = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
        said = list(self._said_in_sentence.finditer(before[sentence_start + 1 :]))
        return self._resolve(said[-1]["who"], context) if said else None

    def _unattributed(self, text: str) -> None:
        text = text.strip().rstrip(",").strip()
        if len(text.split()) >= MIN_QUOTE_WORDS and text not in self.draft.unattributed:
            self.draft.unattributed.append(text)

    def _add_quote(self, text: str, speaker: str, done: set[str]) -> None:
        text = text.strip().rstrip(",").strip()
        if not text or text in done:
            return
        done.add(text)
        record: dict[str, Any] = {"text": text, "speaker": speaker, "source": self.ref}
        if self.source.get("date") and len(self.source["date"]) == 10:
            record["date"] = self.source["date"]
        self.draft.quotes.append(record)

    # figures

    def facts(self) -> None:
        """Sentences with figures in the article's own words (figures inside quotes are the
        speaker's and go with the quote)."""
        org_names = [(o["name"], str(o.get("acronym") or "")) for o in self.draft.organisations]
        for paragraph in self.paragraphs:
            spans, open_at = quote_spans(paragraph)
            quoted = [(q.start, q.end) for q in spans]
            if open_at is not None:
                quoted.append((open_at, len(paragraph)))
            position = 0
            for sentence in sentences(paragraph):
                offset = paragraph.find(sentence, position)
                position = offset + len(sentence)
                if len(sentence) > 600 or sentence.startswith(("“", '"')):
                    continue
                figures = [
                    f
                    for f in _FIGURE.finditer(sentence)
                    if not any(a <= offset + f.start() < b for a, b in quoted)
                ]
                if figures:
                    self._add_fact(sentence, org_names)

    def _add_fact(self, sentence: str, org_names: list[tuple[str, str]]) -> None:
        about = [
            name
            for name, acronym in org_names
            if name in sentence or (acronym and re.search(rf"\b{re.escape(acronym)}\b", sentence))
        ]
        record: dict[str, Any] = {"text": sentence, "source": self.ref}
        if about:
            record["about"] = about
        if self.source.get("date") and len(self.source["date"]) == 10:
            record["date"] = self.source["date"]
        if all(f["text"] != sentence for f in self.draft.facts):
            self.draft.facts.append(record)


_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for m in names
}  # fmt: skip
_MONTH = r"(?P<month>[A-Z][a-z]{2,8})\.?"
_HEADER_DATES = (
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}),\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
)
HEADER_LINES = 6
"""A dateline sits with the headline; dates further down are what the article is about."""


def header_date(text: str) -> str | None:
    """The publication date printed near the top ("Commentary | April 30, 2012"), as
    YYYY-MM-DD, or None."""
    lines = [line for line in text.splitlines()[:40] if line.strip()][:HEADER_LINES]
    for line in lines:
        if len(line) > 120:
            continue  # prose, not a dateline
        for pattern in _HEADER_DATES:
            m = pattern.search(line)
            if not m:
                continue
            month_text = m["month"]
            month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
            try:
                return dt.date(int(m["year"]), month or 0, int(m["day"])).isoformat()
            except ValueError:
                continue
    return None


def draft_article(
    text: str,
    source: dict[str, str],
    *,
    known_people: list[str] | None = None,
    known_organisations: list[str] | None = None,
) -> Draft:
    """Draft records from ``text``, all citing ``source`` (a mapping with at least a title;
    a date printed under the headline fills in a missing ``date``).

    ``known_people`` and ``known_organisations`` are names (and aliases) the store already
    has: they are not drafted again, but quotes may still be attributed to them.
    """
    source = dict(source)
    if not source.get("date"):
        found = header_date(text)
        if found:
            source["date"] = found
    drafter = _Drafter(text, source, known_people or [], known_organisations or [])
    drafter.organisations()
    drafter.people()
    drafter.quotes()
    drafter.facts()
    return drafter.draft
