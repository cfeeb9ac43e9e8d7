"""A model judge whose contradiction probability is raised by explicit text checks.

Why: the small model misses conflicts a rule sees plainly (two different counts of
the same thing, "no X except Y", a negation on one side), while rules alone miss
paraphrase. We combine them with a noisy-OR on the contradiction probability:

    contradict' = 1 - (1 - contradict_model) * (1 - weight * strength_checks)

and scale agree / neutral down to fill the rest, so the result stays a distribution.
`strength_checks` is the lead's `conflict_strength` of the evidence usable at the
pair's word-overlap similarity (counterpoint.compare.checks).
"""

from __future__ import annotations

from collections.abc import Sequence

from counterpoint.compare.relation import RelationJudge
from counterpoint.records import Evidence, RelationScore

DEFAULT_WEIGHT = 0.5


def combine(score: RelationScore, strength: float, weight: float = DEFAULT_WEIGHT) -> RelationScore:
    """Noisy-OR of the model's contradiction probability with the checks' strength."""
    boost = max(0.0, min(1.0, weight * strength))
    contradict = 1.0 - (1.0 - score.contradict) * (1.0 - boost)
    rest = score.agree + score.neutral
    scale = (1.0 - contradict) / rest if rest > 0 else 0.0
    return RelationScore(agree=score.agree * scale, contradict=contradict,
                         neutral=score.neutral * scale if rest > 0 else 1.0 - contradict)


class CheckedJudge:
    """Wraps any RelationJudge; adds check evidence to its contradiction probability."""

    def __init__(self, model: RelationJudge, weight: float = DEFAULT_WEIGHT) -> None:
        self.model = model
        self.weight = weight
        self.name = f"{model.name}+checks"

    def evidence(self, pairs: Sequence[tuple[str, str]]) -> list[list[Evidence]]:
        """The usable explicit evidence per pair (what a reader can verify)."""
        from counterpoint.compare import checks

        out = []
        for a, b in pairs:
            sa, sb = checks.Statement.from_text(a), checks.Statement.from_text(b)
            found = checks.find_evidence(sa, sb)
            out.append(checks.usable_evidence(checks.word_overlap(sa, sb), found))
        return out

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[RelationScore]:
        """Model scores, each combined with its pair's check strength."""
        from counterpoint.compare.checks import conflict_strength

        scores = self.model.score(pairs)
        return [combine(s, conflict_strength(ev), self.weight)
                for s, ev in zip(scores, self.evidence(pairs), strict=True)]
