"""Claim-relation benchmark: the shipped judge against a TF-IDF + logistic-regression baseline.

Measures, each next to the baseline in the same run:
  * FNC-1 dev half (Body IDs with fnc_split == 'dev'; or every row of another
    stances/bodies pair given with --stances/--bodies): official FNC score
    (0.25 related/unrelated + 0.75 stance), macro-F1 and per-class F1, and ECE of
    the judge's 3-way probabilities on the related pairs;
  * ClaimDiff (strength and weak label sets): 5-fold cross-validated accuracy,
    folds grouped by topic, logistic regression on the judge's probabilities;
  * 3-way accuracy on held-out NLI: SNLI test, MNLI matched dev (1,000 seeded pairs
    each, minus rows the shipped cross-encoders saw) and ANLI dev R1-R3 (333 per
    round), next to a TF-IDF baseline trained in the run on the vector head's pairs;
  * pairs per second on sentence-length claim pairs (ClaimDiff claims), 2 threads;
  * alignment recall of compare.align on ClaimDiff and FNC-1 related pairs.

Usage: python benchmarks/relations.py [--stances S.csv --bodies B.csv] [--quick] [--precisions]
Data: $COUNTERPOINT_DATA (default ../shared/data). Writes benchmarks/results/relations.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))  # the dataset readers the trainer uses

FNC_CLASSES = ("agree", "disagree", "discuss", "unrelated")
NLI_INDEX = {"e": 0, "c": 1, "n": 2}
RESULTS = Path(__file__).parent / "results" / "relations.json"


def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Official FNC-1 weighted score, relative to the best possible score."""
    score = best = 0.0
    for g, p in zip(gold, pred, strict=True):
        best += 0.25 if g == "unrelated" else 1.0
        if g == p:
            score += 0.25
            if g != "unrelated":
                score += 0.5
        if g != "unrelated" and p != "unrelated":
            score += 0.25
    return score / best if best else 0.0


