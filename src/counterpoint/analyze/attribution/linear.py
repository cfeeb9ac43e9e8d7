"""The attribution models' shared shape: sparse logistic regressions stored as JSON.

Why one module: the cue scorer and the content-boundary models are all weights over
named features, trained by scripts/train_attribution.py; reading and scoring them the
same way keeps the two from drifting apart.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any


@cache
def load_model(path: Path) -> dict[str, Any] | None:
    """A shipped weights file, read once (None when it was not trained)."""
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def linear_total(weights: dict[str, float], features: dict[str, float]) -> float:
    """The weighted sum of a candidate's features (log-odds)."""
    return sum(weights.get(name, 0.0) * value for name, value in features.items())


def probability(weights: dict[str, float], features: dict[str, float]) -> float:
    """Logistic probability of the weighted sum, clipped against overflow."""
    total = linear_total(weights, features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))
