"""Fit the salience weights from (sources, reference roundup) pairs.

The label of a sentence is how much of it a human roundup keeps (ROUGE-1 and
ROUGE-2 precision against the reference), so the model learns which sentences
an editor reuses. A ridge regression on standardised features stays small enough
to ship as a JSON file and to read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from counterpoint.summarize.candidates import SourceText
from counterpoint.summarize.multisource import candidates_from_sources
from counterpoint.summarize.salience import FEATURES, feature_matrix


def sentence_labels(sentences: Sequence[str], reference: str) -> list[float]:
    """Mean of ROUGE-1 and ROUGE-2 precision of each sentence against the reference."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    labels = []
    for sentence in sentences:
        scores = scorer.score(reference, sentence)
        labels.append(0.5 * (scores["rouge1"].precision + scores["rouge2"].precision))
    return labels


def fit_salience(
    stories: Iterable[tuple[Sequence[SourceText], str]],
    *,
    alpha: float = 1.0,
    features: Sequence[str] = FEATURES,
    note: str = "",
) -> dict[str, object]:
    """Ridge regression of sentence labels on FEATURES; returns the weights record."""
    from sklearn.linear_model import Ridge

    rows: list[np.ndarray] = []
    labels: list[float] = []
    columns = [FEATURES.index(name) for name in features]
    for sources, reference in stories:
        candidates = candidates_from_sources(sources)
        if not candidates:
            continue
        rows.append(feature_matrix(candidates)[:, columns])
        labels.extend(sentence_labels([c.text for c in candidates], reference))
    x = np.vstack(rows)
    y = np.asarray(labels)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = Ridge(alpha=alpha).fit((x - mean) / scale, y)
    return {
        "features": list(features),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_],
        "intercept": round(float(model.intercept_), 6),
        "label": "0.5 * (ROUGE-1 precision + ROUGE-2 precision) vs the reference roundup",
        "trained_on": note,
        "rows": len(y),
    }
