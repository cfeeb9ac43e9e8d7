"""Story clustering benchmark: B-cubed precision / recall / F1 on BASIL and ECB+.

BASIL: 50 events x 3 outlets; gold story = `triplet-uuid`. ECB+: 43 topics, each
split into two sub-events (e.g. 1ecb vs 1ecbplus) that are separate gold stories,
so same-kind-different-event pairs are hard negatives. Both run through the real
analyze code (entities, sentences) and then counterpoint.group's StoryClusterer;
a TF-IDF + agglomerative baseline runs in the same process on the same texts (its
distance threshold is the best of a grid on each dataset, an optimistic anchor).

    python benchmarks/stories.py            # evaluate, print table, write JSON
    python benchmarks/stories.py --fit      # refit group/pair_model.json on this dev data
    python benchmarks/stories.py --cv       # + 2-fold cross-fitted scores (the honest ones)

--cv fits the pair model and threshold on half of each dataset's gold stories and
scores the other half, both ways; the baseline is scored on the same halves with its
distance chosen on the fitting half (and, as an anchor, at its best on the scored half).

Data: $COUNTERPOINT_DATA/stories (default ../shared/data). Writes
benchmarks/results/stories.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from counterpoint import settings  # noqa: E402
from counterpoint.group.cluster import PAIR_MODEL_PATH, PairModel, StoryClusterer  # noqa: E402
from counterpoint.group.features import (  # noqa: E402
    FEATURE_NAMES,
    DocumentFrequencies,
    MiniLMEmbedder,
    featurize,
    pair_vectors,
)
from counterpoint.records import AnalyzedArticle, Article  # noqa: E402

DATA = settings.data_dir()
RESULTS = ROOT / "benchmarks" / "results" / "stories.json"
# Analyses and embeddings are cached outside the repo between runs.
CACHE = settings.cache_dir()


# ---------------------------------------------------------------- data


def load_basil(folder: Path) -> list[tuple[Article, str]]:
    """(Article, gold story) for each BASIL article."""
    items = []
    for path in sorted(folder.glob("articles/*/*.json")):
        data = json.loads(path.read_text())
        text = "\n\n".join(" ".join(p) for p in data["body-paragraphs"])
        published = date.fromisoformat(data["date"]) if data.get("date") else None
        article = Article(
            id=path.stem,
            origin=str(path),
            outlet=data["source"],
            title=data["title"],
            published=published,
            text=text,
        )
        items.append((article, data["triplet-uuid"]))
    return items


def load_ecbplus(folder: Path) -> list[tuple[Article, str]]:
    """(Article, gold sub-topic) for each ECB+ document."""
    items = []
    for path in sorted(folder.glob("*/*.json")):
        data = json.loads(path.read_text())
        article = Article(
            id=path.stem,
            origin=str(path),
            outlet=path.stem,
            title=data.get("title") or None,
            text=data["text"],
        )
        items.append((article, path.parent.name))
    return items


def analyze_cached(name: str, articles: list[Article]) -> tuple[list[AnalyzedArticle], str]:
    """analyze_all, cached outside the repo (COUNTERPOINT_CACHE) between runs."""
    path = CACHE / f"bench-stories-{name}.jsonl"
    if path.is_file():
        cached = [AnalyzedArticle.model_validate_json(line) for line in path.open()]
        if [a.article for a in cached] == articles:
            return cached, ANALYSIS_SOURCE
    analyses, source = analyze_all(articles)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(a.model_dump_json() + "\n" for a in analyses))
    return analyses, source


ANALYSIS_SOURCE = "analyze.entities.find_entities + analyze.sentences.split_sentences"


def analyze_all(articles: list[Article]) -> tuple[list[AnalyzedArticle], str]:
    """The analyze stage's sentence and entity steps (all the clusterer reads).

    Attributions and claims are left out: clustering does not use them and they
    would triple the run time on this shared machine.
    """
    from counterpoint.analyze.entities import find_entities
    from counterpoint.analyze.sentences import split_sentences
    from counterpoint.models import spacy_english

    nlp = spacy_english()
    result = []
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        result.append(
            AnalyzedArticle(
                article=article,
                sentences=split_sentences(doc),
                entities=find_entities(doc, article.id),
                attributions=[],
                claims=[],
            )
        )
    return result, ANALYSIS_SOURCE


class CachedEmbedder:
    """Embeds each distinct text once across the many clustering runs of a fit."""

    def __init__(self, embed, path: Path | None = None) -> None:
        self.embed = embed
        self.path = path
        self.cache: dict[str, np.ndarray] = {}
        if path is not None and path.is_file():
            with np.load(path) as saved:
                self.cache = dict(zip(saved["texts"].tolist(), saved["vectors"], strict=True))

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.embed(missing), strict=True))
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                np.savez(
                    self.path,
                    texts=np.array(list(self.cache)),
                    vectors=np.stack(list(self.cache.values())),
                )
        return np.stack([self.cache[t] for t in texts])


# ---------------------------------------------------------------- metrics


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998) over items."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item, cluster in predicted.items():
        by_pred[cluster].add(item)
    for item, cluster in gold.items():
        by_gold[cluster].add(item)
    precision = recall = 0.0
    for item in gold:
        same_pred = by_pred[predicted[item]]
        same_gold = by_gold[gold[item]]
        overlap = len(same_pred & same_gold)
        precision += overlap / len(same_pred)
        recall += overlap / len(same_gold)
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


# ---------------------------------------------------------------- systems


def run_clusterer(analyses: list[AnalyzedArticle], embed, model: PairModel) -> dict[str, str]:
    clusterer = StoryClusterer(embed=embed, model=model)
    clusterer.add(analyses)
    return {a.article.id: clusterer.story_of(a.article.id) or "" for a in analyses}


BASELINE_DISTANCES = np.arange(0.5, 1.0, 0.05)


def baseline_labels(articles: list[Article], distance: float) -> dict[str, str]:
    """TF-IDF (title + text) + average-link agglomerative at one cosine distance."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = (
        TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1)
        .fit_transform([f"{a.title or ''} {a.text}" for a in articles])
        .toarray()
    )
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=float(distance)
    ).fit_predict(matrix)
    return {a.id: str(label) for a, label in zip(articles, labels, strict=True)}


