"""Train the learned cue scorer on PolNeAR train and write its weights into the package.

Run:  .venv/bin/python scripts/train_attribution.py [--limit N]

Why: cue words are a long tail whose meaning depends on syntax; a logistic regression
over spaCy features (cues.cue_features) learns both from 840 annotated articles in a
few minutes on CPU. Only the train split is read. The weights (feature -> weight JSON,
tiny weights dropped) ship as counterpoint/analyze/attribution/cue_weights.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from counterpoint.analyze.attribution.brat import read_brat_attributions  # noqa: E402
from counterpoint.analyze.attribution.cues import (  # noqa: E402
    COLON_MARKS,
    WEIGHTS_PATH,
    cue_features,
    is_candidate,
    quote_index,
)
from counterpoint.analyze.attribution.quotes import find_quotes  # noqa: E402

MIN_WEIGHT = 0.01


def data_root() -> Path:
    return Path(os.environ.get("COUNTERPOINT_DATA", REPO.parent / "shared" / "data"))


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--C", type=float, default=0.3)
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH, help="where to write weights")
    args = parser.parse_args()
    if not (data_root() / "quotes" / "polnear").exists():
        print("PolNeAR not found; set COUNTERPOINT_DATA. Skipping.")
        return
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from counterpoint.models import spacy_english

    nlp = spacy_english()
    items = training_items(args.limit)
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    texts = [text for text, _ in items]
    for (_, ann), doc in zip(items, nlp.pipe(texts, batch_size=8), strict=True):
        gold_heads: set[int] = set()
        for gold in read_brat_attributions(ann):
            for start, end in gold.cue:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None and len(span):
                    gold_heads.add(span.root.i)
        inside = quote_index(doc, find_quotes(doc.text))
        for token in doc:
            if not is_candidate(token) or token.text in COLON_MARKS or token.lower_ == "according":
                continue
            if inside[token.i] >= 0:
                continue
            rows.append(cue_features(doc, token, inside))
            labels.append(1 if token.i in gold_heads else 0)
    print(f"{len(items)} articles, {len(rows)} candidates, {sum(labels)} cues")
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=args.C, max_iter=2000)
    model.fit(matrix, labels)
    weights = {
        name: round(float(weight), 4)
        for name, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(weight) >= MIN_WEIGHT
    }
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 4)
    payload = {
        "model": "logistic regression over spaCy cue features",
        "trained_on": "PolNeAR train split",
        "articles": len(items),
        "C": args.C,
        "weights": weights,
    }
    args.out.write_text(json.dumps(payload, indent=0, sort_keys=True), encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights)")


if __name__ == "__main__":
    main()
