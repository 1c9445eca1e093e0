"""A why-question's subject and predicate, and the check that a reason's clause says the
predicate (issue 18, why7): a reason for what the subject did or is otherwise explains
something else."""

from __future__ import annotations

from cyberbrief.answers.reasons import reason_in
from cyberbrief.answers.textsearch import terms
from cyberbrief.answers.why_predicate import (
    asked_predicate,
    says_predicate,
    says_verb,
    split_why,
)

NAMES = ["James Brokenshire", "Hillary Clinton", "London Conference", "ITU", "Russia", "US"]


def test_a_named_subject_leaves_the_rest_as_the_predicate() -> None:
    split = split_why("why did James Brokenshire stress active international partnerships", NAMES)
    assert split is not None
    assert split[:2] == ("james brokenshire", "stress active international partnerships")


def test_a_plural_subject_in_common_words_ends_at_its_head() -> None:
    split = split_why("why do cyber criminals manage to slip through the net", [])
    assert split is not None
    assert split[:2] == ("cyber criminals", "manage to slip through the net")


def test_names_joined_and_qualified_stay_in_the_subject() -> None:
    joined = split_why("why do Russia and the US clash over terminology", NAMES)
    qualified = split_why("why are ITU initiatives weak", NAMES)
    assert joined is not None and joined[0] == "russia and the us"
    assert qualified is not None and qualified[:2] == ("itu initiatives", "weak")


def test_a_split_that_cannot_be_told_is_not_guessed() -> None:
    assert split_why("why is an international cyber agreement so hard to reach", []) is None
    assert split_why("why would rules of the road help", []) is None
    assert split_why("why worry about copies of Stuxnet", []) is None


def test_a_clause_sharing_only_the_subject_does_not_say_the_predicate() -> None:
    question = "why did James Brokenshire stress active international partnerships"
    predicate = asked_predicate(question, NAMES)
    assert predicate is not None
    clause = "James Brokenshire called for a common international legal framework"
    assert not says_predicate(clause, predicate, None)
    assert says_predicate("active international partnerships are central", predicate, None)


def test_the_verb_must_be_said_unless_all_the_rest_is() -> None:
    slip = asked_predicate("why do cyber criminals slip through the international cracks", [])
    assert slip is not None and slip.verb is not None and slip.verb.word == "slip"
    difficult = "security challenges are difficult to manage at the international level"
    assert not says_predicate(difficult, slip, None)
    skip = asked_predicate("why did Hillary Clinton skip the London conference", NAMES)
    assert skip is not None
    assert says_predicate("Hillary Clinton cancelled her trip to the London conference", skip, None)


def test_after_is_the_first_word_of_what_the_subject_is_said_to_be_must_be_said() -> None:
    none = asked_predicate("why is there no breakthrough in sight on a global cyber deal", [])
    assert none is not None and none.verb is not None and none.verb.word == "breakthrough"
    assert not says_predicate("we must deal with the global cyber threat", none, None)
    assert says_predicate("no breakthrough on a global cyber deal is likely", none, None)


def test_a_phrasal_verb_is_said_only_with_its_particle() -> None:
    set_up = asked_predicate("why did APEC set up the Shanghai programme", ["APEC"])
    assert set_up is not None and set_up.particle == "up"
    assert not says_verb("it failed to meet the goals set forth in 1994", set_up, None)
    assert says_verb("APEC set the programme up in 2002", set_up, None)


def test_how_a_deed_went_is_not_asked_but_the_deed_is() -> None:
    struggle = asked_predicate("why does the Council struggle to cooperate on cyber", ["Council"])
    assert struggle is not None and struggle.verb is not None
    assert struggle.verb.word == "cooperate" and not struggle.direct
    assert "struggle" not in [t.word for t in struggle.terms]
    negated = asked_predicate("why didn't APEC meet the Bogor goals", ["APEC", "Bogor"])
    assert negated is not None and not negated.direct


def test_a_purpose_after_to_answers_only_for_the_word_it_follows() -> None:
    formed = "The alliance was formed to work for police cyber crime units."
    assert reason_in(formed, terms("alliance formed"), None, "why was the alliance formed")
    question = "why do officials take the cyber threat seriously"
    aimed = "Officials said the threat was serious, as they spoke of threats to cyber security."
    assert reason_in(aimed, terms("officials cyber threat seriously"), None, question) is None