def run_baseline(articles: list[Article], gold: dict[str, str]) -> tuple[dict[str, str], float]:
    """The baseline at the best distance of a grid on these same articles (an oracle)."""
    best: tuple[float, dict[str, str], float] = (-1.0, {}, 0.0)
    for distance in BASELINE_DISTANCES:
        predicted = baseline_labels(articles, float(distance))
        f1 = bcubed(predicted, gold)["f1"]
        if f1 > best[0]:
            best = (f1, predicted, float(distance))
    return best[1], best[2]


# ---------------------------------------------------------------- fitting


def training_pairs(analyses, gold, embed, neighbours: int = 64):
    """Pair vectors and labels for each article's nearest neighbours (what the clusterer sees)."""
    features = featurize(analyses, embed)
    frequencies = DocumentFrequencies()  # IDF over the whole set (the clusterer's grows)
    frequencies.add(features)
    matrix = np.stack([f.embedding for f in features])
    seen: set[tuple[int, int]] = set()
    vectors, labels = [], []
    for i, feature in enumerate(features):
        nearest = [int(j) for j in np.argsort(-(matrix @ feature.embedding))[: neighbours + 1]]
        fresh = [j for j in nearest if j != i and (min(i, j), max(i, j)) not in seen]
        if not fresh:
            continue
        seen.update((min(i, j), max(i, j)) for j in fresh)
        vectors.append(pair_vectors(feature, [features[j] for j in fresh], frequencies))
        labels.extend(int(gold[feature.article_id] == gold[features[j].article_id]) for j in fresh)
    return np.vstack(vectors), np.array(labels)


def fit(datasets, embed, save: bool = True) -> PairModel:
    """Logistic pair model on neighbour pairs + the threshold with the best mean B-cubed F1."""
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    for analyses, gold in datasets.values():
        x, y = training_pairs(analyses, gold, embed)
        xs.append(x)
        ys.append(y)
    x, y = np.vstack(xs), np.concatenate(ys)
    regression = LogisticRegression(class_weight="balanced", C=1.0, max_iter=1000).fit(x, y)
    base = PairModel(tuple(float(w) for w in regression.coef_[0]), float(regression.intercept_[0]))
    best_threshold, best_f1 = 0.5, -1.0
    for threshold in THRESHOLDS:
        model = PairModel(base.weights, base.bias, float(threshold))
        f1 = float(
            np.mean([bcubed(run_clusterer(a, embed, model), g)["f1"] for a, g in datasets.values()])
        )
        if f1 > best_f1:
            best_threshold, best_f1 = float(threshold), f1
    model = PairModel(base.weights, base.bias, round(best_threshold, 2))
    if save:
        model.save(
            PAIR_MODEL_PATH,
            fitted_on="BASIL + ECB+ dev folders in shared/data/stories",
            pairs=len(y),
            positives=int(y.sum()),
        )
    return model


THRESHOLDS = np.arange(0.5, 0.96, 0.05)  # join threshold grid (mean P(same story))


def split_by_story(datasets, fold: int):
    """Half of each dataset's gold stories (by a stable hash), for 2-fold cross-fitting."""
    import hashlib

    def keep(story: str) -> bool:
        return int(hashlib.md5(story.encode()).hexdigest(), 16) % 2 == fold

    return {
        name: (
            [a for a in analyses if keep(gold[a.article.id])],
            {i: g for i, g in gold.items() if keep(g)},
        )
        for name, (analyses, gold) in datasets.items()
    }


