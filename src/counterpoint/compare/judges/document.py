"""Judge a short claim against a whole article, not just against one sentence.

Why: a headline or claim is usually supported or disputed by two or three sentences
of a long body. We pick the body sentences most similar to the claim (MiniLM
cosine), join them in document order as the premise, and let the relation judge
decide. Whether the article is about the claim at all ("unrelated") is a separate,
cheap decision from similarity features, because a 3-way NLI head is poor at it.
This is also how FNC-1's four stances map onto our three relations (see `fnc_stance`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from counterpoint.records import RelationScore

# Frozen copies: the article judge's relatedness features and evidence windows were
# trained with this splitter and these stopwords (the shared ones are
# counterpoint.lexicon.STOPWORDS and summarize.text.split_sentences).
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)\]]))\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")
_WORD = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset(
    "a an the of to in on for at by with from and or but is are was were be been being it its "
    "this that these those as has have had not no he she they we you i his her their our your "
    "will would can could may might says said say after over into about than then there".split()
)


def split_sentences(text: str, min_chars: int = 15) -> list[str]:
    """Cheap regex sentence splitter (no spaCy): fast enough for thousands of bodies."""
    parts = (p.strip() for p in _SENTENCE_END.split(text))
    return [p for p in parts if len(p) >= min_chars]


def content_words(text: str) -> set[str]:
    """Lower-cased words minus stopwords: for overlap features."""
    return {w for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1}


class Embedder:
    """MiniLM-L6 sentence embeddings: the process-wide encoder (counterpoint.models),
    not a second copy of the model; texts seen before come from its cache."""

    def __init__(self, batch_size: int = 64, max_pieces: int = 128) -> None:
        self.max_pieces = max_pieces  # similarity needs no more; long sentences cost time
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length vectors, one row per text."""
        from counterpoint.models import embed

        return np.asarray(embed(list(texts), max_pieces=self.max_pieces), dtype=np.float32)


@dataclass(frozen=True)
class Evidence:
    """The body sentences chosen for one claim and how related they look."""

    premise: str
    features: tuple[float, float, float]  # max cosine, mean top-k cosine, word overlap


def pick_evidence(
    claim: str,
    claim_vec: np.ndarray,
    sentences: Sequence[str],
    sentence_vecs: np.ndarray,
    k: int = 2,
    max_chars: int | None = None,
    lead: bool = True,
) -> Evidence:
    """Top-k most similar sentences plus the lead (in document order) and relatedness features.

    The lead is kept because articles often state their stance up front ("Reports appear
    to have stemmed from a hoax website") in words unlike the claim's.
    """
    if not sentences:
        return Evidence("", (0.0, 0.0, 0.0))
    sims = sentence_vecs @ claim_vec
    order = np.argsort(-sims)[:k]
    chosen = set(order.tolist()) | ({0} if lead else set())
    limit = max_chars or (600 if lead else 450)
    premise = " ".join(sentences[i] for i in sorted(chosen))[:limit]
    claim_words = content_words(claim)
    body_words = set().union(*(content_words(s) for s in sentences))
    overlap = len(claim_words & body_words) / max(1, len(claim_words))
    return Evidence(premise, (float(sims[order[0]]), float(sims[order].mean()), overlap))


def relatedness(features: Sequence[float], coef: Sequence[float], intercept: float) -> float:
    """Logistic probability that the body is about the claim (coefficients from training)."""
    z = float(np.dot(np.asarray(features, dtype=np.float64), np.asarray(coef))) + intercept
    return float(1.0 / (1.0 + np.exp(-z)))


# How the article judge reads an article: "lead" = the lead + the 2 sentences most like
# the claim; "whole" = those, plus every window of the body for a late debunk.
ARTICLE_READING = "whole"

FNC_SPLIT_SEED = 13  # fixed: the dev split must never be trained on, whatever the trainer's seed


def fnc_split(body_id: str, seed: int = FNC_SPLIT_SEED, dev_fraction: float = 0.2) -> str:
    """FNC-1 train/dev assignment by Body ID (a hash, so it never depends on row order).

    Lives with the FNC mapping because the trainer, the benchmark and the quality gate
    must agree on which rows the shipped weights never saw.
    """
    digest = hashlib.sha1(f"{seed}:{body_id}".encode()).hexdigest()
    return "dev" if int(digest[:8], 16) / 0xFFFFFFFF < dev_fraction else "train"


FNC_FROM_RELATION = {"agree": "agree", "contradict": "disagree", "neutral": "discuss"}


def fnc_stance(score: RelationScore, related_probability: float, threshold: float = 0.5) -> str:
    """FNC-1 label: 'unrelated' below the relatedness threshold, else agree/disagree/discuss.

    Mapping (documented in docs/benchmarks.md): agree -> agree, contradict -> disagree,
    neutral -> discuss; relatedness comes from similarity features, not the judge.
    """
    if related_probability < threshold:
        return "unrelated"
    probs = {"agree": score.agree, "contradict": score.contradict, "neutral": score.neutral}
    return FNC_FROM_RELATION[max(probs, key=lambda k: probs[k])]


