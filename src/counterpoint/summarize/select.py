"""Pick sentences: most salient first, nothing the brief already says, within budget."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from counterpoint.summarize.candidates import Candidate
from counterpoint.summarize.text import words


def pick(
    candidates: Sequence[Candidate],
    sims: np.ndarray,
    *,
    max_sentences: int,
    max_words: int | None = None,
    redundancy: float = 0.5,
    already: Sequence[int] = (),
) -> list[int]:
    """Greedy choice by score, skipping near-duplicates of what is already chosen.

    `sims` is the candidate-by-candidate similarity matrix; `already` are indices
    chosen earlier (e.g. the headline) that new picks must not repeat.
    """
    chosen: list[int] = []
    taken = list(already)
    total = sum(len(words(candidates[i].text)) for i in taken)
    order = sorted(range(len(candidates)), key=lambda i: -candidates[i].score)
    for i in order:
        if len(chosen) >= max_sentences:
            break
        if max_words is not None and total >= max_words:
            break
        if i in taken or not np.isfinite(candidates[i].score):
            continue
        if taken and max(sims[i, j] for j in taken) > redundancy:
            continue
        chosen.append(i)
        taken.append(i)
        total += len(words(candidates[i].text))
    return chosen
