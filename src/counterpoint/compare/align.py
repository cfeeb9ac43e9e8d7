"""Choose which claim pairs across sources are worth judging.

Scoring every pair is quadratic in the story's size, so each claim is paired only
with its k nearest claims from other sources (by sentence embedding, computed in
blocks so memory stays bounded), and a pair is kept when it is similar enough, or
moderately similar with shared entities or explicit conflict evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from counterpoint.records import Claim

TOP_K = 6
KEEP_SIMILARITY = 0.5
KEEP_WITH_SIGNALS = 0.3
BLOCK = 1024


@dataclass(frozen=True)
class Candidate:
    """A pair of claims (indices into the aligned list) and how alike they are."""

    i: int
    j: int
    similarity: float
    shared_entities: int


def nearest_pairs(
    vectors: np.ndarray, groups: list[str], k: int = TOP_K
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


def align_claims(
    claims: list[Claim], vectors: np.ndarray, source_of: dict[str, str], k: int = TOP_K
) -> list[Candidate]:
    """Candidate cross-source pairs, at most about n * k of them.

    `source_of` maps an article id to its independent source (syndicated copies map
    to their original, so a copy is never compared with itself).
    """
    groups = [source_of.get(c.article_id, c.article_id) for c in claims]
    candidates: list[Candidate] = []
    for (i, j), sim in nearest_pairs(vectors, groups, k).items():
        shared = len(set(claims[i].entities) & set(claims[j].entities))
        numbers = bool(claims[i].quantities and claims[j].quantities)
        if sim >= KEEP_SIMILARITY or (sim >= KEEP_WITH_SIGNALS and (shared >= 1 or numbers)):
            candidates.append(Candidate(i=i, j=j, similarity=sim, shared_entities=shared))
    return candidates