def embed_bodies(embedder: Any, bodies: dict[str, str]) -> dict[str, tuple[list[str], np.ndarray]]:
    """Split and embed every body once (bodies are shared by many claims)."""
    keys = list(bodies)
    split = {key: split_sentences(bodies[key]) or [bodies[key][:600]] for key in keys}
    flat = [s for key in keys for s in split[key]]
    vectors = embedder.encode(flat)
    out: dict[str, tuple[list[str], np.ndarray]] = {}
    start = 0
    for key in keys:
        n = len(split[key])
        out[key] = (split[key], vectors[start : start + n])
        start += n
    return out


@dataclass(frozen=True)
class ArticleVerdict:
    """How one article stands to one claim."""

    score: RelationScore  # agree / contradict / neutral, from the article model
    related: float  # probability that the article is about the claim at all
    premise: str  # the article sentences the model read

    def stance(self, threshold: float = 0.5) -> str:
        """FNC-1 style label: agree / disagree / discuss / unrelated."""
        return fnc_stance(self.score, self.related, threshold)


class ArticleJudge:
    """A claim against whole articles: relatedness, then the article (stance) model.

    Why a separate model from the statement judge: fitting article stances costs a
    small model its sentence-level skills, so each job has its own fine-tuned top
    layers (see scripts/train_relations.py).
    """

    name = "article"

    def __init__(
        self,
        weights: Any = None,
        precision: str = "auto",
        embedder: Embedder | None = None,
        read: str = ARTICLE_READING,
    ) -> None:
        from counterpoint.compare.judges.model import ARTICLE_WEIGHTS_FILE
        from counterpoint.compare.judges.trained import TrainedJudge

        if read not in ("lead", "whole"):
            raise ValueError(f"read must be 'lead' or 'whole', not {read!r}")
        self.judge = TrainedJudge(weights or ARTICLE_WEIGHTS_FILE, precision=precision)
        self.relatedness = self.judge.card["relatedness"]
        self.lead = bool(self.judge.card["hyperparameters"].get("lead", False))
        self.embedder = embedder or Embedder()
        self.read = read

    def verdicts(self, pairs: Sequence[tuple[str, str]]) -> list[ArticleVerdict]:
        """One verdict per (claim, article text) pair; each article is embedded once."""
        bodies = embed_bodies(self.embedder, {text: text for _, text in pairs})
        claims = sorted({claim for claim, _ in pairs})
        claim_vecs = dict(zip(claims, self.embedder.encode(claims), strict=True))
        evidence = [
            pick_evidence(claim, claim_vecs[claim], *bodies[text], lead=self.lead)
            for claim, text in pairs
        ]
        scores = self.judge.score(
            [(ev.premise, claim) for ev, (claim, _) in zip(evidence, pairs, strict=True)]
        )
        if self.read == "whole":
            scores = self._read_on(pairs, bodies, scores)
        rel = self.relatedness
        return [
            ArticleVerdict(
                score, relatedness(ev.features, rel["coef"], rel["intercept"]), ev.premise
            )
            for score, ev in zip(scores, evidence, strict=True)
        ]

    def _read_on(
        self,
        pairs: Sequence[tuple[str, str]],
        bodies: dict[str, tuple[list[str], np.ndarray]],
        scores: list[RelationScore],
    ) -> list[RelationScore]:
        """Read the rest of each article too: a debunk often comes late ("the photo
        turned out to be a hoax" in the last paragraph), past the lead and the
        sentences most like the claim. Every window of the body is judged; when one
        disputes the claim more than the chosen evidence does, its contradiction
        probability replaces the evidence's (agree and neutral scaled to fit)."""
        jobs = [
            (index, window)
            for index, (_, text) in enumerate(pairs)
            for window in body_windows(bodies[text][0])
        ]
        window_scores = self.judge.score([(w, pairs[i][0]) for i, w in jobs])
        strongest = [s.contradict for s in scores]
        for (index, _), window_score in zip(jobs, window_scores, strict=True):
            strongest[index] = max(strongest[index], window_score.contradict)
        return [with_contradict(s, c) for s, c in zip(scores, strongest, strict=True)]


def body_windows(sentences: Sequence[str], max_chars: int = 600) -> list[str]:
    """Consecutive runs of whole sentences, each at most max_chars, covering the body."""
    windows: list[str] = []
    current = ""
    for sentence in sentences:
        if current and len(current) + 1 + len(sentence) > max_chars:
            windows.append(current)
            current = ""
        current = f"{current} {sentence}".strip()[:max_chars]
    if current:
        windows.append(current)
    return windows


def with_contradict(score: RelationScore, contradict: float) -> RelationScore:
    """The score with a higher contradiction probability, agree and neutral scaled to fit."""
    if contradict <= score.contradict:
        return score
    rest = score.agree + score.neutral
    scale = (1.0 - contradict) / rest if rest > 0 else 0.0
    return RelationScore(
        agree=score.agree * scale, contradict=contradict, neutral=score.neutral * scale
    )
