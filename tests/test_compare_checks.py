"""Explicit conflict checks on plain text pairs."""

from counterpoint.compare.checks import RulesJudge, text_evidence
from counterpoint.records import Relation


def kinds(a: str, b: str) -> set[str]:
    return {e.kind for e in text_evidence(a, b)}


def test_exception_against_a_count() -> None:
    a = "There are no US forces in Iraq except for military advisers."
    b = "The US currently has about 2,500 troops in Iraq."
    assert "exception" in kinds(a, b)


def test_numbers_that_differ_beyond_hedging() -> None:
    assert "number" in kinds("Twelve people were injured in the crash.", "30 people were injured.")
    assert "number" not in kinds("About 100 people attended.", "Nearly 95 people attended.")


def test_negation_on_one_side_of_shared_content() -> None:
    a = "The meeting did not include a discussion on the withdrawal of US forces."
    b = "The discussions included details on the withdrawal of advisers."
    assert "negation" in kinds(a, b)


def test_late_versus_early_stage() -> None:
    a = "Only agreement on the date of the announcement remained."
    b = "Officials said the talks are just beginning."
    assert "stage" in kinds(a, b)


def test_rules_judge_labels() -> None:
    judge = RulesJudge()
    same, conflict = judge.score(
        [
            (
                "The bridge reopened to traffic on Monday.",
                "The bridge reopened to traffic on Monday.",
            ),
            (
                "Twelve people were injured in the crash.",
                "Thirty people were injured in the crash.",
            ),
        ]
    )
    assert same.label is Relation.AGREE
    assert conflict.label is Relation.CONTRADICT


def test_opposite_words() -> None:
    assert "antonym" in kinds(
        "Exports increased sharply in May.", "Exports decreased sharply in May."
    )
