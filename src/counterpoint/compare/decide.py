"""The learned decision: is a typed conflict one a careful reader would confirm?

A small logistic model over structured signals of the pair: which check fired and
how surely its precondition holds (`anchor`), cosine and word overlap of the two
claims, the relation judge's contradict/agree scores, and who speaks on each side.
Its output is calibrated on held-apart generated pairs (see the card in
`dispute_model.json` and `scripts/train_disputes.py`), so `probability` reads as
"how likely a reader confirms this dispute"; `policy.REPORT_PROBABILITY` is the cut.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from counterpoint.compare.conflicts.base import OUTLET, Conflict, Side
from counterpoint.compare.conflicts.text import overlap
from counterpoint.package_files import read_json

KINDS = ("number", "date", "negation", "denial", "exception", "stage", "entity", "quote")
FEATURES = (
    *(f"kind={k}" for k in KINDS),
    "anchor",
    "cosine",
    "overlap",
    "judge_contradict",
    "judge_agree",
    "same_outlet",
    "both_outlet_voice",
    "kinds_found",
)
MODEL_FILE = "dispute_model.json"


@dataclass(frozen=True)
class PairSignals:
    """What the decision sees about one candidate dispute."""

    conflict: Conflict
    cosine: float
    overlap: float
    judge_contradict: float
    judge_agree: float
    same_outlet: bool
    both_outlet_voice: bool
    kinds_found: int

    def vector(self) -> list[float]:
        return [
            *(1.0 if self.conflict.kind == k else 0.0 for k in KINDS),
            self.conflict.anchor,
            self.cosine,
            self.overlap,
            self.judge_contradict,
            self.judge_agree,
            float(self.same_outlet),
            float(self.both_outlet_voice),
            float(self.kinds_found),
        ]


def signals(
    a: Side,
    b: Side,
    conflict: Conflict,
    cosine: float,
    judge_contradict: float,
    judge_agree: float,
    kinds_found: int,
) -> PairSignals:
    return PairSignals(
        conflict=conflict,
        cosine=cosine,
        overlap=overlap(a.stems, b.stems),
        judge_contradict=judge_contradict,
        judge_agree=judge_agree,
        same_outlet=a.outlet == b.outlet,
        both_outlet_voice=a.asserted_by == OUTLET and b.asserted_by == OUTLET,
        kinds_found=kinds_found,
    )


@lru_cache(maxsize=1)
def _weights() -> tuple[dict[str, float], float]:
    data = read_json("counterpoint.compare", MODEL_FILE)
    return dict(zip(data["features"], data["weights"], strict=True)), float(data["bias"])


def probability(pair: PairSignals) -> float:
    """Calibrated probability that a careful reader confirms the dispute."""
    weights, bias = _weights()
    z = bias + sum(
        weights.get(name, 0.0) * value for name, value in zip(FEATURES, pair.vector(), strict=True)
    )
    return 1.0 / (1.0 + math.exp(-z))
