"""Incremental story clustering: each new article joins an existing story or starts one.

A pair model (logistic regression over embedding cosine, TF-IDF cosine, entity
overlap, days apart and clashes of who/where/when; weights in pair_model.json,
fitted by benchmarks/stories.py --fit on dev data) gives P(same story) for two
articles. A batch of new articles is grouped by average link first, then each group
joins the existing story it matches best on average over all member pairs, if that
clears the threshold (group.linking). Entities and time keep same-kind events apart:
two earthquakes read alike, but their places, people and dates differ. Syndicated
copies skip the model and join their original's story, listed in Story.copies.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from counterpoint.group import linking
from counterpoint.group.copies import (
    CopyDetector,
    signature,
    signature_from_text,
    signature_to_text,
)
from counterpoint.group.features import (
    FEATURE_NAMES,
    ArticleFeatures,
    DocumentFrequencies,
    Embedder,
    MiniLMEmbedder,
    featurize,
    pair_vectors,
)
from counterpoint.package_files import package_file
from counterpoint.records import AnalyzedArticle, Story

if TYPE_CHECKING:
    from datasketch import MinHash

PAIR_MODEL_PATH = package_file("counterpoint.group", "pair_model.json")
CANDIDATES = 64  # most similar stored articles examined per new article


@dataclass(frozen=True)
class PairModel:
    """Logistic weights over FEATURE_NAMES plus the join threshold."""

    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5

    @classmethod
    def load(cls, path: Path = PAIR_MODEL_PATH) -> PairModel:
        """Read the shipped weights."""
        data = json.loads(path.read_text())
        if tuple(data["features"]) != FEATURE_NAMES:
            raise ValueError(f"{path} was fitted on other features: {data['features']}")
        return cls(tuple(data["weights"]), float(data["bias"]), float(data["threshold"]))

    def save(self, path: Path = PAIR_MODEL_PATH, **extra: object) -> None:
        """Write weights (with provenance in `extra`)."""
        payload = {
            "features": list(FEATURE_NAMES),
            "weights": list(self.weights),
            "bias": self.bias,
            "threshold": self.threshold,
            **extra,
        }
        path.write_text(json.dumps(payload, indent=2) + "\n")

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """P(same story) for rows of pair vectors."""
        logits = vectors @ np.asarray(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-logits))


def story_id_for(first_article_id: str) -> str:
    """A story's id derives from its first article, so it stays put as members join."""
    return "story-" + hashlib.sha1(first_article_id.encode()).hexdigest()[:16]


@dataclass
class _StoryState:
    id: str
    title: str
    members: list[str] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)
    first: date | None = None
    last: date | None = None

    def record(self) -> Story:
        return Story(
            id=self.id,
            title=self.title,
            article_ids=list(self.members),
            copies=dict(self.copies),
            first_published=self.first,
            last_published=self.last,
        )

    def include(self, article_id: str, published: date | None) -> None:
        self.members.append(article_id)
        if published is not None:
            self.first = min(self.first or published, published)
            self.last = max(self.last or published, published)


