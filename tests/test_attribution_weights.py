"""Shipped attribution weights: small, with their training card, and the learned
boundary model actually used."""

from __future__ import annotations

import json

from counterpoint.analyze.attribution import boundaries, cues

MAX_BYTES = 10_000_000


def test_weights_are_small_and_carry_their_card() -> None:
    total = 0
    for path in (cues.WEIGHTS_PATH, boundaries.WEIGHTS_PATH):
        total += path.stat().st_size
        card = json.loads(path.read_text(encoding="utf-8"))
        assert card["trained_on"] == "PolNeAR train split"
        assert card["seed"] is not None and card["weights"]
    assert total < MAX_BYTES


def test_cue_threshold_comes_from_cross_validation() -> None:
    card = json.loads(cues.WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert 0.0 < cues.learned_threshold() < 1.0
    assert cues.learned_threshold() == card["threshold"]
    assert set(card["cv_head_word"]) == {"p", "r", "f1"}


def test_boundary_models_ship() -> None:
    card = json.loads(boundaries.WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert boundaries.available()
    assert card["tail_weights"] and "cv_units" in card and "cv_tail" in card
