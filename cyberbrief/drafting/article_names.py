"""Who the article means by a name: a person by full name, surname, given name or honorific
(telling namesakes apart), an organisation by the name the store or the draft gives it. The
drafter (``article._Drafter``) holds the state these lookups read."""

from __future__ import annotations

import re

from cyberbrief.drafting.article_draft import Draft
from cyberbrief.drafting.institutions import spelt_out
from cyberbrief.drafting.namesakes import honorific_gender, namesakes, pronoun_genders
from cyberbrief.drafting.people import references, without_titles


class WhoIsWho:
    """The drafter's name lookups."""

    text: str
    ref: str
    draft: Draft
    known_orgs: set[str]
    person_names: dict[str, str]
    _namesakes: dict[str, set[str]]
    _genders: dict[str, str] | None
    _relatives: dict[str, str]
    _apart: set[str]

    def person(self, reference: str) -> str | None:
        """The full name of a person the article (or the store) names by ``reference``; a
        surname two of them share names neither (``namesake`` may tell them apart)."""
        bare = without_titles(reference).lower()
        shared = self._namesakes.get(bare) or self._namesakes.get(reference.lower())
        if shared:
            others = shared - set(self._relatives) - self._apart
            return others.pop() if len(others) == 1 and len(shared) > 1 else None
        return self.person_names.get(bare) or self.person_names.get(reference.lower())

    def namesake(self, reference: str, named_before: set[str]) -> str | None:
        """ "Ms Jensen" when Mette and Lars Jensen are both named before: the one of them
        whose pronoun the article gives as the honorific's ("Mette Jensen said she ..."),
        when every other one named before is known to be the other kind."""
        names = self._namesakes.get(without_titles(reference).lower(), set()) & named_before
        wanted = honorific_gender(reference)
        if not names or wanted is None:
            return None
        if self._genders is None:
            self._genders = pronoun_genders(self.text, sorted(self.person_names.values()))
        fits = [n for n in names if self._genders.get(n, wanted) == wanted]
        return fits[0] if len(fits) == 1 and fits[0] in self._genders else None

    def kin_gender(self, name: str) -> str | None:
        """ "m" for someone introduced as "her brother", "f" for "his wife"."""
        return self._relatives.get(name)

    def shared(self, reference: str) -> bool:
        """A surname two people in the article share ("Verbeek"): alone it names neither."""
        return without_titles(reference).lower() in self._namesakes

    def sharing(self, reference: str) -> set[str]:
        """The full names of the people who share the surname ``reference`` ends in."""
        return set(self._namesakes.get(without_titles(reference).split()[-1:][0].lower(), set()))

    def given(self, reference: str) -> str | None:
        """ "Gobind said" for Gobind Singh Deo (Malaysian, Thai, Sikh names are shortened to
        the given name): the one drafted person whose name starts with ``reference``, when
        it is nobody's surname."""
        word = reference.strip().lower()
        if " " in word or word in self.person_names:
            return None
        fits = [p["name"] for p in self.draft.people if p["name"].split()[0].lower() == word]
        return fits[0] if len(fits) == 1 else None

    def organisation(self, reference: str) -> str | None:
        """An organisation speaking ("GCHQ said"), by a name the store or article gives it."""
        if reference.lower() in self.known_orgs:
            return reference
        for org in self.draft.organisations:
            if reference.lower() in (org["name"].lower(), str(org.get("acronym", "")).lower()):
                return str(org["name"])
        return None

    def speaking_organisation(self, name: str, sentence: str) -> str:
        """An institution quoted by its full name ("The Ministry of Defence said"): the
        organisation the store or the draft has by that name, else drafted; "The European
        Union" is the European Union."""
        name = re.sub(r"^[Tt]he\s+", "", name)
        found = self.organisation(name)
        if found:
            return found
        name = spelt_out(name, self.text) or name  # "The ICO" after "Information Commissioner's"
        found = self.organisation(name)
        if found:
            return found
        self.draft.organisations.append({"name": name, "source": self.ref})
        return name

    def _learn_person(self, name: str) -> None:
        for reference in references(name):
            owner = self.person_names.setdefault(reference, name)
            if reference != owner.lower() and namesakes(owner, name):
                self._namesakes.setdefault(reference, {owner}).add(name)
