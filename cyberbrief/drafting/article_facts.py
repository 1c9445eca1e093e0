"""Facts, links and dated things of an article's draft: the steps after people and quotes.

Figures become facts in words that stand alone (``article_context``), drafts are attached to
the organisations the store already has (by name, acronym or alias), and events and
initiatives with milestones are drafted from dated sentences (``article_dated``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from cyberbrief.drafting.article_context import named_subject, placed
from cyberbrief.drafting.article_dated import Dated
from cyberbrief.drafting.article_draft import Draft
from cyberbrief.drafting.article_patterns import FIGURE, MAX_DESCRIPTION
from cyberbrief.drafting.article_text import sentences, short
from cyberbrief.drafting.quote_marks import quote_spans
from cyberbrief.knowledge.normalize import norm

_DEFINITE_SUBJECT = re.compile(r"^The\s+(?P<noun>[a-z]+)\s+(?:will\s+|is\s+to\s+|has\s+)?[a-z]")
_HOLDS = re.compile(
    r"^The\s+[a-z]+\s+(?:will\s+|is\s+to\s+)?(?:hold|host|holds|hosts|held|hosted|organi[sz]es?|"
    r"organi[sz]ed|convenes?|convened)\b"
)

_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,30},[^()\n]{0,40}\([A-Za-z ]{2,20}\)\s*[-—–]+\s*")
"""A wire story's dateline before its first sentence: not part of a fact."""


@lru_cache(maxsize=4096)
def _spaced_norm(name: str) -> str:
    """A store name's normal form, padded to match whole words (asked once per name)."""
    return f" {norm(name)} "


