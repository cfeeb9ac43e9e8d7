"""The statement judge: the cross-encoder's reading plus a head trained on all of NLI.

Why: fine-tuning the cross-encoder costs seconds per step on a shared CPU, so it has
seen about twenty thousand pairs. A small head over frozen MiniLM sentence vectors
([u, v, |u - v|, u * v], the vectors the compare stage computes anyway) trains on
every NLI set we have in minutes once the vectors are cached. Neither is enough
alone: sentence vectors barely move when one side adds a "not", which the
cross-encoder reads; the head knows far more about what entails what. A multinomial
logistic stacker over both models' logits, fitted on pairs neither was trained on,
gives the calibrated probabilities. Run time: the cross-encoder as before, plus
sentence vectors (usually cached) and two small matrix products.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from counterpoint.compare.judges.model import WEIGHTS_DIR, card_for
from counterpoint.records import RelationScore

HEAD_FILE = WEIGHTS_DIR / "nli_head.npz"
HEAD_CARD = WEIGHTS_DIR / "nli_card.json"


def pair_features(premise_vecs: np.ndarray, hypothesis_vecs: np.ndarray) -> np.ndarray:
    """[u, v, |u - v|, u * v]: the classic sentence-pair features (InferSent)."""
    u = premise_vecs.astype(np.float32)
    v = hypothesis_vecs.astype(np.float32)
    return np.hstack([u, v, np.abs(u - v), u * v])


def head_logits(weights: dict[str, np.ndarray], features: np.ndarray) -> np.ndarray:
    """The vector head: one GELU hidden layer, three logits."""
    hidden = features @ weights["w1"] + weights["b1"]
    hidden = 0.5 * hidden * (1.0 + np.tanh(0.7978845608 * (hidden + 0.044715 * hidden**3)))
    return np.asarray(hidden @ weights["w2"] + weights["b2"])


def stack_probs(weights: dict[str, np.ndarray], head: np.ndarray, cross: np.ndarray) -> np.ndarray:
    """Multinomial logistic stacker over both models' logits -> probabilities."""
    z = np.hstack([head, cross]) @ weights["stack_w"] + weights["stack_b"]
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def load_head(path: Path = HEAD_FILE) -> dict[str, np.ndarray]:
    with np.load(path) as stored:
        return {key: stored[key].astype(np.float32) for key in stored.files}


def head_available() -> bool:
    return HEAD_FILE.is_file()


class StackedJudge:
    """Cross-encoder logits + the vector head's logits, stacked and calibrated."""

    name = "stacked"

    def __init__(self, cross_encoder: Any | None = None, head: Path = HEAD_FILE) -> None:
        from counterpoint.compare.judges.trained import TrainedJudge

        self.cross = cross_encoder or TrainedJudge()
        self.weights = load_head(head)
        card = card_for(head)
        self.card: dict[str, Any] = (
            json.loads(card.read_text(encoding="utf-8")) if card.is_file() else {}
        )

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """(n, 3) agree / contradict / neutral probabilities, in input order."""
        from counterpoint.models import embed

        texts = list(dict.fromkeys(t for pair in pairs for t in pair))
        vectors = dict(zip(texts, embed(texts), strict=True))  # the compare stage's vectors
        features = pair_features(
            np.stack([vectors[a] for a, _ in pairs]), np.stack([vectors[b] for _, b in pairs])
        )
        head = head_logits(self.weights, features)
        return stack_probs(self.weights, head, self.cross.logits(pairs))

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[RelationScore]:
        if not pairs:
            return []
        return [
            RelationScore(agree=float(p[0]), contradict=float(p[1]), neutral=float(p[2]))
            for p in self.probabilities(pairs)
        ]
