"""How likely a sentence belongs in a neutral multi-source roundup.

A roundup editor keeps what several outlets report (cross-source support), what
the story is about (closeness to the headlines and to the whole coverage), leads
over later detail, and plain statements over quotes and charged words. Each of
those is one feature; a linear model fitted on NeuS train (see `fit.py`) weighs
them. Weights ship as data in salience_weights.json.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from counterpoint.package_files import read_json
from counterpoint.summarize.candidates import Candidate
from counterpoint.summarize.neutral import unquoted_loaded
from counterpoint.summarize.text import words

FEATURES = (
    "support_mean",
    "support_max",
    "centroid",
    "title_sim",
    "is_title",
    "lead",
    "position_inv",
    "log_words",
    "short",
    "long",
    "loaded",
    "quote_share",
    "first_person",
    "question",
    "has_number",
    "said",
    "word_support",
    "bigram_support",
    "title_words",
    "own_title_words",
)
_FIRST_PERSON = {"i", "we", "my", "our", "me", "us", "you", "your"}
_SPEECH = {"said", "says", "told", "tweeted", "wrote", "added", "stated", "argued"}
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


def _stem(token: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            return token[: -len(suffix)]
    return token


def _analyzer(text: str) -> list[str]:
    return [_stem(w) for w in words(text)]


_BLOCK_CELLS = 4_000_000  # dense cells per block of terms (32 MB of float64)


def similarity_matrix(texts: Sequence[str]) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors (idf from this story's own sentences).

    scikit-learn's TfidfVectorizer(sublinear_tf=True) with this analyzer, computed in
    numpy (importing scikit-learn costs about a second of every run): tf 1 + ln(count),
    idf ln((1 + n) / (1 + df)) + 1, rows scaled to unit length; the terms are taken in
    blocks so memory stays bounded for long stories.
    """
    n = len(texts)
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    counts: list[int] = []
    for row, text in enumerate(texts):
        for term, count in Counter(_analyzer(text)).items():
            rows.append(row)
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
            counts.append(count)
    sims = np.zeros((n, n))
    if not vocabulary:  # no texts, or every text empty of words
        return sims
    row_of, column_of = np.array(rows), np.array(columns)
    idf = np.log((1 + n) / (1 + np.bincount(column_of, minlength=len(vocabulary)))) + 1
    weights = (np.log(np.array(counts, dtype=float)) + 1) * idf[column_of]
    weights /= np.sqrt(np.bincount(row_of, weights=weights**2, minlength=n))[row_of]
    width = max(1, _BLOCK_CELLS // n)
    for start in range(0, len(vocabulary), width):
        inside = (column_of >= start) & (column_of < start + width)
        block = np.zeros((n, min(width, len(vocabulary) - start)))
        block[row_of[inside], column_of[inside] - start] = weights[inside]
        sims += block @ block.T
    return sims


# Frozen copy: the function words the salience weights were fitted with (changing them needs
# `make train-brief`); counterpoint.lexicon.STOPWORDS is the shared list.
_STOP = {
    "the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "is", "are", "was", "were",
    "be", "been", "by", "with", "at", "as", "that", "this", "it", "its", "from", "has", "have",
    "had", "he", "she", "they", "his", "her", "their", "but", "not", "will", "would", "after",
}  # fmt: skip


def content_texts(candidates: Sequence[Candidate]) -> list[str]:
    """Candidate texts without function words: what similarity should compare."""
    return [" ".join(w for w in words(c.text) if w not in _STOP) for c in candidates]


def _grams(content: str) -> tuple[list[str], set[tuple[str, str]]]:
    unigrams = [_stem(w) for w in content.split()]
    return unigrams, set(itertools.pairwise(unigrams))


def _share(items: Sequence[object], pools: Sequence[set[Any]]) -> float:
    """Mean over items of the fraction of pools that contain the item."""
    if not items or not pools:
        return 0.0
    return sum(sum(item in pool for pool in pools) for item in items) / (len(items) * len(pools))


def feature_matrix(candidates: Sequence[Candidate]) -> np.ndarray:
    """One row of FEATURES per candidate, computed against the other candidates."""
    n = len(candidates)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    contents = content_texts(candidates)
    sims = similarity_matrix(contents)
    sources = sorted({c.source for c in candidates})
    grams = [_grams(text) for text in contents]
    source_words: dict[int, set[str]] = {s: set() for s in sources}
    source_bigrams: dict[int, set[tuple[str, str]]] = {s: set() for s in sources}
    title_words: dict[int, set[str]] = {s: set() for s in sources}
    for cand, (unigrams, bigrams) in zip(candidates, grams, strict=True):
        source_words[cand.source] |= set(unigrams)
        source_bigrams[cand.source] |= bigrams
        if cand.is_title:
            title_words[cand.source] |= set(unigrams)
    all_title_words = set().union(*title_words.values())
    rows = []
    centroid = sims.mean(axis=1)
    for i, cand in enumerate(candidates):
        per_source: list[float] = []
        title_sims: list[float] = []
        for src in sources:
            if src == cand.source:
                continue
            idx = [j for j, other in enumerate(candidates) if other.source == src]
            per_source.append(max(sims[i, j] for j in idx))
            title_sims.extend(sims[i, j] for j in idx if candidates[j].is_title)
        unigrams, bigrams = grams[i]
        others = [s for s in sources if s != cand.source]
        word_support = _share(unigrams, [source_words[s] for s in others])
        bigram_support = _share(list(bigrams), [source_bigrams[s] for s in others])
        tokens = words(cand.text)
        n_words = max(len(tokens), 1)
        quoted_words = sum(len(words(m.group(0))) for m in _QUOTED.finditer(cand.text))
        rows.append(
            [
                float(np.mean(per_source)) if per_source else 0.0,
                max(per_source) if per_source else 0.0,
                float(centroid[i]),
                float(np.mean(title_sims)) if title_sims else 0.0,
                1.0 if cand.is_title else 0.0,
                1.0 if (not cand.is_title and cand.position == 0) else 0.0,
                0.0 if cand.is_title else 1.0 / (1.0 + cand.position),
                math.log(n_words),
                1.0 if n_words < 8 else 0.0,
                1.0 if n_words > 40 else 0.0,
                float(len(unquoted_loaded(cand.text))),
                min(quoted_words / n_words, 1.0),
                1.0 if _FIRST_PERSON & set(tokens) else 0.0,
                1.0 if cand.text.rstrip('"”’ ').endswith("?") else 0.0,
                1.0 if any(t.isdigit() for t in tokens) else 0.0,
                1.0 if _SPEECH & set(tokens) else 0.0,
                word_support,
                bigram_support,
                _share(unigrams, [all_title_words]),
                _share(unigrams, [title_words[cand.source]]),
            ]
        )
    return np.asarray(rows, dtype=float)


@lru_cache(maxsize=1)
def salience_weights() -> dict[str, object]:
    """The fitted linear model (feature names, scaling, coefficients)."""
    data: dict[str, object] = read_json("counterpoint.summarize", "salience_weights.json")
    return data


def score_candidates(
    candidates: Sequence[Candidate], weights: dict[str, object] | None = None
) -> list[float]:
    """Salience of every candidate; also stored on each candidate's `score`."""
    if not candidates:
        return []
    model = weights or salience_weights()
    names = list(model["features"])  # type: ignore[call-overload]
    full = feature_matrix(candidates)
    columns = [FEATURES.index(name) for name in names]
    x = full[:, columns]
    mean = np.asarray(model["mean"], dtype=float)
    scale = np.asarray(model["scale"], dtype=float)
    coef = np.asarray(model["coef"], dtype=float)
    intercept = float(model["intercept"])  # type: ignore[arg-type]
    scores = ((x - mean) / scale) @ coef + intercept
    for cand, value in zip(candidates, scores, strict=True):
        cand.score = float(value)
    return [float(v) for v in scores]