class FactsAndLinks:
    """The drafter's later steps; the drafter (``article._Drafter``) holds the state."""

    draft: Draft
    paragraphs: list[str]
    sentences: list[str]
    source: dict[str, str]
    ref: str
    known_orgs: set[str]
    store_orgs: list[str]
    text: str
    appointed_by: dict[str, str]
    """A person's name -> the body that appointed them ("has appointed X as its ...")."""
    _subjects: dict[str, str]

    def organisation(self, reference: str) -> str | None:
        raise NotImplementedError

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
                    for f in FIGURE.finditer(sentence)
                    if not any(a <= offset + f.start() < b for a, b in quoted)
                ]
                if figures:
                    self._add_fact(sentence, org_names)

    def _add_fact(self, sentence: str, org_names: list[tuple[str, str]]) -> None:
        """A fact in words that stand alone (dates written out, "It" named), citing the
        article's sentence; left out when they cannot be made to."""
        sentence = _DATELINE.sub("", sentence)  # "ADDIS ABABA, 14 February 2028 (Reuters) - "
        things = [i["name"] for i in self.draft.initiatives]
        clean = named_subject(sentence, self._subjects.get(sentence), things)
        clean = placed(clean, self.source.get("date")) if clean else None
        if clean is None:
            return
        about = [
            name
            for name, acronym in org_names
            if name in sentence or (acronym and re.search(rf"\b{re.escape(acronym)}\b", sentence))
        ]
        about += [o for o in self._store_orgs_in(sentence) if o not in about]
        record: dict[str, Any] = {"text": clean, "source": self.ref}
        if clean != sentence:
            record["support"] = sentence
        if about:
            record["about"] = about
        if self.source.get("date") and len(self.source["date"]) == 10:
            record["date"] = self.source["date"]
        if all(f["text"] != clean for f in self.draft.facts):
            self.draft.facts.append(record)

    # what the store knows, and dated things

    def _store_orgs_in(self, text: str) -> list[str]:
        """The store's organisations a text names, by name, acronym or alias (a name also in
        another spelling, accents or punctuation: the store's normal form)."""
        found: list[str] = []
        folded = f" {norm(text)} "
        for name in self.store_orgs:
            named = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) or (
                " " in name and _spaced_norm(name) in folded  # "Organisation" for "Organization"
            )
            if len(name) > 1 and named and not any(name in longer for longer in found):
                found.append(name)
        return found

    def link(self) -> None:
        """Attach drafts to what the store (or this draft) has: a person whose role names an
        organisation ("OSCE Secretary General") belongs to it, and their quotes are about it."""
        drafted = [str(o.get("acronym") or o["name"]) for o in self.draft.organisations]
        for person in self.draft.people:
            role = str(person.get("role") or "")
            by = self.appointed_by.get(str(person["name"]), "")
            orgs = (
                self._store_orgs_in(role)
                or [o for o in drafted if o in role]
                or self._store_orgs_in(by)
                or [o for o in drafted if o in by]
            )
            if orgs:
                person["organisation"] = orgs[0]
        of = {p["name"]: p["organisation"] for p in self.draft.people if p.get("organisation")}
        for quote in self.draft.quotes:
            if quote["speaker"] in of:
                quote["about"] = [of[quote["speaker"]]]

    def dated(self) -> None:
        """Events and initiatives with milestones from dated sentences."""
        dated = Dated(self.ref, self.known_orgs)
        dated.read(self.sentences, self.draft.initiatives)
        self.draft.events = dated.events
        for event in dated.events:
            self._held_by(event)
        for sentence, after in zip(self.sentences, self.sentences[1:], strict=False):
            self._launched(sentence, after)
        for event in dated.events:
            for organiser in event.get("organisers", []):
                if not self.organisation(organiser):  # the store's, or drafted here
                    self.draft.organisations.append({"name": organiser, "source": self.ref})
        self._index_subjects()
        for initiative in self.draft.initiatives:
            if not initiative.get("description"):
                about = self._about_subject(initiative["name"])
                if about:
                    initiative["description"] = short(" ".join(about), MAX_DESCRIPTION)

    def _definite_org(self, sentence: str) -> str | None:
        """ "The alliance will hold ...": the one organisation the article names (the
        store's or drafted) with that head noun in its name, as the store writes it."""
        opening = _DEFINITE_SUBJECT.match(sentence)
        if not opening:
            return None
        noun = opening["noun"].lower()
        names = self._store_orgs_in(self.text) + [o["name"] for o in self.draft.organisations]
        fits = {n for n in names if noun in n.lower().split() and " " in n}
        return fits.pop() if len(fits) == 1 else None

    def _held_by(self, event: dict[str, Any]) -> None:
        """ "The alliance will hold its first Global Summit in Lagos ...": the alliance is the
        organiser, the description names it, and a name any body could use ("Global Summit")
        is the organiser's ("ICSPA Global Summit", by the acronym the article gives it)."""
        sentence = str(event.get("description", ""))
        org = None if event.get("organisers") else self._definite_org(sentence)
        if org is None or not _HOLDS.match(sentence):
            return
        event["organisers"] = [org]
        clean = named_subject(sentence, None, [org])
        clean = placed(clean, self.source.get("date")) if clean else None
        if clean:
            event["description"] = clean
        acronym = re.search(rf"{re.escape(org)}\s*\((?P<a>[A-Z][\w&.-]{{1,11}})\)", self.text)
        if acronym and re.search(
            rf"\b(?:its|their)\s+(?:first\s+|next\s+)?{event['name']}", sentence
        ):
            event["name"] = f"{acronym['a']} {event['name']}"

    def _launched(self, before: str, sentence: str) -> None:
        """ "It also launched the Cyber Capacity Fund, which will pay for ...": the fund is led
        by what "It" stands for (the subject of the sentence before) and described by its
        which clause."""
        for initiative in self.draft.initiatives:
            name = re.escape(initiative["name"])
            found = re.match(
                rf"It\s+(?:also\s+)?(?:launched|set\s+up|created|established|unveiled)\s+"
                rf"(?:the\s+|a\s+)?{name}(?:,\s+which\s+(?P<what>[^.;“”\"]{{5,200}}))?",
                sentence,
            )
            if not found:
                continue
            org = self._definite_org(before)
            if org and not initiative.get("organisation"):
                initiative["organisation"] = org
            if found["what"] and not initiative.get("description"):
                initiative["description"] = f"The {initiative['name']} {found['what'].strip()}."

    def _index_subjects(self) -> None:
        """For each sentence, what the sentence before it opens with, when that is an
        initiative or organisation this draft or the store names ("It creates ..." after
        "The Nordic Cyber Defence Pact was signed ...")."""
        names = [i["name"] for i in self.draft.initiatives]
        names += [o["name"] for o in self.draft.organisations] + self.store_orgs
        for before, sentence in zip(self.sentences, self.sentences[1:], strict=False):
            for name in names:
                opening = re.match(rf"(?:The\s+)?{re.escape(name)}(?=\s+[a-z])", before)
                if opening:
                    self._subjects[sentence] = opening.group()  # as written: "The ... Pact"
                    break

    def _about_subject(self, name: str) -> list[str]:
        """The sentences with ``name`` as subject and the pronoun sentences right after,
        with dates written out: an initiative's description in the article's words."""
        out: list[str] = []
        for sentence in self.sentences:
            opens = re.match(rf"(?:The\s+)?{re.escape(name)}\s+[a-z]", sentence)
            subject = self._subjects.get(sentence, "")
            follows = subject.endswith(name) and sentence.startswith("It ")
            if opens or follows:
                clean = named_subject(sentence, subject, [name]) if follows else sentence
                clean = placed(clean, self.source.get("date")) if clean else None
                if clean and len(out) < 2:
                    out.append(clean)
        return out
