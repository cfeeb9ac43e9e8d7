"""Train the learned cue scorer on PolNeAR train and write its weights into the package.

Run:  .venv/bin/python scripts/train_attribution.py [--limit N] [--cache DIR]

Why: cue words are a long tail whose meaning depends on syntax; a logistic regression
over spaCy features (cues.cue_features) learns both from 840 annotated articles in a
few minutes on CPU. Only the train split is read. The decision threshold is the one
with the best head-word F1 in a 5-fold cross-validation on train (so dev stays a
measurement). The weights (feature -> weight JSON, tiny weights dropped), the threshold
and the cross-validation metrics ship as counterpoint/analyze/attribution/cue_weights.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
# These models are trained on the rule/LR pipeline alone; the token tagger
# (scripts/train_tagger.py) is trained separately and averaged in at run time.
os.environ["COUNTERPOINT_ATTRIBUTION_TAGGER"] = "off"

from counterpoint import settings  # noqa: E402
from counterpoint.analyze.attribution import boundaries, cues  # noqa: E402
from counterpoint.analyze.attribution.boundaries import (  # noqa: E402
    UNIT_THRESHOLD,
    cut_points,
    tail_features,
    unit_features,
    units,
)
from counterpoint.analyze.attribution.boundaries import (  # noqa: E402
    WEIGHTS_PATH as UNIT_WEIGHTS_PATH,
)
from counterpoint.analyze.attribution.brat import read_brat_attributions  # noqa: E402
from counterpoint.analyze.attribution.cues import (  # noqa: E402
    COLON_MARKS,
    WEIGHTS_PATH,
    cue_features,
    is_candidate,
    quote_index,
)
from counterpoint.analyze.attribution.quotes import find_quotes  # noqa: E402

MIN_WEIGHT = 0.02
SEED = 13
FOLDS = 5
THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def data_root() -> Path:
    return settings.data_dir()


def training_items(limit: int | None) -> list[tuple[str, Path]]:
    root = data_root() / "quotes" / "polnear"
    annotators: dict[str, str] = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            annotators[row["filename"]] = row["annotators"].split("|")[0]
    items = []
    for text_path in sorted((root / "train" / "text").glob("*.txt"))[:limit]:
        ann = (
            root
            / "train"
            / "attributions"
            / f"{text_path.stem}_{annotators.get(text_path.stem)}.ann"
        )
        if not ann.exists():
            candidates = sorted((root / "train" / "attributions").glob(f"{text_path.stem}_*.ann"))
            if not candidates:
                continue
            ann = candidates[0]
        items.append((text_path.read_text(encoding="utf-8"), ann))
    return items


def parsed(nlp: Any, texts: list[str], cache: Path | None, limit: int | None) -> Iterator[Any]:
    """Parsed articles, read from / written to a DocBin in `cache` when given."""
    from spacy.tokens import DocBin

    if cache is None:
        yield from nlp.pipe(texts, batch_size=8)
        return
    path = cache / f"train_{limit or 'all'}.spacy"
    if path.exists():
        yield from DocBin().from_disk(path).get_docs(nlp.vocab)
        return
    docs = list(nlp.pipe(texts, batch_size=8))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs).to_disk(path)
    yield from docs


def choose_threshold(
    matrix: Any, labels: list[int], groups: list[int], c: float
) -> tuple[float, dict[str, float]]:
    """Threshold with the best head-word F1 over article-grouped folds of train."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    y = np.asarray(labels)
    scores = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(matrix, y, groups):
        model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
        model.fit(matrix[train], y[train])
        scores[test] = model.predict_proba(matrix[test])[:, 1]
    best = (0.0, THRESHOLDS[0], {})
    for threshold in THRESHOLDS:
        chosen = scores >= threshold
        hits = int((chosen & (y == 1)).sum())
        precision = hits / max(1, int(chosen.sum()))
        recall = hits / max(1, int(y.sum()))
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        if f1 > best[0]:
            metrics = {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4)}
            best = (f1, threshold, metrics)
    return best[1], best[2]


