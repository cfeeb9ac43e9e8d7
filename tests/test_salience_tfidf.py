"""The brief's sentence similarity is scikit-learn's TF-IDF cosine, computed without
importing scikit-learn (a second of every run)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from counterpoint.summarize import salience
from counterpoint.summarize.salience import similarity_matrix

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "counterpoint" / "samples"


def _sentences() -> list[str]:
    """Real article sentences (the shipped sample events), a few empty of words."""
    texts = []
    for path in sorted(SAMPLES.glob("*/*.txt")):
        body = path.read_text(encoding="utf-8")
        texts += [line.strip() for line in body.replace(". ", ".\n").splitlines() if line.strip()]
    return [*texts, "", "...", "The the THE"]


def _reference(texts: list[str]) -> np.ndarray:
    text = pytest.importorskip("sklearn.feature_extraction.text")
    vectorizer = text.TfidfVectorizer(analyzer=salience._analyzer, sublinear_tf=True)
    matrix = vectorizer.fit_transform(texts)
    return np.asarray((matrix @ matrix.T).toarray(), dtype=float)


def test_equals_scikit_learn() -> None:
    texts = _sentences()
    assert len(texts) > 50
    assert np.abs(similarity_matrix(texts) - _reference(texts)).max() < 1e-12


def test_blocks_of_terms_give_the_same_matrix(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _sentences()
    whole = similarity_matrix(texts)
    monkeypatch.setattr(salience, "_BLOCK_CELLS", 7 * len(texts))  # 7 terms per block
    assert np.abs(similarity_matrix(texts) - whole).max() < 1e-12


def test_no_words() -> None:
    assert similarity_matrix([]).shape == (0, 0)
    assert not similarity_matrix(["", "..."]).any()
