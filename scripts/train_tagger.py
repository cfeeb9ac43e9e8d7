"""Train the attribution token tagger on PolNeAR train and write its weights into the package.

Run:  .venv/bin/python scripts/train_tagger.py [--cache DIR] [--holdout] [--epochs N]

Why: see counterpoint/analyze/attribution/tagger.py. Inputs are frozen MiniLM-L6 token
vectors (tagger.encode_tokens) plus parse one-hots (tagger.token_features); labels are
PolNeAR train's gold spans per spaCy token (cue, source, content, and the first and last
token of each content fragment). Seeded; about 28 minutes on a 2-core CPU with cached
parses (encoding ~3 min, then 10 epochs of ~50 s for each of the three seeds). Only
train is read.

--holdout trains on nine tenths of train and prints token F1 on the other tenth
(articles whose index % 10 == 3): the card's decision settings (cue averaging weight
and threshold, edge windows) were chosen on that tenth with the extraction pipeline,
never on dev. Without it, all of train is used and the package files are written:
tagger_weights.npz (float16) and tagger_card.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from train_attribution import parsed, training_items

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from counterpoint.analyze.attribution import tagger  # noqa: E402
from counterpoint.analyze.attribution.brat import read_brat_attributions  # noqa: E402
from counterpoint.analyze.attribution.cues import quote_index  # noqa: E402
from counterpoint.analyze.attribution.quotes import find_quotes  # noqa: E402

SEEDS = (13, 7, 21)  # one BiLSTM per seed; the tagger averages them
HIDDEN = 128
WINDOW = 400  # tokens per training sequence
BATCH = 8
LEARNING_RATE = 2e-3
POSITIVE_WEIGHTS = (3.0, 2.0, 1.0, 3.0, 3.0)  # per label: rarer labels weigh more
HOLDOUT_EVERY, HOLDOUT_AT = 10, 3
SETTINGS = {
    # chosen with --holdout on the held-out tenth of train (see docs/benchmarks.md)
    "cue_scorer_weight": 0.5,
    "cue_threshold": 0.5,
    "edge_threshold": 0.5,
    "begin_window": 8,
    "end_window": 15,
    "source_threshold": 0.5,
}


def labels(doc: Any, golds: list[Any]) -> np.ndarray:
    """Gold label matrix (tokens x LABELS) from brat attributions."""
    out = np.zeros((len(doc), len(tagger.LABELS)), dtype=np.float32)
    starts = np.array([t.idx for t in doc])
    ends = starts + np.array([len(t.text) for t in doc])
    real = np.array([not t.is_space for t in doc])
    for gold in golds:
        for column, part in (
            (tagger.CUE, "cue"),
            (tagger.SOURCE, "source"),
            (tagger.CONTENT, "content"),
        ):
            for start, end in getattr(gold, part):
                hit = np.flatnonzero((starts < end) & (start < ends) & real)
                out[hit, column] = 1.0
                if part == "content" and len(hit):
                    out[hit[0], tagger.BEGIN] = 1.0
                    out[hit[-1], tagger.END] = 1.0
    return out


def windows(
    sizes: list[int], chosen: list[int], rng: np.random.Generator
) -> list[list[tuple[int, int, int]]]:
    """Shuffled batches of (article, start, end) training windows."""
    pieces = [(i, s, min(sizes[i], s + WINDOW)) for i in chosen for s in range(0, sizes[i], WINDOW)]
    order = rng.permutation(len(pieces))
    shuffled = [pieces[k] for k in order]
    return [shuffled[b : b + BATCH] for b in range(0, len(shuffled), BATCH)]


def train(
    seed: int, inputs: list[np.ndarray], targets: list[np.ndarray], chosen: list[int], epochs: int
) -> Any:
    import torch
    from torch import nn

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    net = tagger.build_net(inputs[0].shape[1], HIDDEN)
    optimiser = torch.optim.AdamW(net.parameters(), lr=LEARNING_RATE, weight_decay=1e-4)
    loss_of = nn.BCEWithLogitsLoss(reduction="none", pos_weight=torch.tensor(POSITIVE_WEIGHTS))
    sizes = [len(x) for x in inputs]
    for epoch in range(epochs):
        started, total = time.perf_counter(), 0.0
        for batch in windows(sizes, chosen, rng):
            length = max(e - s for _, s, e in batch)
            x = np.zeros((len(batch), length, inputs[0].shape[1]), np.float32)
            y = np.zeros((len(batch), length, len(tagger.LABELS)), np.float32)
            mask = np.zeros((len(batch), length), np.float32)
            for row, (i, s, e) in enumerate(batch):
                x[row, : e - s], y[row, : e - s], mask[row, : e - s] = (
                    inputs[i][s:e],
                    targets[i][s:e],
                    1,
                )
            m = torch.from_numpy(mask)
            loss = (
                loss_of(net(torch.from_numpy(x)), torch.from_numpy(y)).mean(-1) * m
            ).sum() / m.sum()
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimiser.step()
            total += loss.item()
        print(
            f"epoch {epoch + 1}/{epochs} loss {total:.2f} ({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    net.eval()
    return net


def token_f1(
    nets: list[Any], inputs: list[np.ndarray], targets: list[np.ndarray]
) -> dict[str, float]:
    """Token-level F1 per label of the averaged nets at probability 0.5."""
    import torch

    hits = np.zeros(len(tagger.LABELS))
    predicted = np.zeros(len(tagger.LABELS))
    gold = np.zeros(len(tagger.LABELS))
    with torch.inference_mode():
        for x, y in zip(inputs, targets, strict=True):
            probs = [torch.sigmoid(net(torch.from_numpy(x)[None])[0]).numpy() for net in nets]
            p = np.mean(probs, axis=0) >= 0.5
            hits += (p & (y > 0)).sum(0)
            predicted += p.sum(0)
            gold += (y > 0).sum(0)
    f1 = 2 * hits / np.maximum(predicted + gold, 1)
    return {name: round(float(v), 4) for name, v in zip(tagger.LABELS, f1, strict=True)}


def main() -> None:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=None, help="keep/reuse parses here")
    parser.add_argument("--holdout", action="store_true", help="train on 9/10, report on 1/10")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    torch.set_num_threads(2)

    from counterpoint.models import spacy_english

    items = training_items(args.limit)
    started = time.perf_counter()
    docs = list(parsed(spacy_english(), [text for text, _ in items], args.cache, args.limit))
    inputs, targets = [], []
    for doc, (_, ann) in zip(docs, items, strict=True):
        inside = quote_index(doc, find_quotes(doc.text))
        inputs.append(tagger.token_inputs(doc, inside))
        targets.append(labels(doc, read_brat_attributions(ann)))
    print(
        f"{len(docs)} articles parsed and encoded in {time.perf_counter() - started:.0f} s",
        flush=True,
    )

    everything = list(range(len(docs)))
    held = [i for i in everything if i % HOLDOUT_EVERY == HOLDOUT_AT] if args.holdout else []
    chosen = [i for i in everything if i not in set(held)]
    nets = [train(seed, inputs, targets, chosen, args.epochs) for seed in SEEDS]
    if args.holdout:
        print(
            "held-out tenth token F1:",
            token_f1(nets, [inputs[i] for i in held], [targets[i] for i in held]),
        )
        return
    state = {
        f"member{number}.{name}": value.detach().numpy().astype(np.float16)
        for number, net in enumerate(nets)
        for name, value in net.state_dict().items()
    }
    np.savez_compressed(tagger.WEIGHTS_PATH, **state)
    card = {
        "model": "BiLSTM over frozen MiniLM-L6 token vectors + parse one-hots",
        "data": "PolNeAR train (first annotator per article), all articles",
        "articles": len(docs),
        "labels": list(tagger.LABELS),
        "layers": list(tagger.LAYERS),
        "inputs": int(inputs[0].shape[1]),
        "hidden": HIDDEN,
        "epochs": args.epochs,
        "members": len(nets),
        "seeds": list(SEEDS),
        "learning_rate": LEARNING_RATE,
        "window": WINDOW,
        "positive_weights": list(POSITIVE_WEIGHTS),
        **SETTINGS,
        "train_token_f1": token_f1(nets, inputs, targets),
    }
    tagger.CARD_PATH.write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    print("wrote", tagger.WEIGHTS_PATH, tagger.CARD_PATH, card["train_token_f1"])


if __name__ == "__main__":
    main()