def cue_rows(doc: Any, golds: list[Any]) -> tuple[list[dict[str, float]], list[int]]:
    """Candidate cue words of one article with their features and gold labels."""
    gold_heads: set[int] = set()
    for gold in golds:
        for start, end in gold.cue:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                gold_heads.add(span.root.i)
    inside = quote_index(doc, find_quotes(doc.text))
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for token in doc:
        if not is_candidate(token) or token.text in COLON_MARKS or token.lower_ == "according":
            continue
        if inside[token.i] >= 0:
            continue
        rows.append(cue_features(doc, token, inside))
        labels.append(1 if token.i in gold_heads else 0)
    return rows, labels


def unit_rows(doc: Any, golds: list[Any]) -> tuple[list[dict[str, float]], list[int]]:
    """Content units under each gold cue word, labelled by whether most of their
    words lie inside the gold content."""
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for gold in golds:
        if not gold.cue or not gold.content:
            continue
        span = doc.char_span(gold.cue[0][0], gold.cue[-1][1], alignment_mode="expand")
        if span is None or not len(span) or span.root.text in COLON_MARKS:
            continue
        content = {
            token.i
            for start, end in gold.content
            for token in doc.char_span(start, end, alignment_mode="expand") or []
        }
        for anchor, ids in units(span.root):
            words = [i for i in ids if not doc[i].is_punct]
            if not words:
                continue
            rows.append(unit_features(span.root, anchor, ids))
            inside = sum(1 for i in words if i in content)
            labels.append(1 if inside * 2 >= len(words) else 0)
    return rows, labels


def tail_rows(doc: Any, golds: list[Any]) -> tuple[list[dict[str, float]], list[int]]:
    """Cut points in the last fragment of each predicted content whose cue overlaps a
    gold cue: 1 at the first mark where the gold content has ended, 0 before it."""
    from counterpoint.analyze.attribution.extract import extract_attributions

    inside = quote_index(doc, find_quotes(doc.text))
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for found in extract_attributions(doc):
        if found.cue is None or found.cue_head is None:
            continue
        start, end = found.contents[-1]
        gold_end = None
        for gold in golds:
            if any(s < found.cue[1] and found.cue[0] < e for s, e in gold.cue):
                ends = [e for s, e in gold.content if s < end and start < e]
                if ends:
                    gold_end = max(ends)
        if gold_end is None:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        for mark in cut_points(doc, end, inside, span[0].i):
            rows.append(tail_features(doc, mark, end, doc[found.cue_head], start))
            labels.append(1 if gold_end <= mark.idx else 0)
            if labels[-1]:
                break
    return rows, labels


