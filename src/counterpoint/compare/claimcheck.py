"""One claim against one article's sentences, with the same typed checks as disputes.

`counterpoint check` asks the article judge for a stance; a judge reads meaning,
not dates or figures, so "The House voted on Wednesday" would "agree" with an
article saying Thursday. Here the claim is held against every sentence of the
article: a typed conflict the pair classifier accepts makes the stance "disagree"
(with the reason), and an "agree" whose closest sentence differs in a name, number,
date or polarity becomes "discuss".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from counterpoint.compare import policy
from counterpoint.compare.conflicts import Side, differences, find_conflicts
from counterpoint.compare.decide import probability, signals
from counterpoint.records import RelationScore


@dataclass(frozen=True)
class Finding:
    """What the checks say about a claim against one article."""

    stance: str | None  # "disagree", "discuss" or None (keep the judge's stance)
    sentence: str = ""
    reason: str = ""


def check_against(
    claim: str,
    sentences: list[str],
    published: dt.date | None,
    judge_score: RelationScore,
    judge_stance: str,
) -> Finding:
    """Typed checks of `claim` against each sentence of one article."""
    from counterpoint.models import embed

    if not sentences:
        return Finding(None)
    vectors = np.asarray(embed([claim, *sentences]))
    cosines = vectors[1:] @ vectors[0]
    side = Side.from_text(claim, outlet="the claim", published=published)
    best: tuple[float, str, str] | None = None
    for sentence, cosine in zip(sentences, cosines, strict=True):
        if cosine < policy.CANDIDATE_MIN_COSINE:
            continue
        other = Side.from_text(sentence, outlet="the article", published=published)
        conflicts = find_conflicts(side, other, float(cosine))
        kinds = len({c.kind for c in conflicts})
        for conflict in conflicts:
            p = probability(
                signals(
                    side,
                    other,
                    conflict,
                    float(cosine),
                    judge_score.contradict,
                    judge_score.agree,
                    kinds,
                )
            )
            if p >= policy.REPORT_PROBABILITY and (best is None or p > best[0]):
                best = (p, sentence, conflict.reason)
    if best is not None:
        return Finding("disagree", best[1], best[2])
    if judge_stance == "agree":
        closest = int(np.argmax(cosines))
        other = Side.from_text(sentences[closest], outlet="the article", published=published)
        found = differences(side, other)
        if found:
            return Finding(
                "discuss", sentences[closest], f"the closest sentence differs: {', '.join(found)}"
            )
    return Finding(None)