class StoryClusterer:
    """Keeps every known article's features and story; `add` places new ones."""

    def __init__(self, embed: Embedder | None = None, model: PairModel | None = None) -> None:
        self._embed = embed
        self.model = model or PairModel.load()
        self.copies = CopyDetector()
        self._features: list[ArticleFeatures] = []
        self._by_id: dict[str, ArticleFeatures] = {}
        self._indexed: set[str] = set()  # ids with a row in the embedding matrix
        self._matrix = np.zeros((0, 0), dtype=np.float32)  # rows >= len(_features): spare room
        self._story_of: dict[str, str] = {}
        self._stories: dict[str, _StoryState] = {}
        self._published: dict[str, date | None] = {}
        self.unplaced: list[str] = []  # known articles `load` could not give a story
        self.frequencies = DocumentFrequencies()  # IDF of the stream so far (TF-IDF cosine)
        self._group_of: dict[str, list[ArticleFeatures]] = {}  # this batch's average-link groups
        self._earlier: set[str] = set()  # stories that existed before this batch

    @property
    def embed(self) -> Embedder:
        if self._embed is None:
            self._embed = MiniLMEmbedder()
        return self._embed

    # ------------------------------------------------------------------ state

    def story_of(self, article_id: str) -> str | None:
        """The story id an article was placed in."""
        return self._story_of.get(article_id)

    def stories(self) -> list[Story]:
        """Every story as a record."""
        return [state.record() for state in self._stories.values()]

    def story(self, story_id: str) -> Story:
        """One story as a record."""
        return self._stories[story_id].record()

    def cached(self, article_id: str) -> str:
        """What a store keeps so the next run's `load` needs no model: features + signature."""
        feature = self._by_id.get(article_id)
        minhash = self.copies.signature_of(article_id)
        published = self._published.get(article_id)
        return json.dumps(
            {
                "features": feature.to_json() if feature is not None else None,
                "minhash": signature_to_text(minhash) if minhash is not None else None,
                "published": published.isoformat() if published else None,
            }
        )

    def knows(self, article_id: str) -> bool:
        """True when the article was loaded or added (it has a copy signature)."""
        return article_id in self._published

    def load(
        self,
        stories: Iterable[Story],
        analyses: Sequence[AnalyzedArticle] = (),
        cached: Mapping[str, str] | None = None,
    ) -> list[str]:
        """Warm start from a store, or catch up with it: stories as stored now.

        `cached` (article id -> `cached()` text) spares recomputing features;
        `analyses` covers stored articles that have no cached entry. Called again
        (another process wrote to the store meanwhile), it indexes only the articles it
        does not know yet and takes every story as the store has it now, so what it
        writes next builds on the stored state, not on a stale copy.

        Stored articles without a story (saved outside an ingest, or orphaned by an
        earlier version) are placed; returns the ids of the stories that changed so,
        for the caller to save. `unplaced` lists the articles that could not be placed.
        """
        entries: list[tuple[date, str, MinHash, ArticleFeatures | None]] = []
        for article_id, text in (cached or {}).items():
            if article_id in self._published:
                continue
            data = json.loads(text)
            published = date.fromisoformat(data["published"]) if data["published"] else None
            self._published[article_id] = published
            feature = ArticleFeatures.from_json(data["features"]) if data["features"] else None
            entries.append(
                (published or date.max, article_id, signature_from_text(data["minhash"]), feature)
            )
        uncached = [a for a in analyses if a.article.id not in self._published]
        for analysis in uncached:
            self._published[analysis.article.id] = analysis.article.published
            entries.append(
                (
                    analysis.article.published or date.max,
                    analysis.article.id,
                    signature(analysis.article.text),
                    None,
                )
            )
        # same day: a stored story's originals before its copies, so the detector (which
        # then goes by reading order) keeps the originals the ingest chose
        stories = list(stories)
        stored_copies = {copy for story in stories for copy in story.copies}
        entries.sort(key=lambda entry: (entry[0], entry[1] in stored_copies, entry[1]))
        for published, article_id, minhash, _ in entries:
            self.copies.add_signature(
                article_id, minhash, None if published == date.max else published
            )
        known = set(self._published)
        self._stories = {}
        self._story_of = {}
        for story in stories:
            state = _StoryState(
                id=story.id,
                title=story.title,
                copies=dict(story.copies),
                first=story.first_published,
                last=story.last_published,
            )
            state.members = [i for i in story.article_ids if i in known]
            self._stories[story.id] = state
            for article_id in state.members:
                self._story_of[article_id] = story.id
        fresh = {
            f.article_id: f
            for f in featurize(
                [a for a in uncached if self.copies.original_of(a.article.id) is None], self.embed
            )
        }
        features = [entry[3] or fresh.get(entry[1]) for entry in entries]
        self._index(
            [f for f in features if f is not None and self.copies.original_of(f.article_id) is None]
        )
        for feature in features:  # copies keep theirs, in case their original has no story
            if feature is not None:
                self._by_id.setdefault(feature.article_id, feature)
        return self._place_loose()

    def _place_loose(self) -> list[str]:
        """Give every known article without a story one: originals first, then copies."""
        loose = sorted(
            (a for a in self._published if a not in self._story_of),
            key=lambda a: (self._published[a] or date.max, a),
        )
        self.unplaced = []
        touched: list[str] = []
        originals = [a for a in loose if self.copies.original_of(a) is None]
        copies = [a for a in loose if self.copies.original_of(a) is not None]
        for article_id in originals + copies:
            original = self.copies.original_of(article_id)
            feature = self._by_id.get(article_id)
            if original is None or original not in self._story_of:
                # its copies have a story already (a warm start can see another original
                # of a copy group than the ingest did): it joins them
                joined = self._join_copies(article_id)
                if joined is not None or feature is None:
                    if joined is None:
                        self.unplaced.append(article_id)
                    elif joined not in touched:
                        touched.append(joined)
                    continue
            index = feature is not None and article_id not in self._indexed
            story_id = self._place_one(article_id, self._published[article_id], feature, index)
            if story_id not in touched:
                touched.append(story_id)
        return touched

    def _join_copies(self, article_id: str) -> str | None:
        """Place an article in the story of the placed articles that copy it (a warm
        start can see a different original of a copy group than the ingest did)."""
        copies = sorted(
            a for a, s in self._story_of.items() if self.copies.original_of(a) == article_id
        )
        if not copies:
            return None
        state = self._stories[self._story_of[copies[0]]]
        state.include(article_id, self._published.get(article_id))
        self._story_of[article_id] = state.id
        self._relink(state)
        return state.id

    # ------------------------------------------------------------------ adding

    def features_for(self, analyses: Sequence[AnalyzedArticle]) -> dict[str, ArticleFeatures]:
        """Features of articles about to be added (the model runs here), so a caller can
        compute them before it takes the store's write lock and pass them to `add`."""
        return {f.article_id: f for f in featurize(analyses, self.embed)}

    def add(
        self,
        analyses: Sequence[AnalyzedArticle],
        features: Mapping[str, ArticleFeatures] | None = None,
    ) -> list[str]:
        """Place new articles (in publication order); returns the story ids touched.

        `features` (from `features_for`) spares computing them again."""
        fresh = [a for a in analyses if a.article.id not in self._story_of]
        fresh = list({a.article.id: a for a in sorted(fresh, key=_time_order)}.values())
        for analysis in fresh:
            self.copies.add(analysis.article)
            self._published[analysis.article.id] = analysis.article.published
        # Who copies whom is known only once the whole batch is indexed: a later, older
        # (or shorter, same-day) article can displace an original found earlier in the
        # batch. Originals are placed first, so every copy finds its original's story.
        originals = [a for a in fresh if self.copies.original_of(a.article.id) is None]
        copies = [a for a in fresh if self.copies.original_of(a.article.id) is not None]
        known = dict(features or {})
        features = {a.article.id: known[a.article.id] for a in fresh if a.article.id in known}
        missing = [a for a in originals if a.article.id not in features]
        features.update(self.features_for(missing))
        self._group_batch([features[a.article.id] for a in originals])
        touched: list[str] = []
        for analysis in originals:
            article = analysis.article
            story_id = self._place_one(article.id, article.published, features[article.id])
            if story_id not in touched:
                touched.append(story_id)
        # a copy of an original that has no story (stored without one) stands on its own
        unplaced = [
            a
            for a in copies
            if self.copies.original_of(a.article.id) not in self._story_of
            and a.article.id not in features
        ]
        features.update(self.features_for(unplaced))
        for analysis in copies:  # kept (not indexed) for the store's cache: see _join_copies
            if analysis.article.id in features:
                self._by_id.setdefault(analysis.article.id, features[analysis.article.id])
        for analysis in copies:
            article = analysis.article
            story_id = self._place_one(article.id, article.published, features.get(article.id))
            if story_id not in touched:
                touched.append(story_id)
        return touched

    def _place_one(
        self,
        article_id: str,
        published: date | None,
        feature: ArticleFeatures | None,
        index: bool = True,
    ) -> str:
        original = self.copies.original_of(article_id)
        followers: list[str] = []  # earlier-placed articles that turned out to copy this one
        if original is not None and original in self._story_of:
            state = self._stories[self._story_of[original]]
            state.copies[article_id] = original
        else:
            if feature is None:
                raise ValueError(f"no features for {article_id}")
            # an original arriving after its copies joins their story (sorted: a set's
            # order changes between runs, the chosen story must not)
            displaced = sorted(self.copies.displaced(article_id))
            followers = [a for a in displaced if a in self._story_of]
            story_id = self._story_of[followers[0]] if followers else self._best_story(feature)
            if story_id is None:
                story_id = story_id_for(article_id)
                self._stories[story_id] = _StoryState(id=story_id, title=feature.title)
            if index:
                self._index([feature])
            state = self._stories[story_id]
        state.include(article_id, published)
        self._story_of[article_id] = state.id
        if followers:
            self._relink(state)
        return state.id

    def _relink(self, state: _StoryState) -> None:
        """Point a story's copy links at the detector's current originals."""
        members = set(state.members)
        links = {m: self.copies.original_of(m) for m in state.members}
        state.copies = {m: o for m, o in links.items() if o is not None and o in members}

    def _index(self, features: Sequence[ArticleFeatures]) -> None:
        """Append rows to the embedding matrix, doubling its room when full."""
        if not features:
            return
        rows = np.stack([f.embedding for f in features])
        used = len(self._features)
        if self._matrix.size == 0:
            self._matrix = np.zeros((max(64, 2 * len(rows)), rows.shape[1]), dtype=np.float32)
        if used + len(rows) > self._matrix.shape[0]:
            bigger = np.zeros((2 * (used + len(rows)), rows.shape[1]), dtype=np.float32)
            bigger[:used] = self._matrix[:used]
            self._matrix = bigger
        self._matrix[used : used + len(rows)] = rows
        self._features.extend(features)
        self._by_id.update((f.article_id, f) for f in features)
        self._indexed.update(f.article_id for f in features)
        self.frequencies.add(features)

    def _probabilities(
        self, feature: ArticleFeatures, others: Sequence[ArticleFeatures]
    ) -> np.ndarray:
        return self.model.probabilities(pair_vectors(feature, others, self.frequencies))

    def _group_batch(self, features: Sequence[ArticleFeatures]) -> None:
        """Average-link groups of a batch's originals: a group goes to one story."""
        self.frequencies.add(features)
        self._earlier = set(self._stories)
        self._group_of = {}
        for group in linking.batch_groups(features, self._probabilities, self.model.threshold):
            members = [features[i] for i in group]
            for member in members:
                self._group_of[member.article_id] = members

    def _indexed_members(self, story_id: str) -> list[ArticleFeatures]:
        return [self._by_id[m] for m in self._stories[story_id].members if m in self._indexed]

    def _best_story(self, feature: ArticleFeatures) -> str | None:
        """A placed member's story for the rest of its group; else the earlier story the
        group matches best on average (the batch's own groups were kept apart already)."""
        group = self._group_of.get(feature.article_id, [feature])
        for member in group:
            if member.article_id in self._story_of:
                return self._story_of[member.article_id]
        used = len(self._features)
        if not used:
            return None
        earlier = self._earlier if feature.article_id in self._group_of else set(self._stories)
        hits: dict[str, int] = {}  # nearest neighbours of the group's members, per story
        for member in group[: linking.GROUP_SAMPLE]:
            cosines = self._matrix[:used] @ member.embedding
            if used > CANDIDATES:
                nearest = np.argpartition(-cosines, CANDIDATES)[:CANDIDATES]
            else:
                nearest = np.arange(used)
            for index in nearest:
                story_id = self._story_of.get(self._features[int(index)].article_id)
                if story_id is not None and story_id in earlier:
                    hits[story_id] = hits.get(story_id, 0) + 1
        ranked = sorted(hits, key=lambda story_id: (-hits[story_id], story_id))
        stories = {
            story_id: self._indexed_members(story_id)
            for story_id in ranked[: linking.STORIES_COMPARED]
        }
        return linking.best_story(group, stories, self._probabilities, self.model.threshold)


