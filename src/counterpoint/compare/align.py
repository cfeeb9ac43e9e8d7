"""Choose which claim pairs across sources are worth checking.

Scoring every pair is quadratic in the story's size, so each claim is paired only
with its k nearest claims from other sources (by sentence-embedding cosine,
computed in blocks so memory stays bounded); compare/story.py adds the pairs the
typed checks' cues call for.
"""

from __future__ import annotations

import numpy as np

from counterpoint.compare.policy import COSINE_BLOCK as BLOCK
from counterpoint.compare.policy import NEAREST_K


def nearest_pairs(
    vectors: np.ndarray, groups: list[str], k: int = NEAREST_K
) -> dict[tuple[int, int], float]:
    """For each row, its k most similar rows from other groups: {(i, j): cosine}, i < j."""
    n = len(groups)
    group_ids = np.array([hash(g) for g in groups])
    pairs: dict[tuple[int, int], float] = {}
    for start in range(0, n, BLOCK):
        block = vectors[start : start + BLOCK] @ vectors.T
        same = group_ids[start : start + BLOCK, None] == group_ids[None, :]
        block[same] = -1.0
        take = min(k, n)
        top = (
            np.argpartition(-block, take - 1, axis=1)[:, :take]
            if n > take
            else np.tile(np.arange(n), (block.shape[0], 1))
        )
        for row, columns in enumerate(top):
            i = start + row
            for j in columns:
                sim = float(block[row, j])
                if sim <= -1.0:
                    continue
                key = (min(i, int(j)), max(i, int(j)))
                pairs[key] = max(pairs.get(key, -1.0), sim)
    return pairs
