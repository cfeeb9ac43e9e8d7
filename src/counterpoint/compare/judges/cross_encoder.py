"""A user-supplied Hugging Face cross-encoder directory as the relation judge.

Why: users with a bigger NLI model (e.g. a DeBERTa MNLI checkpoint they downloaded
themselves) can plug it in with COUNTERPOINT_JUDGE=cross-encoder:/path, offline.
Its labels are mapped onto ours by name, so any NLI/stance label set works.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from counterpoint.records import RelationScore

# substrings of a model's label names -> our relation index (0 agree, 1 contradict, 2 neutral)
LABEL_NAME_HINTS: tuple[tuple[str, int], ...] = (
    ("not_entail", 2),
    ("non_entail", 2),
    ("not entail", 2),
    ("contradict", 1),
    ("refute", 1),
    ("disagree", 1),
    ("conflict", 1),
    ("entail", 0),
    ("agree", 0),
    ("support", 0),
    ("neutral", 2),
    ("discuss", 2),
    ("unrelated", 2),
    ("not_enough", 2),
    ("nei", 2),
)


def map_label(name: str) -> int:
    """Our relation index for one of the model's label names."""
    lowered = name.lower()
    for hint, index in LABEL_NAME_HINTS:
        if hint in lowered:
            return index
    raise ValueError(f"cannot map model label {name!r} to agree/contradict/neutral")


class CrossEncoderJudge:
    """Runs an AutoModelForSequenceClassification directory on (premise, hypothesis)."""

    name = "cross-encoder"

    def __init__(
        self, path: str | Path, max_len: int = 256, batch_size: int = 32, num_threads: int = 2
    ) -> None:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        torch.set_num_threads(num_threads)
        self.path = Path(path)
        if not self.path.is_dir():
            raise FileNotFoundError(f"cross-encoder directory not found: {self.path}")
        self.tokenizer = AutoTokenizer.from_pretrained(str(self.path))
        self.model = AutoModelForSequenceClassification.from_pretrained(str(self.path)).eval()
        id2label = self.model.config.id2label
        self.mapping = [map_label(str(id2label[i])) for i in range(len(id2label))]
        self.max_len = max_len
        self.batch_size = batch_size

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[RelationScore]:
        """Softmax over the model's labels, summed into our three relations."""
        import torch

        out = np.zeros((len(pairs), 3), dtype=np.float64)
        with torch.inference_mode():
            for start in range(0, len(pairs), self.batch_size):
                chunk = pairs[start : start + self.batch_size]
                enc = self.tokenizer(
                    [p[0] for p in chunk],
                    [p[1] for p in chunk],
                    padding=True,
                    truncation=True,
                    max_length=self.max_len,
                    return_tensors="pt",
                )
                probs = torch.softmax(self.model(**enc).logits.float(), dim=-1).numpy()
                for column, target in enumerate(self.mapping):
                    out[start : start + len(chunk), target] += probs[:, column]
        return [
            RelationScore(agree=float(p[0]), contradict=float(p[1]), neutral=float(p[2]))
            for p in out
        ]
