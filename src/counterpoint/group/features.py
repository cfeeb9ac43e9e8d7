"""What the story clusterer looks at in one article, and how two articles compare.

An event is told by its lead (who, what, where), named by its entities and bounded
in time. So each article becomes: a MiniLM embedding of title + lead, the set of
entity keys (all, and those in the lead), and its publication date. Two articles'
features give a small vector the pair model (pair_model.json) turns into a
probability of "same story".
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from counterpoint.records import AnalyzedArticle, EntityLabel

LEAD_CHARS = 700
WORD_DIMENSIONS = 2**18
# Entity kinds that identify an event; nationalities and "other" are too generic.
EVENT_LABELS = {
    EntityLabel.PERSON,
    EntityLabel.ORG,
    EntityLabel.GPE,
    EntityLabel.LOC,
    EntityLabel.EVENT,
}
FEATURE_NAMES = (
    "cosine",
    "word_cosine",
    "entity_overlap",
    "lead_entity_overlap",
    "days_apart",
    "date_unknown",
)

Embedder = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class ArticleFeatures:
    """One article as the clusterer sees it."""

    article_id: str
    title: str
    embedding: np.ndarray
    words: Any  # 1 x 2**18 sparse row: hashed word counts of title + text, unit length
    entities: frozenset[str]
    lead_entities: frozenset[str]
    published: date | None

    def to_json(self) -> str:
        """Compact JSON (vectors base64-encoded) so a store can keep features across runs."""
        row = self.words.tocoo()
        return json.dumps(
            {
                "id": self.article_id,
                "title": self.title,
                "embedding": _b64(np.asarray(self.embedding, dtype=np.float32)),
                "word_index": _b64(row.col.astype(np.int32)),
                "word_value": _b64(row.data.astype(np.float32)),
                "entities": sorted(self.entities),
                "lead_entities": sorted(self.lead_entities),
                "published": self.published.isoformat() if self.published else None,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> ArticleFeatures:
        """Inverse of to_json."""
        from scipy.sparse import csr_matrix

        data = json.loads(text)
        index = _unb64(data["word_index"], np.int32)
        values = _unb64(data["word_value"], np.float32)
        words = csr_matrix((values, (np.zeros_like(index), index)), shape=(1, WORD_DIMENSIONS))
        return cls(
            article_id=data["id"],
            title=data["title"],
            embedding=_unb64(data["embedding"], np.float32),
            words=words,
            entities=frozenset(data["entities"]),
            lead_entities=frozenset(data["lead_entities"]),
            published=date.fromisoformat(data["published"]) if data["published"] else None,
        )


def _b64(array: np.ndarray) -> str:
    return base64.b64encode(array.tobytes()).decode("ascii")


def _unb64(text: str, dtype: type) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=dtype).copy()


def lead_text(analysis: AnalyzedArticle, chars: int = LEAD_CHARS) -> str:
    """Title plus the opening sentences: where a news article says what happened."""
    article = analysis.article
    body = article.text[:chars]
    if analysis.sentences:
        kept: list[str] = []
        for sentence in analysis.sentences:
            if sum(len(s) for s in kept) >= chars:
                break
            kept.append(sentence.text)
        body = " ".join(kept)
    return f"{article.title or ''}. {body}".strip(". ")


def entity_sets(analysis: AnalyzedArticle) -> tuple[frozenset[str], frozenset[str]]:
    """(all event-identifying entity keys, those mentioned within the lead)."""
    lead_end = len(analysis.article.text[:LEAD_CHARS])
    everything: set[str] = set()
    lead: set[str] = set()
    for entity in analysis.entities:
        if entity.label not in EVENT_LABELS:
            continue
        everything.add(entity.key)
        if not entity.mentions or any(m.start < lead_end for m in entity.mentions):
            lead.add(entity.key)
    return frozenset(everything), frozenset(lead)


def featurize(analyses: Sequence[AnalyzedArticle], embed: Embedder) -> list[ArticleFeatures]:
    """Features for a batch (one embedding call for the batch)."""
    if not analyses:
        return []
    vectors = embed([lead_text(a) for a in analyses])
    words = word_vectors([f"{a.article.title or ''} {a.article.text}" for a in analyses])
    result = []
    for index, (analysis, vector) in enumerate(zip(analyses, vectors, strict=True)):
        everything, lead = entity_sets(analysis)
        result.append(
            ArticleFeatures(
                article_id=analysis.article.id,
                title=analysis.article.title or analysis.article.text[:80],
                embedding=np.asarray(vector, dtype=np.float32),
                words=words[index],
                entities=everything,
                lead_entities=lead,
                published=analysis.article.published,
            )
        )
    return result


def word_vectors(texts: list[str]) -> Any:
    """Hashed, stop-word-free word and bigram counts (log-scaled, unit length).

    Complements the embedding with the exact names, places and numbers that tell
    two same-kind events apart; hashing needs no vocabulary, so it is incremental.
    """
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.preprocessing import normalize

    counts = HashingVectorizer(
        n_features=WORD_DIMENSIONS,
        stop_words="english",
        ngram_range=(1, 2),
        alternate_sign=False,
        norm=None,
    ).transform(texts)
    counts.data = 1.0 + np.log(counts.data)
    return normalize(counts).tocsr()


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b)) ** 0.5 / max(len(a), len(b)) ** 0.5


def pair_vectors(a: ArticleFeatures, others: Sequence[ArticleFeatures]) -> np.ndarray:
    """Pair vectors of one article against many (one sparse product for the words)."""
    from scipy.sparse import vstack

    cosines = np.stack([o.embedding for o in others]) @ a.embedding
    words = np.asarray((vstack([o.words for o in others]) @ a.words.T).todense()).ravel()
    rows = []
    for other, cosine, word_cosine in zip(others, cosines, words, strict=True):
        unknown = a.published is None or other.published is None
        days = 0.0 if unknown else min(abs((a.published - other.published).days), 60) / 30.0  # type: ignore[operator]
        rows.append(
            [
                float(cosine),
                float(word_cosine),
                _overlap(a.entities, other.entities),
                _overlap(a.lead_entities, other.lead_entities),
                days,
                1.0 if unknown else 0.0,
            ]
        )
    return np.array(rows, dtype=np.float64)


class MiniLMEmbedder:
    """Normalised MiniLM embeddings via the process-wide encoder in counterpoint.models
    (offline model from a wheel, loaded once; COUNTERPOINT_ENCODER overrides it)."""

    def __call__(self, texts: list[str]) -> np.ndarray:
        from counterpoint.models import embed

        return np.asarray(embed(texts), dtype=np.float32)