def fit(
    rows: list[dict[str, float]], labels: list[int], c: float
) -> tuple[Any, Any, dict[str, float]]:
    """Vectorizer, fitted model and pruned feature weights (bias folded in)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    model.fit(matrix, labels)
    weights = {
        name: round(float(weight), 4)
        for name, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(weight) >= MIN_WEIGHT
    }
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 4)
    return vectorizer, matrix, weights


def unit_cv(
    rows: list[dict[str, float]], labels: list[int], groups: list[int], c: float
) -> dict[str, float]:
    """Article-grouped cross-validated accuracy / F1 of the unit model on train."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    matrix = DictVectorizer().fit_transform(rows)
    y = np.asarray(labels)
    predicted = np.zeros(len(y), dtype=bool)
    for train, test in GroupKFold(n_splits=FOLDS).split(matrix, y, groups):
        model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
        model.fit(matrix[train], y[train])
        predicted[test] = model.predict_proba(matrix[test])[:, 1] >= UNIT_THRESHOLD
    hits = int((predicted & (y == 1)).sum())
    precision = hits / max(1, int(predicted.sum()))
    recall = hits / max(1, int(y.sum()))
    return {
        "accuracy": round(float((predicted == (y == 1)).mean()), 4),
        "p": round(precision, 4),
        "r": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall) if hits else 0.0, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--C", type=float, default=0.3, help="cue model regularisation")
    parser.add_argument("--unit-C", type=float, default=1.0, help="boundary model regularisation")
    parser.add_argument("--only", choices=("cues", "contents", "all"), default="all")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH, help="cue weights file")
    parser.add_argument("--unit-out", type=Path, default=UNIT_WEIGHTS_PATH, help="boundary weights")
    parser.add_argument("--cache", type=Path, default=None, help="keep/reuse parses here")
    args = parser.parse_args()
    if not (data_root() / "quotes" / "polnear").exists():
        print("PolNeAR not found; set COUNTERPOINT_DATA. Skipping.")
        return
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from counterpoint.models import spacy_english

    nlp = spacy_english()
    items = training_items(args.limit)
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    groups: list[int] = []
    u_rows: list[dict[str, float]] = []
    u_labels: list[int] = []
    u_groups: list[int] = []
    texts = [text for text, _ in items]
    docs = list(parsed(nlp, texts, args.cache, args.limit))
    all_golds = [read_brat_attributions(ann) for _, ann in items]
    for number, (golds, doc) in enumerate(zip(all_golds, docs, strict=True)):
        if args.only in ("cues", "all"):
            found, marks = cue_rows(doc, golds)
            rows += found
            labels += marks
            groups += [number] * len(found)
        if args.only in ("contents", "all"):
            found, marks = unit_rows(doc, golds)
            u_rows += found
            u_labels += marks
            u_groups += [number] * len(found)
    common = {"trained_on": "PolNeAR train split", "articles": len(items), "seed": SEED}
    cue_payload: dict[str, Any] | None = None
    if rows:
        print(f"{len(items)} articles, {len(rows)} candidates, {sum(labels)} cues")
        _, matrix, weights = fit(rows, labels, args.C)
        threshold, cv_metrics = choose_threshold(matrix, labels, groups, args.C)
        print(f"cross-validated threshold {threshold}: {cv_metrics}")
        payload = cue_payload = {
            "model": "logistic regression over spaCy cue features",
            **common,
            "C": args.C,
            "threshold": threshold,
            "cv_head_word": cv_metrics,
            "candidates": len(rows),
            "positives": sum(labels),
            "weights": weights,
        }
        args.out.write_text(json.dumps(payload, indent=0, sort_keys=True), encoding="utf-8")
        print(f"wrote {args.out} ({len(weights)} weights)")
    if u_rows:
        print(f"{len(u_rows)} content units, {sum(u_labels)} inside gold contents")
        _, _, weights = fit(u_rows, u_labels, args.unit_C)
        metrics = unit_cv(u_rows, u_labels, u_groups, args.unit_C)
        print(f"cross-validated unit decisions: {metrics}")
        payload = {
            "model": "logistic regression: is a cue dependent part of the content",
            **common,
            "C": args.unit_C,
            "threshold": UNIT_THRESHOLD,
            "cv_units": metrics,
            "units": len(u_rows),
            "positives": sum(u_labels),
            "weights": weights,
        }
        tail = train_tail(docs, all_golds, args.unit_C, weights, cue_payload)
        payload.update(tail)
        args.unit_out.write_text(json.dumps(payload, indent=0, sort_keys=True), encoding="utf-8")
        print(f"wrote {args.unit_out} ({len(weights)} + {len(tail['tail_weights'])} weights)")


def train_tail(
    docs: list[Any],
    all_golds: list[list[Any]],
    c: float,
    unit_weights: dict[str, float],
    cue_payload: dict[str, Any] | None,
) -> dict[str, Any]:
    """The cut-at-a-comma model, on contents the freshly trained models produce (held
    in memory, so the result never depends on the weight files already on disk; with
    --only contents the shipped cue weights are used)."""
    if cue_payload is not None:
        cues._model = lambda: cue_payload  # type: ignore[assignment]
    boundaries._weights = lambda: unit_weights  # type: ignore[assignment]
    boundaries.TAIL_ENABLED = False
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    groups: list[int] = []
    for number, (golds, doc) in enumerate(zip(all_golds, docs, strict=True)):
        found, marks = tail_rows(doc, golds)
        rows += found
        labels += marks
        groups += [number] * len(found)
    boundaries.TAIL_ENABLED = True
    print(f"{len(rows)} cut points, {sum(labels)} where the gold content ends")
    _, _, weights = fit(rows, labels, c)
    metrics = unit_cv(rows, labels, groups, c)
    print(f"cross-validated cut decisions: {metrics}")
    return {"tail_weights": weights, "cv_tail": metrics, "tail_points": len(rows)}


if __name__ == "__main__":
    main()
