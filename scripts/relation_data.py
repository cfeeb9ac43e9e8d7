"""Dataset readers for the relation judges' trainer and benchmark (not shipped).

Why a module of its own: the trainer (scripts/train_relations.py) and the benchmark
(benchmarks/relations.py) must read the NLI sets, FNC-1 and the evaluation splits
the same way, and none of it belongs in the installed package. Data comes only
from $COUNTERPOINT_DATA (default <repo>/../shared/data).

Held out from every training recipe (the benchmark's figures): SNLI test, MNLI
matched dev (and AdvGLUE's perturbed copy of it), ANLI, the FNC-1 dev split
(`fnc_split`), ClaimDiff. LingNLI's Baseline validation file is the calibration set.
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from counterpoint.compare.judges.document import fnc_split
from counterpoint.settings import data_dir
from counterpoint.settings import get as get_setting

NLI_LABELS = {"entailment": 0, "contradiction": 1, "neutral": 2}
NOT_ENTAILMENT = 3  # 2-way sets: contradiction or neutral, upstream did not say which
FNC_LABELS = {"agree": 0, "disagree": 1, "discuss": 2, "unrelated": 2}

# Evaluation files: never trained on by any recipe.
HELD_OUT = (
    "snli/test.jsonl",
    "mnli/dev_matched.jsonl",
    "advglue/mnli_matched.jsonl",
    "anli/R1-dev.jsonl",
    "anli/R2-dev.jsonl",
    "anli/R3-dev.jsonl",
)
CALIBRATION_NLI = "lingnli/val_Baseline_protocol.jsonl"

# (folder/file, how many pairs to sample): the cross-encoders' NLI mix, 3-way sets only.
NLI_MIX: list[tuple[str, int]] = [
    ("lingnli/train_Baseline_protocol.jsonl", 7000),
    ("lingnli/train_Ling_in_loop_protocol.jsonl", 7000),
    ("lingnli/train_Ling_on_side_protocol.jsonl", 7000),
    ("snli/dev.jsonl", 6000),
    ("mnli/dev_mismatched_hard_subset.jsonl", 4500),
    ("sick/train.jsonl", 2000),
    ("fever_symmetric/v0.2_dev.jsonl", 708),
    ("fever_symmetric/v0.2_test.jsonl", 712),
    ("climate_fever/test.jsonl", 2500),
    ("negation_nli_hossain2020/mnli_negated.jsonl", 1500),
    ("negation_nli_hossain2020/snli_negated.jsonl", 1500),
    ("dnc_function_words/negation_dev.jsonl", 591),
    ("dnc_function_words/quantification_dev.jsonl", 323),
    ("dnc_function_words/comparatives_dev.jsonl", 89),
    ("conjnli/adversarial_train_15k.jsonl", 2000),
    ("breaking_nli/test.jsonl", 1000),
]


def data_root() -> Path:
    """$COUNTERPOINT_DATA, else ../shared/data next to the repository."""
    return data_dir()


@dataclass(frozen=True)
class Pair:
    premise: str
    hypothesis: str
    label: int  # 0 agree, 1 contradict, 2 neutral, 3 not-agree (2-way sets)
    source: str


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_nli(path: Path, limit: int, rng: random.Random, two_way: bool = False) -> list[Pair]:
    """NLI pairs from a JSONL file, sampled with the seeded rng (`limit` 0 = all).

    ANLI's `context` is read as the premise; with `two_way`, 'not_entailment' rows
    are kept with the label NOT_ENTAILMENT.
    """
    labels = dict(NLI_LABELS, e=0, c=1, n=2)  # ANLI writes e / c / n
    if two_way:
        labels["not_entailment"] = NOT_ENTAILMENT
    rows = [r for r in read_jsonl(path) if r.get("label") in labels]
    rng.shuffle(rows)
    name = f"{path.parent.name}/{path.stem}"
    return [
        Pair(
            str(r.get("premise", r.get("context"))), str(r["hypothesis"]), labels[r["label"]], name
        )
        for r in (rows[:limit] if limit else rows)
    ]


def training_files(root: Path) -> list[Path]:
    """Every NLI file under root/nli except the held-out evaluation files and calibration."""
    skip = {*HELD_OUT, CALIBRATION_NLI}
    return [
        p
        for p in sorted((root / "nli").glob("*/*.jsonl"))
        if f"{p.parent.name}/{p.name}" not in skip
    ]


def all_nli(root: Path, seed: int) -> list[Pair]:
    """Everything trainable in root/nli (3-way and 2-way), in a seeded order."""
    rng = random.Random(seed)
    pairs = [p for path in training_files(root) for p in load_nli(path, 0, rng, two_way=True)]
    rng.shuffle(pairs)
    return pairs


def eval_sample(root: Path, name: str, n: int, seed: int = 0) -> list[Pair]:
    """A seeded sample of a held-out file (n = 0: all of it)."""
    return load_nli(root / "nli" / name, n, random.Random(seed))


# ----------------------------------------------------------------------------- FNC-1


def load_fnc(stances: Path, bodies: Path) -> tuple[list[dict[str, str]], dict[str, str]]:
    """FNC-1 rows (Headline, Body ID, Stance) and bodies by Body ID."""
    with stances.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with bodies.open(encoding="utf-8") as handle:
        texts = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(handle)}
    return rows, texts


def fnc_paths(root: Path) -> tuple[Path, Path]:
    """Stances/bodies CSVs: $COUNTERPOINT_FNC_STANCES / _BODIES override the shared copy."""
    stances = get_setting("COUNTERPOINT_FNC_STANCES")
    bodies = get_setting("COUNTERPOINT_FNC_BODIES")
    return (
        Path(stances) if stances else root / "claims/fnc1/stances.csv",
        Path(bodies) if bodies else root / "claims/fnc1/bodies.csv",
    )


def fnc_rows(root: Path, split: str) -> tuple[list[dict[str, str]], dict[str, str]]:
    """The shared FNC-1 file's rows of one split ('train' or 'dev') and all bodies."""
    rows, bodies = load_fnc(root / "claims/fnc1/stances.csv", root / "claims/fnc1/bodies.csv")
    return [r for r in rows if fnc_split(r["Body ID"]) == split], bodies