def _time_order(analysis: AnalyzedArticle) -> tuple[date, str]:
    return (analysis.article.published or date.max, analysis.article.origin)


def cluster_stories(
    analyses: Sequence[AnalyzedArticle],
    embed: Embedder | None = None,
    model: PairModel | None = None,
) -> list[Story]:
    """Group a batch of articles into stories from scratch."""
    clusterer = StoryClusterer(embed=embed, model=model)
    clusterer.add(analyses)
    return clusterer.stories()


def group_as_one_story(analyses: Sequence[AnalyzedArticle]) -> Story:
    """All given articles as one story (`compare FILE...`), copies still linked."""
    if not analyses:
        raise ValueError("no articles to group")
    ordered = sorted(analyses, key=_time_order)
    detector = CopyDetector()
    copies: dict[str, str] = {}
    ids: list[str] = []
    for analysis in ordered:
        article = analysis.article
        if article.id in ids:
            continue
        ids.append(article.id)
        original = detector.add(article)
        if original is not None:
            copies[article.id] = original
    copies.update(detector.copies())
    dates = [a.article.published for a in ordered if a.article.published]
    first = ordered[0].article
    return Story(
        id="story-" + hashlib.sha1("|".join(sorted(ids)).encode()).hexdigest()[:16],
        title=first.title or first.text[:80],
        article_ids=ids,
        copies=copies,
        first_published=min(dates, default=None),
        last_published=max(dates, default=None),
    )
