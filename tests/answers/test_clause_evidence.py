"""Clause-level evidence: what a claim says of what it names, compared clause by clause, and
taken only when one clause is clearly the best."""

from __future__ import annotations

from pathlib import Path

from cyberbrief.answers.claim_clauses import places_held
from cyberbrief.answers.clause_evidence import (
    ClauseMatch,
    clear_best,
    said_share,
    same_statement,
    without_names,
)
from cyberbrief.answers.textsearch import Weights, terms
from cyberbrief.knowledge.seed import open_store


def test_names_and_stopwords_are_left_out_of_what_is_said() -> None:
    said = without_names("is the EU's computer emergency team too busy", ["EU", "CERT-EU"])
    assert said == "computer emergency team busy"


def test_a_longer_name_is_removed_whole_before_a_shorter_one() -> None:
    said = without_names("the Foreign Office was targeted", ["Foreign Office", "Office"])
    assert said == "targeted"


def test_a_fact_and_the_description_repeating_it_are_one_statement() -> None:
    assert same_statement(
        'A "significant" attempt was made over the summer to target the Foreign Office',
        'warned that a "significant" attempt was made to target the Foreign Office',
    )
    assert not same_statement("responses are frequently delayed", "tasked with responding")


def test_the_best_clause_answers_only_when_well_ahead_of_another_statement() -> None:
    ahead = [ClauseMatch(0, "responses are frequently delayed", 0.5), ClauseMatch(1, "x y", 0.3)]
    assert clear_best(ahead) == ahead[0]
    close = [ClauseMatch(0, "responses are frequently delayed", 0.5), ClauseMatch(1, "x y", 0.46)]
    assert clear_best(close) is None
    assert clear_best(ahead[:1]) is None  # no rival: nothing shows it is the best


def test_a_runner_up_saying_the_same_is_no_rival() -> None:
    same = [
        ClauseMatch(0, "the UK is willing to lead the international fight", 0.5),
        ClauseMatch(1, "said the UK is willing to lead the international fight", 0.49),
        ClauseMatch(2, "called for a common legal framework", 0.3),
    ]
    assert clear_best(same) == same[0]


def test_no_clause_or_no_model_gives_no_answer() -> None:
    assert clear_best([]) is None
    assert clear_best([ClauseMatch(0, "responses are frequently delayed", 0.0)]) is None


def test_a_place_the_claim_names_in_lower_case_must_be_named_by_the_record() -> None:
    record = "the UK is willing to lead the international fight against cyber crime"
    assert places_held("want charge worldwide fight online crime", record)
    assert not places_held("want charge european fight online crime", record)
    assert not places_held("fight crime germany", record)
    assert places_held("fight crime british", record)  # "british" is said by "UK"


def test_an_everyday_word_counts_as_the_stores_word_for_it(tmp_path: Path) -> None:
    """A user's "online crime" is the store's "cyber crime" where a clause is weighed for what
    it says of a question; one way only: "cyber" is no "online"."""
    weights = Weights(open_store(tmp_path / "k.db"))
    clause = "responses to cyber crime are frequently delayed"
    assert said_share(terms("online crime responses delayed"), clause, None, weights) == 1.0
    store_words = "responses to online crime are frequently delayed"
    assert said_share(terms("cyber crime responses delayed"), store_words, None, weights) < 1.0