def f1_table(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    from sklearn.metrics import f1_score

    per = f1_score(gold, pred, labels=list(FNC_CLASSES), average=None, zero_division=0)
    out = {c: round(float(v), 4) for c, v in zip(FNC_CLASSES, per, strict=True)}
    out["macro"] = round(float(np.mean(per)), 4)
    return out


def probs_matrix(scores: Sequence[Any]) -> np.ndarray:
    return np.array([[s.agree, s.contradict, s.neutral] for s in scores], dtype=np.float64)


# ----------------------------------------------------------------------------- FNC-1


def fnc_eval(
    judges: dict[str, Any],
    card: dict[str, Any],
    root: Path,
    stances: Path | None,
    bodies: Path | None,
    quick: bool,
    article_judges: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Judges (plus TF-IDF baseline) on the FNC-1 evaluation rows."""
    from relation_data import fnc_items, load_fnc
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics.pairwise import paired_cosine_distances

    from counterpoint.compare.judges.document import Embedder, fnc_split, fnc_stance, relatedness

    train_rows, train_bodies = load_fnc(
        root / "claims/fnc1/stances.csv", root / "claims/fnc1/bodies.csv"
    )
    train_rows = [r for r in train_rows if fnc_split(r["Body ID"]) == "train"]
    if stances and bodies:
        eval_rows, eval_bodies = load_fnc(stances, bodies)
        where = f"{stances} (all rows)"
    else:
        eval_rows, eval_bodies = load_fnc(
            root / "claims/fnc1/stances.csv", root / "claims/fnc1/bodies.csv"
        )
        eval_rows = [r for r in eval_rows if fnc_split(r["Body ID"]) == "dev"]
        where = "shared fnc1 dev half (fnc_split == 'dev', 20% of Body IDs)"
    if quick:
        eval_rows = random.Random(0).sample(eval_rows, min(600, len(eval_rows)))
    gold = [r["Stance"] for r in eval_rows]
    out: dict[str, Any] = {"data": where, "n": len(eval_rows), "systems": {}}

    # baseline: TF-IDF of headline and body + their cosine -> 4-class logistic regression
    vectorizer = TfidfVectorizer(
        min_df=2, max_features=20000, sublinear_tf=True, stop_words="english"
    )
    vectorizer.fit([r["Headline"] for r in train_rows] + list(train_bodies.values()))

    def tfidf_features(rows: list[dict[str, str]], texts: dict[str, str]) -> Any:
        h = vectorizer.transform([r["Headline"] for r in rows])
        b = vectorizer.transform([texts[r["Body ID"]] for r in rows])
        cos = 1 - paired_cosine_distances(h, b)
        return hstack([h, b, csr_matrix(cos[:, None] * 10)]).tocsr()

    baseline = LogisticRegression(max_iter=2000, C=5.0, class_weight="balanced")
    baseline.fit(tfidf_features(train_rows, train_bodies), [r["Stance"] for r in train_rows])
    base_pred = list(baseline.predict(tfidf_features(eval_rows, eval_bodies)))
    out["systems"]["baseline_tfidf_lr"] = {
        "fnc_score": round(fnc_score(gold, base_pred), 4),
        "f1": f1_table(gold, base_pred),
    }

    for name, article_judge in (article_judges or {}).items():
        started = time.time()
        verdicts = article_judge.verdicts(
            [(r["Headline"], eval_bodies[r["Body ID"]]) for r in eval_rows]
        )
        out["systems"][name] = system_row(
            gold, [v.stance() for v in verdicts], [v.score for v in verdicts], started
        )

    items = fnc_items(eval_rows, eval_bodies, Embedder())
    rel = card["relatedness"]
    related = [relatedness(i.features, rel["coef"], rel["intercept"]) for i in items]
    related_gold = np.array([g != "unrelated" for g in gold])
    out["relatedness_accuracy"] = round(
        float(((np.array(related) >= rel["threshold"]) == related_gold).mean()), 4
    )
    for name, judge in judges.items():
        started = time.time()
        scores = judge.score([(i.premise, i.headline) for i in items])
        pred = [fnc_stance(s, p, rel["threshold"]) for s, p in zip(scores, related, strict=True)]
        out["systems"][name] = system_row(gold, pred, scores, started)
    return out


def system_row(
    gold: Sequence[str], pred: Sequence[str], scores: Sequence[Any], started: float
) -> dict[str, Any]:
    """FNC score, F1 table, and 3-way accuracy / ECE on the gold-related rows."""
    from train_relations import expected_calibration_error

    related_gold = np.array([g != "unrelated" for g in gold])
    probs = probs_matrix(scores)[related_gold]
    labels = np.array(
        [{"agree": 0, "disagree": 1, "discuss": 2}[g] for g in gold if g != "unrelated"]
    )
    return {
        "fnc_score": round(fnc_score(gold, pred), 4),
        "f1": f1_table(gold, pred),
        "related_3way_accuracy": round(float((probs.argmax(1) == labels).mean()), 4),
        "related_ece": round(expected_calibration_error(probs, labels), 4),
        "seconds": round(time.time() - started, 1),
    }


# ----------------------------------------------------------------------------- ClaimDiff


def claimdiff_eval(
    judges: dict[str, Any], embedder: Any, root: Path, quick: bool
) -> dict[str, Any]:
    """5-fold (grouped by topic) CV accuracy: LR on judge probabilities + cosine, vs TF-IDF LR."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    out: dict[str, Any] = {}
    strength = json.loads((root / "claims/claimdiff/ClaimDiff-strength-train.json").read_text())
    weak = json.loads((root / "claims/claimdiff/ClaimDiff-weak-train.json").read_text())
    rows = strength["data"]
    if quick:
        rows = rows[:400]
    pairs = [(r["claim_a"], r["claim_b"]) for r in rows]
    groups = [r["topic"] for r in rows]
    va = embedder.encode([a for a, _ in pairs])
    vb = embedder.encode([b for _, b in pairs])
    cosine = (va * vb).sum(1)[:, None]
    features: dict[str, np.ndarray] = {}
    for name, judge in judges.items():
        forward = probs_matrix(judge.score(pairs))
        backward = probs_matrix(judge.score([(b, a) for a, b in pairs]))
        features[name] = np.hstack([forward, backward, cosine])
    labels_by_set = {
        "strength": [r["relation"] for r in rows],
        "weak": [r["relation"] for r in weak["data"][: len(rows)]],
    }
    folds = list(GroupKFold(n_splits=5).split(pairs, groups=groups))
    texts_a = [a for a, _ in pairs]
    texts_b = [b for _, b in pairs]
    for set_name, y_list in labels_by_set.items():
        y = np.array(y_list)
        result: dict[str, float] = {"majority": round(float(max(np.mean(y), 1 - np.mean(y))), 4)}
        correct: dict[str, int] = {}
        for train, test in folds:
            vectorizer = TfidfVectorizer(min_df=1, sublinear_tf=True)
            vectorizer.fit([texts_a[i] for i in train] + [texts_b[i] for i in train])
            ta, tb = vectorizer.transform(texts_a), vectorizer.transform(texts_b)
            tf = hstack([ta + tb, abs(ta - tb), csr_matrix(cosine)]).tocsr()
            systems: dict[str, Any] = {"baseline_tfidf_lr": tf, **features}
            for name, x in systems.items():
                model = LogisticRegression(max_iter=2000)
                model.fit(x[train], y[train])
                hits = int((model.predict(x[test]) == y[test]).sum())
                correct[name] = correct.get(name, 0) + hits
        for name, n in correct.items():
            result[name] = round(n / len(y), 4)
        out[set_name] = result
    out["n"] = len(rows)
    return out


# ----------------------------------------------------------------------------- NLI


def nli_eval(judges: dict[str, Any], root: Path, quick: bool) -> dict[str, Any]:
    """3-way accuracy on held-out SNLI test, MNLI matched dev and ANLI dev R1-R3.

    Seeded samples; SNLI / MNLI rows the shipped cross-encoders were fine-tuned on
    (replayed by relation_data.first_build_seen) are left out. Baseline: TF-IDF of
    premise, hypothesis and their product -> logistic regression, trained in this run
    on the 3-way pairs among those the vector head trained on (its card's pairs_used
    of one seeded shuffle of relation_data.training_files).
    """
    from relation_data import HELD_OUT, all_nli, held_out_sample, load_nli
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    n = 300 if quick else 1000
    sets = {
        "snli_test": held_out_sample(root, "snli/test.jsonl", n),
        "mnli_matched": held_out_sample(root, "mnli/dev_matched.jsonl", n),
        "anli_r1_r3": [
            p
            for name in HELD_OUT
            if name.startswith("anli/")
            for p in load_nli(root / "nli" / name, n // 3, random.Random(0))
        ],
    }
    # the same pairs the vector head trained on (its card), 3-way rows only
    from counterpoint.compare.judges.stacked import HEAD_CARD

    used = json.loads(HEAD_CARD.read_text())["data"]["pairs_used"] if HEAD_CARD.is_file() else 0
    pool = all_nli(root, 13)
    train = [p for p in pool[: used or len(pool)] if p.label < 3]
    if quick:
        train = train[:20000]
    vectorizer = TfidfVectorizer(min_df=2, sublinear_tf=True, max_features=50000)
    vectorizer.fit([p.premise for p in train] + [p.hypothesis for p in train])

    def feats(pairs: list[Any]) -> Any:
        a = vectorizer.transform([p.premise for p in pairs])
        b = vectorizer.transform([p.hypothesis for p in pairs])
        return hstack([a, b, a.multiply(b)]).tocsr()

    baseline = LogisticRegression(max_iter=1000)
    baseline.fit(feats(train), [p.label for p in train])
    out: dict[str, Any] = {"baseline_train_pairs": len(train)}
    for set_name, pairs in sets.items():
        gold = np.array([p.label for p in pairs])
        row: dict[str, Any] = {
            "n": len(pairs),
            "baseline_tfidf_lr": round(float((baseline.predict(feats(pairs)) == gold).mean()), 4),
        }
        for name, judge in judges.items():
            probs = probs_matrix(judge.score([(p.premise, p.hypothesis) for p in pairs]))
            row[name] = round(float((probs.argmax(1) == gold).mean()), 4)
        out[set_name] = row
    return out


# ----------------------------------------------------------------------------- speed


def speed_eval(judges: dict[str, Any], root: Path, n: int = 1000) -> dict[str, Any]:
    """Pairs per second on sentence-length news claim pairs (ClaimDiff claims)."""
    rows = json.loads((root / "claims/claimdiff/ClaimDiff-strength-train.json").read_text())["data"]
    pairs = [(r["claim_a"], r["claim_b"]) for r in rows[:n]]
    out: dict[str, Any] = {
        "n": len(pairs),
        "threads": 2,
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    for name, judge in judges.items():
        judge.score(pairs[:256])  # warm up (CPU kernels are built per batch shape)
        started, cpu_started = time.perf_counter(), time.process_time()
        judge.score(pairs)
        out[name] = round(len(pairs) / (time.perf_counter() - started), 1)
        # CPU time across both threads: what the judge costs when the machine is not shared
        out[f"{name}_per_cpu_second"] = round(len(pairs) / (time.process_time() - cpu_started), 1)
    return out


# ----------------------------------------------------------------------------- alignment


def alignment_eval(embedder: Any, root: Path, quick: bool) -> dict[str, Any]:
    """Recall of compare.align's candidate selection on pairs known to be related."""
    try:
        from counterpoint.compare import align
    except ImportError:
        return {"skipped": "counterpoint.compare.align not available"}
    from relation_data import load_fnc

    from counterpoint.compare import policy
    from counterpoint.compare.judges.document import embed_bodies

    out: dict[str, Any] = {
        "top_k": policy.NEAREST_K,
        "candidate_min_cosine": policy.CANDIDATE_MIN_COSINE,
    }
    rows = json.loads((root / "claims/claimdiff/ClaimDiff-strength-train.json").read_text())["data"]
    by_topic: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_topic.setdefault(r["topic"], []).append(r)
    found = kept = total = 0
    for topic_rows in by_topic.values():
        texts: dict[tuple[str, str], int] = {}
        for r in topic_rows:
            for side in ("a", "b"):
                texts.setdefault((r[f"claim_{side}"], r[f"article_{side}"]), len(texts))
        keys = list(texts)
        vectors = embedder.encode([k[0] for k in keys])
        pairs = align.nearest_pairs(vectors, [k[1] for k in keys], policy.NEAREST_K)
        for r in topic_rows:
            if r["relation"] != 1:
                continue
            i, j = texts[(r["claim_a"], r["article_a"])], texts[(r["claim_b"], r["article_b"])]
            sim = pairs.get((min(i, j), max(i, j)))
            total += 1
            found += sim is not None
            kept += sim is not None and sim >= policy.CANDIDATE_MIN_COSINE
    out["claimdiff_related"] = {
        "n": total,
        "recall_top_k": round(found / max(1, total), 4),
        "recall_kept_with_signals": round(kept / max(1, total), 4),
    }
    # FNC-1: is any body sentence of a related article aligned with its headline?
    fnc_rows, bodies = load_fnc(root / "claims/fnc1/stances.csv", root / "claims/fnc1/bodies.csv")
    related = [r for r in fnc_rows if r["Stance"] != "unrelated"]
    related = random.Random(0).sample(related, min(150 if quick else 500, len(related)))
    embedded = embed_bodies(embedder, {r["Body ID"]: bodies[r["Body ID"]] for r in related})
    headline_vecs = embedder.encode([r["Headline"] for r in related])
    hits = hits_kept = 0
    for r, headline_vec in zip(related, headline_vecs, strict=True):
        sentences, sentence_vecs = embedded[r["Body ID"]]
        vectors = np.vstack([headline_vec[None, :], sentence_vecs])
        pairs = align.nearest_pairs(
            vectors, ["headline"] + ["body"] * len(sentences), policy.NEAREST_K
        )
        sims = [s for (i, _), s in pairs.items() if i == 0]
        hits += bool(sims)
        hits_kept += bool(sims) and max(sims) >= policy.CANDIDATE_MIN_COSINE
    out["fnc1_related_headline_to_body"] = {
        "n": len(related),
        "recall_top_k": round(hits / max(1, len(related)), 4),
        "recall_kept_with_signals": round(hits_kept / max(1, len(related)), 4),
    }
    return out


# ----------------------------------------------------------------------------- main


class MemoJudge:
    """Remembers scores (and raw logits) per pair so a wrapped judge does not re-run."""

    def __init__(self, judge: Any) -> None:
        self.judge = judge
        self.name = judge.name
        self.memo: dict[tuple[str, str], Any] = {}
        self.logit_memo: dict[tuple[str, str], Any] = {}

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[Any]:
        todo = list(dict.fromkeys(p for p in pairs if p not in self.memo))
        self.memo.update(zip(todo, self.judge.score(todo), strict=True))
        return [self.memo[p] for p in pairs]

    def logits(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        todo = list(dict.fromkeys(p for p in pairs if p not in self.logit_memo))
        if todo:
            self.logit_memo.update(zip(todo, self.judge.logits(todo), strict=True))
        return np.array([self.logit_memo[p] for p in pairs])


def quantization_check(root: Path, n: int = 300) -> dict[str, Any]:
    """Do the bf16 and int8 inference paths agree with fp32? (ClaimDiff claim pairs)."""
    from counterpoint.compare.judges.trained import TrainedJudge

    rows = json.loads((root / "claims/claimdiff/ClaimDiff-strength-train.json").read_text())["data"]
    pairs = [(r["claim_a"], r["claim_b"]) for r in rows[:n]]
    f = probs_matrix(TrainedJudge(precision="fp32").score(pairs))
    out: dict[str, Any] = {"n": len(pairs)}
    for precision in ("bf16", "int8"):
        q = probs_matrix(TrainedJudge(precision=precision).score(pairs))
        out[precision] = {
            "argmax_agreement": round(float((q.argmax(1) == f.argmax(1)).mean()), 4),
            "mean_abs_prob_diff": round(float(np.abs(q - f).mean()), 4),
        }
    return out


def build_judges(with_rules: bool, precisions: bool) -> dict[str, Any]:
    """Statement judges: the cross-encoder alone, stacked with the vector head, + checks."""
    from counterpoint.compare.judges.checked import CheckedJudge
    from counterpoint.compare.judges.stacked import StackedJudge, head_available
    from counterpoint.compare.judges.trained import TrainedJudge

    cross = MemoJudge(TrainedJudge())  # bf16 where the CPU has it, else int8
    judges: dict[str, Any] = {"cross_encoder": cross}
    if head_available():
        stacked = MemoJudge(StackedJudge(cross_encoder=cross))
        judges["stacked"] = stacked
        judges["stacked+checks"] = CheckedJudge(stacked)  # noisy-OR, weight 0.5
    judges["cross_encoder+checks"] = CheckedJudge(cross)
    if precisions:
        judges["cross_encoder_int8"] = MemoJudge(TrainedJudge(precision="int8"))
        judges["cross_encoder_fp32"] = MemoJudge(TrainedJudge(precision="fp32"))
    if with_rules:
        from counterpoint.compare.checks import RulesJudge

        judges["rules"] = RulesJudge()
    return judges


def print_table(results: dict[str, Any]) -> None:
    fnc = results["fnc1"]
    print(f"\nFNC-1: {fnc['data']}, n={fnc['n']}, relatedness acc {fnc['relatedness_accuracy']}")
    print(
        f"{'system':<24}{'FNC score':>10}{'macro-F1':>10}{'agree':>8}{'disagree':>9}"
        f"{'discuss':>9}{'unrel.':>8}{'ECE':>7}"
    )
    for name, r in fnc["systems"].items():
        f1 = r["f1"]
        print(
            f"{name:<24}{r['fnc_score']:>10.4f}{f1['macro']:>10.4f}{f1['agree']:>8.3f}"
            f"{f1['disagree']:>9.3f}{f1['discuss']:>9.3f}{f1['unrelated']:>8.3f}"
            f"{r.get('related_ece', float('nan')):>7.3f}"
        )
    for set_name, row in results["nli"].items():
        if isinstance(row, dict):
            print(f"{set_name} acc: " + ", ".join(f"{k} {v}" for k, v in row.items()))
    for set_name in ("strength", "weak"):
        row = results["claimdiff"][set_name]
        print(
            f"ClaimDiff {set_name} 5-fold acc: " + ", ".join(f"{k} {v:.4f}" for k, v in row.items())
        )
    print("pairs/s (2 threads): " + ", ".join(f"{k} {v}" for k, v in results["speed"].items()))
    print("alignment: " + json.dumps(results["alignment"]))
    if "precision_vs_fp32" in results:
        print("vs fp32: " + json.dumps(results["precision_vs_fp32"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stances", type=Path, default=None)
    parser.add_argument("--bodies", type=Path, default=None)
    parser.add_argument("--quick", action="store_true", help="small samples, for iterating")
    parser.add_argument(
        "--precisions", action="store_true", help="also int8 / fp32 runs of each model"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--only", default="", help="comma-separated sections: fnc1,nli,claimdiff,speed,alignment"
    )
    args = parser.parse_args(argv)
    from counterpoint import settings

    stances = args.stances or settings.path("COUNTERPOINT_FNC_STANCES")
    bodies = args.bodies or settings.path("COUNTERPOINT_FNC_BODIES")

    import torch
    from relation_data import data_root

    from counterpoint.compare.judges.document import ArticleJudge, Embedder
    from counterpoint.compare.judges.trained import load_card, weights_available

    torch.set_num_threads(2)
    root = data_root()
    if not (root / "claims/fnc1").is_dir():
        print(f"skipped: no data at {root} (set COUNTERPOINT_DATA)")
        return 0
    if not weights_available():
        print("skipped: no shipped relation weights (run make train-relations)")
        return 0
    try:
        import counterpoint.compare.checks  # noqa: F401

        with_rules = True
    except ImportError:
        with_rules = False
    judges = build_judges(with_rules, args.precisions)
    card = load_card()
    embedder = Embedder()
    # the article (stance) model is what answers "claim vs article"; it is the FNC-1 system
    article_judges = {
        "article (lead + top-2)": ArticleJudge(embedder=embedder, read="lead"),
        "article (whole text)": ArticleJudge(embedder=embedder, read="whole"),
    }
    if args.precisions:
        article_judges["article_int8"] = ArticleJudge(precision="int8", embedder=embedder)
        article_judges["article_fp32"] = ArticleJudge(precision="fp32", embedder=embedder)
    speed_judges: dict[str, Any] = {"article": article_judges["article (lead + top-2)"].judge}
    speed_judges.update(
        (name, getattr(judge, "judge", judge))
        for name, judge in judges.items()
        if "+checks" not in name
    )
    started = time.time()
    sections: dict[str, Any] = {
        "fnc1": lambda: fnc_eval(judges, card, root, stances, bodies, args.quick, article_judges),
        "nli": lambda: nli_eval(judges, root, args.quick),
        "claimdiff": lambda: claimdiff_eval(judges, embedder, root, args.quick),
        "speed": lambda: speed_eval(speed_judges, root, 300 if args.quick else 600),
        "alignment": lambda: alignment_eval(embedder, root, args.quick),
    }
    if args.precisions:
        sections["precision_vs_fp32"] = lambda: quantization_check(root)
    chosen = args.only.split(",") if args.only else list(sections)
    # --only runs some sections and keeps the others' figures from an earlier run
    results: dict[str, Any] = (
        json.loads(args.out.read_text(encoding="utf-8")) if args.only and args.out.is_file() else {}
    )
    results.update(
        date=time.strftime("%Y-%m-%d"),
        machine="2-core CPU, 24 GiB RAM, no GPU (shared)",
        card_metrics=card.get("metrics"),
        trained_precision=judges["cross_encoder"].judge.precision,
    )
    for name in chosen:
        results[name] = sections[name]()
    results["seconds"] = round(time.time() - started)
    if all(name in results for name in ("fnc1", "nli", "claimdiff", "speed", "alignment")):
        print_table(results)
    else:
        print(json.dumps({name: results[name] for name in chosen}, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
