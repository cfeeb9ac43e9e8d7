"""A model judge whose contradiction probability is raised by explicit text checks.

Why: the small model misses conflicts a rule sees plainly (two different counts of
the same thing, "no X except Y", a negation on one side), while rules alone miss
paraphrase. We combine them with a noisy-OR on the contradiction probability:

    contradict' = 1 - (1 - contradict_model) * (1 - weight * strength_checks)

and scale agree / neutral down to fill the rest, so the result stays a distribution.
`strength_checks` is the lead's `conflict_strength` of the evidence usable at the
pair's word-overlap similarity (counterpoint.compare.checks). mode="max" instead
adds the rules-only contradiction at full weight, and only where it is above the model's;
benchmarks/relations.py measures both.
"""

from __future__ import annotations

from collections.abc import Sequence

from counterpoint.compare.relation import RelationJudge
from counterpoint.records import Evidence, RelationScore

DEFAULT_WEIGHT = 0.5


def noisy_or(
    score: RelationScore, strength: float, weight: float = DEFAULT_WEIGHT
) -> RelationScore:
    """Noisy-OR of the model's contradiction probability with the checks' strength."""
    boost = max(0.0, min(1.0, weight * strength))
    if boost == 0.0:
        return score
    contradict = 1.0 - (1.0 - score.contradict) * (1.0 - boost)
    rest = score.agree + score.neutral
    scale = (1.0 - contradict) / rest if rest > 0 else 0.0
    return RelationScore(
        agree=score.agree * scale,
        contradict=contradict,
        neutral=score.neutral * scale if rest > 0 else 1.0 - contradict,
    )


class CheckedJudge:
    """Wraps any RelationJudge; adds check evidence to its contradiction probability."""

    def __init__(
        self, model: RelationJudge, weight: float = DEFAULT_WEIGHT, mode: str = "noisy_or"
    ) -> None:
        if mode not in ("noisy_or", "max"):
            raise ValueError(f"unknown mode {mode!r}")
        self.model = model
        self.weight = weight
        self.mode = mode
        self.name = f"{model.name}+checks"

    def evidence(self, pairs: Sequence[tuple[str, str]]) -> list[list[Evidence]]:
        """The usable explicit evidence per pair (what a reader can verify)."""
        return [found for _, found in self._checked(pairs)]

    def _checked(self, pairs: Sequence[tuple[str, str]]) -> list[tuple[float, list[Evidence]]]:
        from counterpoint.compare import checks

        out = []
        for a, b in pairs:
            sa, sb = checks.Statement.from_text(a), checks.Statement.from_text(b)
            similarity = checks.word_overlap(sa, sb)
            found = checks.find_evidence(sa, sb)
            out.append((similarity, checks.usable_evidence(similarity, found)))
        return out

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[RelationScore]:
        """Model scores, each combined with its pair's check evidence."""
        from counterpoint.compare.checks import conflict_strength, rule_score

        scores = self.model.score(pairs)
        out = []
        for s, (similarity, found) in zip(scores, self._checked(pairs), strict=True):
            if self.mode == "max":
                rules = rule_score(similarity, found).contradict if found else 0.0
                out.append(noisy_or(s, rules, 1.0) if rules > s.contradict else s)
            else:
                out.append(noisy_or(s, conflict_strength(found), self.weight))
        return out
