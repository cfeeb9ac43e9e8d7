"""Combining a judge with explicit checks, and the claim-vs-article helpers."""

from __future__ import annotations

import pytest

from counterpoint.compare.checks import RulesJudge
from counterpoint.compare.judges.checked import CheckedJudge, noisy_or
from counterpoint.compare.judges.document import (
    body_windows,
    content_words,
    fnc_split,
    fnc_stance,
    split_sentences,
    with_contradict,
)
from counterpoint.records import RelationScore


def test_noisy_or_raises_contradiction_and_stays_a_distribution() -> None:
    base = RelationScore(agree=0.6, contradict=0.1, neutral=0.3)
    out = noisy_or(base, strength=0.8, weight=0.5)
    assert out.contradict == pytest.approx(1 - 0.9 * 0.6)
    assert out.agree + out.contradict + out.neutral == pytest.approx(1.0)
    assert out.agree / out.neutral == pytest.approx(2.0)
    assert noisy_or(base, strength=0.0) == base


def test_checked_judge_uses_number_evidence() -> None:
    pairs = [
        (
            "Police said 12 people died in the fire on Monday.",
            "Police said 40 people died in the fire on Monday.",
        )
    ]
    inner = RulesJudge()
    checked = CheckedJudge(inner, weight=0.5)
    assert checked.name == "rules+checks"
    [evidence] = checked.evidence(pairs)
    assert any(e.kind == "number" for e in evidence)
    assert checked.score(pairs)[0].contradict >= inner.score(pairs)[0].contradict


def test_fnc_mapping() -> None:
    score = RelationScore(agree=0.2, contradict=0.7, neutral=0.1)
    assert fnc_stance(score, related_probability=0.9) == "disagree"
    assert fnc_stance(score, related_probability=0.1) == "unrelated"
    assert fnc_stance(RelationScore(agree=0.1, contradict=0.1, neutral=0.8), 0.9) == "discuss"


def test_split_sentences_and_words() -> None:
    text = 'He said "We will stay." Officials disagreed. U.S. forces remain.\nNew paragraph here.'
    parts = split_sentences(text, min_chars=5)
    assert parts[0] == 'He said "We will stay."'
    assert parts[-1] == "New paragraph here."
    assert content_words("The troops are not leaving Iraq") == {"troops", "leaving", "iraq"}


def test_fnc_split_is_deterministic_and_roughly_80_20() -> None:
    ids = [str(i) for i in range(0, 4000, 2)]
    first = [fnc_split(i) for i in ids]
    assert first == [fnc_split(i) for i in ids]
    assert 0.15 < first.count("dev") / len(ids) < 0.25


def test_body_windows_cover_every_sentence_in_order() -> None:
    sentences = [f"Sentence number {i} of a long article about the vote." for i in range(30)]
    windows = body_windows(sentences, max_chars=200)
    assert all(len(w) <= 200 for w in windows)
    assert " ".join(windows) == " ".join(sentences)
    assert body_windows([]) == []


def test_with_contradict_only_raises_and_stays_a_distribution() -> None:
    base = RelationScore(agree=0.6, contradict=0.1, neutral=0.3)
    assert with_contradict(base, 0.05) == base
    raised = with_contradict(base, 0.7)
    assert raised.contradict == pytest.approx(0.7)
    assert raised.agree + raised.contradict + raised.neutral == pytest.approx(1.0)
    assert raised.agree / raised.neutral == pytest.approx(2.0)