@dataclass(frozen=True)
class FncItem:
    headline: str
    body_id: str
    stance: str
    premise: str
    features: tuple[float, float, float]


def fnc_items(
    rows: list[dict[str, str]], bodies: dict[str, str], embedder: Any, lead: bool = False
) -> list[FncItem]:
    """Pick each headline's evidence sentences from its body (embeds every body once)."""
    from counterpoint.compare.judges.document import embed_bodies, pick_evidence

    needed = {r["Body ID"] for r in rows}
    embedded = embed_bodies(embedder, {b: bodies[b] for b in needed})
    headlines = sorted({r["Headline"] for r in rows})
    vectors = dict(zip(headlines, embedder.encode(headlines), strict=True))
    items = []
    for r in rows:
        sentences, sentence_vecs = embedded[r["Body ID"]]
        ev = pick_evidence(
            r["Headline"], vectors[r["Headline"]], sentences, sentence_vecs, lead=lead
        )
        items.append(FncItem(r["Headline"], r["Body ID"], r["Stance"], ev.premise, ev.features))
    return items


# ----------------------------------------------------------------------------- vector cache


class VectorCache:
    """Sentence vectors of the training texts on disk (one .npz per chunk), resumable.

    Why: encoding every NLI sentence with MiniLM takes most of an hour on a shared
    2-core machine; a cache lets an interrupted run resume and lets several trainings
    reuse one encoding pass.
    """

    def __init__(self, folder: Path, max_pieces: int) -> None:
        self.folder = folder
        self.max_pieces = max_pieces
        folder.mkdir(parents=True, exist_ok=True)

    def load(self) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for chunk in sorted(self.folder.glob("chunk_*.npz")):
            with np.load(chunk, allow_pickle=True) as stored:
                out.update(zip(stored["texts"].tolist(), stored["vectors"], strict=True))
        return out

    def fill(
        self,
        texts: list[str],
        chunk_size: int = 2000,
        shard: tuple[int, int] = (0, 1),
        log: Any = print,
    ) -> None:
        """Encode the texts not cached yet, in order, one chunk file at a time.

        `shard` (k, n): this process takes every n-th chunk from the k-th, so n
        processes started on the same cache split the work.
        """
        import hashlib

        from counterpoint.models import mean_pooled

        have = set(self.load())
        todo = [t for t in dict.fromkeys(texts) if t not in have]
        k, n_shards = shard
        for n, first in enumerate(range(0, len(todo), chunk_size)):
            if n % n_shards != k:
                continue
            part = todo[first : first + chunk_size]
            vectors = mean_pooled(part, self.max_pieces).astype(np.float16)
            name = hashlib.sha1(part[0].encode()).hexdigest()[:12]
            np.savez(
                self.folder / f"chunk_{name}.npz",
                texts=np.array(part, dtype=object),
                vectors=vectors,
            )
            log(f"cached {first + len(part)}/{len(todo)} sentences")