def cross_fitted(datasets, embed) -> dict[str, dict[str, dict[str, float]]]:
    """Out-of-sample estimate: fit on one half of the stories, score the other, both ways.

    The TF-IDF baseline is scored on the same halves, its distance chosen on the
    fitting half like ours ("baseline"), and at its best distance on the scored half
    ("baseline_oracle", an optimistic anchor)."""
    systems = ("counterpoint", "baseline", "baseline_oracle")
    scores = {name: {system: [] for system in systems} for name in datasets}
    for fold in (0, 1):
        fitting, scoring = split_by_story(datasets, fold), split_by_story(datasets, 1 - fold)
        model = fit(fitting, embed, save=False)
        for name, (analyses, gold) in scoring.items():
            rows = scores[name]
            rows["counterpoint"].append(bcubed(run_clusterer(analyses, embed, model), gold))
            fit_articles = [a.article for a in fitting[name][0]]
            distance = max(
                BASELINE_DISTANCES,
                key=lambda d: bcubed(baseline_labels(fit_articles, float(d)), fitting[name][1])[
                    "f1"
                ],
            )
            articles = [a.article for a in analyses]
            rows["baseline"].append(bcubed(baseline_labels(articles, float(distance)), gold))
            rows["baseline_oracle"].append(bcubed(run_baseline(articles, gold)[0], gold))
    return {
        name: {
            system: {k: round(float(np.mean([r[k] for r in rows])), 4) for k in rows[0]}
            for system, rows in by_system.items()
        }
        for name, by_system in scores.items()
    }


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fit", action="store_true", help="refit group/pair_model.json")
    parser.add_argument(
        "--cv",
        action="store_true",
        help="also report 2-fold cross-fitted scores (fit on half the stories)",
    )
    args = parser.parse_args()
    stories = DATA / "stories"
    if not (stories / "basil").is_dir() or not (stories / "ecbplus").is_dir():
        print(f"skip: no story data under {stories} (set COUNTERPOINT_DATA)")
        return
    started = time.time()
    embed = CachedEmbedder(MiniLMEmbedder(), CACHE / "bench-stories-embeddings.npz")
    datasets, originals, analysis_source = {}, {}, ""
    for name, loader, folder in (
        ("basil", load_basil, stories / "basil"),
        ("ecbplus", load_ecbplus, stories / "ecbplus"),
    ):
        items = loader(folder)
        analyses, analysis_source = analyze_cached(name, [a for a, _ in items])
        datasets[name] = (analyses, {a.id: g for a, g in items})
        originals[name] = [a for a, _ in items]
    model = fit(datasets, embed) if args.fit else PairModel.load()
    cv = cross_fitted(datasets, embed) if args.cv else {}
    rows = []
    for name, (analyses, gold) in datasets.items():
        t0 = time.time()
        ours = bcubed(run_clusterer(analyses, embed, model), gold)
        seconds = time.time() - t0
        predicted, threshold = run_baseline(originals[name], gold)
        baseline = bcubed(predicted, gold)
        rows.append(
            {
                "dataset": name,
                "articles": len(gold),
                "gold_stories": len(set(gold.values())),
                "counterpoint": ours,
                "cluster_seconds": round(seconds, 2),
                "baseline_tfidf_agglomerative": baseline,
                "baseline_best_threshold": round(threshold, 2),
                "counterpoint_cross_fitted": cv.get(name),
            }
        )
    print(
        f"{'dataset':9} {'n':>5} {'gold':>5} | {'P':>6} {'R':>6} {'F1':>6} | "
        f"{'base P':>6} {'base R':>6} {'base F1':>7}"
    )
    for row in rows:
        ours, base = row["counterpoint"], row["baseline_tfidf_agglomerative"]
        print(
            f"{row['dataset']:9} {row['articles']:5} {row['gold_stories']:5} | "
            f"{ours['precision']:6.3f} {ours['recall']:6.3f} {ours['f1']:6.3f} | "
            f"{base['precision']:6.3f} {base['recall']:6.3f} {base['f1']:7.3f}"
        )
        if row["counterpoint_cross_fitted"]:
            held = row["counterpoint_cross_fitted"]
            ours, base = held["counterpoint"], held["baseline"]
            print(
                f"{'  2-fold cross-fitted (halves)':27} | {ours['precision']:6.3f} "
                f"{ours['recall']:6.3f} {ours['f1']:6.3f} | {base['precision']:6.3f} "
                f"{base['recall']:6.3f} {base['f1']:7.3f}"
            )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "stories",
                "metric": "B-cubed",
                "analysis": analysis_source,
                "pair_model": {
                    "weights": dict(zip(FEATURE_NAMES, model.weights, strict=True)),
                    "bias": model.bias,
                    "threshold": model.threshold,
                    "refitted_this_run": args.fit,
                },
                "results": rows,
                "seconds": round(time.time() - started, 1),
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
