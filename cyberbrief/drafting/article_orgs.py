"""Organisations and initiatives an article defines with an acronym ("International
Telecommunication Union (ITU)", "the ITU (International ...)", "information sharing and
analysis centres (ISACs)"), drafted unless the store knows them."""

from __future__ import annotations

import re
from typing import Any

from cyberbrief.drafting.article_draft import Draft
from cyberbrief.drafting.article_patterns import (
    ACRONYM_AFTER,
    ACRONYM_BEFORE,
    ACRONYM_LOWER,
    INITIATIVE_WORDS,
    MAX_DESCRIPTION,
    lower_expansion,
    trim_name,
)
from cyberbrief.drafting.article_text import short


class Organisations:
    """The drafter's organisation step; the drafter (``article._Drafter``) holds the state."""

    draft: Draft
    sentences: list[str]
    known_orgs: set[str]
    ref: str

    def organisations(self) -> None:
        seen: set[str] = set()
        for sentence in self.sentences:
            found = [
                (trim_name(m["name"], m["acronym"]), m["acronym"])
                for m in ACRONYM_AFTER.finditer(sentence)
            ]
            found += [(m["name"].strip(), m["acronym"]) for m in ACRONYM_BEFORE.finditer(sentence)]
            found += [
                (lower_expansion(m["words"], m["acronym"]), m["acronym"])
                for m in ACRONYM_LOWER.finditer(sentence)
            ]
            for name, acronym in found:
                if not name or acronym.lower() in seen:
                    continue
                seen.add(acronym.lower())
                if name.lower() in self.known_orgs or acronym.lower() in self.known_orgs:
                    continue
                description = self._describe(acronym, name)
                record: dict[str, Any] = {"name": name, "acronym": acronym}
                if description:
                    record["description"] = description
                record["source"] = self.ref
                if INITIATIVE_WORDS.search(name):
                    self.draft.initiatives.append(record)
                else:
                    self.draft.organisations.append(record)

    def _describe(self, acronym: str, name: str) -> str | None:
        """A sentence saying what it is ("ICSPA is an international ... body"); none rather
        than the sentence it was merely named in (a quote, a person's doings)."""
        pattern = re.compile(
            rf"^(?:The\s+)?(?:{re.escape(acronym)}|{re.escape(name)})\s+(?:is|was|are)\s+(?:a|an|the)\b"
        )
        for sentence in self.sentences:
            if pattern.match(sentence):
                return short(sentence, MAX_DESCRIPTION)
        return None