# ----------------------------------------------------------------------------- first build

# The NLI mix the shipped cross-encoders were fine-tuned on (before SNLI test and MNLI
# matched dev were held out): kept only to find the evaluation rows they saw.
FIRST_BUILD_MIX: list[tuple[str, int]] = [
    ("lingnli/train_Baseline_protocol.jsonl", 7000),
    ("lingnli/train_Ling_in_loop_protocol.jsonl", 7000),
    ("lingnli/train_Ling_on_side_protocol.jsonl", 7000),
    ("snli/dev.jsonl", 3000),
    ("snli/test.jsonl", 3000),
    ("mnli/dev_matched.jsonl", 5000),
    ("sick/train.jsonl", 2000),
    ("fever_symmetric/v0.2_dev.jsonl", 708),
    ("fever_symmetric/v0.2_test.jsonl", 712),
    ("climate_fever/test.jsonl", 2500),
    ("negation_nli_hossain2020/mnli_negated.jsonl", 1500),
    ("negation_nli_hossain2020/snli_negated.jsonl", 1500),
    ("dnc_function_words/negation_dev.jsonl", 591),
    ("dnc_function_words/quantification_dev.jsonl", 323),
    ("dnc_function_words/comparatives_dev.jsonl", 89),
    ("conjnli/adversarial_train_15k.jsonl", 2000),
    ("breaking_nli/test.jsonl", 1000),
]
# (seed, NLI scale) of each training stage (the article model's one stage = the first)
FIRST_BUILD_STAGES = ((13, 0.2), (14, 0.12))


def first_build_seen(root: Path) -> set[tuple[str, str]]:
    """(premise, hypothesis) pairs the shipped cross-encoders were trained on.

    Replays the first build's seeded sampling: the trainer shuffled the FNC-1
    unrelated pairs with the same rng before drawing the NLI sample, so the replay
    shuffles a list of the same length first.
    """
    rows, _ = fnc_rows(root, "train")
    calib = {b for b in {r["Body ID"] for r in rows} if fnc_split(b, 14, 0.1) == "dev"}
    n_unrelated = sum(r["Stance"] == "unrelated" and r["Body ID"] not in calib for r in rows)
    seen: set[tuple[str, str]] = set()
    for seed, scale in FIRST_BUILD_STAGES:
        rng = random.Random(seed)
        rng.shuffle(list(range(n_unrelated)))
        for name, quota in FIRST_BUILD_MIX:
            for p in load_nli(root / "nli" / name, int(quota * scale), rng):
                seen.add((p.premise, p.hypothesis))
    return seen


def held_out_sample(root: Path, name: str, n: int, seed: int = 0) -> list[Pair]:
    """A seeded sample of a held-out file, minus the rows the shipped cross-encoders saw."""
    seen = first_build_seen(root)
    rows = [p for p in eval_sample(root, name, 0, seed) if (p.premise, p.hypothesis) not in seen]
    return rows[:n] if n else rows
