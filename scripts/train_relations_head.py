"""Train the statement judge's vector head and stacker (`make train-relations`).

What it trains (see compare/judges/stacked.py for why): a one-hidden-layer head over
frozen MiniLM sentence-pair features on every trainable pair in $COUNTERPOINT_DATA/nli
(3-way sets, and 2-way sets as "not entailment": the loss is -log(p_contradict +
p_neutral)), then a multinomial logistic stacker over the head's and the shipped
cross-encoder's logits, fitted on LingNLI's Baseline validation file, which neither
model trained on. Held out: SNLI test, MNLI matched dev, AdvGLUE's copy of it, ANLI.

Budget: encoding a sentence costs about 10 ms of one core, and the NLI sets hold
about 190,000 distinct trainable sentences, so vectors are cached on disk
(--vectors, resumable) and `--pairs N` trains on the first N pairs of one seeded
shuffle of all of them (0 = all). The card records how many were used.

Usage: python scripts/train_relations_head.py [--pairs N] [--vectors DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from relation_data import (
    CALIBRATION_NLI,
    NOT_ENTAILMENT,
    Pair,
    VectorCache,
    all_nli,
    data_root,
    eval_sample,
    training_files,
)

from counterpoint.compare.judges.stacked import HEAD_FILE, pair_features

MAX_PIECES = 128  # sentences; the few longer premises (WiCE, ConTRoL) are cut


def features_for(pairs: list[Pair], vectors: dict[str, np.ndarray]) -> np.ndarray:
    u = np.stack([vectors[p.premise] for p in pairs])
    v = np.stack([vectors[p.hypothesis] for p in pairs])
    return pair_features(u, v)


def train_mlp(
    x: np.ndarray, y: np.ndarray, hidden: int, epochs: int, seed: int, log: Any
) -> dict[str, np.ndarray]:
    """The head: Linear-GELU-Linear, AdamW, partial-label loss for 2-way rows."""
    import torch

    torch.manual_seed(seed)
    net = torch.nn.Sequential(
        torch.nn.Dropout(0.1),
        torch.nn.Linear(x.shape[1], hidden),
        torch.nn.GELU(approximate="tanh"),
        torch.nn.Dropout(0.1),
        torch.nn.Linear(hidden, 3),
    )
    optimizer = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-4)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    steps = epochs * ((len(x) + 511) // 512)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=2e-3, total_steps=steps)
    generator = torch.Generator().manual_seed(seed)
    for epoch in range(epochs):
        net.train()
        order = torch.randperm(len(x), generator=generator)
        total = 0.0
        for start in range(0, len(x), 512):
            idx = order[start : start + 512]
            logp = torch.log_softmax(net(xt[idx]), dim=1)
            target = yt[idx]
            three = target < NOT_ENTAILMENT
            loss_three = -logp[three, target[three]].sum()
            not_agree = torch.logsumexp(logp[~three][:, 1:], dim=1)  # contradict or neutral
            loss = (loss_three - not_agree.sum()) / len(idx)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            total += loss.item() * len(idx)
        log(f"epoch {epoch + 1}/{epochs} loss {total / len(x):.4f}")
    lin1, lin2 = net[1], net[4]
    return {
        "w1": lin1.weight.detach().numpy().T.copy(),
        "b1": lin1.bias.detach().numpy().copy(),
        "w2": lin2.weight.detach().numpy().T.copy(),
        "b2": lin2.bias.detach().numpy().copy(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--pairs", type=int, default=0, help="first N of the shuffle (0 = all)")
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument(
        "--vectors", type=Path, default=Path(tempfile.gettempdir()) / "counterpoint-nli-vectors"
    )
    parser.add_argument("--out", type=Path, default=HEAD_FILE)
    args = parser.parse_args(argv)
    started = time.time()

    def log(message: str) -> None:
        print(f"[{time.time() - started:.0f}s] {message}", flush=True)

    root = data_root()
    if not (root / "nli").is_dir():
        print(f"No training data at {root} (set COUNTERPOINT_DATA); nothing to do.")
        return 1
    pool = all_nli(root, args.seed)
    train = pool[: args.pairs] if args.pairs else pool
    calib = eval_sample(root, CALIBRATION_NLI, 0)
    cache = VectorCache(args.vectors, MAX_PIECES)
    cache.fill([t for p in calib + train for t in (p.premise, p.hypothesis)], log=log)
    vectors = cache.load()
    log(f"{len(vectors)} sentence vectors; training on {len(train)} of {len(pool)} pairs")

    weights = train_mlp(
        features_for(train, vectors),
        np.array([p.label for p in train], dtype=np.int64),
        args.hidden,
        args.epochs,
        args.seed,
        log,
    )

    # --- stacker on pairs neither model trained on
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score

    from counterpoint.compare.judges.stacked import head_logits
    from counterpoint.compare.judges.trained import TrainedJudge

    head = head_logits(weights, features_for(calib, vectors))
    cross = TrainedJudge().logits([(p.premise, p.hypothesis) for p in calib])
    y = np.array([p.label for p in calib])
    x = np.hstack([head, cross])
    stacker = LogisticRegression(C=1.0, max_iter=2000)
    folds = {
        name: float(cross_val_score(LogisticRegression(C=1.0, max_iter=2000), f, y, cv=5).mean())
        for name, f in (("head", head), ("cross_encoder", cross), ("stacked", x))
    }
    stacker.fit(x, y)
    weights["stack_w"] = stacker.coef_.T.copy()
    weights["stack_b"] = stacker.intercept_.copy()
    log(f"5-fold accuracy on {CALIBRATION_NLI}: {folds}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **{k: v.astype(np.float16) for k, v in weights.items()})

    card = {
        "model": "one-hidden-layer head over frozen MiniLM-L6 sentence vectors "
        "[u, v, |u-v|, u*v], stacked with the cross-encoder (relation_head.npz) by "
        "multinomial logistic regression",
        "labels": ["agree", "contradict", "neutral"],
        "weights": args.out.name,
        "weights_bytes": args.out.stat().st_size,
        "seed": args.seed,
        "hyperparameters": {"hidden": args.hidden, "epochs": args.epochs, "max_pieces": MAX_PIECES},
        "data": {
            "files": [f"{p.parent.name}/{p.name}" for p in training_files(root)],
            "pairs_available": len(pool),
            "pairs_used": len(train),
            "budget": "the first --pairs of one seeded shuffle of every trainable pair "
            "(encoding every sentence is the cost)",
            "train_counts": dict(Counter(p.source for p in train)),
            "stacker": f"{CALIBRATION_NLI} ({len(calib)} pairs)",
        },
        "metrics": {"stacker_5fold_accuracy": {k: round(v, 4) for k, v in folds.items()}},
        "recipe": f"python scripts/train_relations_head.py --pairs {args.pairs}",
        "train_seconds": round(time.time() - started),
    }
    from counterpoint.compare.judges.model import card_for

    card_for(args.out).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    log(f"wrote {args.out} and its card")
    return 0


if __name__ == "__main__":
    sys.exit(main())
