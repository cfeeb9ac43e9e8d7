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
import re
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
    "tfidf_cosine",
    "entity_overlap",
    "lead_entity_overlap",
    "days_apart",
    "date_unknown",
    "person_clash",
    "place_clash",
    "year_clash",
    "head_person_clash",
    "head_place_clash",
    "head_day_clash",
)
MAX_DAYS = 365
PERSON_LABELS = frozenset({EntityLabel.PERSON})
PLACE_LABELS = frozenset({EntityLabel.GPE, EntityLabel.LOC})
# Frozen copies: the weekday and year patterns the pair model's features were fitted with
# (`make train-stories` to change); counterpoint.lexicon holds the shared names and YEAR.
WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")

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
    years: frozenset[int] = frozenset()  # years the text names: "in 2008" vs "in 2013"
    people: frozenset[str] = frozenset()  # surnames, so "Lohan" meets "Lindsay Lohan"
    places: frozenset[str] = frozenset()
    # who, where and which weekday the headline and first sentence name: the event itself,
    # where later paragraphs also recall earlier, similar events
    head_people: frozenset[str] = frozenset()
    head_places: frozenset[str] = frozenset()
    head_days: frozenset[str] = frozenset()

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
                "years": sorted(self.years),
                "people": sorted(self.people),
                "places": sorted(self.places),
                "head_people": sorted(self.head_people),
                "head_places": sorted(self.head_places),
                "head_days": sorted(self.head_days),
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
            years=frozenset(data.get("years", ())),  # caches written before these existed
            people=frozenset(data.get("people", ())),
            places=frozenset(data.get("places", ())),
            head_people=frozenset(data.get("head_people", ())),
            head_places=frozenset(data.get("head_places", ())),
            head_days=frozenset(data.get("head_days", ())),
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
        head = head_text(analysis)
        people, places = named(analysis, PERSON_LABELS), named(analysis, PLACE_LABELS)
        result.append(
            ArticleFeatures(
                article_id=analysis.article.id,
                title=analysis.article.title or analysis.article.text[:80],
                embedding=np.asarray(vector, dtype=np.float32),
                words=words[index],
                entities=everything,
                lead_entities=lead,
                published=analysis.article.published,
                years=years_named(f"{analysis.article.title or ''} {analysis.article.text}"),
                people=people,
                places=places,
                head_people=named_in(head, people),
                head_places=named_in(head, places),
                head_days=frozenset(WEEKDAY.findall(head)),
            )
        )
    return result


def head_text(analysis: AnalyzedArticle) -> str:
    """Headline and first sentence, lower-cased: where a report says which event it is."""
    first = analysis.sentences[0].text if analysis.sentences else analysis.article.text[:250]
    return f"{analysis.article.title or ''} {first}".lower()


def named_in(text: str, names: frozenset[str]) -> frozenset[str]:
    """The names (folded, lower-case) that occur as whole words in `text`."""
    return frozenset(n for n in names if re.search(rf"\b{re.escape(n)}\b", text))


def years_named(text: str) -> frozenset[int]:
    """Four-digit years (1950-2049) a text names."""
    return frozenset(int(match) for match in YEAR.findall(text))


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


def named(analysis: AnalyzedArticle, labels: frozenset[EntityLabel]) -> frozenset[str]:
    """Lower-case names of an article's entities with these labels; people by surname,
    so "Lohan" in one article meets "Lindsay Lohan" in another."""
    names = set()
    for entity in analysis.entities:
        if entity.label in labels:
            name = (entity.key.partition(":")[2] or entity.key).lower()
            if name:
                names.add(name.split()[-1] if entity.label == EntityLabel.PERSON else name)
    return frozenset(names)


def _clash(a: frozenset[str] | frozenset[int], b: frozenset[str] | frozenset[int]) -> float:
    """1 when both articles name something of a kind and nothing in common."""
    return 1.0 if a and b and not (a & b) else 0.0  # type: ignore[operator]


class DocumentFrequencies:
    """How many indexed articles contain each hashed word: the IDF of the stream so far.

    Grows with every article the clusterer indexes (no vocabulary to fit, so it stays
    incremental); rare shared words (names, places) then outweigh common ones."""

    def __init__(self) -> None:
        self.counts = np.zeros(WORD_DIMENSIONS, dtype=np.float32)
        self.documents = 0
        self._counted: set[str] = set()
        self._idf: np.ndarray | None = None

    def add(self, features: Sequence[ArticleFeatures]) -> None:
        """Count the words of articles not counted yet (a batch is counted before it is
        grouped, then again as each article is indexed: once only)."""
        for feature in features:
            if feature.article_id in self._counted:
                continue
            self._counted.add(feature.article_id)
            self.counts[feature.words.indices] += 1.0
            self.documents += 1
        self._idf = None

    def idf(self) -> np.ndarray:
        """Smoothed IDF per hashed word: ln((1 + n) / (1 + df)) + 1."""
        if self._idf is None:
            self._idf = (np.log((1.0 + self.documents) / (1.0 + self.counts)) + 1.0).astype(
                np.float32
            )
        return self._idf


def _tfidf_rows(rows: Any, idf: np.ndarray) -> Any:
    from sklearn.preprocessing import normalize

    weighted = rows.copy()
    weighted.data = weighted.data * idf[weighted.indices]
    return normalize(weighted)


def pair_vectors(
    a: ArticleFeatures,
    others: Sequence[ArticleFeatures],
    frequencies: DocumentFrequencies | None = None,
) -> np.ndarray:
    """Pair vectors of one article against many (one sparse product for the words).

    `frequencies` gives the TF-IDF cosine its IDF; without it every word weighs 1."""
    from scipy.sparse import vstack

    cosines = np.stack([o.embedding for o in others]) @ a.embedding
    stacked = vstack([o.words for o in others]).tocsr()
    words = np.asarray((stacked @ a.words.T).todense()).ravel()
    if frequencies is None:
        tfidf = words
    else:
        idf = frequencies.idf()
        product = _tfidf_rows(stacked, idf) @ _tfidf_rows(a.words, idf).T
        tfidf = np.asarray(product.todense()).ravel()
    rows = []
    for other, cosine, word_cosine, tfidf_cosine in zip(others, cosines, words, tfidf, strict=True):
        unknown = a.published is None or other.published is None
        # months apart, up to a year: same-kind events are often weeks or years apart
        days = 0.0 if unknown else min(abs((a.published - other.published).days), MAX_DAYS) / 30.0  # type: ignore[operator]
        rows.append(
            [
                float(cosine),
                float(word_cosine),
                float(tfidf_cosine),
                _overlap(a.entities, other.entities),
                _overlap(a.lead_entities, other.lead_entities),
                days,
                1.0 if unknown else 0.0,
                _clash(a.people, other.people),
                _clash(a.places, other.places),
                _clash(a.years, other.years),
                _clash(a.head_people, other.head_people),
                _clash(a.head_places, other.head_places),
                _clash(a.head_days, other.head_days),
            ]
        )
    return np.array(rows, dtype=np.float64)


class MiniLMEmbedder:
    """Normalised MiniLM embeddings via the process-wide encoder in counterpoint.models
    (offline model from a wheel, loaded once; COUNTERPOINT_ENCODER overrides it)."""

    def __call__(self, texts: list[str]) -> np.ndarray:
        from counterpoint.models import embed

        return np.asarray(embed(texts), dtype=np.float32)
